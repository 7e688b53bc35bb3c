"""Admin for the network: organisations, topics, districts and partners' proposals."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from .models import District, Organization, OrganizationProposal, Topic, confirmation_max_age


class OrganizationFilterSet(WagtailFilterSet):
    """Filters for staff, including the entries nobody confirmed in time."""

    stale = django_filters.BooleanFilter(label=_("Bestätigung überfällig"), method="filter_stale")

    class Meta:
        model = Organization
        fields = ["kind", "show_in_directory", "district", "topics"]

    def filter_stale(self, queryset, name, value):
        if value is None:
            return queryset
        limit = timezone.localdate() - confirmation_max_age()
        stale = Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=limit)
        return queryset.filter(stale) if value else queryset.exclude(stale)


class StaleColumn(BooleanColumn):
    """True when the entry is flagged as not confirmed in time."""

    def get_value(self, instance):
        return not instance.is_stale


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organisationen")
    list_display = [
        "name",
        Column("kind", label=_("Art"), accessor="get_kind_display"),
        "district",
        BooleanColumn("show_in_directory", label=_("Im Verzeichnis")),
        DateColumn("last_confirmed_at", label=_("Zuletzt bestätigt")),
        StaleColumn("current", label=_("Aktuell bestätigt")),
    ]
    filterset_class = OrganizationFilterSet
    search_fields = ["name", "description"]
    inspect_view_enabled = True
    list_per_page = 50

    def get_queryset(self, request):
        return Organization.objects.select_related("district", "locale")


class ProposalIndexView(IndexView):
    """The proposals' list: a row opens the review page, not the generic edit form."""

    def get_edit_url(self, instance):
        return instance.get_review_url()

    def get_add_url(self):
        return None  # Proposals come from the public form only.


class ProposalViewSet(SnippetViewSet):
    model = OrganizationProposal
    icon = "mail"
    menu_label = _("Vorschläge")
    index_view_class = ProposalIndexView
    list_display = [
        "title",
        Column("status", label=_("Status"), accessor="get_status_display"),
        "submitter_name",
        DateColumn("created_at", label=_("Eingegangen")),
    ]
    list_filter = ["status"]
    ordering = ["-created_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return OrganizationProposal.objects.select_related("organization")


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Themenfelder")
    list_display = ["name", "slug", "sort_order"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = _("Stadtteile")
    list_display = ["name", "slug"]


class NetworkViewSetGroup(SnippetViewSetGroup):
    items = (OrganizationViewSet, ProposalViewSet, TopicViewSet, DistrictViewSet)
    menu_icon = "group"
    menu_label = _("Netzwerk")
    menu_name = "network"
