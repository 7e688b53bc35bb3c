"""Machine translation: DeepL and LibreTranslate as documented, and the "maschinell übersetzt" notice."""

import pytest
import requests
from bs4 import BeautifulSoup
from wagtail_localize.strings import StringValue

from zib.languages.machine_translation import DeepLTranslator, LibreTranslator

from .factories import locale, translate


class FakeResponse:
    def __init__(self, payload, status=200):
        self.payload = payload
        self.status_code = status

    def json(self):
        return self.payload

    def raise_for_status(self):
        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code}")


@pytest.fixture
def post(monkeypatch):
    """Replaces requests.post; records each call and answers with the queued response."""
    calls = []
    responses = []

    def fake_post(url, **kwargs):
        calls.append({"url": url, **kwargs})
        return responses.pop(0)

    monkeypatch.setattr("zib.languages.machine_translation.requests.post", fake_post)
    fake_post.calls = calls
    fake_post.responses = responses
    return fake_post


STRINGS = [StringValue("Das ZIB berät Zugewanderte."), StringValue("<b>Sprechzeiten</b> am Montag")]


@pytest.mark.django_db
class TestDeepL:
    def test_request_and_response_as_documented(self, post):
        post.responses.append(
            FakeResponse(
                {
                    "translations": [
                        {"detected_source_language": "DE", "text": "The ZIB advises immigrants."},
                        {"detected_source_language": "DE", "text": "<b>Office hours</b> on Monday"},
                    ]
                }
            )
        )
        translator = DeepLTranslator({"AUTH_KEY": "key-123:fx", "FORMALITY": "prefer_more"})
        result = translator.translate(locale("de"), locale("en"), STRINGS)
        call = post.calls[0]
        assert call["url"] == "https://api-free.deepl.com/v2/translate"  # ":fx" keys use the free API
        assert call["headers"] == {"Authorization": "DeepL-Auth-Key key-123:fx"}
        assert call["json"]["text"] == [s.data for s in STRINGS]
        assert call["json"]["source_lang"] == "DE"
        assert call["json"]["target_lang"] == "EN-GB"  # DeepL wants a variant for English
        assert call["json"]["tag_handling"] == "xml"
        assert call["json"]["formality"] == "prefer_more"
        assert result[STRINGS[1]].data == "<b>Office hours</b> on Monday"

    def test_pro_endpoint_and_arabic(self, post):
        post.responses.append(FakeResponse({"translations": [{"text": "يقدّم المكتب المشورة."}]}))
        DeepLTranslator({"AUTH_KEY": "pro-key"}).translate(locale("de"), locale("ar"), STRINGS[:1])
        assert post.calls[0]["url"] == "https://api.deepl.com/v2/translate"
        assert post.calls[0]["json"]["target_lang"] == "AR"

    def test_http_error_is_not_taken_for_a_translation(self, post):
        post.responses.append(FakeResponse({"message": "Quota exceeded"}, status=456))
        with pytest.raises(requests.HTTPError):
            DeepLTranslator({"AUTH_KEY": "k"}).translate(locale("de"), locale("uk"), STRINGS)


@pytest.mark.django_db
class TestLibreTranslate:
    def test_request_and_response_as_documented(self, post):
        post.responses.append(
            FakeResponse({"translatedText": ["ZIB консультує.", "<b>Години</b> у понеділок"]})
        )
        translator = LibreTranslator(
            {"LIBRETRANSLATE_URL": "https://translate.example.org/", "API_KEY": "abc"}
        )
        result = translator.translate(locale("de"), locale("uk"), STRINGS)
        call = post.calls[0]
        assert call["url"] == "https://translate.example.org/translate"
        assert call["json"] == {
            "q": [s.data for s in STRINGS],
            "source": "de",
            "target": "uk",
            "format": "html",
            "api_key": "abc",
        }
        assert result[STRINGS[0]].data == "ZIB консультує."

    def test_self_hosted_without_key(self, post):
        post.responses.append(FakeResponse({"translatedText": ["x"]}))
        LibreTranslator({"LIBRETRANSLATE_URL": "http://localhost:5000"}).translate(
            locale("de"), locale("fa"), STRINGS[:1]
        )
        assert "api_key" not in post.calls[0]["json"]

    def test_http_error(self, post):
        post.responses.append(FakeResponse({"error": "Invalid API key"}, status=403))
        with pytest.raises(requests.HTTPError):
            LibreTranslator({"LIBRETRANSLATE_URL": "http://lt"}).translate(
                locale("de"), locale("ar"), STRINGS
            )


def test_off_by_default():
    from wagtail_localize.machine_translators import get_machine_translator

    assert get_machine_translator() is None


@pytest.mark.django_db
class TestMachineTranslatedNotice:
    def notice(self, client, url):
        element = BeautifulSoup(client.get(url).content, "html.parser").find(class_="language-notice")
        return element.get_text(" ", strip=True) if element else ""

    def test_shown_until_an_editor_marks_it_reviewed(self, client, django_user_model, about_page):
        translate(about_page, "en", machine=True)
        assert "machine-translated" in self.notice(client, "/en/ueber-uns/")
        editor = django_user_model.objects.create_superuser("redaktion", "r@example.org", "geheim-123")
        client.force_login(editor)
        html = BeautifulSoup(
            client.get("/admin/uebersetzungen/?sprache=en&stand=machine").content, "html.parser"
        )
        form = html.find("form", action=lambda a: a and "/admin/uebersetzungen/geprueft/" in a)
        assert form is not None
        response = client.post(form["action"], {"next": "/admin/uebersetzungen/"})
        assert response.status_code == 302
        client.logout()
        assert self.notice(client, "/en/ueber-uns/") == ""

    def test_a_person_s_translation_has_no_such_notice(self, client, about_page):
        translate(about_page, "en")
        assert self.notice(client, "/en/ueber-uns/") == ""

    def test_marking_reviewed_needs_permission_and_post(self, client, django_user_model, about_page):
        from zib.languages.models import TranslationStatus

        translate(about_page, "en", machine=True)
        status = TranslationStatus.objects.get(machine_translated=True)
        url = f"/admin/uebersetzungen/geprueft/{status.pk}/"
        admin = django_user_model.objects.create_superuser("a", "a@example.org", "geheim-123")
        client.force_login(admin)
        assert client.get(url).status_code == 405
        # Editors without the permission to translate cannot vouch for a translation.
        from django.contrib.auth.models import Group, Permission

        editors = Group.objects.create(name="Redaktion ohne Übersetzung")
        editors.permissions.add(Permission.objects.get(codename="access_admin"))
        editor = django_user_model.objects.create_user("e", "e@example.org", "geheim-123")
        editor.groups.add(editors)
        client.force_login(editor)
        response = client.post(url)
        assert response.status_code in (302, 403)  # Wagtail turns "permission denied" into a redirect
        assert response.get("Location", "") != "/admin/uebersetzungen/"
        status.refresh_from_db()
        assert status.machine_translated
