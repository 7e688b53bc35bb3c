"""Scheduled publishing: an article stays invisible until its time has come."""

import datetime

from django.core.management import call_command
from django.utils import timezone

from zib.news.models import NewsArticlePage

from .factories import NewsArticlePageFactory


def _schedule(news_index, title, go_live_at):
    """An editor writes an article and publishes it with a go-live date, as in the admin."""
    article = NewsArticlePageFactory(parent=news_index, title=title, live=False, first_published_at=None)
    article.go_live_at = go_live_at
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def _visible_everywhere(client, title):
    index = client.get("/de/aktuelles/").content.decode()
    home = client.get("/de/").content.decode()
    rss = client.get("/de/aktuelles/feed/rss/").content.decode()
    atom = client.get("/de/aktuelles/feed/atom/").content.decode()
    return [title in index, title in home, title in rss, title in atom]


def test_scheduled_article_is_invisible_until_due(client, news_index):
    article = _schedule(news_index, "Geplante Meldung", timezone.now() + datetime.timedelta(hours=3))
    assert not article.live
    assert _visible_everywhere(client, "Geplante Meldung") == [False] * 4
    assert client.get(f"/de/aktuelles/{article.slug}/").status_code == 404

    # Time passes: the revision becomes due and the scheduler publishes it.
    revision = article.latest_revision
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    NewsArticlePage.objects.filter(pk=article.pk).update(go_live_at=past)
    call_command("publish_scheduled")

    article.refresh_from_db()
    assert article.live
    assert _visible_everywhere(client, "Geplante Meldung") == [True] * 4


def test_live_page_with_future_go_live_is_still_held_back(client, news_index):
    # Between two runs of publish_scheduled the date check keeps the article out.
    NewsArticlePageFactory(
        parent=news_index, title="Zu frueh", go_live_at=timezone.now() + datetime.timedelta(days=1)
    )
    assert _visible_everywhere(client, "Zu frueh") == [False] * 4


def test_expired_article_disappears(client, news_index):
    NewsArticlePageFactory(
        parent=news_index, title="Vorbei", expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert _visible_everywhere(client, "Vorbei") == [False] * 4
