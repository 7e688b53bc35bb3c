"""Business rules of the small grants.

Every status change of an application goes through `change_status`: one
transaction, a check that the change is allowed from the current status and
by this kind of actor, an optimistic-lock check of the `version` counter, an
audit record (`StatusChange`) and, after commit, e-mails to the applicants in
their own language.
"""

import hashlib
import io
import json
import logging
import secrets
import zipfile
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import filetype
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zib.pagecache import services as pagecache

from .models import (
    Applicant,
    ApplicantOrganisation,
    ApplicationMessage,
    Attachment,
    GrantApplication,
    GrantCallPage,
    GrantSettings,
    InternalComment,
    ReviewScore,
    SignInToken,
    StatusChange,
)

logger = logging.getLogger(__name__)

Status = GrantApplication.Status

APPLICANT = "applicant"
STAFF = "staff"

# from status -> {to status: who may make the change}
TRANSITIONS = {
    Status.DRAFT: {Status.SUBMITTED: {APPLICANT}},
    Status.SUBMITTED: {Status.IN_REVIEW: {STAFF}},
    Status.IN_REVIEW: {Status.INFO_REQUESTED: {STAFF}, Status.APPROVED: {STAFF}, Status.REJECTED: {STAFF}},
    Status.INFO_REQUESTED: {Status.ANSWERED: {APPLICANT}},
    Status.ANSWERED: {
        Status.INFO_REQUESTED: {STAFF},
        Status.IN_REVIEW: {STAFF},
        Status.APPROVED: {STAFF},
        Status.REJECTED: {STAFF},
    },
    Status.APPROVED: {Status.PAID: {STAFF}},
    Status.PAID: {Status.REPORT_DUE: {STAFF}},
    Status.REPORT_DUE: {Status.REPORT_RECEIVED: {APPLICANT, STAFF}},
    Status.REPORT_RECEIVED: {Status.CLOSED: {STAFF}},
    Status.REJECTED: {Status.CLOSED: {STAFF}},
    Status.CLOSED: {},
}

# Changes the office hears about by e-mail.
STAFF_NOTIFIED = {Status.SUBMITTED, Status.ANSWERED, Status.REPORT_RECEIVED}
# Changes whose note is required, and what the note means there.
NOTE_REQUIRED = {
    Status.INFO_REQUESTED: gettext_lazy("Bitte die Rückfrage an die Antragstellenden eingeben."),
    Status.ANSWERED: gettext_lazy("Bitte eine Antwort eingeben."),
    Status.REJECTED: gettext_lazy("Bitte die Ablehnung begründen."),
}


class TransitionError(Exception):
    """The requested status change is not possible; the message says why."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field


class ConcurrentModification(TransitionError):
    """Somebody else changed the application since it was loaded."""

    def __init__(self):
        super().__init__(
            _(
                "Der Antrag wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite neu "
                "und prüfen Sie die Änderung, bevor Sie fortfahren."
            )
        )


def eur(value):
    """An amount as the reader's locale writes it, e.g. 1.500,00 in German."""
    return formats.number_format(value or Decimal("0"), decimal_pos=2, force_grouping=True)


def allowed_transitions(status, actor=STAFF):
    """The statuses `actor` may move an application to from `status`."""
    return [to for to, actors in TRANSITIONS.get(status, {}).items() if actor in actors]


def _actor_name(user=None, applicant=None):
    if user is not None:
        return user.get_full_name() or user.get_username()
    if applicant is not None:
        return applicant.name or applicant.email
    return _("System")


# --------------------------------------------------------------------------
# Status changes
# --------------------------------------------------------------------------


@dataclass
class TransitionData:
    """Values some transitions need (amounts, dates)."""

    amount: Decimal | None = None
    date: object = None


