"""Views of events: listing and page contexts, calendars, registration."""

import datetime
import functools
import hashlib
import itertools
from collections import namedtuple

from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from wagtail.models import Locale, Page, Site

from zib.pagecache import local
from zib.pages import listings
from zib.pages.models import OfficeSettings

from . import cards, ical, services
from .forms import EventFilterForm, RegistrationForm
from .metadata import event_json_ld, json_ld_script_content
from .models import (
    CampaignPage,
    CampaignStatement,
    EventIndexPage,
    EventPage,
    Language,
    OrganizationRole,
    Registration,
)
from .templatetags import event_tags

SOCIAL_IMAGE_FILTER = "fill-1200x675|format-jpeg"
#: How far back the calendar feed reaches; older events drop out of subscribed calendars.
FEED_PAST_DAYS = 365
FEED_MAX_EVENTS = 1000


# --- filtering ---------------------------------------------------------------


def _start_of_day(day):
    return datetime.datetime.combine(day, datetime.time.min, timezone.get_default_timezone())


def apply_filters(queryset, filters, now=None):
    """Narrow and order an EventPage queryset by the cleaned filter values."""
    now = now or timezone.now()
    date_from, date_to = filters.get("date_from"), filters.get("date_to")
    if filters.get("when") == EventFilterForm.WHEN_PAST:
        queryset = queryset.past(now)
    elif date_from or date_to:
        queryset = queryset.order_by("starts_at", "pk")
    else:
        queryset = queryset.upcoming(now)
    if date_from:
        queryset = queryset.filter(ends_at__gt=_start_of_day(date_from))
    if date_to:
        queryset = queryset.filter(starts_at__lt=_start_of_day(date_to + datetime.timedelta(days=1)))
    if filters.get("language"):
        queryset = queryset.filter(languages__code=filters["language"])
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("mode") == EventFilterForm.MODE_ONLINE:
        queryset = queryset.online()
    elif filters.get("mode") == EventFilterForm.MODE_IN_PERSON:
        queryset = queryset.in_person()
    return queryset


def offered_languages():
    """Languages in which at least one live event is offered, for the filter.

    Remembered per cache generation (publishing or unpublishing an event, or
    editing a language, starts a new one).
    """
    return local.get_or_compute(
        "events:offered-languages",
        lambda: list(Language.objects.filter(events__live=True).distinct().order_by("sort_order", "name")),
        timeout=local.until_scheduled_change,
    )


def attach_campaigns(events):
    """Set `event.campaign` (and `event.campaign_pk`) to the campaign week an event belongs to.

    One query for all events.
    """
    parent_paths = {event.path[: -Page.steplen] for event in events}
    campaigns = {}
    if parent_paths:
        campaigns = {
            campaign.path: campaign
            for campaign in CampaignPage.objects.live().filter(path__in=parent_paths).defer_streamfields()
        }
    for event in events:
        event.campaign = campaigns.get(event.path[: -Page.steplen])
        event.campaign_pk = event.campaign.pk if event.campaign else None
    return events


def _filters_key(filters):
    """The cleaned filter values as a stable part of a cache key."""
    return "&".join(
        f"{name}={value.isoformat() if hasattr(value, 'isoformat') else value}"
        for name, value in sorted(filters.items())
    )


def event_listing_context(request, index_page, now=None):
    """Everything the listing template shows.

    The ids of the listing (per filter combination) and the cards are
    remembered per cache generation (``zib.pages.listings``,
    ``zib.events.cards``); a warm request runs no query of its own.
    """
    languages = offered_languages()
    # The submitted value of every field, as the form's widgets show them.
    submitted = [request.GET.get(name, "") for name in EventFilterForm.base_fields]
    if any(submitted):
        form = EventFilterForm(request.GET, languages=languages)
        filters = form.filters()
        has_errors = bool(form.errors)
    else:
        # Nothing to filter by: the form is built only if its fragment is not remembered.
        form = SimpleLazyObject(lambda: EventFilterForm(request.GET or None, languages=languages))
        filters = {}
        has_errors = False

    def listed():
        return apply_filters(EventPage.objects.for_locale(index_page.locale_id), filters, now).live().public()

    # "Upcoming" depends on the time: the ids are kept at most `until_scheduled_change`.
    key = f"events:{index_page.pk}:{index_page.locale_id}:{_filters_key(filters)}"
    if now is not None:
        key += f":{now.isoformat()}"
    _paginator, page_obj = listings.paginate(request, key, listed, index_page.per_page, load=cards.load_cards)
    events = page_obj.object_list
    current_language = translation.get_language()
    my_language = next((lang for lang in languages if lang.primary_subtag == current_language), None)
    feed_query = request.GET.copy()
    for name in ("page", "when", "date_from", "date_to"):
        feed_query.pop(name, None)
    ical_url = reverse("events:calendar_feed")
    return {
        "filter_form": form,
        "filter_errors": has_errors,
        # The rendered form depends on the page (its action) and the submitted values;
        # a form with errors is rendered afresh.
        "filter_form_key": "" if has_errors else "\x1f".join([str(index_page.pk), *submitted]),
        "filters": filters,
        "is_past": filters.get("when") == EventFilterForm.WHEN_PAST,
        "page_obj": page_obj,
        "events": events,
        # Grouped only when the list of the page is not a remembered fragment.
        "days": SimpleLazyObject(lambda: group_by_day(events)),
        "my_language": my_language,
        "ical_url": ical_url + (f"?{feed_query.urlencode()}" if feed_query else ""),
    }


