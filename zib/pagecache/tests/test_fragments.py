"""{% fragment %}: shared pieces of pages rendered once per generation, never stale, never with a token."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation

from zib.pagecache import services

pytestmark = pytest.mark.usefixtures("no_page_cache")

COUNTER = Template('{% load fragments %}{% fragment "counter" key %}{{ counter.next }}{% endfragment %}')


class Counter:
    def __init__(self):
        self.calls = 0

    def next(self):
        self.calls += 1
        return self.calls


def render(template, request, **context):
    return template.render(Context({"request": request, **context}))


@pytest.fixture
def request_():
    return RequestFactory().get("/de/")


def test_a_fragment_is_rendered_once_per_generation(request_):
    counter = Counter()
    assert render(COUNTER, request_, counter=counter, key=1) == "1"
    assert render(COUNTER, request_, counter=counter, key=1) == "1"
    assert render(COUNTER, request_, counter=counter, key=2) == "2"
    services.invalidate()
    assert render(COUNTER, request_, counter=counter, key=1) == "3"


def test_a_fragment_is_kept_per_language(request_):
    counter = Counter()
    with translation.override("de"):
        assert render(COUNTER, request_, counter=counter, key=1) == "1"
    with translation.override("ar"):
        assert render(COUNTER, request_, counter=counter, key=1) == "2"


def test_previews_and_posts_are_always_rendered(request_):
    counter = Counter()
    request_.is_preview = True
    assert render(COUNTER, request_, counter=counter, key=1) == "1"
    assert render(COUNTER, request_, counter=counter, key=1) == "2"
    post = RequestFactory().post("/de/")
    assert render(COUNTER, post, counter=counter, key=1) == "3"
    assert render(COUNTER, post, counter=counter, key=1) == "4"


def test_a_fragment_with_a_csrf_token_is_not_kept():
    from django.middleware.csrf import _unmask_cipher_token
    from django.template.context_processors import csrf

    template = Template('{% load fragments %}{% fragment "form" %}{% csrf_token %}{% endfragment %}')
    first_request, second_request = RequestFactory().get("/de/"), RequestFactory().get("/de/")
    first = render(template, first_request, **csrf(first_request))
    second = render(template, second_request, **csrf(second_request))

    def secret(html):
        return _unmask_cipher_token(html.split('value="')[1].split('"')[0])

    assert secret(first) == first_request.META["CSRF_COOKIE"]
    assert secret(second) == second_request.META["CSRF_COOKIE"] != first_request.META["CSRF_COOKIE"]


def test_a_fragment_needs_a_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load fragments %}{% fragment %}x{% endfragment %}")


def test_the_footer_follows_a_changed_setting_without_the_page_cache(client, home_page):
    from zib.pages.models import OfficeSettings

    office = OfficeSettings.load()
    office.office_name = "Zuwanderungs- und Integrationsbüro"
    office.save()
    assert "Zuwanderungs- und Integrationsbüro" in client.get("/de/").content.decode()
    office.office_name = "Büro für Zuwanderung"
    office.save()
    footer = client.get("/de/").content.decode().split('<footer class="site-footer">')[1]
    assert "Büro für Zuwanderung" in footer


def test_a_teaser_follows_a_published_change_without_the_page_cache(client, home_page):
    from zib.news.tests.factories import NewsArticlePageFactory, NewsIndexPageFactory

    index = NewsIndexPageFactory(parent=home_page)
    article = NewsArticlePageFactory(parent=index, title="Alte Überschrift")
    assert "Alte Überschrift" in client.get(index.url).content.decode()
    article.title = "Neue Überschrift"
    article.save_revision().publish()
    html = client.get(index.url).content.decode()
    assert "Neue Überschrift" in html and "Alte Überschrift" not in html


def test_the_main_navigation_marks_the_current_page_on_each_page(client, home_page):
    from bs4 import BeautifulSoup

    from zib.pages.models import NavigationItem, OfficeSettings
    from zib.pages.tests.factories import ContentPageFactory

    office = OfficeSettings.load()
    about = ContentPageFactory(parent=home_page, title="Über das ZIB", slug="ueber")
    team = ContentPageFactory(parent=home_page, title="Team", slug="team")
    for n, page in enumerate((about, team)):
        NavigationItem.objects.create(settings=office, page=page, sort_order=n)
    for page in (about, team, about):
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        current = soup.select('nav.main-nav a[aria-current="page"]')
        assert [a.get_text(strip=True) for a in current] == [page.title]


def test_breadcrumbs_are_per_page_and_follow_a_renamed_ancestor(client, home_page):
    from bs4 import BeautifulSoup

    from zib.pages.tests.factories import ContentPageFactory

    about = ContentPageFactory(parent=home_page, title="Über das ZIB", slug="ueber")
    tasks = ContentPageFactory(parent=about, title="Aufgaben", slug="aufgaben")
    strategy = ContentPageFactory(parent=about, title="Strategie", slug="strategie")

    def trail(page):
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        return [item.get_text(strip=True) for item in soup.select("nav.breadcrumbs li")]

    assert trail(tasks) == ["Startseite", "Über das ZIB", "Aufgaben"]
    assert trail(strategy) == ["Startseite", "Über das ZIB", "Strategie"]
    about.title = "Das ZIB"
    about.save_revision().publish()
    assert trail(tasks) == ["Startseite", "Das ZIB", "Aufgaben"]


def test_gallery_images_follow_an_edited_credit(client, home_page):
    from zib.images.tests.factories import CustomImageFactory
    from zib.pages.tests.factories import ContentPageFactory

    first, second = CustomImageFactory(credit="Sandra Steinmetz"), CustomImageFactory(credit="Privat")
    page = ContentPageFactory(
        parent=home_page,
        body__0__gallery__images__0__image=first,
        body__0__gallery__images__1__image=second,
    )
    assert "Bild: Sandra Steinmetz" in client.get(page.url).content.decode()
    first.credit = "Christian Bart"
    first.save()
    html = client.get(page.url).content.decode()
    assert "Bild: Christian Bart" in html and "Sandra Steinmetz" not in html and "Bild: Privat" in html


def test_a_kept_fragment_loses_the_templates_indentation_but_not_pre_or_textarea(request_):
    indented = Template(
        '{% load fragments %}{% fragment "indented" key %}'
        "<ul>\n    <li>\n        {{ text }}\n    </li>\n\n</ul>{% endfragment %}"
    )
    assert render(indented, request_, key=1, text="Eins") == "<ul>\n<li>\nEins\n</li>\n</ul>"
    assert render(indented, request_, key=1, text="anders") == "<ul>\n<li>\nEins\n</li>\n</ul>"
    pre = Template('{% load fragments %}{% fragment "pre" %}<pre>\n    a\n        b</pre>{% endfragment %}')
    assert render(pre, request_) == "<pre>\n    a\n        b</pre>"
    textarea = Template('{% load fragments %}{% fragment "ta" %}<textarea>\n  x</textarea>{% endfragment %}')
    assert render(textarea, request_) == "<textarea>\n  x</textarea>"


def test_a_list_of_cards_is_one_fragment_keyed_by_what_it_lists(request_):
    class Item:
        def __init__(self, pk):
            self.pk = pk

    counter = Counter()
    listing = Template(
        '{% load fragments %}{% fragment "list" items|pks %}'
        "{{ counter.next }}:{{ items|pks }}{% endfragment %}"
    )
    first = [Item(3), Item(1), Item(2)]
    assert render(listing, request_, counter=counter, items=first) == "1:3,1,2"
    assert render(listing, request_, counter=counter, items=[Item(3), Item(1), Item(2)]) == "1:3,1,2"
    # Another order or another item is another list.
    assert render(listing, request_, counter=counter, items=[Item(1), Item(3), Item(2)]) == "2:1,3,2"
    assert render(listing, request_, counter=counter, items=[Item(3), Item(1)]) == "3:3,1"