def change_status(
    application,
    to_status,
    *,
    expected_version,
    user=None,
    applicant=None,
    note="",
    data=None,
    notify=True,
):
    """Move `application` to `to_status`; the only way a status ever changes.

    `expected_version` is the version the actor saw; if the application has
    changed since, `ConcurrentModification` is raised and nothing is saved.
    Returns the `StatusChange` audit record (with `.message` set when a
    question, answer or report was recorded).
    """
    data = data or TransitionData()
    actor = APPLICANT if applicant is not None and user is None else STAFF
    note = (note or "").strip()
    now = timezone.now()

    with transaction.atomic():
        current = (
            GrantApplication.objects.select_for_update(of=("self",))
            .select_related("call")
            .get(pk=application.pk)
        )
        if current.version != expected_version:
            raise ConcurrentModification()
        from_status = current.status
        if to_status not in TRANSITIONS.get(from_status, {}):
            raise TransitionError(
                _("Vom Status „%(from)s“ ist kein Wechsel nach „%(to)s“ möglich.")
                % {"from": Status(from_status).label, "to": Status(to_status).label}
            )
        if actor not in TRANSITIONS[from_status][to_status]:
            raise TransitionError(_("Diese Änderung dürfen Sie nicht vornehmen."))
        if to_status in NOTE_REQUIRED and not note:
            raise TransitionError(NOTE_REQUIRED[to_status], field="note")

        fields = _fields_for_transition(current, to_status, data, now)
        fields.update(status=to_status, updated_at=now)
        updated = GrantApplication.objects.filter(
            pk=current.pk, version=expected_version, status=from_status
        ).update(version=F("version") + 1, **fields)
        if updated != 1:
            raise ConcurrentModification()

        change = StatusChange.objects.create(
            application=current,
            from_status=from_status,
            to_status=to_status,
            changed_by_user=user,
            changed_by_applicant=applicant if user is None else None,
            actor_name=_actor_name(user, applicant),
            note=note,
            created_at=now,
        )
        change.message = None
        kind = {
            Status.INFO_REQUESTED: ApplicationMessage.Kind.QUESTION,
            Status.ANSWERED: ApplicationMessage.Kind.ANSWER,
        }.get(to_status)
        if to_status == Status.REPORT_RECEIVED and actor == APPLICANT:
            kind = ApplicationMessage.Kind.REPORT
        if kind and note:
            change.message = ApplicationMessage.objects.create(
                application=current,
                kind=kind,
                body=note,
                author_user=user,
                author_applicant=applicant if user is None else None,
            )
        if notify:
            transaction.on_commit(lambda: send_status_notifications(change.pk))

    application.refresh_from_db()
    return change


def _fields_for_transition(application, to_status, data, now):
    """Validate the values a transition needs; return the fields to update."""
    if to_status == Status.SUBMITTED:
        problems = application_problems(application)
        if problems:
            raise TransitionError(_("Der Antrag ist noch nicht vollständig."))
        return {
            "submitted_at": now,
            "reference": f"ZIB-{now:%Y}-{application.pk:05d}",
            "budget_year": now.year,
            "organisation_snapshot": organisation_as_dict(application.organisation),
            "draft_data": {},
        }
    if to_status == Status.APPROVED:
        amount = data.amount
        if amount is None or amount <= 0:
            raise TransitionError(_("Bitte den bewilligten Betrag angeben."), field="amount")
        if application.requested_amount is not None and amount > application.requested_amount:
            raise TransitionError(
                _("Der bewilligte Betrag darf den beantragten Betrag (%(amount)s €) nicht übersteigen.")
                % {"amount": eur(application.requested_amount)},
                field="amount",
            )
        if application.call is not None:
            if amount > application.call.max_amount:
                raise TransitionError(
                    _("Der Höchstbetrag pro Antrag ist %(max)s €.")
                    % {"max": eur(application.call.max_amount)},
                    field="amount",
                )
            left = remaining_budget(application.call, application.budget_year)
            if amount > left:
                raise TransitionError(
                    _("Im Haushaltsjahr %(year)s sind nur noch %(left)s € verfügbar.")
                    % {"year": application.budget_year, "left": eur(left)},
                    field="amount",
                )
        return {"approved_amount": amount, "decided_at": now}
    if to_status == Status.REJECTED:
        return {"decided_at": now}
    if to_status == Status.PAID:
        amount = data.amount if data.amount is not None else application.approved_amount
        if amount is None or amount <= 0:
            raise TransitionError(_("Bitte den ausgezahlten Betrag angeben."), field="amount")
        if application.approved_amount is not None and amount > application.approved_amount:
            raise TransitionError(
                _("Es kann nicht mehr als der bewilligte Betrag (%(amount)s €) ausgezahlt werden.")
                % {"amount": eur(application.approved_amount)},
                field="amount",
            )
        return {"paid_amount": amount, "paid_on": data.date or timezone.localdate()}
    if to_status == Status.REPORT_DUE:
        if not data.date:
            raise TransitionError(
                _("Bitte angeben, bis wann der Verwendungsnachweis vorliegen muss."), field="date"
            )
        return {"report_due_on": data.date}
    if to_status == Status.REPORT_RECEIVED:
        return {"report_received_on": data.date or timezone.localdate()}
    if to_status == Status.CLOSED:
        return {"closed_at": now}
    return {}


