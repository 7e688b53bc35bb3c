"""Background work of the events app (run through django-tasks)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from zib.languages.services import offered_languages

MAIL_KINDS = {"confirmed", "waitlisted", "promoted", "cancelled", "reminder"}


def _language_for(registration):
    """The registration's language and its Locale id if the site still offers it, else German.

    (German needs no Locale: registrations belong to the original, German event page.)
    """
    for language in offered_languages():
        if language.code == registration.language:
            return language.code, language.locale_id
    return settings.LANGUAGE_CODE, None


def manage_url(registration, language):
    """The absolute address where the person sees and cancels their registration."""
    event = registration.event
    site = event.get_site()
    base = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    with translation.override(language):
        path = reverse("events:registration", kwargs={"token": registration.token})
    return base.rstrip("/") + path


@task()
def send_registration_email(registration_id, kind):
    """Tell the person about their registration, in the language they registered in."""
    from .models import EventSettings, Registration

    if kind not in MAIL_KINDS:
        raise ValueError(f"Unknown registration mail {kind!r}")
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None:
        return
    language, locale_id = _language_for(registration)
    event = registration.event
    if locale_id and locale_id != event.locale_id:
        translation_page = event.get_translation_or_none(locale_id)
        if translation_page is not None and translation_page.live:
            event = translation_page.specific
    contact = EventSettings.load().registration_contact_email
    context = {
        "registration": registration,
        "event": event,
        "kind": kind,
        "manage_url": manage_url(registration, language),
        "event_url": event.full_url,
        "contact_email": contact or settings.DEFAULT_FROM_EMAIL,
    }
    with translation.override(language):
        subject = render_to_string("events/email/registration_subject.txt", context).strip()
        body = render_to_string("events/email/registration_body.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[registration.email],
        reply_to=[contact] if contact else None,
    ).send()


@task()
def purge_expired_registrations_task():
    """Delete registrations past the retention period (schedule daily)."""
    from .services import purge_expired_registrations

    return purge_expired_registrations()
