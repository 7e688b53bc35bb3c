"""Machine translation as an aid for editors: DeepL and LibreTranslate.

Both follow wagtail-localize's machine-translator interface
(`translate(source_locale, target_locale, strings) -> {string: StringValue}`)
and appear as "Maschinell übersetzen" in its translation editor. Off unless
configured through the environment (see settings: MACHINE_TRANSLATION).
Every string they produce is recorded as machine-translated; the page then
carries a "maschinell übersetzt" notice until an editor marks it reviewed.
"""

import requests
from wagtail_localize.machine_translators.deepl import DeepLTranslator as LocalizeDeepLTranslator
from wagtail_localize.machine_translators.libretranslate import LibreTranslator as LocalizeLibreTranslator
from wagtail_localize.strings import StringValue


class DeepLTranslator(LocalizeDeepLTranslator):
    """DeepL API v2 /translate (https://developers.deepl.com/docs/api-reference/translate).

    Sends a JSON body with the key in the Authorization header, names a
    regional variant where DeepL requires one (EN → EN-GB, PT → PT-PT) and
    fails loudly on an HTTP error instead of reading an error body as text.
    """

    display_name = "DeepL"
    TARGET_VARIANTS = {"EN": "EN-GB", "PT": "PT-PT"}

    def get_parameters(self, source_locale, target_locale, strings):
        parameters = super().get_parameters(source_locale, target_locale, strings)
        target = parameters["target_lang"]
        parameters["target_lang"] = self.TARGET_VARIANTS.get(target, target)
        return parameters

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        if not strings:
            return {}
        response = requests.post(
            self.get_api_endpoint(),
            json=self.get_parameters(source_locale, target_locale, strings),
            headers=self.get_headers(),
            timeout=int(self.options.get("TIMEOUT", 30)),
        )
        response.raise_for_status()
        translations = response.json()["translations"]
        return {
            string: StringValue(translation["text"])
            for string, translation in zip(strings, translations, strict=True)
        }


class LibreTranslator(LocalizeLibreTranslator):
    """LibreTranslate POST /translate (https://docs.libretranslate.com/).

    The API key is optional (a self-hosted instance needs none); HTML is
    sent as such so rich-text markup survives.
    """

    display_name = "LibreTranslate"

    def translate(self, source_locale, target_locale, strings):
        strings = list(strings)
        if not strings:
            return {}
        payload = {
            "q": [string.data for string in strings],
            "source": self.language_code(source_locale.language_code),
            "target": self.language_code(target_locale.language_code),
            "format": "html",
        }
        if self.options.get("API_KEY"):
            payload["api_key"] = self.options["API_KEY"]
        response = requests.post(
            self.get_api_endpoint().rstrip("/") + "/translate",
            json=payload,
            timeout=int(self.options.get("TIMEOUT", 10)),
        )
        response.raise_for_status()
        translated = response.json()["translatedText"]
        return {string: StringValue(text) for string, text in zip(strings, translated, strict=True)}
