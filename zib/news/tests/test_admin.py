"""Editors create, edit and preview news in the Wagtail admin without a developer."""

import datetime
from unittest import mock

from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from zib.home.models import HomePage
from zib.news.models import NewsArticlePage, NewsIndexPage

from .factories import (
    CreditedImageFactory,
    NewsArticleImageFactory,
    NewsArticlePageFactory,
    NewsIndexPageFactory,
    PersonFactory,
    TopicFactory,
)


class NewsAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        Locale.objects.get_or_create(language_code="de")
        root = Page.get_first_root_node()
        cls.home = root.add_child(instance=HomePage(title="ZIB", slug="start"))
        Site.objects.all().delete()
        Site.objects.create(hostname="testserver", port=80, root_page=cls.home, is_default_site=True)
        cls.index = NewsIndexPageFactory(parent=cls.home)
        cls.author = PersonFactory(name="Sandra Beispiel-Schmitt", initials="sbs")
        cls.topic = TopicFactory(name="Podcast", slug="podcast")
        cls.image = CreditedImageFactory()

    def setUp(self):
        self.user = self.create_superuser("redaktion")
        # The first backend (django-axes) only throttles; sessions use ModelBackend.
        self.client.force_login(self.user, backend="django.contrib.auth.backends.ModelBackend")

    def _form_data(self, **fields):
        """What the article form posts (StreamField data comes from Wagtail's form helpers)."""
        return nested_form_data(
            {
                "title": "Praktikum beim ZIB",
                "slug": "praktikum-beim-zib",
                "series": "Das Team des ZIB",
                "teaser": "Adèle Robart beginnt ihr Praktikum.",
                "date": "2021-05-03",
                "author": self.author.pk,
                "introduces": "",
                "gallery_images": inline_formset([{"image": self.image.pk}]),
                "article_topics": inline_formset([{"topic": self.topic.pk}]),
                "article_partners": inline_formset([]),
                "body": streamfield(
                    [
                        ("paragraph", rich_text("<p>Den Anfang macht Adèle Robart.</p>")),
                        (
                            "more_box",
                            {
                                "heading": "MEHR ZUM TEAM",
                                "text": "Das Zuwanderungs- und Integrationsbüro wurde 2003 eingerichtet.",
                                "page": self.home.pk,
                                "url": "",
                                "link_label": "Hier geht's zum Team des ZIB",
                            },
                        ),
                    ]
                ),
                **fields,
            }
        )

    def test_editor_creates_an_article_with_images_topics_and_a_more_box(self):
        self.assertCanCreateAt(NewsIndexPage, NewsArticlePage)
        self.assertCanNotCreateAt(HomePage, NewsArticlePage)
        self.assertCanCreate(self.index, NewsArticlePage, self._form_data())
        article = NewsArticlePage.objects.get(slug="praktikum-beim-zib")
        assert article.date == datetime.date(2021, 5, 3)
        assert article.images == [self.image]
        assert article.topics == [self.topic]
        assert [block.block_type for block in article.body] == ["paragraph", "more_box"]

    # Wagtail's helpers log in with the first backend, which here is django-axes.
    @mock.patch("wagtail.test.utils.page_tests.AUTH_BACKEND", "django.contrib.auth.backends.ModelBackend")
    def test_edit_view_and_preview_work(self):
        article = NewsArticlePageFactory(parent=self.index, author=self.author, body__0="paragraph")
        NewsArticleImageFactory(page=article, image=self.image)
        data = self._form_data(title=article.title, slug=article.slug)
        self.assertPageIsEditable(article, post_data=data, user=self.user)
        self.assertPageIsPreviewable(article, post_data=data, user=self.user)
        self.assertPageIsRenderable(self.index)
        self.assertPageIsPreviewable(self.index, user=self.user)

    def test_topics_have_an_admin_listing_with_filters(self):
        response = self.client.get("/admin/snippets/news/topic/")
        assert response.status_code == 200
        assert "Podcast" in response.content.decode()

    def test_new_article_defaults_to_today(self):
        response = self.client.get(f"/admin/pages/add/news/newsarticlepage/{self.index.pk}/")
        assert response.status_code == 200
        assert f'value="{timezone.localdate().isoformat()}"' in response.content.decode()

    def test_preview_of_a_new_unsaved_article(self):
        from django.urls import reverse

        url = reverse("wagtailadmin_pages:preview_on_add", args=("news", "newsarticlepage", self.index.pk))
        response = self.client.post(url, data=self._form_data(slug="neu"))
        assert response.json() == {"is_valid": True, "is_available": True}
        response = self.client.get(url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one("aside.more-box h2").get_text() == "MEHR ZUM TEAM"
        assert soup.select_one(".byline").get_text().startswith("(sbs)")
