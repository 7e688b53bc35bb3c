"""Translated news: articles, topics and the topic filter in another language."""

from bs4 import BeautifulSoup
from wagtail.models import Locale, Site
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from .factories import make_articles


def _translate(capture, instance, locale, strings=None):
    """Translate with wagtail-localize as an editor would, then publish.

    wagtail-localize publishes pages after the transaction commits; `capture`
    (pytest-django's django_capture_on_commit_callbacks) runs that step.
    """
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    for original, translated in (strings or {}).items():
        string = source.stringsegment_set.get(string__data=original).string
        context = source.stringsegment_set.get(string__data=original).context
        StringTranslation.objects.create(
            translation_of=string, locale=locale, context=context, data=translated
        )
    translation = Translation.objects.create(source=source, target_locale=locale)
    with capture(execute=True):
        translation.save_target(publish=True)
    return instance.get_translation(locale)


def test_translated_article_keeps_its_topic_and_the_filter_works(
    client, home_page, news_index, podcast_topic, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    english = Locale.objects.get_or_create(language_code="en")[0]
    article = make_articles(news_index, 1, topic=podcast_topic, images=False)[0]

    topic_en = _translate(capture, podcast_topic, english, {"Podcast": "Podcast (EN)"})
    assert topic_en.slug == "podcast"
    _translate(capture, home_page, english)
    index_en = _translate(capture, news_index, english)
    article_en = _translate(capture, article, english)

    assert article_en.live
    assert article_en.topics == [topic_en]
    Site.clear_site_root_paths_cache()
    response = client.get("/en/aktuelles/?thema=podcast")
    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert soup.html["lang"] == "en"
    assert [a["href"] for a in soup.select(".news-list h2 a")] == [article_en.url]
    assert soup.select_one(".topic-filter a[aria-current]").get_text(strip=True) == "Podcast (EN)"
    assert index_en.get_url().startswith("/en/")

    import xml.etree.ElementTree as ET

    feed = ET.fromstring(client.get("/en/aktuelles/thema/podcast/feed/rss/").content)  # noqa: S314 - our own feed
    assert feed.findtext("channel/language") == "en"
    assert [item.findtext("link") for item in feed.iter("item")] == ["http://testserver" + article_en.url]
    assert [item.findtext("category") for item in feed.iter("item")] == ["Podcast (EN)"]
