"""The applicant area: sign-in by e-mail link, the application in steps, status and answers.

Everything here lives under /<language>/foerderung/antrag/. Public pages set
no cookies; the session cookie is set only when a visitor signs in with the
link from their e-mail. The sign-in form itself is cookie-free (no CSRF
cookie, no session): a forged request could only send a link to the
address typed in, and requests are rate-limited.
"""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Locale

from . import services
from .documents import decision_letter_pdf, receipt_pdf
from .forms import (
    MAX_EXTRA_LINES,
    AnswerForm,
    AttachmentForm,
    BudgetStep,
    ContactForm,
    DeclarationsForm,
    InviteForm,
    OrganisationForm,
    ProjectForm,
    ReportForm,
    SignInForm,
)
from .models import Applicant, ApplicationMessage, Attachment, GrantApplication, GrantCallPage

SESSION_KEY = "grants_applicant_id"
Status = GrantApplication.Status

STEPS = [
    ("organisation", gettext_lazy("Organisation")),
    ("projekt", gettext_lazy("Projekt")),
    ("finanzierung", gettext_lazy("Kosten und Finanzierung")),
    ("unterlagen", gettext_lazy("Unterlagen")),
    ("absenden", gettext_lazy("Prüfen und absenden")),
]
STEP_KEYS = [key for key, _label in STEPS]


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


def current_applicant(request):
    applicant_id = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not applicant_id:
        return None
    return Applicant.objects.filter(pk=applicant_id, is_active=True).select_related("organisation").first()


def applicant_required(view):
    """Signed-in applicants only; others go to the sign-in form and come back."""

    @functools.wraps(view)
    @never_cache
    def wrapper(request, *args, **kwargs):
        applicant = current_applicant(request)
        if applicant is None:
            sign_in = reverse("grants:sign_in")
            return HttpResponseRedirect(f"{sign_in}?next={request.get_full_path()[:400]}")
        language = translation.get_language()
        if language and applicant.language != language:
            applicant.language = language
            Applicant.objects.filter(pk=applicant.pk).update(language=language)
        request.applicant = applicant
        return view(request, *args, **kwargs)

    return wrapper


def get_application(request, public_id, *, queryset=None):
    """The application, if it belongs to the applicant's organisation; 404 otherwise."""
    organisation_id = request.applicant.organisation_id
    if organisation_id is None:
        raise Http404
    queryset = queryset if queryset is not None else GrantApplication.objects.select_related("call")
    return get_object_or_404(queryset, public_id=public_id, organisation_id=organisation_id)


def _client_ip(request):
    return request.META.get("REMOTE_ADDR", "")


def _safe_next(request, url):
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False):
        return url
    return ""


def _parse_version(request):
    try:
        return int(request.POST.get("version", ""))
    except (TypeError, ValueError):
        return -1


def _raw(data):
    """POST data as JSON-able dict of lists (for keeping unsaved input)."""
    return {key: data.getlist(key) for key in data if key not in ("csrfmiddlewaretoken", "version")}


def _store_raw_input(application, step, data):
    draft = dict(application.draft_data or {})
    draft[step] = _raw(data)
    application.draft_data = draft
    GrantApplication.objects.filter(pk=application.pk).update(draft_data=draft)


