"""What the council's public pages show: members with consent, meetings, papers."""

from django.db.models import Prefetch, Q
from django.utils import timezone
from wagtail.models import Locale

from .models import AgendaItem, Committee, Consultation, LegislativeTerm, Meeting, Membership, Paper


def current_term(today=None):
    today = today or timezone.localdate()
    return (
        LegislativeTerm.objects.filter(start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .order_by("-start_date")
        .first()
    ) or LegislativeTerm.objects.order_by("-start_date").first()


def public_memberships(term=None):
    """Memberships of members who agreed to have their name published."""
    queryset = Membership.objects.filter(member__publish_name=True).select_related(
        "member__person__photo", "committee", "on_behalf_of", "legislative_term"
    )
    if term is not None:
        queryset = queryset.filter(Q(legislative_term=term) | Q(legislative_term__isnull=True))
    today = timezone.localdate()
    return queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))


def council_members(term=None):
    """The council's members grouped by role (chair first), as (role label, [memberships])."""
    memberships = list(
        public_memberships(term)
        .filter(committee__kind=Committee.Kind.COUNCIL)
        .prefetch_related("member__person__photo__renditions")
    )
    memberships.sort(key=lambda m: (Membership.ROLE_ORDER.get(m.role, 9), m.member.person.name))
    groups = []
    for membership in memberships:
        label = membership.get_role_display()
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append(membership)
    return groups


def working_groups(term=None):
    """Working groups with their publicly named members."""
    memberships = Prefetch(
        "memberships",
        queryset=public_memberships(term).order_by("role", "member__person__name"),
        to_attr="public_members",
    )
    return list(
        Committee.objects.filter(kind=Committee.Kind.WORKING_GROUP, published=True)
        .prefetch_related(memberships)
        .order_by("name")
    )


def published_meetings():
    """Published meetings in the default locale (translations are overlaid for display)."""
    return Meeting.objects.filter(locale=Locale.get_default(), published=True).select_related(
        "location", "committee"
    )


def next_meeting(now=None):
    """The next meeting that has not been cancelled, for the council page and the start page."""
    now = now or timezone.now()
    return (
        published_meetings()
        .filter(start__gte=now)
        .exclude(state=Meeting.State.CANCELLED)
        .order_by("start")
        .first()
    )


def next_meeting_start(now=None):
    """When the next published meeting (also a cancelled one) starts, or None."""
    now = now or timezone.now()
    return (
        Meeting.objects.filter(locale=Locale.get_default(), published=True, start__gte=now)
        .order_by("start")
        .values_list("start", flat=True)
        .first()
    )


def localized(meeting, locale=None):
    """The meeting's texts in the visitor's language: the translation if one exists."""
    locale = locale or Locale.get_active()
    if locale.pk == meeting.locale_id:
        return meeting, {}
    translation = Meeting.objects.filter(translation_key=meeting.translation_key, locale=locale).first()
    if translation is None:
        return meeting, {}
    items = {item.translation_key: item for item in AgendaItem.objects.filter(meeting=translation)}
    return translation, items


def meeting_detail(pk):
    return (
        published_meetings()
        .select_related("invitation__document", "results_protocol__document")
        .prefetch_related(
            "auxiliary_files__document",
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related("resolution_file__document").prefetch_related(
                    "auxiliary_files__document",
                    Prefetch(
                        "consultations",
                        queryset=Consultation.objects.filter(paper__published=True).select_related("paper"),
                    ),
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def paper_detail(pk):
    return (
        Paper.objects.filter(published=True, pk=pk)
        .select_related("main_file__document")
        .prefetch_related(
            "auxiliary_files__document",
            "originator_committees",
            Prefetch(
                "consultations",
                queryset=Consultation.objects.filter(
                    agenda_item__meeting__published=True, agenda_item__public=True
                ).select_related("agenda_item__meeting"),
            ),
        )
        .first()
    )
