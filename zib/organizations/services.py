"""Business rules of the network directory.

Each function runs in one transaction, checks the current state, writes an
audit record (Wagtail's log) and sends its e-mails only after the commit.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from zib.languages.services import offered_languages

from .languages import language_regex
from .models import (
    ContactPerson,
    District,
    Organization,
    OrganizationProposal,
    OrganizationSocialChannel,
    Topic,
    confirmation_max_age,
)

PROPOSAL_CONFIRM_SALT = "zib.organizations.proposal-confirm"
PROPOSAL_REVISE_SALT = "zib.organizations.proposal-revise"
ENTRY_CONFIRM_SALT = "zib.organizations.entry-confirm"

PROPOSAL_CONFIRM_MAX_AGE = datetime.timedelta(days=7)
PROPOSAL_REVISE_MAX_AGE = datetime.timedelta(days=60)
ENTRY_CONFIRM_MAX_AGE = datetime.timedelta(days=90)


class InvalidState(Exception):
    """The object is not in a state that allows this step (e.g. already published)."""


class InvalidToken(Exception):
    """A link's token is forged, belongs to something else, or was replaced."""


class ExpiredToken(InvalidToken):
    """A link's token was genuine but is too old."""


def confirmation_interval():
    """How often an entry's contact is asked to confirm it."""
    return datetime.timedelta(days=getattr(settings, "ORGANIZATIONS_CONFIRMATION_INTERVAL_DAYS", 365))


# --- Directory queries -----------------------------------------------------------------


def _locale_id(language_code):
    """A Locale's id, from the cached list of offered languages (no query once it is cached)."""
    for language in offered_languages():
        if language.code == language_code:
            return language.locale_id
    return Locale.objects.get_for_language(language_code).pk


def default_locale_id():
    return _locale_id(settings.LANGUAGE_CODE)


def active_locale_id():
    return _locale_id(get_language())


def directory_entries():
    """Published entries (the canonical rows in the default locale) in the directory's order."""
    return Organization.objects.filter(locale_id=default_locale_id(), show_in_directory=True).order_by(
        "name", "pk"
    )


def directory_queryset():
    """Published entries (the canonical rows in the default locale), ready for listing."""
    return (
        directory_entries().select_related("district", "logo").prefetch_related("topics", "logo__renditions")
    )


def filter_directory(queryset, *, q="", topic="", language="", district="", kind=""):
    """Apply the visitor's filters. Each argument is already validated."""
    if topic:
        topic_keys = Topic.objects.filter(slug=topic).values("translation_key")
        queryset = queryset.filter(topics__translation_key__in=topic_keys)
    if language:
        queryset = queryset.filter(languages__iregex=language_regex(language))
    if district:
        queryset = queryset.filter(district__slug=district)
    if kind:
        queryset = queryset.filter(kind=kind)
    if q:
        # Search every language version, then list the canonical entries.
        hits = get_search_backend().search(
            q, Organization.objects.filter(show_in_directory=True), operator="and"
        )
        keys = {hit.translation_key for hit in hits}
        queryset = queryset.filter(translation_key__in=keys)
    return queryset.distinct()


def attach_display_fields(entries):
    """Give each entry its texts in the visitor's language, where a translation exists.

    Two queries whatever the number of entries: the translations and the topics.
    """
    entries = list(entries)
    locale_id = active_locale_id()
    translations = {}
    topic_names = {}
    if locale_id != default_locale_id() and entries:
        translations = {
            t.translation_key: t
            for t in Organization.objects.filter(
                locale_id=locale_id, translation_key__in=[e.translation_key for e in entries]
            ).only("translation_key", "name", "description", "consultation_hours", "accessibility_notes")
        }
        topic_names = dict(Topic.objects.filter(locale_id=locale_id).values_list("translation_key", "name"))
    for entry in entries:
        translated = translations.get(entry.translation_key)
        source = translated or entry
        entry.display_name = source.name or entry.name
        entry.display_description = source.description or entry.description
        entry.display_consultation_hours = source.consultation_hours or entry.consultation_hours
        entry.display_accessibility_notes = source.accessibility_notes or entry.accessibility_notes
        topics = list(entry.topics.all())
        for topic in topics:
            topic.display_name = topic_names.get(topic.translation_key, topic.name)
        entry.display_topics = topics
        if "contact_persons" in getattr(entry, "_prefetched_objects_cache", {}):
            entry.public_contacts = list(entry.contact_persons.all())
        else:
            entry.public_contacts = []
    return entries


