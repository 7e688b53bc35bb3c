"""Admin for the Integrationsbeirat: meetings, papers, members, groups, terms, places, files."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Committee, CouncilFile, LegislativeTerm, Location, Meeting, Member, Membership, Paper


class MeetingViewSet(SnippetViewSet):
    model = Meeting
    icon = "date"
    menu_label = _("Sitzungen")
    list_display = [
        "name",
        DateColumn("start", label=_("Beginn")),
        Column("state", label=_("Status"), accessor="get_state_display"),
        BooleanColumn("published", label=_("Veröffentlicht")),
    ]
    list_filter = ["state", "published", "committee"]
    ordering = ["-start"]
    search_fields = ["name", "summary"]


class PaperViewSet(SnippetViewSet):
    model = Paper
    icon = "doc-full"
    menu_label = _("Vorlagen")
    list_display = ["name", "reference", DateColumn("date", label=_("Datum")), BooleanColumn("published")]
    list_filter = ["paper_type", "published"]


class MemberViewSet(SnippetViewSet):
    model = Member
    icon = "user"
    menu_label = _("Mitglieder")
    list_display = [
        "person",
        BooleanColumn("publish_name", label=_("Name öffentlich")),
        BooleanColumn("publish_contact", label=_("Kontakt öffentlich")),
        BooleanColumn("is_demo", label=_("Beispieldaten")),
    ]
    list_filter = ["publish_name", "is_demo"]

    def get_queryset(self, request):
        return Member.objects.select_related("person")


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Mitgliedschaften")
    list_display = [
        "member",
        "committee",
        Column("role", label=_("Rolle"), accessor="get_role_display"),
        "legislative_term",
    ]
    list_filter = ["committee", "role", "legislative_term"]

    def get_queryset(self, request):
        return Membership.objects.select_related("member__person", "committee", "legislative_term")


class CommitteeViewSet(SnippetViewSet):
    model = Committee
    icon = "group"
    menu_label = _("Gremien und Listen")
    list_display = [
        "name",
        Column("kind", label=_("Art"), accessor="get_kind_display"),
        BooleanColumn("published"),
    ]
    list_filter = ["kind", "published"]


class LegislativeTermViewSet(SnippetViewSet):
    model = LegislativeTerm
    icon = "calendar"
    menu_label = _("Wahlperioden")
    list_display = [
        "name",
        DateColumn("start_date", label=_("Beginn")),
        DateColumn("end_date", label=_("Ende")),
    ]


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = _("Sitzungsorte")
    list_display = ["description", "room", "street_address"]


class CouncilFileViewSet(SnippetViewSet):
    model = CouncilFile
    icon = "doc-full-inverse"
    menu_label = _("Dateien")
    list_display = ["name", "document", DateColumn("date", label=_("Datum"))]

    def get_queryset(self, request):
        return CouncilFile.objects.select_related("document")


class CouncilViewSetGroup(SnippetViewSetGroup):
    items = (
        MeetingViewSet,
        PaperViewSet,
        MemberViewSet,
        MembershipViewSet,
        CommitteeViewSet,
        LegislativeTermViewSet,
        LocationViewSet,
        CouncilFileViewSet,
    )
    menu_icon = "group"
    menu_label = _("Integrationsbeirat")
    menu_name = "council"