def save_with_version(instance, expected_version, fields):
    """Save `fields` of an application only if nobody changed it meanwhile."""
    values = {name: getattr(instance, name) for name in fields}
    values["updated_at"] = timezone.now()
    updated = GrantApplication.objects.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if updated != 1:
        raise ConcurrentModification()
    instance.version = expected_version + 1


def remaining_budget(call, year):
    """What is left of the call's annual budget in `year` after approvals."""
    approved = GrantApplication.objects.filter(
        call__translation_key=call.translation_key,
        budget_year=year,
    ).filter(GrantApplication.funded_q()).aggregate(total=Sum("approved_amount"))["total"] or Decimal("0")
    return call.annual_budget - approved


def budget_overview():
    """Per call and budget year: budget, approved, paid and what is left."""
    rows = (
        GrantApplication.objects.exclude(status=Status.DRAFT)
        .values("call_id", "call_title", "budget_year")
        .annotate(
            submitted=Count("pk"),
            funded=Count("pk", filter=GrantApplication.funded_q()),
            approved=Sum("approved_amount", filter=GrantApplication.funded_q()),
            paid=Sum("paid_amount"),
            requested=Sum("requested_amount"),
        )
        .order_by("-budget_year", "call_title")
    )
    calls = {call.pk: call for call in GrantCallPage.objects.filter(pk__in={row["call_id"] for row in rows})}
    result = []
    for row in rows:
        call = calls.get(row["call_id"])
        budget = call.annual_budget if call else None
        approved = row["approved"] or Decimal("0")
        result.append(
            {
                **row,
                "approved": approved,
                "paid": row["paid"] or Decimal("0"),
                "requested": row["requested"] or Decimal("0"),
                "budget": budget,
                "left": budget - approved if budget is not None else None,
            }
        )
    return result


# --------------------------------------------------------------------------
# Checks of the application's content
# --------------------------------------------------------------------------


def budget_errors(*, total_costs, requested, own, other, call):
    """Return a dict field -> message for a budget that does not add up."""
    errors = {}
    requested = requested or Decimal("0")
    own = own or Decimal("0")
    other = other or Decimal("0")
    if total_costs <= 0:
        errors["__all__"] = _("Bitte mindestens eine Kostenposition mit Betrag eintragen.")
        return errors
    if requested <= 0:
        errors["requested_amount"] = _("Bitte den beantragten Betrag angeben.")
    if call is not None:
        if requested > call.max_amount:
            errors["requested_amount"] = _("Es können höchstens %(max)s € beantragt werden.") % {
                "max": eur(call.max_amount)
            }
        elif requested and requested < call.min_amount:
            errors["requested_amount"] = _("Es müssen mindestens %(min)s € beantragt werden.") % {
                "min": eur(call.min_amount)
            }
        if call.min_own_contribution_percent:
            needed = (total_costs * call.min_own_contribution_percent / 100).quantize(Decimal("0.01"))
            if own < needed:
                errors["own_contribution"] = _(
                    "Der Eigenanteil muss mindestens %(percent)s %% der Gesamtkosten betragen, "
                    "also mindestens %(needed)s €."
                ) % {"percent": call.min_own_contribution_percent, "needed": eur(needed)}
    funding = requested + own + other
    if funding != total_costs and "__all__" not in errors:
        errors["__all__"] = _(
            "Die Finanzierung geht nicht auf: Die Kosten betragen %(costs)s €, beantragter Betrag, "
            "Eigenanteil und andere Förderung ergeben zusammen %(funding)s € (Differenz %(diff)s €)."
        ) % {"costs": eur(total_costs), "funding": eur(funding), "diff": eur(total_costs - funding)}
    return errors


