"""Turn off a staff account's two-step sign-in, for a lost or replaced phone.

If the account needs a second factor (a manager), it sets up a new app at its next
sign-in; check who is asking before running this.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Remove a user's authenticator app so they set up a new one at next sign-in."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(
            f"Removed {removed} authenticator app(s) for {username}; "
            "they will set up a new one at their next sign-in."
        )
