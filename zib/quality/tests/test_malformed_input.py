"""No public address answers malformed input with a server error.

Runs over every public URL pattern of the URL configuration (with sample
and absurd parameter values) and every live page of the demo content,
including the sub-routes of routable pages: broken and huge query strings,
NUL bytes, invalid UTF-8, repeated parameters, wrong methods and junk form
data. New features are covered as soon as their URLs or demo pages exist.

The full battery runs on one address per URL pattern and page type; every
further page of a type gets a short one, so the test stays fast as the demo
content grows.
"""

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.test import Client

from zib.security.tests.policy import strict_policy_problems

from .public_urls import page_urls, pattern_urls

# The demo site and the addresses are set up once: keep the tests in one process under pytest-xdist.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("quality-malformed")]

HUGE = "x" * 100_000
# Query strings for one address of each kind (already percent-encoded). Several
# broken parameters share a request to keep the test fast; the report shows
# the whole query string.
QUERY_VARIANTS = [
    "?page=abc&q=%00%01%02&year=abc&month=13&day=32&date=2024-02-30&from=gestern&to=%00",
    "?page=-1&q=%ff%fe%c3%28&%ff%fe=%c3%28&sort=-;DROP%20TABLE&order=%27&format=%3Cscript%3E",
    "?page=99999999999&tag=%00&topic=%00&category=%00&type=%00&language=%00&lang=zz",
    "?page=0&q=1%27%22%3C",
    "?page=1e3",
    "?page=%00",
    "?page=1&page=2&page=abc&" + "&".join(f"p{i}=1" for i in range(200)),
    "?page=" + HUGE,
    "?q=" + HUGE,
]
# … and for every further page of the same type.
SHORT_QUERY_VARIANTS = ["?page=abc", "?page=99999999999", "?q=%00%ff"]
# Junk values for the parameter names a page uses in its own links and forms.
JUNK_VALUES = ["abc", "99999999999999999999", "%00%ff", "1%27%22%3C"]
JUNK_FORM_VALUES = ["", "\x00", "x" * 100_000, "-1", "99999999999999999999", "ä'\"<>&;"]
PATH_SUFFIXES = ("%00/", "%ff%fe/", "..%2f..%2fetc%2fpasswd", "x" * 2000 + "/", "%C3%28/")
UNSAFE_METHODS = ("put", "patch", "delete")
HOSTILE_HEADERS = [
    {"HTTP_ACCEPT_LANGUAGE": "x" * 5000},
    {"HTTP_ACCEPT_LANGUAGE": "\x00;q=abc, ar-XX;q=2"},
    {"HTTP_IF_NONE_MATCH": '"' + "x" * 5000},
    {"HTTP_IF_MODIFIED_SINCE": "gestern"},
    {"HTTP_RANGE": "bytes=99999999999-1"},
    {"HTTP_COOKIE": "sessionid=%00; csrftoken=" + "x" * 5000},
    {"HTTP_HOST": "evil.example"},
    {"HTTP_REFERER": "\x00"},
]


@dataclass
class Address:
    """A public address and what its plain GET showed."""

    path: str
    label: str
    representative: bool  # first of its URL pattern or page type: gets the full battery
    status: int = 0
    csp: str = ""
    html: bool = False
    parameter_names: list = field(default_factory=list)
    post_forms: list = field(default_factory=list)


def _client():
    return Client(raise_request_exception=False)


def _request(client, method, path, **kwargs):
    # A savepoint per request: a failing query must not poison the ones after it (PostgreSQL).
    with transaction.atomic():
        response = getattr(client, method)(path, **kwargs)
        transaction.set_rollback(True)
    return response


def _is_html(response):
    return (
        response.status_code == 200 and not response.streaming and "html" in response.get("Content-Type", "")
    )


def _parameter_names(soup, path):
    """Query parameter names that the page's own links and GET forms send back to it."""
    names = set()
    for link in soup.find_all("a", href=True):
        target = urlsplit(link["href"])
        if target.path in ("", path):
            names.update(name for name, _value in parse_qsl(target.query, keep_blank_values=True))
    for form in soup.find_all("form"):
        if form.get("method", "get").lower() == "get" and urlsplit(form.get("action", "")).path in ("", path):
            names.update(field["name"] for field in form.find_all(["input", "select"], attrs={"name": True}))
    return sorted(names)[:8]


def _post_forms(soup):
    """(action, field names) of the POST forms on a page."""
    forms = []
    for form in soup.find_all("form"):
        if form.get("method", "").lower() == "post":
            fields = sorted(
                {
                    field["name"]
                    for field in form.find_all(["input", "select", "textarea"], attrs={"name": True})
                    if field["name"] != "csrfmiddlewaretoken"
                }
            )
            forms.append((form.get("action") or "", fields))
    return forms


def _report(title, failures):
    lines = [f"{status} {method} {path[:160]}" for method, path, status in failures[:40]]
    more = f"\n… and {len(failures) - 40} more" if len(failures) > 40 else ""
    return f"{title}:\n" + "\n".join(lines) + more


