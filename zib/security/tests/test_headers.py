"""Security headers on public pages and the admin."""

import pytest

from zib.security.tests.policy import parse_csp


def test_public_page_sends_the_strict_policy(client, home_page):
    response = client.get("/de/")
    assert response.status_code == 200
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["media-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_public_page_sends_the_other_security_headers(client, home_page):
    response = client.get("/de/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert permissions[feature] == "()"


def test_pages_from_the_cache_carry_the_same_headers(client, home_page):
    from zib.pages.models import OfficeSettings

    OfficeSettings.load()  # created on first use otherwise, which empties the cache once
    first = client.get("/de/")
    second = client.get("/de/")
    assert second["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "Permissions-Policy", "Referrer-Policy", "X-Frame-Options"):
        assert second[header] == first[header]


def test_admin_gets_only_its_relaxations(client, db):
    response = client.get("/admin/login/")
    header = response["Content-Security-Policy"]
    policy = parse_csp(header)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"], "Wagtail's widgets start inline"
    assert "'unsafe-eval'" not in header
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]
    assert policy["frame-ancestors"] == ["'self'"], "the admin frames its own previews"
    assert policy["object-src"] == ["'none'"]


def test_pages_that_only_read_refuse_other_methods(client, home_page):
    response = client.post("/de/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    for method in ("put", "patch", "delete"):
        assert getattr(client, method)("/de/").status_code == 405, method
    assert client.head("/de/").status_code == 200


@pytest.mark.parametrize("path", ["/robots.txt", "/de/suche/?q=ZIB"])
def test_non_page_views_send_the_strict_policy_too(client, home_page, path):
    response = client.get(path)
    assert "unsafe" not in response["Content-Security-Policy"]


def test_preview_gets_the_admin_policy_and_is_never_cached(client, home_page, django_user_model):
    editor = django_user_model.objects.create_superuser("redaktion", "r@example.org", "x")
    client.force_login(editor)
    client.logout()
    assert client.get("/de/")["X-Page-Cache"] in ("miss", "hit")  # the live page is cached …
    client.force_login(editor)
    response = client.get(f"/admin/pages/{home_page.pk}/edit/preview/?in_preview_panel=true")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response  # … the preview never comes from there
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"], "the admin frames its previews"


def test_simulated_preview_request_is_neither_cached_nor_given_the_public_policy(client, home_page, rf):
    # Wagtail renders previews by sending a simulated request for the page's
    # public URL through the middleware; the admin request around it decides.
    from zib.pages.models import OfficeSettings

    OfficeSettings.load()
    client.get("/de/")
    assert client.get("/de/")["X-Page-Cache"] == "hit"
    request = rf.get("/admin/pages/")
    response = home_page.make_preview_request(original_request=request)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "Content-Security-Policy" not in response


@pytest.mark.urls("zib.security.tests.urls")
def test_ids_beyond_64_bits_answer_404(client, home_page):
    assert client.get("/de/eintrag/99999999999999999999/").status_code == 404
    assert client.get(f"/de/eintrag/{home_page.pk}/").status_code == 200


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_public_site_refuses_put_patch_delete_everywhere(client, home_page, method):
    for path in ("/de/", "/de/suche/", "/robots.txt", "/sitemap.xml", "/de/gibt-es-nicht/"):
        response = getattr(client, method)(path)
        assert response.status_code == 405, path
