"""Remove a user's authenticator app, e.g. after the phone was lost."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from zib.security.services import reset_second_factor


class Command(BaseCommand):
    help = "Remove the two-factor devices of a user so they can sign in with the password and enrol again."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as exc:
            raise CommandError(f"No user {username!r}.") from exc
        removed = reset_second_factor(user)
        self.stdout.write(f"Removed {removed} device(s) of {username}.")