class Day(namedtuple("Day", "date iso compact label")):
    """A day heading of a listing: the date, as "2021-06-14", as "20210614" and as shown."""


@functools.lru_cache(maxsize=2048)
def _day(language, date):
    # The language is part of the key: the label is formatted in the active language.
    return Day(date, date.isoformat(), date.strftime("%Y%m%d"), event_tags.day_label(date))


def group_by_day(events):
    """[(Day, [events])] in the order given."""
    language = translation.get_language()
    return [
        (_day(language, day), list(group))
        for day, group in itertools.groupby(events, key=lambda event: event.start_date)
    ]


# --- pages -------------------------------------------------------------------


class Organisation(namedtuple("Organisation", "name website")):
    """What pages show of an organisation taking part: its name and website."""


def _organizations_of(page):
    """``(organisers, partners)`` of an event or campaign page, as ``Organisation``s."""
    links = [
        (link.role, Organisation(link.organization.name, link.organization.website))
        for link in page.organization_links.select_related("organization")
    ]
    return (
        [org for role, org in links if role == OrganizationRole.ORGANISER],
        [org for role, org in links if role == OrganizationRole.PARTNER],
    )


def _office_as_organizer(request):
    office = OfficeSettings.load(request_or_site=request)
    site = Site.find_for_request(request)
    organizer = {"name": office.office_name}
    if site:
        organizer["url"] = site.root_url + "/"
    return organizer


class CampaignLink(namedtuple("CampaignLink", "title url")):
    """The campaign week an event belongs to, as its page links to it."""


def _event_facts(request, page):
    """What the event page shows besides its own fields: remembered per cache generation."""
    organisers, partners = _organizations_of(page)
    campaign = CampaignPage.objects.live().filter(path=page.path[: -Page.steplen]).first()
    registration_event = page.registration_event
    return {
        "organisers": organisers,
        "partners": partners,
        "languages": list(page.languages.all()),
        "campaign": CampaignLink(campaign.title, campaign.get_url(request)) if campaign else None,
        "office": _office_as_organizer(request),
        # Registrations start a new cache generation: the seats are as fresh as the page.
        "seat_counts": services.seat_counts(registration_event) if page.registration_enabled else None,
        "registration_open_until": registration_event.registration_open_until(),
        "image_url": page.image.get_rendition(SOCIAL_IMAGE_FILTER).url if page.image_id else "",
    }


def event_detail_context(request, page):
    """The event page: organisers, languages, campaign, registration state and JSON-LD."""
    site = Site.find_for_request(request)
    facts = local.get_or_compute(
        f"events:event:{page.pk}:{site.pk if site else 0}",
        lambda: _event_facts(request, page),
        timeout=local.until_scheduled_change,
        request=request,
    )
    counts = facts["seat_counts"]
    open_until = facts["registration_open_until"]
    url = page.get_full_url(request)
    json_ld = event_json_ld(
        page,
        url=url,
        organizers=facts["organisers"],
        languages=facts["languages"],
        image_url=request.build_absolute_uri(facts["image_url"]) if facts["image_url"] else "",
        seats_free=counts["free"] if counts else None,
        default_organizer=facts["office"],
    )
    notice = {
        "duplicate": _(
            "Für diese E-Mail-Adresse besteht bereits eine Anmeldung. Wir haben Ihnen den Link "
            "zu Ihrer Anmeldung noch einmal geschickt."
        ),
    }.get(request.GET.get("anmeldung", ""))
    return {
        "organisers": facts["organisers"],
        "partners": facts["partners"],
        "event_languages": facts["languages"],
        "campaign": facts["campaign"],
        "seat_counts": counts,
        # The time is checked on every request.
        "registration_open": open_until is not None and timezone.now() < open_until,
        "registration_form": RegistrationForm() if page.registration_enabled else None,
        "registration_url": reverse("events:register", kwargs={"event_id": page.pk}),
        "registration_notice": notice,
        "json_ld": json_ld_script_content(json_ld),
        "ical_url": reverse("events:event_calendar", kwargs={"event_id": page.pk}),
    }


