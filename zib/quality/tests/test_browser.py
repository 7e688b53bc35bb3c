"""Every public page type in a real browser: accessibility, privacy, CSP, keyboard.

Headless Chromium (Debian's package) visits the demo site served by the live
server: one page of every page type, the HTML views of the URL
configuration, search results, every form in its error state, an Arabic
(right-to-left) page, and one page of every address shape linked from
those. New features are covered as soon as they have demo content or URLs.
One visit records everything; each test below asserts one gate on it.
"""

from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import Client

from .browser import (
    MAX_PAGES,
    Visitor,
    keyboard_walk,
    shape,
    submit_first_post_form_empty,
)
from .public_urls import page_types_with_pages, page_urls, pattern_urls

# One visit of the site serves all tests here: keep them in one process under
# pytest-xdist. serialized_rollback restores Wagtail's initial rows (root page,
# default site, locale) after the flush, for the transactional tests that follow.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.xdist_group("quality-browser"),
]

ADMIN_PASSWORD = "browser-test-passwort-1"


def _html_addresses(paths):
    """Addresses whose plain GET is a 200 HTML page (checked in-process, cheaply)."""
    client = Client()
    found = []
    for path in paths:
        response = client.get(path)
        if (
            response.status_code == 200
            and not response.streaming
            and "html" in response.get("Content-Type", "")
        ):
            found.append(path)
    return found


def _sign_in_paths():
    """Wagtail's sign-in form for pages restricted to logged-in users, in every language."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils.translation import override

    paths = []
    for code, _name in settings.LANGUAGES:
        with override(code):
            paths.append(reverse("wagtailcore_login"))
    return paths


def _seed_addresses():
    seeds = [page.get_url() for page in page_types_with_pages().values()]
    one_per_label = {}
    for url in page_urls() + pattern_urls():
        one_per_label.setdefault(url.label, url)
    seeds += _html_addresses(url.path for url in one_per_label.values())
    seeds += ["/de/suche/?q=Integration", "/ar/"]
    return list(dict.fromkeys(path for path in seeds if path and path.startswith("/")))


def _crawl(visitor, seeds):
    """Visit the seeds, then one page of every new address shape they link to."""
    seen_shapes = set()
    queue = list(seeds)
    for path in seeds:
        seen_shapes.add(shape(urlsplit(path).path))
    visited = []
    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        if path in visitor.records:
            continue
        record = visitor.visit(path)
        visited.append(path)
        for link in visitor.internal_paths(record):
            link_path = urlsplit(link).path
            if link_path.startswith(("/admin/", "/static/", "/media/", "/documents/")):
                continue
            if shape(link_path) not in seen_shapes:
                seen_shapes.add(shape(link_path))
                queue.extend(_html_addresses([link]))  # no downloads (.ics, .pdf, feeds)
    # Every form once in its error state (sent empty).
    for path in visited:
        if visitor.records[path].has_post_form:
            visitor.visit(path, action=submit_first_post_form_empty)
    return visited


def _keyboard_record(context, base_url, form_path):
    page = context.new_page()
    page.goto(base_url + "/de/", wait_until="load")
    home_walk = keyboard_walk(page)
    # The skip link leads into the main content.
    page.goto(base_url + "/de/", wait_until="load")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    skip_target = page.evaluate("() => !!document.activeElement.closest('main')")
    # Searching with the keyboard alone.
    page.goto(base_url + "/de/", wait_until="load")
    for _step in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('input[type=search], input[name=q]')"):
            break
    page.keyboard.type("Integration")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    search_url = page.url
    form_walk = []
    if form_path:
        page.goto(base_url + form_path, wait_until="load")
        form_walk = keyboard_walk(page, steps=80)
    page.close()
    return {
        "home": home_walk,
        "skip_target_in_main": skip_target,
        "search_url": search_url,
        "form_path": form_path,
        "form": form_walk,
    }


def _admin_record(browser, base_url, page_id):
    """Console errors of the admin and of a public page with the editors' toolbar."""
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    visitor = Visitor(context, base_url)
    page = context.new_page()
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", "redaktion")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.close()
    for path in (
        "/admin/",
        f"/admin/pages/{page_id}/",
        "/admin/images/",
        "/admin/snippets/",
        "/admin/two-factor/",
    ):
        visitor.visit(path, run_axe=False)

    def open_preview(page):
        page.click("[data-side-panel-toggle='preview']")
        page.wait_for_timeout(2000)

    visitor.visit(f"/admin/pages/{page_id}/edit/", run_axe=False, action=open_preview)
    visitor.visit("/de/", run_axe=False)  # with the editors' toolbar
    context.close()
    return visitor.records