def with_details(queryset):
    """Add the relations an entry's page and the exports need."""
    return queryset.prefetch_related(
        Prefetch("contact_persons", queryset=ContactPerson.objects.filter(consent_to_publish=True)),
        "social_channels",
    )


def stale_entries(today=None):
    """Published entries whose last confirmation is older than the allowed age (or missing)."""
    today = today or timezone.localdate()
    limit = today - confirmation_max_age()
    return Organization.objects.filter(locale_id=default_locale_id(), show_in_directory=True).filter(
        Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=limit)
    )


# --- Tokens ----------------------------------------------------------------------------


def _load(token, salt, max_age):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise ExpiredToken from exc
    except signing.BadSignature as exc:
        raise InvalidToken from exc


def proposal_confirm_token(proposal):
    return signing.dumps({"p": proposal.pk, "e": proposal.submitter_email}, salt=PROPOSAL_CONFIRM_SALT)


def proposal_from_confirm_token(token):
    data = _load(token, PROPOSAL_CONFIRM_SALT, PROPOSAL_CONFIRM_MAX_AGE)
    proposal = OrganizationProposal.objects.filter(pk=data.get("p"), submitter_email=data.get("e")).first()
    if proposal is None:
        raise InvalidToken
    return proposal


def proposal_revise_token(proposal):
    return signing.dumps({"p": proposal.pk, "r": proposal.reviewed_at.timestamp()}, salt=PROPOSAL_REVISE_SALT)


def proposal_from_revise_token(token):
    data = _load(token, PROPOSAL_REVISE_SALT, PROPOSAL_REVISE_MAX_AGE)
    proposal = OrganizationProposal.objects.filter(pk=data.get("p")).first()
    if proposal is None or proposal.reviewed_at is None or proposal.reviewed_at.timestamp() != data.get("r"):
        raise InvalidToken
    return proposal


def entry_confirm_token(organization):
    stamp = (
        organization.confirmation_requested_at.timestamp() if organization.confirmation_requested_at else 0
    )
    return signing.dumps({"o": organization.pk, "r": stamp}, salt=ENTRY_CONFIRM_SALT)


def organization_from_entry_token(token):
    """The entry a yearly confirmation link is for; a newer request replaces older links."""
    data = _load(token, ENTRY_CONFIRM_SALT, ENTRY_CONFIRM_MAX_AGE)
    organization = Organization.objects.filter(pk=data.get("o")).first()
    if organization is None:
        raise InvalidToken
    stamp = (
        organization.confirmation_requested_at.timestamp() if organization.confirmation_requested_at else 0
    )
    if stamp != data.get("r"):
        raise InvalidToken
    return organization


# --- Proposals -------------------------------------------------------------------------


def _after_commit(task, *args):
    transaction.on_commit(lambda: task.enqueue(*args))


@transaction.atomic
def submit_proposal(*, data, submitter_name, submitter_email, organization=None, email_confirmed=False):
    """Store a partner's proposal; ask them to confirm their address unless already proven.

    `email_confirmed` is true when the partner came through a yearly
    confirmation link sent to the entry's own address.
    """
    from . import tasks

    proposal = OrganizationProposal.objects.create(
        organization=organization,
        data=data,
        submitter_name=submitter_name,
        submitter_email=submitter_email,
        status=OrganizationProposal.Status.SUBMITTED
        if email_confirmed
        else OrganizationProposal.Status.UNCONFIRMED,
        email_confirmed_at=timezone.now() if email_confirmed else None,
    )
    log(instance=proposal, action="organizations.proposal.submit")
    if email_confirmed:
        _after_commit(tasks.notify_staff_of_proposal, proposal.pk)
    else:
        _after_commit(tasks.send_proposal_confirmation, proposal.pk)
    return proposal