def _programme(campaign):
    """The campaign's events in its language (those of its translations too, untranslated)."""
    campaign_paths = list(
        CampaignPage.objects.filter(translation_key=campaign.translation_key).values_list("path", flat=True)
    )
    in_campaign = Q()
    for path in campaign_paths:
        in_campaign |= Q(path__startswith=path)
    return (
        EventPage.objects.for_locale(campaign.locale_id)
        .filter(in_campaign, depth=campaign.depth + 1)
        .live()
        .public()
    )


def _campaign_facts(campaign):
    """What the campaign page shows besides its own fields and the programme's pages."""
    organisers, partners = _organizations_of(campaign)
    return {
        "organisers": organisers,
        "partners": partners,
        "languages": list(
            Language.objects.filter(events__in=_programme(campaign).values("pk"))
            .distinct()
            .order_by("sort_order", "name")
        ),
        "statement_ids": list(
            CampaignStatement.objects.filter(page=campaign)
            .order_by("sort_order")
            .values_list("video_id", flat=True)
        ),
    }


def _filter_urls(request, name, values):
    """The query string of this request with ``name`` set to each value (None: left out).

    The other parameters are kept, the page number is dropped: another
    filter starts at its first page.
    """
    kept = [
        (key, value) for key, values_ in request.GET.lists() if key not in (name, "page") for value in values_
    ]
    urls = []
    for value in values:
        pairs = kept if value is None else [*kept, (name, value)]
        urls.append(f"?{urlencode(pairs)}" if pairs else "?" if request.GET else "")
    return urls


def campaign_context(request, campaign):
    """The campaign page: partners, trailer, statements, programme by day, language filter.

    The programme's languages and the ids of its pages, the statements' ids
    and the partners are remembered per cache generation; the event cards and
    the videos are fragments whose objects are loaded only when one is not
    remembered yet (``zib.events.cards``).
    """
    facts = local.get_or_compute(
        f"events:campaign:{campaign.pk}",
        lambda: _campaign_facts(campaign),
        timeout=local.until_scheduled_change,
        request=request,
    )
    programme_languages = facts["languages"]
    languages = {language.code: language for language in programme_languages}
    selected = request.GET.get("language", "")
    invalid_language = bool(selected) and selected not in languages
    language = selected if selected and not invalid_language else ""

    def programme():
        events = _programme(campaign)
        if language:
            events = events.filter(languages__code=language)
        return events.order_by("starts_at", "pk")

    _paginator, page_obj = listings.paginate(
        request,
        f"events:campaign:{campaign.pk}:{language}",
        programme,
        campaign.per_page,
        load=cards.load_cards,
    )
    current = translation.get_language()
    my_language = next((lang for lang in programme_languages if lang.primary_subtag == current), None)
    all_languages_url, *language_urls = _filter_urls(
        request, "language", [None, *(lang.code for lang in programme_languages)]
    )
    for programme_language, url in zip(programme_languages, language_urls, strict=True):
        programme_language.filter_url = url
    # With no parameters but these, the filter's links depend only on the campaign, the chosen
    # language and whether the address has a query at all: the filter is kept as a fragment.
    only_filter_and_page = set(request.GET) <= {"language", "page"}
    language_filter_key = f"{campaign.pk}:{language}:{bool(request.GET)}" if only_filter_and_page else None
    statement_ids = facts["statement_ids"]
    # The trailer and the statements are loaded together, only if one of them is not remembered.
    videos = cards.video_stand_ins([*([campaign.trailer_id] if campaign.trailer_id else []), *statement_ids])
    trailer = videos.pop(0) if campaign.trailer_id else None
    return {
        "organisers": facts["organisers"],
        "partners": facts["partners"],
        "statements": videos,
        "trailer": trailer,
        "programme_days": SimpleLazyObject(lambda: group_by_day(page_obj.object_list)),
        "page_obj": page_obj,
        "programme_languages": programme_languages,
        "all_languages_url": all_languages_url,
        "selected_language": languages.get(selected),
        "invalid_language": invalid_language,
        "my_language": my_language,
        "language_filter_key": language_filter_key,
    }


# --- calendars ---------------------------------------------------------------


def _site_host(request):
    site = Site.find_for_request(request)
    if site and site.hostname:
        return site.hostname
    return request.get_host().split(":")[0]


def _calendar_response(request, body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=900)
    conditional = get_conditional_response(request, etag=response["ETag"], response=response)
    return conditional


@require_safe
def event_calendar(request, event_id):
    """One event as an .ics file."""
    page = get_object_or_404(EventPage.objects.live().public().select_related("locale"), pk=event_id)
    url = page.get_full_url(request)
    campaign = CampaignPage.objects.live().filter(path=page.path[: -Page.steplen]).first()
    body = ical.build_calendar(
        [page],
        name=page.title,
        host=_site_host(request),
        urls={page.pk: url},
        campaign_titles={page.pk: campaign.title} if campaign else {},
        source_url=request.build_absolute_uri(request.path),
    )
    return _calendar_response(request, body, f"{page.slug}.ics")