@pytest.fixture(scope="module")
def site_record(browser, live_server, django_db_setup, django_db_blocker):
    """The demo site in the live server, visited once; everything the browser saw."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from zib.demo.services import load_demo

    with django_db_blocker.unblock():
        load_demo()
        # Absolute addresses of the site point at the live server.
        server = urlsplit(live_server.url)
        Site.objects.filter(is_default_site=True).update(hostname=server.hostname, port=server.port)
        cache.clear()
        seeds = _seed_addresses()
        home = Site.objects.get(is_default_site=True).root_page

        context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
        visitor = Visitor(context, live_server.url, sign_in_paths=_sign_in_paths())
        visited = _crawl(visitor, seeds)
        cookies = context.cookies()
        form_path = next((path for path in visited if visitor.records[path].has_post_form), None)
        keyboard = _keyboard_record(context, live_server.url, form_path)
        context.close()

        get_user_model().objects.create_superuser("redaktion", "redaktion@example.org", ADMIN_PASSWORD)
        admin = _admin_record(browser, live_server.url, home.pk)
    return {"pages": visitor.records, "cookies": cookies, "keyboard": keyboard, "admin": admin}


def _problems(site_record, attribute):
    return {
        url: getattr(record, attribute)
        for url, record in site_record["pages"].items()
        if getattr(record, attribute)
    }


def _format(problems):
    return "\n".join(f"{url}:\n    " + "\n    ".join(lines) for url, lines in problems.items())


def test_the_visit_covered_every_kind_of_page(site_record, django_db_blocker):
    pages = site_record["pages"]
    assert len(pages) >= 5
    assert any(url.startswith("/de/suche/?q=") for url in pages), "search results"
    assert any("[submit_first_post_form_empty]" in url for url in pages), "a form in its error state"
    failed = {url: record.status for url, record in pages.items() if record.status != 200}
    assert not failed, f"pages that did not load: {failed}"


def test_axe_finds_no_wcag_violations(site_record):
    problems = _problems(site_record, "axe")
    assert not problems, "axe-core (WCAG 2.1 A/AA) violations:\n" + _format(problems)


def test_no_request_to_another_host(site_record):
    problems = _problems(site_record, "foreign_requests")
    assert not problems, "requests to hosts other than the site:\n" + _format(problems)


def test_no_cookie_for_anonymous_visitors(site_record):
    sign_in = _sign_in_paths()
    problems = {
        url: record.cookies_set
        for url, record in site_record["pages"].items()
        if record.cookies_set and not url.startswith(tuple(sign_in))
    }
    assert not problems, "pages that set a cookie for an anonymous visitor:\n" + _format(problems)
    assert site_record["cookies"] == [], f"cookies set for an anonymous visitor: {site_record['cookies']}"


def test_every_page_sends_the_strict_policy(site_record):
    problems = _problems(site_record, "csp_problems")
    assert not problems, "public pages without the strict CSP:\n" + _format(problems)


def test_no_console_errors_csp_violations_or_broken_resources(site_record):
    problems = {}
    for attribute in ("console_errors", "page_errors", "broken_resources"):
        for url, lines in _problems(site_record, attribute).items():
            problems.setdefault(url, []).extend(lines)
    assert not problems, "browser errors (CSP violations appear here too):\n" + _format(problems)


def test_arabic_pages_are_right_to_left(site_record):
    record = site_record["pages"]["/ar/"]
    assert record.status == 200
    assert record.lang == "ar"
    assert record.dir == "rtl"


def test_skip_link_comes_first_and_leads_to_the_content(site_record):
    keyboard = site_record["keyboard"]
    first = keyboard["home"][0]
    assert first["skipLink"], f"first Tab stop is {first}, not the skip link"
    assert first["onScreen"], "the skip link becomes visible when focused"
    assert keyboard["skip_target_in_main"], "Enter on the skip link moves focus into <main>"


def test_navigation_and_search_are_reachable_by_keyboard(site_record):
    walk = site_record["keyboard"]["home"]
    assert any(element["inMainNav"] for element in walk), "no main navigation link reached with Tab"
    assert any(element["search"] for element in walk), "search field not reached with Tab"
    assert "/suche/?q=Integration" in site_record["keyboard"]["search_url"]


def test_form_fields_are_reachable_by_keyboard(site_record):
    keyboard = site_record["keyboard"]
    if not keyboard["form_path"]:
        pytest.skip("no page with a form in the demo content")
    assert any(element["formField"] for element in keyboard["form"]), (
        f"no field of the form on {keyboard['form_path']} reached with Tab"
    )


def test_focus_is_always_visible(site_record):
    keyboard = site_record["keyboard"]
    invisible = [
        element
        for element in keyboard["home"] + keyboard["form"]
        if not element["visibleFocus"] or not element["onScreen"]
    ]
    assert not invisible, (
        "focused elements that look the same as unfocused (or are off screen):\n"
        + "\n".join(
            f"{element['tag']} {element['id'] or element['name'] or element['href']} {element['text']!r}"
            for element in invisible
        )
    )


def test_admin_needs_no_more_than_its_relaxed_policy(site_record):
    problems = {
        url: [line for line in record.console_errors if "Content Security Policy" in line]
        + list(record.foreign_requests)
        for url, record in site_record["admin"].items()
    }
    problems = {url: lines for url, lines in problems.items() if lines}
    assert not problems, "CSP violations or foreign requests for editors:\n" + _format(problems)


BROKEN_PAGE = """<!DOCTYPE html>
<html><head><title>Selbsttest</title>
<style>button:focus { outline: none; }</style></head>
<body>
<a class="skip-link" href="#main">Zum Inhalt</a>
<main id="main">
<img src="http://fremd.invalid/tracker.png">
<input type="text" name="ohne-label">
<button>Senden</button>
<script>document.title = "inline";</script>
</main></body></html>
"""


def test_the_gates_notice_broken_pages(browser):
    """The recording itself works: a page with known faults shows every one of them."""
    context = browser.new_context()
    base_url = "http://zib-selbsttest.invalid"
    context.route("http://fremd.invalid/**", lambda route: route.abort())
    context.route(
        f"{base_url}/**",
        lambda route: route.fulfill(
            body=BROKEN_PAGE,
            content_type="text/html",
            headers={"Content-Security-Policy": "script-src 'self'", "Set-Cookie": "verfolgung=1; Path=/"},
        ),
    )
    visitor = Visitor(context, base_url)
    record = visitor.visit("/")
    assert any(line.startswith("image-alt") for line in record.axe)
    assert any(line.startswith("label") for line in record.axe)
    assert record.foreign_requests == ["http://fremd.invalid/tracker.png"]
    assert any("Content Security Policy" in line for line in record.console_errors)
    assert record.cookies_set == ["verfolgung"]
    assert record.csp_problems  # the strict policy is missing

    page = context.new_page()
    page.goto(base_url + "/")
    walk = keyboard_walk(page, steps=4)
    assert walk[0]["skipLink"]
    button = next(element for element in walk if element["tag"] == "button")
    assert not button["visibleFocus"]
    context.close()