def application_problems(application):
    """What is still missing before the application can be submitted, as (step, message) pairs."""
    from .forms import DeclarationsForm, OrganisationForm, ProjectForm

    problems = []
    if application.call is None:
        problems.append(("projekt", _("Der Förderaufruf existiert nicht mehr.")))
    elif not application.call.is_open:
        problems.append(("absenden", _("Der Förderaufruf ist derzeit nicht geöffnet.")))
    for step in application.draft_data:
        problems.append((step, _("In diesem Schritt gibt es noch ungespeicherte Eingaben mit Fehlern.")))
    if application.organisation is None:
        problems.append(("organisation", _("Die Angaben zur Organisation fehlen.")))
    else:
        form = OrganisationForm(data=model_to_form_data(OrganisationForm, application.organisation))
        if not form.is_valid():
            problems.append(("organisation", _("Die Angaben zur Organisation sind unvollständig.")))
    form = ProjectForm(data=model_to_form_data(ProjectForm, application), call=application.call)
    if not form.is_valid():
        problems.append(("projekt", _("Die Angaben zum Projekt sind unvollständig.")))
    errors = budget_errors(
        total_costs=application.total_costs,
        requested=application.requested_amount,
        own=application.own_contribution,
        other=application.other_funding,
        call=application.call,
    )
    for message in errors.values():
        problems.append(("finanzierung", message))
    if application.call is not None:
        uploaded = {
            attachment.document_label
            for attachment in application.attachments.all()
            if attachment.purpose == Attachment.Purpose.APPLICATION
        }
        for document in application.call.required_documents.all():
            if document.mandatory and document.label not in uploaded:
                problems.append(("unterlagen", _("Es fehlt: %(label)s") % {"label": document.label}))
    form = DeclarationsForm(data=model_to_form_data(DeclarationsForm, application))
    if not form.is_valid():
        problems.append(("absenden", _("Bitte die Erklärungen bestätigen.")))
    return problems


def model_to_form_data(form_class, instance):
    """The instance's current values as form data, to re-validate them."""
    data = MultiValueDict()
    for name, field in form_class.base_fields.items():
        value = getattr(instance, name, None)
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list):
            data.setlist(name, value)
        else:
            data[name] = field.prepare_value(value)
    return data


# What an applicant enters about the organisation (the form's fields) and what
# is kept of it at submission.
ORGANISATION_FIELDS = [
    "name",
    "legal_form",
    "is_nonprofit",
    "register_court",
    "register_number",
    "representative",
    "street",
    "postal_code",
    "city",
    "email",
    "phone",
    "website",
    "account_holder",
    "iban",
    "bic",
    "bank_name",
]


def organisation_as_dict(organisation):
    """The organisation's data as plain values (snapshot at submission)."""
    if organisation is None:
        return {}
    data = {name: getattr(organisation, name) for name in ORGANISATION_FIELDS}
    data["legal_form_display"] = str(organisation.get_legal_form_display())
    data["address"] = organisation.address
    return data


# --------------------------------------------------------------------------
# Uploads
# --------------------------------------------------------------------------

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED_UPLOAD_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    DOCX_MIME: "docx",
}
SNIFF_BYTES = 16 * 1024


