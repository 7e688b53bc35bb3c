"""Background work of the network directory: the e-mails (django-tasks).

The e-mails are written in the site's source language (German), whoever
triggered them and in whichever language.
"""

import functools

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Organization, OrganizationProposal


def absolute(url):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def in_site_language(func):
    """Run the task with the site's source language active (subject, body and links)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return func(*args, **kwargs)

    return wrapper


def _send(subject, template, context, recipients):
    send_mail(subject, render_to_string(template, context), settings.DEFAULT_FROM_EMAIL, recipients)


@task()
@in_site_language
def send_proposal_confirmation(proposal_id):
    """Ask the partner to confirm their e-mail address before staff see the proposal."""
    from .services import proposal_confirm_token

    proposal = OrganizationProposal.objects.filter(pk=proposal_id).first()
    if proposal is None:
        return
    url = absolute(reverse("organizations:confirm_proposal", args=[proposal_confirm_token(proposal)]))
    _send(
        _("Bitte bestätigen Sie Ihren Vorschlag für das Netzwerkverzeichnis"),
        "organizations/emails/proposal_confirm.txt",
        {"proposal": proposal, "url": url},
        [proposal.submitter_email],
    )


@task()
@in_site_language
def notify_staff_of_proposal(proposal_id):
    """Tell staff that a confirmed proposal waits for review."""
    proposal = OrganizationProposal.objects.filter(pk=proposal_id).first()
    if proposal is None:
        return
    _send(
        _("Netzwerkverzeichnis: %(title)s") % {"title": proposal.title},
        "organizations/emails/proposal_staff.txt",
        {"proposal": proposal, "url": absolute(proposal.get_review_url())},
        settings.STAFF_NOTIFICATION_EMAILS,
    )


@task()
@in_site_language
def send_proposal_decision(proposal_id):
    """Tell the partner that staff published, returned or declined the proposal."""
    from .services import proposal_revise_token
    from .views import entry_url

    proposal = OrganizationProposal.objects.filter(pk=proposal_id).select_related("organization").first()
    if proposal is None:
        return
    context = {"proposal": proposal, "revise_url": "", "entry_url": ""}
    if proposal.status == OrganizationProposal.Status.RETURNED:
        context["revise_url"] = absolute(
            reverse("organizations:revise_proposal", args=[proposal_revise_token(proposal)])
        )
        subject = _("Ihr Vorschlag für das Netzwerkverzeichnis: bitte überarbeiten")
    elif proposal.status == OrganizationProposal.Status.PUBLISHED:
        if proposal.organization:
            context["entry_url"] = entry_url(proposal.organization, absolute=True)
        subject = _("Ihr Eintrag im Netzwerkverzeichnis ist veröffentlicht")
    else:
        subject = _("Ihr Vorschlag für das Netzwerkverzeichnis")
    _send(subject, "organizations/emails/proposal_decision.txt", context, [proposal.submitter_email])


@task()
@in_site_language
def send_entry_confirmation_request(organization_id):
    """The yearly e-mail: is the entry still correct? Confirm or correct without an account."""
    from .services import entry_confirm_token

    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None or not organization.update_email:
        return
    url = absolute(reverse("organizations:confirm_entry", args=[entry_confirm_token(organization)]))
    _send(
        _("Ist Ihr Eintrag im Netzwerkverzeichnis noch aktuell?"),
        "organizations/emails/entry_confirm.txt",
        {"organization": organization, "url": url},
        [organization.update_email],
    )


@task()
@in_site_language
def notify_staff_of_stale_entries(organization_ids):
    """A digest for staff: entries nobody confirmed within the set time."""
    entries = list(Organization.objects.filter(pk__in=organization_ids).order_by("name"))
    if not entries:
        return
    _send(
        _("Netzwerkverzeichnis: %(count)s Einträge ohne aktuelle Bestätigung") % {"count": len(entries)},
        "organizations/emails/stale_digest.txt",
        {
            "entries": entries,
            "admin_url": absolute(reverse("wagtailsnippets_organizations_organization:list")),
        },
        settings.STAFF_NOTIFICATION_EMAILS,
    )


@task()
def request_yearly_confirmations():
    """Scheduled yearly run (see `manage.py request_entry_confirmations`)."""
    from .services import request_confirmations

    sent, stale = request_confirmations()
    return {"sent": sent, "stale": len(stale)}
