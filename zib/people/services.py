"""Who is in the team, profiles, and the articles introducing a person.

News articles point at a person through `introduces` (related name
"introductions"); every function here checks for that relation, so the
people app works with or without the news app.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.utils import timezone

from zib.images.models import CustomImage

from .models import Person, TeamMembership, TeamPage

KIND_ORDER = Case(
    When(kind=TeamMembership.Kind.STAFF, then=Value(0)),
    When(kind=TeamMembership.Kind.VOLUNTEER, then=Value(1)),
    When(kind=TeamMembership.Kind.INTERN, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


@dataclass
class TeamMember:
    """A person in today's team with the membership that makes them one."""

    person: Person
    membership: TeamMembership

    @property
    def is_intern(self):
        return self.membership.is_intern

    @property
    def label(self):
        """What the person does in the team: the position, else the kind (interns carry a badge instead)."""
        if self.membership.position:
            return self.membership.position
        return "" if self.is_intern else self.membership.get_kind_display()


def current_q(today=None, prefix=""):
    """Memberships running on `today` (start and end inclusive, both optional)."""
    today = today or timezone.localdate()
    return (Q(**{f"{prefix}start_date__isnull": True}) | Q(**{f"{prefix}start_date__lte": today})) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
    )


def _languages(locale):
    """The locale's language and the site's default language, for fallbacks."""
    codes = [locale.language_code] if locale is not None else []
    if settings.LANGUAGE_CODE not in codes:
        codes.append(settings.LANGUAGE_CODE)
    return codes


def _prefer_locale(items, person_of, locale):
    """Keep one item per person (translation key), preferring `locale`, keeping order."""
    chosen = {}
    for item in items:
        person = person_of(item)
        current = chosen.get(person.translation_key)
        if current is None or (
            locale is not None and person.locale_id == locale.pk and person_of(current).locale_id != locale.pk
        ):
            chosen[person.translation_key] = item
    return list(chosen.values())


def _photo_renditions(lookup, spec):
    rendition_model = CustomImage.get_rendition_model()
    return Prefetch(
        lookup, queryset=rendition_model.objects.filter(filter_spec=spec), to_attr="prefetched_renditions"
    )


def current_team(locale=None, today=None, photo_spec=None):
    """Today's team in `locale` (falling back to the default language), staff first, then by name.

    Returns `TeamMember` items; runs two queries (three with `photo_spec`,
    which prefetches the photos' renditions) however large the team is.
    """
    memberships = (
        TeamMembership.objects.filter(current_q(today), person__locale__language_code__in=_languages(locale))
        .select_related("person", "person__photo", "person__locale")
        .annotate(kind_order=KIND_ORDER)
        .order_by("kind_order", "person__name", "sort_order", "pk")
    )
    if photo_spec:
        memberships = memberships.prefetch_related(_photo_renditions("person__photo__renditions", photo_spec))
    members = [TeamMember(person=m.person, membership=m) for m in memberships]
    return _prefer_locale(members, lambda member: member.person, locale)


def get_profile(slug, locale=None, today=None, photo_spec="fill-400x400"):
    """The person with this slug who belongs or belonged to the team, else None.

    People without a membership that has begun (guests, speakers, authors)
    have no profile. The person gets `visible_memberships`: the memberships
    that have begun, newest first.
    """
    today = today or timezone.localdate()
    begun = Q(start_date__isnull=True) | Q(start_date__lte=today)
    people = (
        Person.objects.filter(
            slug=slug,
            locale__language_code__in=_languages(locale),
            pk__in=TeamMembership.objects.filter(begun).values("person_id"),
        )
        .select_related("photo", "locale")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=TeamMembership.objects.filter(begun).order_by("-start_date", "-pk"),
                to_attr="visible_memberships",
            ),
            _photo_renditions("photo__renditions", photo_spec),
        )
    )
    found = _prefer_locale(list(people), lambda person: person, locale)
    if not found:
        return None
    person = found[0]
    for membership in person.visible_memberships:
        membership.current = membership.is_current(today)
    return person


def _introduction_model():
    """The page model pointing at Person through `introduces`, or None without the news app."""
    relation = getattr(Person, "introductions", None)
    return relation.rel.related_model if relation is not None else None


def _introductions_queryset(model, locale=None):
    queryset = model.objects.all()
    published = getattr(queryset, "published", None)
    queryset = published() if callable(published) else queryset.live().public()
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    date_field = "date" if any(field.name == "date" for field in model._meta.fields) else "first_published_at"
    return queryset.defer_streamfields().select_related("introduces").order_by(f"-{date_field}", "-pk")


def introductions_for(person, locale=None):
    """Live, public articles introducing this person (any translation of them), newest first."""
    model = _introduction_model()
    if model is None:
        return []
    queryset = _introductions_queryset(model, locale or person.locale)
    return list(queryset.filter(introduces__translation_key=person.translation_key))


def latest_introduction(locale=None):
    """The newest live article introducing a team member ("Das Team des ZIB"), or None."""
    model = _introduction_model()
    if model is None:
        return None
    return (
        _introductions_queryset(model, locale)
        .filter(introduces__isnull=False, introduces__memberships__isnull=False)
        .distinct()
        .first()
    )


def team_page_for(locale=None):
    """The live team page in `locale`, else in any language."""
    pages = TeamPage.objects.live().public()
    if locale is not None:
        page = pages.filter(locale=locale).first()
        if page is not None:
            return page
    return pages.order_by("pk").first()


def profile_url(person, request=None, today=None):
    """The address of a person's profile, or None if they have none (no team page, never in the team)."""
    today = today or timezone.localdate()
    has_begun = person.memberships.filter(Q(start_date__isnull=True) | Q(start_date__lte=today)).exists()
    if not has_begun:
        return None
    page = team_page_for(person.locale)
    return page.profile_url(person, request) if page is not None else None


def team_photo_usages(today: date | None = None):
    """(image id, team page id) for the photos the live team pages show (for "Bildnachweise")."""
    pages = dict(TeamPage.objects.live().public().values_list("locale__language_code", "pk"))
    if not pages:
        return []
    photos = (
        TeamMembership.objects.filter(
            current_q(today), person__locale__language_code__in=list(pages), person__photo__isnull=False
        )
        .values_list("person__photo_id", "person__locale__language_code")
        .distinct()
    )
    return [(photo_id, pages[language]) for photo_id, language in photos]