def max_upload_size():
    return getattr(settings, "GRANTS_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)


def inspect_upload(uploaded):
    """Decide an upload's type by its content, never by its name.

    Returns (mime type, extension). A file whose name says one allowed type
    but whose content is another allowed type is accepted as what it really
    is; anything else is refused with a clear message.
    """
    limit = max_upload_size()
    if uploaded.size > limit:
        raise ValidationError(
            _("Die Datei ist zu groß (%(size)s MB). Erlaubt sind höchstens %(limit)s MB.")
            % {"size": round(uploaded.size / 1024 / 1024, 1), "limit": round(limit / 1024 / 1024, 1)},
            code="too_large",
        )
    if uploaded.size == 0:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    uploaded.seek(0)
    head = uploaded.read(SNIFF_BYTES)
    uploaded.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime == "application/zip" or mime == DOCX_MIME:
        mime = DOCX_MIME if _is_docx(uploaded) else None
    if mime not in ALLOWED_UPLOAD_TYPES:
        raise ValidationError(
            _("Dieser Dateityp ist nicht erlaubt. Bitte laden Sie PDF, JPEG, PNG oder DOCX hoch."),
            code="type",
        )
    if mime in ("image/jpeg", "image/png") and not _is_readable_image(uploaded):
        raise ValidationError(_("Das Bild ist beschädigt und kann nicht gelesen werden."), code="broken")
    uploaded.seek(0)
    return mime, ALLOWED_UPLOAD_TYPES[mime]


def _is_docx(uploaded):
    try:
        uploaded.seek(0)
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
        return "word/document.xml" in names and "[Content_Types].xml" in names
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        uploaded.seek(0)


def _is_readable_image(uploaded):
    from PIL import Image

    try:
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            image.verify()
        return True
    except Exception:
        return False
    finally:
        uploaded.seek(0)


def add_attachment(application, uploaded, *, document_label, applicant=None, purpose=None, message=None):
    """Check an upload by content and store it privately with the application."""
    mime, extension = inspect_upload(uploaded)
    original = (uploaded.name or "datei").rsplit("/", 1)[-1][:200]
    stem = original.rsplit(".", 1)[0] if "." in original else original
    attachment = Attachment(
        application=application,
        message=message,
        purpose=purpose or Attachment.Purpose.APPLICATION,
        document_label=document_label[:200],
        original_name=f"{stem}.{extension}",
        content_type=mime,
        size=uploaded.size,
        uploaded_by=applicant,
    )
    attachment.file.save(f"upload.{extension}", uploaded, save=False)
    attachment.save()
    return attachment


def delete_attachment(attachment):
    """Remove an attachment and its file."""
    attachment.file.delete(save=False)
    attachment.delete()


# --------------------------------------------------------------------------
# Applicants: sign-in links, invitations
# --------------------------------------------------------------------------

SIGNER_SALT = "zib.grants.sign-in"
INVITATION_DAYS = 7
RATE_LIMIT_PER_ADDRESS = 5
RATE_LIMIT_PER_IP = 30


class TokenError(Exception):
    """A sign-in link that cannot be used; `reason` is invalid, expired or used."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _hash(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_sign_in_token(applicant, *, purpose=SignInToken.Purpose.SIGN_IN, next_url=""):
    """Create a single-use link token; returns the signed token for the URL."""
    raw = secrets.token_urlsafe(32)
    if purpose == SignInToken.Purpose.INVITATION:
        lifetime = timedelta(days=INVITATION_DAYS)
    else:
        lifetime = timedelta(minutes=getattr(settings, "GRANTS_SIGN_IN_LINK_MINUTES", 30))
    SignInToken.objects.create(
        applicant=applicant,
        token_hash=_hash(raw),
        purpose=purpose,
        next_url=next_url[:500],
        expires_at=timezone.now() + lifetime,
    )
    return signing.TimestampSigner(salt=SIGNER_SALT).sign(raw)


def check_sign_in_token(signed_token, *, consume=False):
    """Return the token's record if the link is valid; with `consume`, use it up."""
    try:
        raw = signing.TimestampSigner(salt=SIGNER_SALT).unsign(
            signed_token, max_age=timedelta(days=INVITATION_DAYS)
        )
    except signing.SignatureExpired as error:
        raise TokenError("expired") from error
    except signing.BadSignature as error:
        raise TokenError("invalid") from error
    token = SignInToken.objects.select_related("applicant").filter(token_hash=_hash(raw)).first()
    if token is None or not token.applicant.is_active:
        raise TokenError("invalid")
    if token.used_at is not None:
        raise TokenError("used")
    now = timezone.now()
    if token.expires_at <= now:
        raise TokenError("expired")
    if consume:
        with transaction.atomic():
            if SignInToken.objects.filter(pk=token.pk, used_at__isnull=True).update(used_at=now) != 1:
                raise TokenError("used")
            Applicant.objects.filter(pk=token.applicant_id).update(last_login_at=now)
    return token


def _rate_limited(key, limit):
    cache_key = f"grants:signin:{hashlib.sha256(key.encode()).hexdigest()}"
    cache.add(cache_key, 0, timeout=3600)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=3600)
        count = 1
    return count > limit


