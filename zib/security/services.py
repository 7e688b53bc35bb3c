"""Business rules of sign-in security: admin paths, client addresses, two-factor devices."""

import functools

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.functional import LazyObject, empty
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

TWO_FACTOR_ENABLED_ACTION = "zib.two_factor.enable"
TWO_FACTOR_DISABLED_ACTION = "zib.two_factor.disable"
DEVICE_NAME = "Authenticator-App"


@functools.cache
def admin_prefix():
    """The path under which the Wagtail admin lives, e.g. ``/admin/``."""
    return reverse("wagtailadmin_home")


def is_admin_path(path):
    """True for every path of the Wagtail admin (the only place with a relaxed policy)."""
    return path.startswith(admin_prefix())


@functools.cache
def _two_factor_exempt_paths():
    return (
        reverse("security_two_factor_verify"),
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
    )


def is_two_factor_exempt_path(path):
    """Admin pages a signed-in user may see before confirming the second factor."""
    return path.startswith(_two_factor_exempt_paths())


def is_two_factor_setup_path(path):
    return path.startswith(reverse("security_two_factor_setup"))


def client_ip(request):
    """The visitor's address for login throttling.

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies (nginx: 1) the address is
    read from ``X-Forwarded-For``, counting from the right: entries further
    left were sent by the client and may be forged.
    """
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(count, len(hops))]
    return request.META.get("REMOTE_ADDR")


def has_two_factor_device(user):
    """True once the user has confirmed an authenticator app (or another OTP device)."""
    return user_has_device(user, confirmed=True)


def pending_totp_device(user):
    """The user's authenticator device awaiting its first code; created on first call.

    The secret stays the same until it is confirmed, so reloading the set-up
    page does not invalidate a QR code that was already scanned.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def confirm_totp_device(request, token):
    """Confirm the pending authenticator device with its first code.

    On success the device counts from now on, the session is marked as
    verified, the change is logged and the user gets an e-mail about it.
    Returns False (and changes nothing) for a wrong or expired code.
    """
    user = _concrete(request.user)
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        )
        if device is None or has_two_factor_device(user):
            return False
        if not device.verify_token(_normalise_token(token)):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        log(instance=user, action=TWO_FACTOR_ENABLED_ACTION, user=user)
        transaction.on_commit(lambda: _notify(user, enabled=True))
    otp_login(request, device)
    return True


def verify_second_factor(request, token):
    """Check a code against the user's confirmed devices; mark the session verified.

    Each device throttles wrong codes itself (django-otp: a growing delay).
    """
    user = request.user
    token = _normalise_token(token)
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                matched = device
                break
        else:
            return False
    otp_login(request, matched)
    return True


def remove_second_factor(request, token):
    """Remove all of the user's OTP devices after a valid code; log and notify."""
    user = _concrete(request.user)
    if not verify_second_factor(request, token):
        return False
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        log(instance=user, action=TWO_FACTOR_DISABLED_ACTION, user=user)
        transaction.on_commit(lambda: _notify(user, enabled=False))
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    return True


def reset_second_factor(user):
    """Remove a user's OTP devices (an administrator's recovery for a lost phone)."""
    with transaction.atomic():
        removed = 0
        for device in devices_for_user(user, confirmed=None):
            device.delete()
            removed += 1
        if removed:
            log(instance=user, action=TWO_FACTOR_DISABLED_ACTION)
            transaction.on_commit(lambda: _notify(user, enabled=False))
    return removed


def _concrete(user):
    """``request.user`` without its lazy wrappers (the audit log looks at the real type)."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def _normalise_token(token):
    return "".join(str(token or "").split())


def _notify(user, *, enabled):
    if not user.email:
        return
    if enabled:
        subject = _("Zwei-Faktor-Anmeldung eingerichtet")
        body = _(
            "Für Ihr Konto %(user)s bei %(site)s ist die Zwei-Faktor-Anmeldung jetzt eingerichtet. "
            "Wenn Sie das nicht waren, wenden Sie sich bitte sofort an die Administration."
        )
    else:
        subject = _("Zwei-Faktor-Anmeldung entfernt")
        body = _(
            "Für Ihr Konto %(user)s bei %(site)s wurde die Zwei-Faktor-Anmeldung entfernt. "
            "Wenn Sie das nicht waren, wenden Sie sich bitte sofort an die Administration."
        )
    context = {"user": user.get_username(), "site": settings.WAGTAIL_SITE_NAME}
    send_mail(subject, body % context, None, [user.email])


def login_username(request, credentials=None):
    """The user name django-axes records, cut to the length its table holds.

    A guessing attack may send names of any length; PostgreSQL would refuse
    to store them and the login would fail with a server error.
    """
    if credentials and credentials.get("username"):
        username = credentials["username"]
    else:
        username = request.POST.get("username", "") if request is not None else ""
    return str(username)[:150]
