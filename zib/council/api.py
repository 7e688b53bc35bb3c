"""The OParl 1.1 API of the council (read only, CORS, conditional GET).

Lists: stable order by id, then the deleted objects; `page` and
`elementsPerPage` for paging; `created_since`, `created_until`,
`modified_since`, `modified_until` as filters. A malformed parameter gets a
400 with a JSON error object, never a 500.
"""

import functools
import hashlib
import json
import math

from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, urlencode

from . import models
from .oparl import (
    PREFETCH,
    SOURCES,
    Urls,
    agenda_order,
    deleted_stub,
    files_in_api,
    meetings_in_api,
    serialize_agenda_item,
    serialize_body,
    serialize_consultation,
    serialize_file,
    serialize_legislative_term,
    serialize_location,
    serialize_meeting,
    serialize_membership,
    serialize_organization,
    serialize_paper,
    serialize_person,
    serialize_system,
)

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
FILTERS = {
    "created_since": ("created", "gte"),
    "created_until": ("created", "lte"),
    "modified_since": ("modified", "gte"),
    "modified_until": ("modified", "lte"),
}
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
}


class BadParameter(Exception):
    pass


def _cors(response):
    for key, value in CORS_HEADERS.items():
        response[key] = value
    return response


def json_error(status, message):
    body = json.dumps({"type": "Error", "status": status, "message": message}, ensure_ascii=False)
    return _cors(HttpResponse(body, status=status, content_type="application/json; charset=utf-8"))


def json_response(request, payload):
    """JSON with an ETag; answers If-None-Match with 304."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    conditional = get_conditional_response(request, etag=etag)
    if conditional is not None:
        return _cors(conditional)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=60"
    patch_vary_headers(response, ["Accept-Encoding"])
    return _cors(response)


def oparl_endpoint(view):
    """GET and HEAD only (OPTIONS for CORS preflight); JSON errors for everything else."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _cors(HttpResponse(status=204, headers={"Allow": "GET, HEAD, OPTIONS"}))
        if request.method not in ("GET", "HEAD"):
            response = json_error(405, "Nur GET, HEAD und OPTIONS sind erlaubt.")
            response["Allow"] = "GET, HEAD, OPTIONS"
            return response
        try:
            return view(request, *args, **kwargs)
        except BadParameter as exc:
            return json_error(400, str(exc))

    return wrapper


def _web_urls(request):
    """Public pages for `web` links (the council page in German, if it exists)."""
    from wagtail.models import Locale

    page = models.CouncilPage.objects.live().public().filter(locale=Locale.get_default()).first()
    return page


def _page_web(page, request, route, *args):
    if page is None:
        return ""
    base = page.get_full_url(request)
    if not base:
        return ""
    return base + (page.reverse_subpage(route, args=list(args)) if route else "")


def _parse_filters(request):
    filters = {}
    for name, (field, lookup) in FILTERS.items():
        raw = request.GET.get(name)
        if raw is None:
            continue
        try:
            value = parse_datetime(raw.strip())
        except ValueError:
            value = None
        if value is None:
            raise BadParameter(
                f"{name}: „{raw[:60]}“ ist keine vollständige Datums- und Zeitangabe (ISO 8601), "
                "z. B. 2025-01-01T00:00:00+01:00."
            )
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        filters[f"{field}__{lookup}"] = value
    return filters


def _positive_int(request, name, default, maximum=None):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        raise BadParameter(f"{name} muss eine positive ganze Zahl sein.")
    value = int(raw)
    return min(value, maximum) if maximum else value


def _list_url(request, page_number):
    params = {key: value for key, value in request.GET.items() if key != "page"}
    if page_number > 1:
        params["page"] = page_number
    query = urlencode(params)
    return request.build_absolute_uri(request.path) + (f"?{query}" if query else "")


def paginated_list(request, type_name, queryset, serialize, with_tombstones=True):
    """An OParl external list: data, pagination, links; deleted objects after the live ones."""
    filters = _parse_filters(request)
    per_page = _positive_int(request, "elementsPerPage", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    page_number = _positive_int(request, "page", 1)
    is_withdrawn = SOURCES[type_name][1]
    urls = Urls(request)

    live = queryset.filter(**filters).order_by("pk")
    dead = models.OParlTombstone.objects.filter(oparl_type=type_name, **filters).order_by("pk")
    live_count = live.count()
    dead_count = dead.count() if with_tombstones else 0
    total = live_count + dead_count
    total_pages = max(1, math.ceil(total / per_page))
    if page_number > total_pages:
        return json_error(404, f"Diese Liste hat nur {total_pages} Seite(n).")

    offset = (page_number - 1) * per_page
    prefetch = PREFETCH.get(type_name, lambda qs: qs)
    objects = list(prefetch(live)[offset : offset + per_page]) if offset < live_count else []
    data = [
        deleted_stub(urls, type_name, obj.pk, obj.created, obj.modified)
        if is_withdrawn(obj)
        else serialize(urls, obj)
        for obj in objects
    ]
    remaining = per_page - len(data)
    if remaining > 0 and with_tombstones:
        dead_offset = max(0, offset - live_count)
        for stone in dead[dead_offset : dead_offset + remaining]:
            data.append(deleted_stub(urls, type_name, stone.object_id, stone.created, stone.modified))

    links = {
        "first": _list_url(request, 1),
        "self": _list_url(request, page_number),
        "last": _list_url(request, total_pages),
    }
    if page_number > 1:
        links["prev"] = _list_url(request, page_number - 1)
    if page_number < total_pages:
        links["next"] = _list_url(request, page_number + 1)
    payload = {
        "data": data,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": per_page,
            "currentPage": page_number,
            "totalPages": total_pages,
        },
        "links": links,
    }
    return json_response(request, payload)