def request_sign_in(email, *, language, next_url="", client_ip=""):
    """Send a sign-in link to `email`, creating the account on first use.

    Says nothing about whether the address was known. Returns False when the
    request was dropped by the rate limit.
    """
    email = email.strip().lower()
    if _rate_limited(f"ip:{client_ip}", RATE_LIMIT_PER_IP) or _rate_limited(
        f"mail:{email}", RATE_LIMIT_PER_ADDRESS
    ):
        return False
    applicant, _created = Applicant.objects.get_or_create(email=email, defaults={"language": language})
    if not applicant.is_active:
        return True
    if applicant.language != language:
        applicant.language = language
        applicant.save(update_fields=["language"])
    token = issue_sign_in_token(applicant, next_url=next_url)
    _send_link_mail(applicant, token, "grants/emails/sign_in")
    return True


def invite_member(organisation, *, inviter, email, name=""):
    """Invite a colleague to work on the organisation's applications."""
    email = email.strip().lower()
    applicant = Applicant.objects.filter(email=email).first()
    if applicant is not None and applicant.organisation_id not in (None, organisation.pk):
        raise ValidationError(_("Diese Adresse kann nicht eingeladen werden."))
    if applicant is None:
        applicant = Applicant.objects.create(
            email=email, name=name, organisation=organisation, language=inviter.language, invited_by=inviter
        )
    elif applicant.organisation_id is None:
        applicant.organisation = organisation
        applicant.invited_by = inviter
        applicant.save(update_fields=["organisation", "invited_by"])
    token = issue_sign_in_token(applicant, purpose=SignInToken.Purpose.INVITATION)
    _send_link_mail(
        applicant, token, "grants/emails/invitation", {"inviter": inviter, "organisation": organisation}
    )
    return applicant


def remove_member(organisation, member):
    """Take a person out of the organisation (their account stays)."""
    if member.organisation_id != organisation.pk:
        raise ValidationError(_("Diese Person gehört nicht zu Ihrer Organisation."))
    member.organisation = None
    member.save(update_fields=["organisation"])


def ensure_organisation(applicant):
    """The applicant's organisation, created empty on the first application."""
    if applicant.organisation_id is None:
        applicant.organisation = ApplicantOrganisation.objects.create()
        applicant.save(update_fields=["organisation"])
    return applicant.organisation


def start_application(call, applicant):
    """Create a draft application to `call` for the applicant's organisation."""
    source = call.source_call
    if not source.is_open:
        raise TransitionError(_("Für diesen Förderaufruf können derzeit keine Anträge gestellt werden."))
    organisation = ensure_organisation(applicant)
    return GrantApplication.objects.create(
        call=source,
        call_title=source.title,
        organisation=organisation,
        created_by=applicant,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )


# --------------------------------------------------------------------------
# E-mail
# --------------------------------------------------------------------------


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send_link_mail(applicant, token, template, extra=None):
    with translation.override(applicant.language):
        url = absolute_url(reverse("grants:sign_in_confirm", args=[token]))
        context = {"applicant": applicant, "url": url, **(extra or {})}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    EmailMessage(subject, body, to=[applicant.email]).send()


def _recipients(application):
    members = (
        list(application.organisation.members.filter(is_active=True)) if application.organisation else []
    )
    if application.created_by and application.created_by.is_active and application.created_by not in members:
        members.append(application.created_by)
    return members


def staff_notification_address():
    grant_settings = GrantSettings.load()
    if grant_settings.notification_email:
        return [grant_settings.notification_email]
    return list(getattr(settings, "STAFF_NOTIFICATION_EMAILS", []))


