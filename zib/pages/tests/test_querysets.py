"""SitePageQuerySet.public(): Wagtail's rule, without a query per call."""

import pytest
from wagtail.models import Page, PageViewRestriction

from zib.news.models import NewsArticlePage
from zib.news.tests.factories import NewsArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def test_public_leaves_out_restricted_sections_and_follows_new_restrictions(
    home_page, django_assert_num_queries
):
    open_index = NewsIndexPageFactory(parent=home_page, slug="aktuelles")
    visible = NewsArticlePageFactory(parent=open_index, title="Öffentlich")
    hidden = NewsArticlePageFactory(parent=open_index, title="Nur für das Team")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)

    public = set(NewsArticlePage.objects.public().values_list("pk", flat=True))
    assert public == {visible.pk}
    # The same as Wagtail's own rule (Page.objects keeps Wagtail's queryset).
    assert public == set(Page.objects.type(NewsArticlePage).public().values_list("pk", flat=True))

    with django_assert_num_queries(1):  # the restricted paths are remembered: only the listing itself
        list(NewsArticlePage.objects.public())

    PageViewRestriction.objects.create(page=open_index, restriction_type=PageViewRestriction.LOGIN)
    assert not NewsArticlePage.objects.public().exists()


def test_without_restrictions_nothing_is_private(home_page):
    index = NewsIndexPageFactory(parent=home_page, slug="aktuelles")
    article = NewsArticlePageFactory(parent=index)
    assert list(NewsArticlePage.objects.public().values_list("pk", flat=True)) == [article.pk]


def test_content_page_lists_public_subpages_without_loading_restrictions(client, home_page, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zib.pages.tests.factories import ContentPageFactory

    settings.PAGE_CACHE_ENABLED = False
    about = ContentPageFactory(parent=home_page, title="Über das ZIB", slug="ueber")
    ContentPageFactory(parent=about, title="Strategie", slug="strategie")
    internal = ContentPageFactory(parent=about, title="Intern", slug="intern")
    PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)

    client.get(about.url)
    with CaptureQueriesContext(connection) as context:
        html = client.get(about.url).content.decode()
    assert "Strategie" in html and "Intern" not in html
    assert not [q for q in context.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]]
