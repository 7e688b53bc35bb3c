"""Factories for sign-in tests: admin users and their authenticator devices."""

import factory
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "richtig-langes-passwort-42"


class AdminUserFactory(factory.django.DjangoModelFactory):
    """A superuser who may use the Wagtail admin."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"redaktion{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@saarbruecken.de")
    is_staff = True
    is_superuser = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(user, create, extracted, **kwargs):
        if create:
            user.save()


class TOTPDeviceFactory(factory.django.DjangoModelFactory):
    """A confirmed authenticator app."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(AdminUserFactory)
    name = "Authenticator-App"
    confirmed = True


def current_token(device):
    """The code the authenticator app shows right now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def wrong_token(device):
    return f"{(int(current_token(device)) + 500_000) % 1_000_000:06d}"
