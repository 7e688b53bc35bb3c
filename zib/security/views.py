"""Admin views of the two-factor sign-in and the page shown after too many failed logins."""

import base64
from binascii import unhexlify
from datetime import timedelta

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import services
from .forms import TokenForm


def lockout_response(request, original_response=None, credentials=None):
    """What django-axes shows after too many failed admin logins (HTTP 429)."""
    return render(
        request,
        "security/lockout.html",
        {"cooloff_hours": _cooloff_hours()},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def _cooloff_hours():
    cooloff = settings.AXES_COOLOFF_TIME
    if isinstance(cooloff, timedelta):
        return max(1, round(cooloff.total_seconds() / 3600))
    return cooloff


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def qr_code_svg(data):
    """The QR code for ``data`` as inline SVG, drawn on the server (no external service)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def grouped_secret(device):
    """The device's secret in base32, in groups of four for typing by hand."""
    secret = base64.b32encode(unhexlify(device.key)).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


class TwoFactorSetupView(WagtailAdminTemplateMixin, FormView):
    """Account page: enrol an authenticator app, or remove it again."""

    template_name = "security/two_factor_setup.html"
    form_class = TokenForm
    page_title = gettext_lazy("Zwei-Faktor-Anmeldung")
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        self.enrolled = services.has_two_factor_device(request.user)
        if self.enrolled and not request.user.is_verified():
            return redirect("security_two_factor_verify")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": _("Konto")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["enrolled"] = self.enrolled
        context["required"] = getattr(settings, "REQUIRE_2FA_FOR_STAFF", False)
        if not self.enrolled:
            device = services.pending_totp_device(self.request.user)
            context["qr_svg"] = mark_safe(qr_code_svg(device.config_url))  # drawn by qrcode from our own data
            context["secret"] = grouped_secret(device)
        context["next"] = _safe_next(self.request, "")
        return context

    def form_valid(self, form):
        token = form.cleaned_data["token"]
        if self.enrolled:
            if getattr(settings, "REQUIRE_2FA_FOR_STAFF", False):
                form.add_error(
                    None, _("Die Zwei-Faktor-Anmeldung ist für alle Mitarbeitenden vorgeschrieben.")
                )
                return self.form_invalid(form)
            if not services.remove_second_factor(self.request, token):
                form.add_error("token", _("Der Code ist falsch oder abgelaufen."))
                return self.form_invalid(form)
            messages.success(self.request, _("Die Zwei-Faktor-Anmeldung wurde entfernt."))
            return redirect("security_two_factor_setup")
        if not services.confirm_totp_device(self.request, token):
            form.add_error(
                "token", _("Der Code ist falsch oder abgelaufen. Bitte geben Sie den aktuellen Code ein.")
            )
            return self.form_invalid(form)
        messages.success(self.request, _("Die Zwei-Faktor-Anmeldung ist eingerichtet."))
        return redirect(_safe_next(self.request, reverse("security_two_factor_setup")))


two_factor_setup = never_cache(TwoFactorSetupView.as_view())


@never_cache
def two_factor_verify(request):
    """After the password: the code from the authenticator app, then on to the admin."""
    next_url = _safe_next(request, reverse("wagtailadmin_home"))
    if not services.has_two_factor_device(request.user) or request.user.is_verified():
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.verify_second_factor(request, form.cleaned_data["token"]):
            return redirect(next_url)
        form.add_error(
            "token",
            _("Der Code ist falsch oder abgelaufen. Nach mehreren Fehlversuchen müssen Sie kurz warten."),
        )
    return render(request, "security/two_factor_verify.html", {"form": form, "next": next_url})
