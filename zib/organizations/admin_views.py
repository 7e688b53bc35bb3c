"""Staff review of partners' proposals: compare, then publish or send back with a note."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from . import services
from .forms import ProposalForm, ReviewForm
from .models import District, Organization, OrganizationProposal, Topic

FIELD_LABELS = {name: field.label for name, field in ProposalForm.base_fields.items()}


def _display(name, value):
    if name == "topics":
        names = dict(Topic.objects.filter(slug__in=value or []).values_list("slug", "name"))
        return ", ".join(names.get(slug, slug) for slug in value or [])
    if name == "district":
        district = District.objects.filter(slug=value).first() if value else None
        return district.name if district else (value or "")
    if name == "kind":
        return dict(Organization.Kind.choices).get(value, value or "")
    if name == "accessibility":
        return dict(Organization.Accessibility.choices).get(value or "", value or "")
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


def comparison_rows(proposal):
    """Field, current value and proposed value, with a flag where they differ."""
    current = {}
    if proposal.organization_id:
        organization = Organization.objects.prefetch_related(
            "topics", "social_channels", "contact_persons"
        ).get(pk=proposal.organization_id)
        current = ProposalForm.initial_from_organization(organization)
        current["social_links"] = [c.url for c in organization.social_channels.all()]
    rows = []
    for name in ProposalForm.DATA_FIELDS:
        proposed = _display(name, proposal.data.get(name))
        before = _display(name, current.get(name)) if current else ""
        rows.append(
            {
                "label": FIELD_LABELS.get(name, name),
                "current": before,
                "proposed": proposed,
                "changed": bool(current) and before != proposed,
            }
        )
    return rows


def review(request, pk):
    """Review page for one proposal."""
    user = request.user
    if not (user.has_perm("organizations.review_organizationproposal") or user.is_superuser):
        raise PermissionDenied
    proposal = get_object_or_404(
        OrganizationProposal.objects.select_related("organization", "reviewed_by"), pk=pk
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        try:
            if action == "publish":
                services.publish_proposal(proposal, user)
                messages.success(request, _("Der Eintrag ist veröffentlicht."))
            elif action == "return":
                services.return_proposal(proposal, user, form.cleaned_data["note"])
                messages.success(request, _("Der Vorschlag wurde mit Ihrer Notiz zurückgeschickt."))
            else:
                services.reject_proposal(proposal, user, form.cleaned_data["note"])
                messages.success(request, _("Der Vorschlag wurde abgelehnt."))
        except services.InvalidState:
            messages.error(request, _("Dieser Vorschlag wurde inzwischen schon bearbeitet."))
        return redirect(reverse("organizations_admin:review", args=[proposal.pk]))
    context = {
        "proposal": proposal,
        "rows": comparison_rows(proposal),
        "form": form,
        "can_decide": proposal.status == OrganizationProposal.Status.SUBMITTED,
        "can_reject": proposal.status
        in (OrganizationProposal.Status.SUBMITTED, OrganizationProposal.Status.UNCONFIRMED),
        "list_url": reverse("wagtailsnippets_organizations_organizationproposal:list"),
        "header_title": proposal.title,
        "page_title": _("Vorschlag prüfen"),
    }
    return TemplateResponse(request, "organizations/admin/review.html", context)