@pytest.fixture(scope="module")
def addresses(demo_site, django_db_blocker):
    """Every public address with its plain GET, fetched once for all tests of this module."""
    with django_db_blocker.unblock():
        found = pattern_urls() + page_urls()
        client = _client()
        seen_labels = set()
        result = []
        for url in found:
            address = Address(url.path, url.label, representative=url.label not in seen_labels)
            seen_labels.add(url.label)
            response = _request(client, "get", url.path)
            address.status = response.status_code
            address.csp = response.get("Content-Security-Policy", "")
            if _is_html(response):
                soup = BeautifulSoup(response.content, "html.parser")
                address.html = True
                address.parameter_names = _parameter_names(soup, url.path)
                address.post_forms = _post_forms(soup)
            result.append(address)
        return result


def test_public_addresses_were_found(addresses):
    paths = {address.path for address in addresses}
    assert {"/de/", "/de/suche/", "/robots.txt", "/sitemap.xml"} <= paths
    failures = [("GET", address.path, address.status) for address in addresses if address.status >= 500]
    assert not failures, _report("Server errors on a plain GET", failures)


def test_every_public_address_sends_the_strict_policy(addresses):
    problems = [
        f"{address.path}: {'; '.join(strict_policy_problems(address.csp))}"
        for address in addresses
        if strict_policy_problems(address.csp)
    ]
    assert not problems, "public responses without the strict CSP:\n" + "\n".join(problems)


def test_broken_query_strings_never_cause_a_server_error(addresses):
    client = _client()
    failures = []
    for address in addresses:
        full = address.representative and address.status == 200
        variants = QUERY_VARIANTS if full else SHORT_QUERY_VARIANTS
        if full:
            # The page's own parameters, all broken at once, once per kind of junk.
            variants = variants + [
                "?" + "&".join(f"{name}={value}" for name in address.parameter_names)
                for value in JUNK_VALUES
                if address.parameter_names
            ]
        for query in variants:
            response = _request(client, "get", address.path + query)
            if response.status_code >= 500:
                failures.append(("GET", address.path + query, response.status_code))
    assert not failures, _report("Server errors on malformed query strings", failures)


def test_broken_paths_never_cause_a_server_error(addresses):
    client = _client()
    failures = []
    for address in addresses:
        if not address.representative:
            continue
        base = address.path if address.path.endswith("/") else address.path + "/"
        for suffix in PATH_SUFFIXES:
            response = _request(client, "get", base + suffix)
            if response.status_code >= 500:
                failures.append(("GET", base + suffix, response.status_code))
    assert not failures, _report("Server errors on malformed paths", failures)


def test_wrong_methods_are_refused_with_4xx(addresses):
    """PUT/PATCH/DELETE anywhere, and POST where no form posts, get a 4xx (ideally 405).

    Addresses that do not exist (sample ids) only have to stay below 500.
    """
    client = _client()
    failures = []
    for address in addresses:
        exists = address.status == 200
        posts_here = any(not action or action == address.path for action, _fields in address.post_forms)
        for method in (*UNSAFE_METHODS, "post"):
            response = _request(client, method, address.path, data={"junk": "1"} if method == "post" else "")
            status = response.status_code
            refused = 400 <= status < 500
            if status >= 500 or (exists and not refused and not (method == "post" and posts_here)):
                failures.append((method.upper(), address.path, status))
    assert not failures, _report("Wrong methods not refused with 4xx", failures)


def test_junk_form_data_never_causes_a_server_error(addresses):
    client = _client()
    failures = []
    seen_actions = set()
    for address in addresses:
        for action, fields in address.post_forms:
            target = action or address.path
            if not target.startswith("/") or target in seen_actions:
                continue
            seen_actions.add(target)
            for value in JUNK_FORM_VALUES:
                result = _request(client, "post", target, data=dict.fromkeys(fields, value))
                if result.status_code >= 500:
                    label = f"{target} {{{', '.join(fields)}}}={value[:12]!r}"
                    failures.append(("POST", label, result.status_code))
            # Repeated fields and fields that do not exist.
            data = {name: ["1", "2"] for name in fields} | {"unbekannt": "x"}
            result = _request(client, "post", target, data=data)
            if result.status_code >= 500:
                failures.append(("POST", f"{target} (repeated fields)", result.status_code))
    assert not failures, _report("Server errors on junk form data", failures)


def test_hostile_headers_never_cause_a_server_error(addresses):
    client = _client()
    failures = []
    # Headers are read by the middleware, the same for every view: a sample will do.
    sample = [address for address in addresses if address.representative and address.status == 200]
    for address in sample[:: max(1, len(sample) // 12)]:
        for extra in HOSTILE_HEADERS:
            response = _request(client, "get", address.path, **extra)
            if response.status_code >= 500:
                failures.append(("GET", f"{address.path} {sorted(extra)}", response.status_code))
    assert not failures, _report("Server errors on hostile headers", failures)