def send_status_notifications(change_id):
    """E-mail the applicants (each in their language) and, for some changes, the office."""
    from .documents import receipt_pdf

    change = StatusChange.objects.select_related("application__call", "application__organisation").get(
        pk=change_id
    )
    application = change.application
    for recipient in _recipients(application):
        with translation.override(recipient.language):
            context = {
                "application": application,
                "change": change,
                "recipient": recipient,
                "status_label": Status(change.to_status).label,
                "url": absolute_url(reverse("grants:application", args=[application.public_id])),
            }
            subject = render_to_string("grants/emails/status_changed_subject.txt", context).strip()
            body = render_to_string("grants/emails/status_changed.txt", context)
        message = EmailMessage(subject, body, to=[recipient.email])
        if change.to_status == Status.SUBMITTED:
            message.attach(
                f"{application.reference}-eingangsbestaetigung.pdf",
                receipt_pdf(application),
                "application/pdf",
            )
        message.send()
    if change.to_status in STAFF_NOTIFIED:
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "application": application,
                "change": change,
                "status_label": Status(change.to_status).label,
                "url": absolute_url(reverse("grant_applications:inspect", args=[application.pk])),
            }
            subject = render_to_string("grants/emails/staff_notification_subject.txt", context).strip()
            body = render_to_string("grants/emails/staff_notification.txt", context)
        EmailMessage(subject, body, to=staff_notification_address()).send()


# --------------------------------------------------------------------------
# Staff notes
# --------------------------------------------------------------------------


def add_internal_comment(application, user, body):
    """A note among staff; never shown to the applicant."""
    return InternalComment.objects.create(application=application, author=user, body=body.strip())


def save_score(application, user, *, relevance, feasibility, budget, comment=""):
    """Store (or replace) the reviewer's score for the application."""
    score, _created = ReviewScore.objects.update_or_create(
        application=application,
        reviewer=user,
        defaults={"relevance": relevance, "feasibility": feasibility, "budget": budget, "comment": comment},
    )
    return score


# --------------------------------------------------------------------------
# Data protection: export and retention
# --------------------------------------------------------------------------


def _years_before(moment, years):
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def anonymise_application(application):
    """Remove personal data from a closed application; keep amounts for statistics."""
    if GrantApplication.objects.listed_publicly().filter(pk=application.pk).exists():
        # Anonymised projects leave the call's public list (without save(), so no signal).
        pagecache.invalidate()
    for attachment in list(application.attachments.all()):
        delete_attachment(attachment)
    application.messages.all().delete()
    application.internal_comments.all().delete()
    application.scores.update(comment="")
    application.status_changes.update(note="")
    application.status_changes.filter(changed_by_applicant__isnull=False).update(
        actor_name="Antragsteller*in", changed_by_applicant=None
    )
    GrantApplication.objects.filter(pk=application.pk).update(
        summary="",
        description="",
        target_group="",
        place="",
        other_funding_source="",
        organisation=None,
        created_by=None,
        organisation_snapshot={},
        draft_data={},
        consents_public_listing=False,
        anonymised_at=timezone.now(),
    )


def delete_application(application):
    for attachment in list(application.attachments.all()):
        delete_attachment(attachment)
    application.delete()


