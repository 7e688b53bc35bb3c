"""Admin for people: the Person snippet with list columns, filters and search."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Person, TeamMembership
from .services import current_q


class PersonFilterSet(WagtailFilterSet):
    """Filter people by their place in the team and by what they are shown for."""

    team = django_filters.ChoiceFilter(
        label=_("Team"),
        method="filter_team",
        choices=[
            ("current", _("Aktuell im Team")),
            ("former", _("Ehemals im Team")),
            ("none", _("Nicht im Team")),
        ],
        empty_label=_("Alle"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Art der Teamzugehörigkeit"),
        field_name="memberships__kind",
        choices=TeamMembership.Kind.choices,
        distinct=True,
        empty_label=_("Alle"),
    )
    has_initials = django_filters.BooleanFilter(label=_("Mit Autorenkürzel"), method="filter_has_initials")

    class Meta:
        model = Person
        fields = ["team", "kind", "has_initials"]

    def filter_team(self, queryset, name, value):
        current_ids = TeamMembership.objects.filter(current_q()).values("person_id")
        if value == "current":
            return queryset.filter(pk__in=current_ids)
        if value == "former":
            return queryset.filter(memberships__isnull=False).exclude(pk__in=current_ids).distinct()
        if value == "none":
            return queryset.filter(memberships__isnull=True)
        return queryset

    def filter_has_initials(self, queryset, name, value):
        if value is None:
            return queryset
        with_initials = ~Q(initials="")
        return queryset.filter(with_initials) if value else queryset.exclude(with_initials)


class PersonViewSet(SnippetViewSet):
    """Personen: team, podcast hosts and guests, speakers, authors."""

    model = Person
    icon = "user"
    menu_label = _("Personen")
    menu_order = 210
    add_to_admin_menu = True
    list_display = [
        "name",
        Column("role", label=_("Funktion")),
        Column("initials", label=_("Kürzel")),
        UpdatedAtColumn(),
    ]
    list_per_page = 50
    filterset_class = PersonFilterSet
    ordering = ["name"]
