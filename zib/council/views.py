"""Public pages of the Integrationsbeirat (sub-routes of `CouncilPage`)."""

import datetime

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from zib.events.ical import PRODID, vtimezone
from zib.pagecache import local

from . import services
from .models import CouncilSettings

ICAL_REFRESH = datetime.timedelta(hours=12)


def _only_get(request):
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    return None


def _meeting_url(page, meeting):
    return page.url + page.reverse_subpage("meeting", args=[meeting.pk])


def _remember_until_expiry(key, compute):
    """``local.get_or_compute`` for a dict whose ``expires`` says until when it holds."""
    computed = []

    def run():
        computed.append(compute())
        return computed[0]

    return local.get_or_compute(
        key,
        run,
        timeout=lambda: local.until_scheduled_change(computed[0]["expires"]),
    )


def _index_objects(page):
    """What the council page shows, remembered per cache generation.

    It depends on the date (terms, memberships that ended) and on which
    meetings have started (the next meeting, the last ones): kept until the
    next meeting starts or the day ends, whichever comes first, and never
    longer than a page in the page cache.
    """

    def compute():
        now = timezone.now()
        term = services.current_term()
        next_meeting = services.next_meeting(now)
        recent = list(services.published_meetings().filter(start__lt=now).order_by("-start")[:3])
        for meeting in [m for m in [next_meeting, *recent] if m]:
            meeting.url = _meeting_url(page, meeting)
        next_start = services.next_meeting_start(now)
        return {
            "term": term,
            "member_groups": services.council_members(term),
            "working_groups": services.working_groups(term),
            "office": CouncilSettings.current(),
            "next_meeting": next_meeting,
            "recent_meetings": recent,
            "expires": min(filter(None, [next_start, local.next_midnight()])),
        }

    return _remember_until_expiry(f"council:index:{page.pk}", compute)


OFFICE_FIELDS = ("office_name", "office_address", "office_phone", "office_email", "office_hours")


def _index_outline(page):
    """The page's structure with plain values and ids, remembered like ``_index_objects``.

    Cheap to recall; the members, groups and meetings behind the ids are only
    recalled when one of their fragments is not remembered.
    """

    def compute():
        data = _index_objects(page)
        term = data["term"]
        return {
            "term": {"pk": term.pk, "name": term.name} if term else None,
            # The role's name in this outline's language (the objects are shared by all languages).
            "member_groups": [
                (members[0].get_role_display(), [membership.pk for membership in members])
                for _role, members in data["member_groups"]
            ],
            "working_groups": [group.pk for group in data["working_groups"]],
            "office": {name: getattr(data["office"], name) for name in OFFICE_FIELDS},
            "next_meeting": data["next_meeting"].pk if data["next_meeting"] else None,
            "recent_meetings": [meeting.pk for meeting in data["recent_meetings"]],
            "expires": data["expires"],
        }

    return _remember_until_expiry(f"council:outline:{page.pk}:{get_language()}", compute)


class _Remembered:
    """A member, working group or meeting of the council page known by its id.

    Anything else is looked up in ``_index_objects`` on first use (once per request).
    """

    def __init__(self, kind, pk, objects):
        self.kind = kind
        self.pk = pk
        self._objects = objects

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._objects.get(self.kind, self.pk), name)


class _IndexObjects:
    def __init__(self, page):
        self.page = page
        self._by_key = None

    def get(self, kind, pk):
        if self._by_key is None:
            data = _index_objects(self.page)
            meetings = [m for m in [data["next_meeting"], *data["recent_meetings"]] if m]
            self._by_key = {
                **{("membership", m.pk): m for _role, members in data["member_groups"] for m in members},
                **{("group", g.pk): g for g in data["working_groups"]},
                **{("meeting", m.pk): m for m in meetings},
            }
        return self._by_key.get((kind, pk))


def council_index(request, page):
    """Members of the current term, working groups, the office, the next meeting."""
    if (response := _only_get(request)) is not None:
        return response
    outline = _index_outline(page)
    objects = _IndexObjects(page)
    next_meeting = outline["next_meeting"]
    context = page.get_context(request)
    context.update(
        {
            "term": outline["term"],
            "member_groups": [
                (role, [_Remembered("membership", pk, objects) for pk in pks])
                for role, pks in outline["member_groups"]
            ],
            "working_groups": [_Remembered("group", pk, objects) for pk in outline["working_groups"]],
            "office": outline["office"],
            "next_meeting": _Remembered("meeting", next_meeting, objects) if next_meeting else None,
            "recent_meetings": [_Remembered("meeting", pk, objects) for pk in outline["recent_meetings"]],
            "meetings_url": page.url + page.reverse_subpage("meetings"),
            "ical_url": page.url + page.reverse_subpage("ical"),
            "oparl_url": reverse("oparl:system"),
        }
    )
    return TemplateResponse(request, "council/council_page.html", context)


