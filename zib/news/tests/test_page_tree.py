"""Where news pages may live, and the rules editors cannot break."""

from wagtail.models import Page

from zib.home.models import HomePage
from zib.news.models import NewsArticlePage, NewsIndexPage
from zib.pages.models import ContentPage

from .factories import NewsArticlePageFactory


def test_index_lives_once_below_the_start_page(home_page, news_index):
    assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
    # One "Aktuelles" per start page (language): a second cannot be added.
    assert not NewsIndexPage.can_create_at(home_page)
    assert NewsIndexPage.allowed_subpage_models() == [NewsArticlePage]


def test_articles_only_below_the_news_index(home_page, news_index):
    assert NewsArticlePage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsArticlePage.can_create_at(news_index)
    assert not NewsArticlePage.can_create_at(home_page)
    assert NewsArticlePage.allowed_subpage_models() == []
    content = home_page.add_child(instance=ContentPage(title="Über uns", slug="ueber-uns"))
    assert not NewsArticlePage.can_create_at(content)


def test_article_date_defaults_to_today_and_orders_the_index(news_index):
    from django.utils import timezone

    assert NewsArticlePage().date == timezone.localdate()
    older = NewsArticlePageFactory(parent=news_index, date=timezone.localdate().replace(year=2020))
    newer = NewsArticlePageFactory(parent=news_index)
    assert list(news_index.published_articles()) == [newer, older]


def test_news_pages_are_routable_under_the_language_prefix(client, news_index):
    article = NewsArticlePageFactory(parent=news_index, slug="hallo")
    assert article.url == "/de/aktuelles/hallo/"
    assert client.get("/de/aktuelles/").status_code == 200
    assert client.get("/de/aktuelles/hallo/").status_code == 200
    assert Page.objects.get(pk=article.pk).specific.get_parent().specific == news_index