@transaction.atomic
def confirm_proposal_email(proposal):
    """The partner clicked the link in the confirmation e-mail: the proposal goes to staff."""
    from . import tasks

    proposal = OrganizationProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != OrganizationProposal.Status.UNCONFIRMED:
        return proposal  # Clicking twice is harmless.
    proposal.status = OrganizationProposal.Status.SUBMITTED
    proposal.email_confirmed_at = timezone.now()
    proposal.save(update_fields=["status", "email_confirmed_at", "updated_at"])
    log(instance=proposal, action="organizations.proposal.confirm_email")
    _after_commit(tasks.notify_staff_of_proposal, proposal.pk)
    return proposal


@transaction.atomic
def resubmit_proposal(proposal, data):
    """The partner corrected a proposal that staff sent back."""
    from . import tasks

    proposal = OrganizationProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != OrganizationProposal.Status.RETURNED:
        raise InvalidState
    proposal.data = data
    proposal.status = OrganizationProposal.Status.SUBMITTED
    proposal.save(update_fields=["data", "status", "updated_at"])
    log(instance=proposal, action="organizations.proposal.resubmit")
    _after_commit(tasks.notify_staff_of_proposal, proposal.pk)
    return proposal


def _unique_slug(name, locale, exclude_pk=None):
    base = slugify(name)[:240] or "eintrag"
    slug = base
    n = 2
    qs = Organization.objects.filter(locale=locale)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


PLAIN_FIELDS = [
    "name",
    "kind",
    "description",
    "languages",
    "street",
    "postal_code",
    "city",
    "website",
    "email",
    "phone",
    "consultation_hours",
    "accessibility",
    "accessibility_notes",
]


def apply_proposal_data(organization, data):
    """Copy the proposed values onto an organisation (unsaved children are saved too)."""
    for field in PLAIN_FIELDS:
        if field in data:
            setattr(organization, field, data[field] or "")
    if "district" in data:
        organization.district = (
            District.objects.filter(slug=data["district"]).first() if data["district"] else None
        )
    organization.save()
    if "topics" in data:
        organization.topics.set(Topic.objects.filter(locale=organization.locale, slug__in=data["topics"]))
        organization.save()
    if "social_links" in data:
        organization.social_channels.all().delete()
        for order, url in enumerate(data["social_links"]):
            OrganizationSocialChannel.objects.create(
                organization=organization, name=channel_name(url), url=url, sort_order=order
            )
    if data.get("contact_name"):
        ContactPerson.objects.update_or_create(
            organization=organization,
            name=data["contact_name"],
            defaults={
                "role": data.get("contact_role", ""),
                "email": data.get("contact_email", ""),
                "phone": data.get("contact_phone", ""),
                "consent_to_publish": bool(data.get("contact_consent")),
            },
        )
    return organization


def channel_name(url):
    """A readable name for a social media address ("Instagram", "Facebook" …)."""
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.").removeprefix("m.")
    known = {
        "instagram.com": "Instagram",
        "facebook.com": "Facebook",
        "youtube.com": "YouTube",
        "tiktok.com": "TikTok",
        "x.com": "X",
        "twitter.com": "X",
        "linkedin.com": "LinkedIn",
        "mastodon.social": "Mastodon",
        "t.me": "Telegram",
        "whatsapp.com": "WhatsApp",
    }
    return known.get(host, host or url)


@transaction.atomic
def publish_proposal(proposal, user):
    """Staff accept a proposal: the entry is created or updated and counts as confirmed today."""
    from . import tasks

    proposal = OrganizationProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != OrganizationProposal.Status.SUBMITTED:
        raise InvalidState
    locale = Locale.get_default()
    if proposal.organization_id:
        organization = proposal.organization
    else:
        organization = Organization(locale=locale, slug=_unique_slug(proposal.data.get("name", ""), locale))
    organization.last_confirmed_at = timezone.localdate()
    organization.show_in_directory = True
    if not organization.maintainer_email and not proposal.data.get("email"):
        organization.maintainer_email = proposal.submitter_email
    apply_proposal_data(organization, proposal.data)
    proposal.organization = organization
    proposal.status = OrganizationProposal.Status.PUBLISHED
    proposal.reviewed_at = timezone.now()
    proposal.reviewed_by = user
    proposal.save(update_fields=["organization", "status", "reviewed_at", "reviewed_by", "updated_at"])
    log(instance=proposal, action="organizations.proposal.publish", user=user)
    log(instance=organization, action="wagtail.edit", user=user)
    _after_commit(tasks.send_proposal_decision, proposal.pk)
    return proposal