def pdf_response(content, filename):
    """A PDF as a download (also used by the staff views)."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --------------------------------------------------------------------------
# Sign-in
# --------------------------------------------------------------------------


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request):
    """Ask for the e-mail address and send a sign-in link. Sets no cookie."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if current_applicant(request) is not None:
        return redirect(next_url or reverse("grants:dashboard"))
    if request.method == "POST":
        form = SignInForm(request.POST)
        if form.is_valid():
            if not form.cleaned_data.get("website"):
                services.request_sign_in(
                    form.cleaned_data["email"],
                    language=translation.get_language(),
                    next_url=next_url,
                    client_ip=_client_ip(request),
                )
            return render(
                request,
                "grants/sign_in_sent.html",
                {"email": form.cleaned_data["email"], "title": _("Link verschickt")},
            )
    else:
        form = SignInForm()
    return render(
        request,
        "grants/sign_in.html",
        {"form": form, "next": next_url, "title": _("Anmelden zur Kleinförderung")},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_confirm(request, token):
    """Show a button for the link (mail scanners follow links); the POST signs in."""
    try:
        record = services.check_sign_in_token(token, consume=request.method == "POST")
    except services.TokenError as error:
        messages_by_reason = {
            "expired": _("Dieser Link ist abgelaufen. Bitte fordern Sie einen neuen an."),
            "used": _("Dieser Link wurde schon benutzt. Bitte fordern Sie einen neuen an."),
            "invalid": _("Dieser Link ist ungültig. Bitte fordern Sie einen neuen an."),
        }
        return render(
            request,
            "grants/sign_in_failed.html",
            {"reason": messages_by_reason[error.reason], "title": _("Anmeldung nicht möglich")},
            status=400,
        )
    if request.method == "GET":
        return render(
            request,
            "grants/sign_in_confirm.html",
            {"record": record, "title": _("Anmelden zur Kleinförderung")},
        )
    request.session.cycle_key()
    request.session[SESSION_KEY] = record.applicant_id
    return redirect(_safe_next(request, record.next_url) or reverse("grants:dashboard"))


@require_POST
def sign_out(request):
    if hasattr(request, "session") and SESSION_KEY in request.session:
        request.session.pop(SESSION_KEY)
        request.session.cycle_key()
    return redirect("grants:sign_in")


# --------------------------------------------------------------------------
# Dashboard and organisation
# --------------------------------------------------------------------------


def open_calls():
    """Calls open for applications, in the visitor's language where translated."""
    now = timezone.now()
    calls = GrantCallPage.objects.live().filter(opens_at__lte=now, closes_at__gt=now).defer_streamfields()
    active = Locale.get_active()
    localized = list(calls.filter(locale=active).order_by("closes_at"))
    if localized:
        return localized
    return list(calls.filter(locale=Locale.get_default()).order_by("closes_at"))


@applicant_required
@require_GET
def dashboard(request):
    applicant = request.applicant
    applications = []
    if applicant.organisation_id:
        applications = list(
            GrantApplication.objects.filter(organisation_id=applicant.organisation_id)
            .only(
                "public_id",
                "reference",
                "title",
                "status",
                "call_title",
                "requested_amount",
                "approved_amount",
                "updated_at",
                "submitted_at",
            )
            .order_by("-updated_at")
        )
    return render(
        request,
        "grants/dashboard.html",
        {
            "applicant": applicant,
            "applications": applications,
            "calls": open_calls(),
            "title": _("Meine Förderanträge"),
        },
    )


@applicant_required
@require_http_methods(["GET", "POST"])
def organisation(request):
    """Who works on the organisation's applications; invite colleagues."""
    applicant = request.applicant
    org = applicant.organisation
    form = InviteForm()
    if request.method == "POST":
        if org is None:
            raise Http404
        if "remove" in request.POST:
            member = Applicant.objects.filter(
                pk=request.POST.get("remove", "")[:20] or 0, organisation=org
            ).first()
            if member is None or member.pk == applicant.pk:
                raise Http404
            services.remove_member(org, member)
            messages.success(
                request, _("%(name)s arbeitet nicht mehr an Ihren Anträgen mit.") % {"name": member}
            )
            return redirect("grants:organisation")
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                services.invite_member(
                    org, inviter=applicant, email=form.cleaned_data["email"], name=form.cleaned_data["name"]
                )
            except ValidationError as error:
                form.add_error("email", error)
            else:
                messages.success(
                    request,
                    _("Wir haben eine Einladung an %(email)s geschickt.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("grants:organisation")
    members = list(org.members.filter(is_active=True).order_by("email")) if org else []
    return render(
        request,
        "grants/organisation.html",
        {"organisation": org, "members": members, "form": form, "title": _("Organisation und Mitwirkende")},
    )


@applicant_required
@require_GET
def my_data(request):
    """Everything stored about the applicant and their organisation (ZIP with JSON and files)."""
    content = services.export_applicant_data(request.applicant)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="meine-daten-kleinfoerderung.zip"'
    return response


# --------------------------------------------------------------------------
# The application
# --------------------------------------------------------------------------


@applicant_required
@require_POST
def start(request, call_id):
    call = get_object_or_404(GrantCallPage.objects.live(), pk=call_id)
    try:
        application = services.start_application(call, request.applicant)
    except services.TransitionError as error:
        messages.error(request, error.message)
        return redirect("grants:dashboard")
    return redirect("grants:step", application.public_id, STEP_KEYS[0])


def _hand_in(request, application, form, to_status, *, document_label, purpose):
    """Record the applicant's text (answer or usage report) and its optional file in one step.

    Returns True when done; otherwise the reason is added to the form's errors.
    """
    try:
        with transaction.atomic():
            change = services.change_status(
                application,
                to_status,
                expected_version=_parse_version(request),
                applicant=request.applicant,
                note=form.cleaned_data["body"],
            )
            if form.cleaned_data.get("file"):
                services.add_attachment(
                    application,
                    form.cleaned_data["file"],
                    document_label=document_label,
                    applicant=request.applicant,
                    purpose=purpose,
                    message=change.message,
                )
    except services.TransitionError as error:
        form.add_error(None, error.message)
        return False
    return True


@applicant_required
@require_http_methods(["GET", "POST"])
def application_detail(request, public_id):
    """Status, history, the office's questions and the applicant's answers."""
    application = get_application(
        request,
        public_id,
        queryset=GrantApplication.objects.select_related("call").prefetch_related(
            "budget_lines", "attachments", "status_changes"
        ),
    )
    answer_form = None
    if application.status == Status.INFO_REQUESTED:
        answer_form = AnswerForm(request.POST or None, request.FILES or None)
        if (
            request.method == "POST"
            and answer_form.is_valid()
            and _hand_in(
                request,
                application,
                answer_form,
                Status.ANSWERED,
                document_label=_("Anlage zur Antwort"),
                purpose=Attachment.Purpose.ANSWER,
            )
        ):
            messages.success(request, _("Vielen Dank, Ihre Antwort ist beim ZIB eingegangen."))
            return redirect("grants:application", application.public_id)
    elif request.method == "POST":
        return HttpResponse(status=405, headers={"Allow": "GET"})
    thread = list(
        ApplicationMessage.objects.filter(application=application)
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )
    return render(
        request,
        "grants/application_detail.html",
        {
            "application": application,
            "thread": thread,
            "answer_form": answer_form,
            "history": list(application.status_changes.all()),
            "can_download_decision": application.decided_at is not None,
            "title": str(application),
        },
    )


@applicant_required
@require_http_methods(["GET", "POST"])
def usage_report(request, public_id):
    """Hand in the usage report (Verwendungsnachweis) when it is due."""
    application = get_application(request, public_id)
    if application.status != Status.REPORT_DUE:
        return redirect("grants:application", application.public_id)
    form = ReportForm(request.POST or None, request.FILES or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _hand_in(
            request,
            application,
            form,
            Status.REPORT_RECEIVED,
            document_label=_("Verwendungsnachweis"),
            purpose=Attachment.Purpose.USAGE_REPORT,
        )
    ):
        messages.success(request, _("Vielen Dank, Ihr Verwendungsnachweis ist beim ZIB eingegangen."))
        return redirect("grants:application", application.public_id)
    return render(
        request,
        "grants/usage_report.html",
        {"application": application, "form": form, "title": _("Verwendungsnachweis einreichen")},
    )


@applicant_required
@require_GET
def receipt(request, public_id):
    application = get_application(request, public_id)
    if application.submitted_at is None:
        raise Http404
    return pdf_response(receipt_pdf(application), f"{application.reference}-eingangsbestaetigung.pdf")


@applicant_required
@require_GET
def decision_letter(request, public_id):
    application = get_application(request, public_id)
    if application.decided_at is None:
        raise Http404
    return pdf_response(decision_letter_pdf(application), f"{application.reference}-bescheid.pdf")


def serve_attachment(attachment):
    """Send a private file as a download, never rendered inline."""
    try:
        handle = attachment.file.open("rb")
    except (OSError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name)
    response["Content-Type"] = attachment.content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@applicant_required
@require_GET
def attachment_download(request, public_id, attachment_id):
    application = get_application(request, public_id)
    attachment = get_object_or_404(Attachment, pk=attachment_id, application=application)
    return serve_attachment(attachment)


@applicant_required
@require_POST
def attachment_delete(request, public_id, attachment_id):
    application = get_application(request, public_id)
    attachment = get_object_or_404(Attachment, pk=attachment_id, application=application)
    if not application.applicant_can_edit:
        raise Http404
    services.delete_attachment(attachment)
    messages.success(request, _("Die Datei wurde entfernt."))
    return redirect("grants:step", application.public_id, "unterlagen")


# --------------------------------------------------------------------------
# The form in steps
# --------------------------------------------------------------------------


def _step_context(application, step, **extra):
    index = STEP_KEYS.index(step)
    return {
        "application": application,
        "step": step,
        "steps": STEPS,
        "step_index": index + 1,
        "step_count": len(STEPS),
        "step_label": dict(STEPS)[step],
        "previous_step": STEP_KEYS[index - 1] if index > 0 else None,
        "next_step": STEP_KEYS[index + 1] if index + 1 < len(STEPS) else None,
        "unsaved_steps": set(application.draft_data or {}),
        "title": f"{dict(STEPS)[step]} – {application.title or _('Neuer Antrag')}",
        **extra,
    }


class FormStep:
    """A step made of forms whose input is saved as a draft, valid or not."""

    template = ""

    def __init__(self, request, application):
        self.request = request
        self.application = application
        self.applicant = request.applicant

    def bind(self, data):
        raise NotImplementedError

    def is_valid(self, bound):
        # Validate every form (no short-circuit) so all errors show at once.
        return all([form.is_valid() for form in bound.values()])  # noqa: C419

    def save(self, bound, version):
        raise NotImplementedError

    def error_context(self, bound):
        forms = list(bound.values())
        return {"all_forms": forms, "has_errors": any(form.errors for form in forms), "extra_errors": []}


class OrganisationStep(FormStep):
    template = "grants/step_organisation.html"

    def bind(self, data):
        return {
            "organisation": OrganisationForm(data=data, instance=self.application.organisation, prefix="org"),
            "contact": ContactForm(data=data, instance=self.applicant, prefix="contact"),
        }

    def save(self, bound, version):
        bound["organisation"].save()
        bound["contact"].save()
        self.application.draft_data.pop("organisation", None)
        services.save_with_version(self.application, version, ["draft_data"])


class ProjectStep(FormStep):
    template = "grants/step_project.html"

    def bind(self, data):
        return {
            "project": ProjectForm(
                data=data, instance=self.application, prefix="project", call=self.application.call
            )
        }

    def save(self, bound, version):
        form = bound["project"]
        form.save(commit=False)
        self.application.draft_data.pop("projekt", None)
        services.save_with_version(self.application, version, [*form.Meta.fields, "draft_data"])


class FinanceStep(FormStep):
    template = "grants/step_budget.html"

    def bind(self, data):
        extra = _int(self.request.GET.get("zeilen"))
        return {"budget": BudgetStep(self.application, data=data, extra_lines=extra)}

    def is_valid(self, bound):
        # While lines are being added the sums may not add up yet.
        return bound["budget"].is_valid(check_sums="add_line" not in self.request.POST)

    def error_context(self, bound):
        budget = bound["budget"]
        forms = [budget.form, *budget.formset.forms]
        extra = list(budget.formset.non_form_errors())
        return {"all_forms": forms, "has_errors": any(form.errors for form in forms), "extra_errors": extra}

    def save(self, bound, version):
        step = bound["budget"]
        step.form.save(commit=False)
        self.application.draft_data.pop("finanzierung", None)
        services.save_with_version(self.application, version, [*step.form.Meta.fields, "draft_data"])
        step.save()


FORM_STEPS = {"organisation": OrganisationStep, "projekt": ProjectStep, "finanzierung": FinanceStep}


@applicant_required
@require_http_methods(["GET", "POST"])
def step(request, public_id, step):
    if step not in STEP_KEYS:
        raise Http404
    application = get_application(request, public_id)
    if not application.applicant_can_edit:
        messages.info(request, _("Dieser Antrag ist eingereicht und kann nicht mehr geändert werden."))
        return redirect("grants:application", application.public_id)
    if step == "unterlagen":
        return attachments_step(request, application)
    if step == "absenden":
        return review_step(request, application)

    handler = FORM_STEPS[step](request, application)
    status = 200
    if request.method == "POST":
        bound = handler.bind(request.POST)
        if handler.is_valid(bound):
            try:
                with transaction.atomic():
                    handler.save(bound, _parse_version(request))
            except services.ConcurrentModification as error:
                application.refresh_from_db()
                messages.error(request, error.message)
                status = 409
            else:
                if "add_line" in request.POST:
                    lines = len(request.POST.getlist("add_line")) + _int(request.GET.get("zeilen"))
                    url = reverse("grants:step", args=[application.public_id, step])
                    return redirect(f"{url}?zeilen={min(lines, MAX_EXTRA_LINES)}#kosten")
                if "save_draft" in request.POST or not _next(step):
                    messages.success(request, _("Ihre Angaben sind gespeichert."))
                    return redirect("grants:step", application.public_id, step)
                return redirect("grants:step", application.public_id, _next(step))
        else:
            _store_raw_input(application, step, request.POST)
            messages.warning(
                request,
                _(
                    "Ihre Eingaben sind als Entwurf gespeichert, aber noch nicht vollständig. "
                    "Bitte korrigieren Sie die markierten Felder."
                ),
            )
    else:
        raw = (application.draft_data or {}).get(step)
        bound = handler.bind(MultiValueDict(raw) if raw else None)
        if raw:
            handler.is_valid(bound)
    return render(
        request,
        handler.template,
        _step_context(application, step, forms=bound, **handler.error_context(bound)),
        status=status,
    )


def _int(value):
    try:
        return max(int(value or 0), 0)
    except (TypeError, ValueError):
        return 0


def _next(step):
    index = STEP_KEYS.index(step)
    return STEP_KEYS[index + 1] if index + 1 < len(STEP_KEYS) else None


def attachments_step(request, application):
    form = AttachmentForm(call=application.call)
    if request.method == "POST":
        form = AttachmentForm(request.POST, request.FILES, call=application.call)
        if form.is_valid():
            services.add_attachment(
                application,
                form.cleaned_data["file"],
                document_label=form.cleaned_data["document_label"],
                applicant=request.applicant,
            )
            messages.success(request, _("Die Datei wurde hochgeladen."))
            return redirect("grants:step", application.public_id, "unterlagen")
    attachments = list(application.attachments.filter(purpose=Attachment.Purpose.APPLICATION))
    uploaded = {attachment.document_label for attachment in attachments}
    required = [
        {"document": document, "done": document.label in uploaded}
        for document in (application.call.required_documents.all() if application.call else [])
    ]
    return render(
        request,
        "grants/step_attachments.html",
        _step_context(application, "unterlagen", form=form, attachments=attachments, required=required),
        status=200,
    )


def review_step(request, application):
    form = DeclarationsForm(instance=application, prefix="decl")
    submit_error = None
    status = 200
    if request.method == "POST":
        form = DeclarationsForm(request.POST, instance=application, prefix="decl")
        if "submit" not in request.POST:
            # Saving a draft does not need the declarations yet.
            for field in form.fields.values():
                field.required = False
        if form.is_valid():
            form.save(commit=False)
            try:
                with transaction.atomic():
                    services.save_with_version(application, _parse_version(request), form.Meta.fields)
                    if "submit" in request.POST:
                        services.change_status(
                            application,
                            Status.SUBMITTED,
                            expected_version=application.version,
                            applicant=request.applicant,
                        )
            except services.TransitionError as error:
                submit_error = error.message
                application.refresh_from_db()
                status = 409 if isinstance(error, services.ConcurrentModification) else 200
            else:
                if "submit" in request.POST:
                    messages.success(
                        request,
                        _(
                            "Ihr Antrag ist eingereicht. Sie bekommen eine Bestätigung per E-Mail und können "
                            "die Eingangsbestätigung hier herunterladen."
                        ),
                    )
                    return redirect("grants:application", application.public_id)
                messages.success(request, _("Ihre Angaben sind gespeichert."))
                return redirect("grants:step", application.public_id, "absenden")
    application = (
        GrantApplication.objects.select_related("call", "organisation")
        .prefetch_related("budget_lines", "attachments")
        .get(pk=application.pk)
    )
    return render(
        request,
        "grants/step_review.html",
        _step_context(
            application,
            "absenden",
            form=form,
            problems=services.application_problems(application),
            submit_error=submit_error,
        ),
        status=status,
    )