def apply_retention(*, now=None, dry_run=False):
    """Delete or anonymise what the retention period no longer allows to keep.

    - closed and rejected applications: anonymised `retention_years` after closing/decision;
    - drafts untouched for `draft_retention_days`: deleted;
    - organisations and accounts with nothing left to keep: deleted;
    - used or expired sign-in links: deleted.
    Returns the counts per kind.
    """
    now = now or timezone.now()
    grant_settings = GrantSettings.load()
    cutoff = _years_before(now, grant_settings.retention_years)
    draft_cutoff = now - timedelta(days=grant_settings.draft_retention_days)

    expired = GrantApplication.objects.filter(anonymised_at__isnull=True).filter(
        Q(status=Status.CLOSED, closed_at__lt=cutoff) | Q(status=Status.REJECTED, decided_at__lt=cutoff)
    )
    stale_drafts = GrantApplication.objects.filter(status=Status.DRAFT, updated_at__lt=draft_cutoff)
    counts = {"anonymised": expired.count(), "drafts_deleted": stale_drafts.count()}
    if not dry_run:
        for application in expired:
            with transaction.atomic():
                anonymise_application(application)
        for application in stale_drafts:
            with transaction.atomic():
                delete_application(application)

    # Organisations with nothing left to keep and no recent sign-in.
    active_orgs = GrantApplication.objects.filter(
        anonymised_at__isnull=True, organisation__isnull=False
    ).values("organisation_id")
    recent_members = Applicant.objects.filter(last_login_at__gte=draft_cutoff).values("organisation_id")
    orgs = (
        ApplicantOrganisation.objects.exclude(pk__in=active_orgs)
        .exclude(pk__in=recent_members.exclude(organisation_id=None))
        .filter(updated_at__lt=draft_cutoff)
    )
    counts["organisations_deleted"] = orgs.count()
    accounts = Applicant.objects.filter(Q(organisation__in=orgs) | Q(organisation__isnull=True)).filter(
        Q(last_login_at__lt=draft_cutoff) | Q(last_login_at__isnull=True, created_at__lt=draft_cutoff)
    )
    counts["accounts_deleted"] = accounts.count()
    tokens = SignInToken.objects.filter(Q(used_at__isnull=False) | Q(expires_at__lt=now))
    counts["links_deleted"] = tokens.count()
    if not dry_run:
        with transaction.atomic():
            accounts.delete()
            orgs.delete()
            tokens.delete()
    return counts


def _json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def export_applicant_data(applicant):
    """Everything stored about the applicant and their organisation, as a ZIP file."""
    organisation = applicant.organisation
    applications = (
        GrantApplication.objects.filter(organisation=organisation).prefetch_related(
            "budget_lines", "attachments", "messages", "status_changes"
        )
        if organisation
        else GrantApplication.objects.none()
    )
    data = {
        "exported_at": timezone.now(),
        "account": {
            "email": applicant.email,
            "name": applicant.name,
            "phone": applicant.phone,
            "language": applicant.language,
            "created_at": applicant.created_at,
            "last_login_at": applicant.last_login_at,
        },
        "organisation": organisation_as_dict(organisation),
        "members": [{"email": member.email, "name": member.name} for member in organisation.members.all()]
        if organisation
        else [],
        "applications": [],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for application in applications:
            entry = {
                field: getattr(application, field)
                for field in [
                    "reference",
                    "call_title",
                    "status",
                    "language",
                    "title",
                    "summary",
                    "description",
                    "target_group",
                    "languages",
                    "other_languages",
                    "start_date",
                    "end_date",
                    "place",
                    "expected_participants",
                    "requested_amount",
                    "own_contribution",
                    "other_funding",
                    "other_funding_source",
                    "approved_amount",
                    "paid_amount",
                    "paid_on",
                    "report_due_on",
                    "report_received_on",
                    "confirms_accuracy",
                    "consents_data_processing",
                    "consents_public_listing",
                    "created_at",
                    "submitted_at",
                    "decided_at",
                    "closed_at",
                    "organisation_snapshot",
                ]
            }
            entry["budget_lines"] = [
                {"category": line.category, "description": line.description, "amount": line.amount}
                for line in application.budget_lines.all()
            ]
            entry["messages"] = [
                {"kind": message.kind, "body": message.body, "created_at": message.created_at}
                for message in application.messages.all()
            ]
            entry["status_history"] = [
                {
                    "from": change.from_status,
                    "to": change.to_status,
                    "note": change.note,
                    "at": change.created_at,
                }
                for change in application.status_changes.all()
            ]
            entry["attachments"] = []
            folder = application.reference or str(application.public_id)
            for attachment in application.attachments.all():
                name = f"{folder}/{attachment.pk}-{attachment.original_name}"
                try:
                    with attachment.file.open("rb") as handle:
                        archive.writestr(name, handle.read())
                except OSError:
                    name = None
                entry["attachments"].append(
                    {"label": attachment.document_label, "file": name, "uploaded_at": attachment.uploaded_at}
                )
            data["applications"].append(entry)
        archive.writestr(
            "daten.json",
            json.dumps(data, default=_json_default, ensure_ascii=False, indent=2).encode("utf-8"),
        )
    return buffer.getvalue()