def meeting_list(request, page):
    """All published meetings, upcoming first, then the past ones."""
    if (response := _only_get(request)) is not None:
        return response
    now = timezone.now()
    upcoming = list(services.published_meetings().filter(start__gte=now).order_by("start"))
    past = services.published_meetings().filter(start__lt=now).order_by("-start")
    page_number = request.GET.get("page", "1")
    if not page_number.isdigit() or len(page_number) > 6:
        page_number = 1
    page_obj = Paginator(past, page.meetings_per_page or 20).get_page(page_number)
    for meeting in [*upcoming, *page_obj.object_list]:
        meeting.url = _meeting_url(page, meeting)
    context = page.get_context(request)
    context.update(
        {
            "upcoming": upcoming,
            "page_obj": page_obj,
            "past": page_obj.object_list,
            "council_url": page.url,
            "ical_url": page.url + page.reverse_subpage("ical"),
            **page.subroute_breadcrumbs(_("Sitzungen")),
        }
    )
    return TemplateResponse(request, "council/meeting_list.html", context)


def meeting_detail(request, page, pk):
    """A meeting with its agenda, results and files; non-public items only say they exist."""
    if (response := _only_get(request)) is not None:
        return response
    meeting = services.meeting_detail(pk)
    if meeting is None:
        raise Http404
    translated, translated_items = services.localized(meeting)
    items = []
    for item in sorted(meeting.agenda_items.all(), key=lambda i: (i.sort_order or 0, i.pk)):
        text = translated_items.get(item.translation_key, item)
        item.display_name = text.name
        item.display_result = text.result
        item.display_resolution_text = text.resolution_text
        item.papers = [
            (c.paper, page.url + page.reverse_subpage("paper", args=[c.paper_id]))
            for c in item.consultations.all()
        ]
        items.append(item)
    meetings_url = page.url + page.reverse_subpage("meetings")
    context = page.get_context(request)
    context.update(
        {
            "meeting": meeting,
            "meeting_text": translated,
            "agenda_items": items,
            "council_url": page.url,
            "meetings_url": meetings_url,
            "oparl_url": reverse("oparl:meeting", args=[meeting.pk]),
            **page.subroute_breadcrumbs(translated.name, _("Sitzungen"), meetings_url),
        }
    )
    return TemplateResponse(request, "council/meeting_detail.html", context)


def paper_detail(request, page, pk):
    """A paper (motion, report …) with the meetings that dealt with it."""
    if (response := _only_get(request)) is not None:
        return response
    paper = services.paper_detail(pk)
    if paper is None:
        raise Http404
    consultations = [
        (c, _meeting_url(page, c.agenda_item.meeting)) for c in paper.consultations.all() if c.agenda_item_id
    ]
    context = page.get_context(request)
    context.update(
        {
            "paper": paper,
            "consultations": consultations,
            "council_url": page.url,
            "oparl_url": reverse("oparl:paper", args=[paper.pk]),
            **page.subroute_breadcrumbs(paper.name),
        }
    )
    return TemplateResponse(request, "council/paper_detail.html", context)


def meeting_ical(request, page):
    """The council's meetings as an iCalendar feed (RFC 5545), cancelled ones kept as CANCELLED."""
    if (response := _only_get(request)) is not None:
        return response
    host = request.get_host().split(":")[0]
    meetings = list(services.published_meetings().order_by("start"))
    with translation.override(page.locale.language_code):
        calendar = Calendar()
        calendar.add("PRODID", PRODID)
        calendar.add("VERSION", "2.0")
        calendar.add("CALSCALE", "GREGORIAN")
        name = _("Sitzungen des Integrationsbeirats")
        calendar.add("NAME", name)
        calendar.add("X-WR-CALNAME", name)
        calendar.add("REFRESH-INTERVAL", ICAL_REFRESH, parameters={"VALUE": "DURATION"})
        if meetings:
            calendar.add_component(vtimezone(settings.TIME_ZONE))
        for meeting in meetings:
            calendar.add_component(_meeting_event(request, page, meeting, host))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="integrationsbeirat.ics"'
    return response


def _meeting_event(request, page, meeting, host):
    tz = timezone.get_default_timezone()
    event = Event()
    event.add("UID", f"council-meeting-{meeting.pk}@{host}")
    event.add("DTSTAMP", meeting.modified.astimezone(datetime.UTC))
    event.add("CREATED", meeting.created.astimezone(datetime.UTC))
    event.add("LAST-MODIFIED", meeting.modified.astimezone(datetime.UTC))
    event.add("DTSTART", meeting.start.astimezone(tz))
    if meeting.end:
        event.add("DTEND", meeting.end.astimezone(tz))
    summary = meeting.name
    if meeting.cancelled:
        summary = _("Abgesagt: %(title)s") % {"title": meeting.name}
        event.add("SEQUENCE", 1)
    event.add("SUMMARY", summary)
    url = page.get_full_url(request) + page.reverse_subpage("meeting", args=[meeting.pk])
    event.add("URL", url, parameters={"VALUE": "URI"})
    description = [meeting.summary] if meeting.summary else []
    description.append(url)
    event.add("DESCRIPTION", "\n\n".join(description))
    if meeting.location:
        event.add("LOCATION", meeting.location.one_line())
        if meeting.location.latitude is not None and meeting.location.longitude is not None:
            event.add("GEO", (float(meeting.location.latitude), float(meeting.location.longitude)))
    event.add("CATEGORIES", [_("Integrationsbeirat")])
    event.add("STATUS", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    event.add("CLASS", "PUBLIC")
    return event