def single_object(request, type_name, pk, serialize):
    """One object: live, withdrawn (deleted stub) or deleted for good (tombstone)."""
    urls = Urls(request)
    source, is_withdrawn = SOURCES[type_name]
    prefetch = PREFETCH.get(type_name, lambda qs: qs)
    obj = prefetch(source().filter(pk=pk)).first()
    if obj is not None:
        if is_withdrawn(obj):
            return json_response(request, deleted_stub(urls, type_name, obj.pk, obj.created, obj.modified))
        return json_response(request, serialize(urls, obj))
    stone = models.OParlTombstone.objects.filter(oparl_type=type_name, object_id=pk).first()
    if stone is not None:
        return json_response(request, deleted_stub(urls, type_name, pk, stone.created, stone.modified))
    return json_error(404, "Dieses Objekt gibt es nicht.")


# --- Serializers bound to the request's web pages ------------------------------------------


def _meeting_serializer(request):
    page = _web_urls(request)
    return lambda urls, meeting: serialize_meeting(
        urls, meeting, web=_page_web(page, request, "meeting", meeting.pk)
    )


def _paper_serializer(request):
    page = _web_urls(request)
    return lambda urls, paper: serialize_paper(urls, paper, web=_page_web(page, request, "paper", paper.pk))


def _agenda_item_serializer(urls, item):
    return serialize_agenda_item(urls, item, agenda_order(item))


SERIALIZERS = {
    "LegislativeTerm": lambda request: serialize_legislative_term,
    "Organization": lambda request: serialize_organization,
    "Person": lambda request: serialize_person,
    "Membership": lambda request: serialize_membership,
    "Location": lambda request: serialize_location,
    "File": lambda request: serialize_file,
    "Meeting": _meeting_serializer,
    "AgendaItem": lambda request: _agenda_item_serializer,
    "Paper": _paper_serializer,
    "Consultation": lambda request: serialize_consultation,
}


# --- Views ------------------------------------------------------------------------------------


def _settings():
    return models.CouncilSettings.load()


@oparl_endpoint
def system(request):
    return json_response(
        request,
        serialize_system(Urls(request), _settings(), web=_page_web(_web_urls(request), request, None)),
    )


def _body(request):
    terms = models.LegislativeTerm.objects.order_by("pk")
    return serialize_body(Urls(request), _settings(), terms, web=_page_web(_web_urls(request), request, None))


@oparl_endpoint
def body_list(request):
    _parse_filters(request)  # validated for consistency with the other lists
    body = _body(request)
    payload = {
        "data": [body],
        "pagination": {"totalElements": 1, "elementsPerPage": 1, "currentPage": 1, "totalPages": 1},
        "links": {
            "first": _list_url(request, 1),
            "self": _list_url(request, 1),
            "last": _list_url(request, 1),
        },
    }
    return json_response(request, payload)


@oparl_endpoint
def body(request, pk):
    if pk != 1:
        return json_error(404, "Dieses Objekt gibt es nicht.")
    return json_response(request, _body(request))


def body_collection(type_name):
    @oparl_endpoint
    def view(request, pk):
        if pk != 1:
            return json_error(404, "Diese Körperschaft gibt es nicht.")
        queryset = SOURCES[type_name][0]()
        return paginated_list(request, type_name, queryset, SERIALIZERS[type_name](request))

    view.__name__ = f"body_{type_name.lower()}_list"
    return view


def object_view(type_name):
    @oparl_endpoint
    def view(request, pk):
        return single_object(request, type_name, pk, SERIALIZERS[type_name](request))

    view.__name__ = f"{type_name.lower()}_detail"
    return view


@oparl_endpoint
def organization_meetings(request, pk):
    if not models.Committee.objects.filter(pk=pk).exists():
        return json_error(404, "Dieses Gremium gibt es nicht.")
    queryset = meetings_in_api().filter(committee_id=pk)
    return paginated_list(request, "Meeting", queryset, _meeting_serializer(request), with_tombstones=False)


def _file_response(request, pk, as_attachment):
    council_file = files_in_api().select_related("document").filter(pk=pk).first()
    if council_file is None:
        return json_error(404, "Diese Datei gibt es nicht oder sie ist nicht öffentlich.")
    document = council_file.document
    try:
        file_hash = document.get_file_hash()
    except OSError:
        return json_error(404, "Die Datei fehlt auf dem Server.")
    etag = f'"{file_hash}"' if file_hash else None
    last_modified = int(council_file.modified.timestamp())
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if conditional is not None:
        return _cors(conditional)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError):
        return json_error(404, "Die Datei fehlt auf dem Server.")
    response = FileResponse(handle, as_attachment=as_attachment, filename=document.filename)
    if etag:
        response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["X-Content-Type-Options"] = "nosniff"
    return _cors(response)


@oparl_endpoint
def file_download(request, pk):
    """The file itself, as a download (`Content-Disposition: attachment`)."""
    return _file_response(request, pk, as_attachment=True)


@oparl_endpoint
def file_access(request, pk):
    """The file for viewing in the browser."""
    return _file_response(request, pk, as_attachment=False)