@transaction.atomic
def return_proposal(proposal, user, note):
    """Staff send a proposal back to the partner with a note; it stays stored."""
    from . import tasks

    if not (note or "").strip():
        raise ValueError("A note is required when sending a proposal back.")
    proposal = OrganizationProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != OrganizationProposal.Status.SUBMITTED:
        raise InvalidState
    proposal.status = OrganizationProposal.Status.RETURNED
    proposal.review_note = note.strip()
    proposal.reviewed_at = timezone.now()
    proposal.reviewed_by = user
    proposal.save(update_fields=["status", "review_note", "reviewed_at", "reviewed_by", "updated_at"])
    log(instance=proposal, action="organizations.proposal.return", user=user)
    _after_commit(tasks.send_proposal_decision, proposal.pk)
    return proposal


@transaction.atomic
def reject_proposal(proposal, user, note=""):
    """Staff decline a proposal (spam, not part of the network …); it stays stored."""
    from . import tasks

    proposal = OrganizationProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in (
        OrganizationProposal.Status.SUBMITTED,
        OrganizationProposal.Status.UNCONFIRMED,
    ):
        raise InvalidState
    was_confirmed = proposal.email_confirmed_at is not None
    proposal.status = OrganizationProposal.Status.REJECTED
    proposal.review_note = (note or "").strip()
    proposal.reviewed_at = timezone.now()
    proposal.reviewed_by = user
    proposal.save(update_fields=["status", "review_note", "reviewed_at", "reviewed_by", "updated_at"])
    log(instance=proposal, action="organizations.proposal.reject", user=user)
    if was_confirmed:
        _after_commit(tasks.send_proposal_decision, proposal.pk)
    return proposal


# --- Yearly confirmation ---------------------------------------------------------------


@transaction.atomic
def confirm_entry(organization):
    """The entry's contact says everything is still correct."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    organization.last_confirmed_at = timezone.localdate()
    # Spend the link: a confirmed entry's old link no longer works.
    organization.confirmation_requested_at = None
    organization.save(update_fields=["last_confirmed_at", "confirmation_requested_at", "updated_at"])
    log(instance=organization, action="organizations.entry.confirm")
    return organization


def entries_due_for_confirmation(now=None):
    """Published entries with an address whose last confirmation and last request are a year old."""
    now = now or timezone.now()
    interval = confirmation_interval()
    due_before = timezone.localdate(now) - interval
    pending_proposal = OrganizationProposal.objects.filter(
        organization=OuterRef("pk"),
        status__in=[OrganizationProposal.Status.UNCONFIRMED, OrganizationProposal.Status.SUBMITTED],
    )
    return (
        Organization.objects.filter(locale_id=default_locale_id(), show_in_directory=True)
        .filter(Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lte=due_before))
        .filter(Q(confirmation_requested_at__isnull=True) | Q(confirmation_requested_at__lte=now - interval))
        .exclude(Q(maintainer_email="") & Q(email=""))
        .exclude(Exists(pending_proposal))
        .order_by("pk")
    )


def request_confirmations(now=None):
    """Send this year's confirmation e-mails; return how many went out and the stale entries."""
    from . import tasks

    now = now or timezone.now()
    sent = 0
    for organization in entries_due_for_confirmation(now):
        with transaction.atomic():
            updated = Organization.objects.filter(
                pk=organization.pk, confirmation_requested_at=organization.confirmation_requested_at
            ).update(confirmation_requested_at=now)
            if not updated:
                continue  # Someone else sent it meanwhile.
            log(instance=organization, action="organizations.entry.request_confirmation")
            _after_commit(tasks.send_entry_confirmation_request, organization.pk)
            sent += 1
    stale = list(stale_entries(timezone.localdate(now)).order_by("name").values_list("pk", flat=True))
    if stale:
        transaction.on_commit(lambda: tasks.notify_staff_of_stale_entries.enqueue(stale))
    return sent, stale
