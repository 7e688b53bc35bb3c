"""Staff review of grant applications in the Wagtail admin.

Staff need the "Förderung" group (or the view/change permissions on
GrantApplication). Applications are never created, edited or deleted
through generic forms here: the list leads to a review page whose actions
(status change, comment, score) go through `zib.grants.services`.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import ModelPermissionPolicy

from zib.security.spreadsheets import SpreadsheetSafeExportMixin

from . import services
from .documents import decision_letter_pdf, receipt_pdf
from .forms import InternalCommentForm, ReviewScoreForm, StatusChangeForm
from .models import Attachment, GrantApplication, GrantCallPage
from .views import pdf_response, serve_attachment

Status = GrantApplication.Status


def _call_choices(request=None):
    return GrantCallPage.objects.filter(applications__isnull=False).distinct().order_by("-opens_at")


def _year_choices():
    years = (
        GrantApplication.objects.exclude(budget_year=None)
        .order_by("-budget_year")
        .values_list("budget_year", flat=True)
        .distinct()
    )
    return [(year, str(year)) for year in years]


class GrantApplicationFilterSet(WagtailFilterSet):
    call = django_filters.ModelChoiceFilter(label=gettext_lazy("Förderaufruf"), queryset=_call_choices)
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[choice for choice in Status.choices if choice[0] != Status.DRAFT],
    )
    budget_year = django_filters.TypedChoiceFilter(
        label=gettext_lazy("Haushaltsjahr"), choices=_year_choices, coerce=int
    )

    class Meta:
        model = GrantApplication
        fields = ["call", "status", "budget_year"]


class AmountColumn(Column):
    cell_template_name = "wagtailadmin/tables/cell.html"

    def get_value(self, instance):
        value = super().get_value(instance)
        return "–" if value is None else f"{services.eur(value)} €"


class GrantApplicationIndexView(SpreadsheetSafeExportMixin, IndexView):
    """The list of submitted applications with filters and CSV/XLSX export."""

    def get_base_queryset(self):
        # Drafts are the applicants' unfinished work: not the office's business yet.
        return (
            GrantApplication.objects.exclude(status=Status.DRAFT)
            .select_related("organisation")
            .only(
                "pk",
                "reference",
                "title",
                "status",
                "call_id",
                "call_title",
                "budget_year",
                "requested_amount",
                "approved_amount",
                "paid_amount",
                "own_contribution",
                "other_funding",
                "start_date",
                "end_date",
                "submitted_at",
                "decided_at",
                "language",
                "organisation__name",
                "organisation_snapshot",
            )
        )

    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_add_url(self):
        return None

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        from wagtail.admin.widgets.button import Button

        buttons.append(
            Button(_("Haushaltsübersicht"), url=reverse("grant_budget:index"), icon_name="table", priority=50)
        )
        return buttons


class GrantApplicationDetailView(InspectView):
    """Everything submitted, the history, messages, comments, scores and the actions."""

    template_name = "grants/admin/application_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            GrantApplication.objects.exclude(status=Status.DRAFT)
            .select_related("call", "organisation")
            .prefetch_related("budget_lines", "attachments", "status_changes__changed_by_user"),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return str(self.object)

    def get_edit_url(self):
        return None

    def get_delete_url(self):
        return None

    def post(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        action = request.POST.get("action")
        application = self.object
        if action == "status":
            form = StatusChangeForm(request.POST, application=application)
            if form.is_valid():
                data = services.TransitionData(
                    amount=form.cleaned_data["amount"], date=form.cleaned_data["date"]
                )
                try:
                    services.change_status(
                        application,
                        form.cleaned_data["to_status"],
                        expected_version=form.cleaned_data["version"],
                        user=request.user,
                        note=form.cleaned_data["note"],
                        data=data,
                    )
                except services.TransitionError as error:
                    form.add_error(error.field if error.field in form.fields else None, error.message)
                    if isinstance(error, services.ConcurrentModification):
                        application.refresh_from_db()
                        form.data = form.data.copy()
                        form.data["version"] = application.version
                else:
                    messages.success(
                        request,
                        _("Status geändert: %(status)s. Die Antragstellenden bekommen eine E-Mail.")
                        % {"status": application.get_status_display()},
                    )
                    return HttpResponseRedirect(request.path)
            return self.render_to_response(self.get_context_data(status_form=form), status=400)
        if action == "comment":
            form = InternalCommentForm(request.POST)
            if form.is_valid():
                services.add_internal_comment(application, request.user, form.cleaned_data["body"])
                messages.success(request, _("Kommentar gespeichert."))
                return HttpResponseRedirect(request.path + "#kommentare")
            return self.render_to_response(self.get_context_data(comment_form=form), status=400)
        if action == "score":
            form = ReviewScoreForm(request.POST)
            if form.is_valid():
                services.save_score(application, request.user, **form.cleaned_data)
                messages.success(request, _("Bewertung gespeichert."))
                return HttpResponseRedirect(request.path + "#bewertung")
            return self.render_to_response(self.get_context_data(score_form=form), status=400)
        raise Http404

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        user = self.request.user
        can_change = self.permission_policy.user_has_permission(user, "change")
        scores = list(application.scores.select_related("reviewer"))
        own_score = next((score for score in scores if score.reviewer_id == user.pk), None)
        context.update(
            {
                "application": application,
                "can_change": can_change,
                "status_form": kwargs.get("status_form")
                or (StatusChangeForm(application=application) if can_change else None),
                "comment_form": kwargs.get("comment_form") or InternalCommentForm(),
                "score_form": kwargs.get("score_form") or ReviewScoreForm(instance=own_score),
                "comments": application.internal_comments.select_related("author"),
                "scores": scores,
                "score_summary": _score_summary(scores),
                "thread": application.messages.prefetch_related("attachments").select_related("author_user"),
                "history": application.status_changes.all(),
                "members": list(application.organisation.members.all()) if application.organisation else [],
                "remaining_budget": services.remaining_budget(application.call, application.budget_year)
                if application.call and application.budget_year
                else None,
            }
        )
        return context


class GrantApplicationViewSet(ModelViewSet):
    model = GrantApplication
    name = "grant_applications"
    icon = "form"
    menu_label = gettext_lazy("Förderanträge")
    index_view_class = GrantApplicationIndexView
    inspect_view_class = GrantApplicationDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = GrantApplicationFilterSet
    list_per_page = 50
    ordering = ["-submitted_at"]
    list_display = [
        Column("title", label=gettext_lazy("Projekt"), accessor="__str__"),
        Column("organisation", label=gettext_lazy("Organisation"), accessor="organisation_name"),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display", sort_key="status"),
        Column("budget_year", label=gettext_lazy("Jahr"), sort_key="budget_year"),
        AmountColumn("requested_amount", label=gettext_lazy("Beantragt"), sort_key="requested_amount"),
        AmountColumn("approved_amount", label=gettext_lazy("Bewilligt"), sort_key="approved_amount"),
        DateColumn("submitted_at", label=gettext_lazy("Eingereicht"), sort_key="submitted_at"),
    ]
    list_export = [
        "reference",
        "call_title",
        "status",
        "budget_year",
        "title",
        "organisation_name",
        "start_date",
        "end_date",
        "requested_amount",
        "own_contribution",
        "other_funding",
        "approved_amount",
        "paid_amount",
        "submitted_at",
        "decided_at",
        "language",
    ]
    export_headings = {
        "reference": gettext_lazy("Aktenzeichen"),
        "call_title": gettext_lazy("Förderaufruf"),
        "status": gettext_lazy("Status"),
        "budget_year": gettext_lazy("Haushaltsjahr"),
        "title": gettext_lazy("Projekttitel"),
        "organisation_name": gettext_lazy("Organisation"),
        "start_date": gettext_lazy("Projektbeginn"),
        "end_date": gettext_lazy("Projektende"),
        "requested_amount": gettext_lazy("Beantragt (Euro)"),
        "own_contribution": gettext_lazy("Eigenanteil (Euro)"),
        "other_funding": gettext_lazy("Andere Förderung (Euro)"),
        "approved_amount": gettext_lazy("Bewilligt (Euro)"),
        "paid_amount": gettext_lazy("Ausgezahlt (Euro)"),
        "submitted_at": gettext_lazy("Eingereicht am"),
        "decided_at": gettext_lazy("Entschieden am"),
        "language": gettext_lazy("Sprache"),
    }
    export_filename = "foerderantraege"

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
            path("<int:pk>/anlagen/<int:attachment_id>/", self.attachment_view, name="attachment"),
            path("<int:pk>/eingangsbestaetigung.pdf", self.receipt_view, name="receipt"),
            path("<int:pk>/bescheid.pdf", self.decision_letter_view, name="decision_letter"),
        ]

    def _guarded(self, request, pk):
        if not self.permission_policy.user_has_any_permission(request.user, ["view", "change"]):
            raise PermissionDenied
        return get_object_or_404(GrantApplication.objects.exclude(status=Status.DRAFT), pk=pk)

    @property
    def attachment_view(self):
        def view(request, pk, attachment_id):
            application = self._guarded(request, pk)
            attachment = get_object_or_404(Attachment, pk=attachment_id, application=application)
            return serve_attachment(attachment)

        return view

    @property
    def receipt_view(self):
        def view(request, pk):
            application = self._guarded(request, pk)
            if not application.submitted_at:
                raise Http404
            return pdf_response(receipt_pdf(application), f"{application.reference}-eingangsbestaetigung.pdf")

        return view

    @property
    def decision_letter_view(self):
        def view(request, pk):
            application = self._guarded(request, pk)
            if not application.decided_at:
                raise Http404
            return pdf_response(decision_letter_pdf(application), f"{application.reference}-bescheid.pdf")

        return view


class BudgetOverviewViewSet(ViewSet):
    """Per call and year: budget, approved, paid, left."""

    name = "grant_budget"
    icon = "table"
    menu_label = gettext_lazy("Haushaltsübersicht")

    def get_urlpatterns(self):
        return [path("", self.index_view, name="index")]

    @property
    def index_view(self):
        def view(request):
            policy = ModelPermissionPolicy(GrantApplication)
            if not policy.user_has_any_permission(request.user, ["view", "change"]):
                raise PermissionDenied
            return TemplateResponse(
                request,
                "grants/admin/budget_overview.html",
                {
                    "rows": services.budget_overview(),
                    "page_title": _("Haushaltsübersicht Kleinförderung"),
                    "header_icon": "table",
                    "today": timezone.localdate(),
                },
            )

        return view

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        def is_shown(_self, request):
            return ModelPermissionPolicy(GrantApplication).user_has_any_permission(
                request.user, ["view", "change"]
            )

        return type("BudgetOverviewMenuItem", (MenuItem,), {"is_shown": is_shown})


class GrantsViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Förderung")
    menu_icon = "form"
    menu_order = 250
    items = (GrantApplicationViewSet, BudgetOverviewViewSet)


def _score_summary(scores):
    """How many reviewers scored, and the average of each criterion (from the loaded scores)."""
    summary = {"count": len(scores)}
    for criterion in ("relevance", "feasibility", "budget"):
        values = [getattr(score, criterion) for score in scores]
        summary[criterion] = sum(values) / len(values) if values else None
    return summary
