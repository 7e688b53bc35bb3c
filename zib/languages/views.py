"""Serving pages per language (with the German fallback) and the translation dashboard."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Site

from zib.pagecache import local

from . import dashboard, services
from .models import TranslationStatus
from .services import MISSING, STATUSES, offered_languages


def _fallback_route(request, path):
    """Route `path` in the German page tree of the request's site, or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page
    default_root = (
        root.get_translations(inclusive=True).filter(locale__language_code=settings.LANGUAGE_CODE).first()
    ) or root
    components = [component for component in path.split("/") if component]
    try:
        return default_root.specific.route(request, components)
    except Http404:
        return None


def serve(request, path):
    """Wagtail's page view; a page missing in the visitor's language shows the German one.

    /ar/foo/ with no Arabic page at that address: if the German tree has
    /de/foo/, that page is served under /ar/foo/ (Arabic interface, German
    content marked lang="de", a notice, rel=canonical to the German address),
    or, if it has an Arabic translation at another address, the visitor is
    redirected there. Never a 404 for a page that exists in German.
    """
    local.recall_route(request, path)
    try:
        response = wagtail_views.serve(request, path)
    except Http404:
        if get_language() == settings.LANGUAGE_CODE:
            raise
        route = _fallback_route(request, path)
        if route is None:
            raise
    else:
        local.remember_route(request, path)
        return response
    page, args, kwargs = route
    translation = (
        page.get_translations()
        .live()
        .filter(locale__language_code=get_language(), alias_of__isnull=True)
        .first()
    )
    if translation is not None:
        url = translation.get_url(request)
        if url and url != request.path:
            return redirect(url)
    request._wagtail_route_for_request = route
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    on_serve_chain = wagtail_views.serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = hook(on_serve_chain)
    return on_serve_chain(page, request, args, kwargs)


def translation_dashboard(request):
    """Admin: per language, how many pages and snippets are missing, outdated, incomplete, current."""
    languages = [language for language in offered_languages() if language.code != settings.LANGUAGE_CODE]
    overview = dashboard.build_overview(languages)
    selected_language = next((lang for lang in languages if lang.code == request.GET.get("sprache")), None)
    selected_status = request.GET.get("stand", "")
    if selected_status not in (*STATUSES, dashboard.MACHINE):
        selected_status = MISSING
    rows = []
    for language in languages:
        cells = [
            {
                "status": status,
                "count": count,
                "url": f"?{urlencode({'sprache': language.code, 'stand': status})}",
                "selected": language == selected_language and status == selected_status,
            }
            for status, count in overview.counts[language.code]
        ]
        rows.append({"language": language, "cells": cells})
    items = []
    if selected_language is not None:
        items = [
            item
            for item in overview.items(selected_language)
            if item.status == selected_status
            or (selected_status == dashboard.MACHINE and item.machine_translated)
        ]
    return TemplateResponse(
        request,
        "languages/dashboard.html",
        {
            "page_title": _("Übersetzungen"),
            "header_icon": "globe",
            "rows": rows,
            "status_labels": dashboard.STATUS_LABELS,
            "selected_language": selected_language,
            "selected_status": selected_status,
            "selected_status_label": dashboard.STATUS_LABELS[selected_status],
            "items": items,
            "total": len(overview.sources),
        },
    )


@require_POST
def mark_reviewed(request, status_id):
    """Admin: an editor has checked a machine translation; its notice disappears."""
    if not request.user.has_perm("wagtail_localize.submit_translation"):
        raise PermissionDenied
    status = get_object_or_404(TranslationStatus.objects.select_related("content_type"), pk=status_id)
    services.mark_machine_translation_reviewed(status, request.user)
    messages.success(request, _("Die maschinelle Übersetzung ist als geprüft markiert."))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("zib_translation_dashboard")
    return redirect(next_url)