def events_index_for_locale(locale):
    """The events listing in `locale`, else the original one."""
    index = EventIndexPage.objects.live().filter(locale=locale).first()
    return index or EventIndexPage.objects.live().filter(locale=Locale.get_default()).first()


@require_safe
def calendar_feed(request):
    """All events (filterable like the listing, e.g. ?language=ar) as a subscribable calendar."""
    locale = Locale.get_active()
    index_page = events_index_for_locale(locale)
    if index_page is None:
        raise Http404
    languages = offered_languages()
    form = EventFilterForm(request.GET or None, languages=languages)
    filters = {name: value for name, value in form.filters().items() if name in ("language", "kind", "mode")}
    now = timezone.now()
    queryset = (
        # The past year stays in, so subscribed calendars keep recent events.
        apply_filters(
            EventPage.objects.for_locale(locale),
            {**filters, "date_from": timezone.localdate() - datetime.timedelta(days=FEED_PAST_DAYS)},
            now,
        )
        .order_by("starts_at", "pk")
        .live()
        .public()
        .defer_streamfields()
        .prefetch_related("languages")
        .select_related("locale")
    )
    events = attach_campaigns(list(queryset[:FEED_MAX_EVENTS]))
    site = Site.find_for_request(request)
    name = f"{site.site_name if site and site.site_name else 'ZIB'} – {index_page.title}"
    if filters.get("language"):
        language = next(lang for lang in languages if lang.code == filters["language"])
        name += f" ({language.native_name})"
    query = "&".join(f"{name}={value}" for name, value in sorted(filters.items()))
    body = ical.build_calendar(
        events,
        name=name,
        host=_site_host(request),
        urls={event.pk: event.get_full_url(request) for event in events},
        campaign_titles={event.pk: event.campaign.title for event in events if event.campaign},
        source_url=request.build_absolute_uri(request.path) + (f"?{query}" if query else ""),
    )
    return _calendar_response(request, body, "veranstaltungen.ics")


# --- registration ------------------------------------------------------------


def _no_referrer(response):
    # The address carries the personal link; it must not leak to other sites or search engines.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    add_never_cache_headers(response)
    return response


@require_POST
def register(request, event_id):
    """Receive the registration form: take a seat or a place on the waiting list.

    On errors the event page is shown again with the form as typed and an
    error summary; on success the browser goes to the personal registration
    page (POST/redirect/GET).
    """
    page = get_object_or_404(EventPage.objects.live().public(), pk=event_id)
    form = RegistrationForm(request.POST)
    if form.is_spam():
        return HttpResponseRedirect(page.get_url(request), status=303)
    if form.is_valid():
        try:
            result = services.register(
                page,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                note=form.cleaned_data["note"],
                language=translation.get_language() or "de",
            )
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            if result.outcome == services.Outcome.DUPLICATE:
                target = f"{page.get_url(request)}?anmeldung=duplicate#anmeldung"
            else:
                target = reverse("events:registration", kwargs={"token": result.registration.token})
            response = HttpResponseRedirect(target)
            response.status_code = 303
            return _no_referrer(response)
    context = page.get_context(request)
    context["registration_form"] = form
    response = TemplateResponse(request, page.get_template(request), context)
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def registration_detail(request, token):
    """A person's own registration: its status, and a button to cancel it.

    Cancelling needs a POST (a button), so that link checkers and mail
    scanners opening the link cancel nothing.
    """
    registration = Registration.from_token(token)
    if registration is None:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            result = services.cancel_registration(registration)
        except services.RegistrationError as exc:
            error = exc.message
        else:
            registration = result.registration
    event = registration.event
    locale = Locale.objects.filter(language_code=translation.get_language()).first()
    if locale and locale.pk != event.locale_id:
        translation_page = event.get_translation_or_none(locale)
        if translation_page is not None and translation_page.live:
            event = translation_page.specific
    position = None
    if registration.status == Registration.Status.WAITING:
        position = (
            Registration.objects.filter(
                event_id=registration.event_id,
                status=Registration.Status.WAITING,
                created_at__lte=registration.created_at,
            )
            .exclude(created_at=registration.created_at, pk__gt=registration.pk)
            .count()
        )
    context = {
        "registration": registration,
        "event": event,
        "waiting_position": position,
        "can_cancel": registration.is_active and event.ends_at > timezone.now(),
        "error": error,
        "just_cancelled": request.method == "POST" and not error,
    }
    return _no_referrer(render(request, "events/registration_detail.html", context))
