"""Print the current TOTP code of a demo account (development only), so a
newcomer can pass the MFA step without an authenticator app."""

from allauth.mfa import app_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "Print the current TOTP code for a staff account (refused unless DEBUG is on)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("totp_code is for development only (settings.DEBUG is off).")
        authenticator = Authenticator.objects.filter(
            user__username=username, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(f"No TOTP authenticator for {username!r}; run seed_demo first.")
        secret = decrypt(authenticator.data["secret"])
        now = int(timezone.now().timestamp())
        counter, elapsed = divmod(now, app_settings.TOTP_PERIOD)
        code = format_hotp_value(hotp_value(secret, counter))
        self.stdout.write(f"{code}  (valid for {app_settings.TOTP_PERIOD - elapsed} more seconds)")
