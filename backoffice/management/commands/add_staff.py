"""Create or update a staff account and make it a member of an agency.

manage.py add_staff j.jansen --agency zoetermeer --role caseworker \
    --email j.jansen@zoetermeer.nl --first-name Jan --last-name Jansen
manage.py add_staff beheer.zoetermeer --agency zoetermeer --role admin

A new account gets a one-time password, printed once (pass --no-password to keep
an existing password). At the first login (/accounts/login/) the person is sent
to set up an authenticator app (TOTP, allauth MFA) before /beheer/ opens; nobody
enrols a TOTP secret for someone else.
"""

from __future__ import annotations

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from backoffice.groups import CASEWORKERS, ensure_groups
from backoffice.models import AgencyMembership, MembershipRole
from cases.models import Agency

ROLES = {"caseworker": MembershipRole.CASEWORKER, "admin": MembershipRole.AGENCY_ADMIN}


class Command(BaseCommand):
    help = "Create or update a staff member of an agency (caseworker or agency admin)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--agency", required=True, help="agency code (create_agency)")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--email", default=None)
        parser.add_argument("--first-name", default=None)
        parser.add_argument("--last-name", default=None)
        parser.add_argument(
            "--new-password",
            action="store_true",
            help="also give an existing account a new one-time password",
        )

    @transaction.atomic
    def handle(self, *args, username, agency, role, new_password=False, **options):
        try:
            agency_obj = Agency.objects.get(slug=agency)
        except Agency.DoesNotExist:
            raise CommandError(
                f"No agency with code {agency!r}; create it with manage.py create_agency."
            ) from None
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        created = user is None
        if created:
            user = user_model(username=username)
        if getattr(user, "bsn", ""):
            raise CommandError(f"{username!r} is a citizen's account, not a staff account.")
        for field in ("email", "first_name", "last_name"):
            if options.get(field) is not None:
                setattr(user, field, options[field])
        user.is_staff = True
        user.is_active = True
        password = None
        if created or new_password:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        user.save()
        user.groups.add(ensure_groups()[CASEWORKERS])
        AgencyMembership.objects.update_or_create(
            user=user, agency=agency_obj, defaults={"role": ROLES[role]}
        )
        self.stdout.write(
            f"{'Created' if created else 'Updated'} {username}: {role} of {agency_obj.name}."
        )
        if password:
            self.stdout.write(
                f"One-time password (shown once, give it to {username} in person or by "
                f"another channel than the username): {password}"
            )
        self.stdout.write(
            "First login: /accounts/login/ with username and password; the portal then asks "
            "to set up an authenticator app (TOTP) before /beheer/ opens. The person can "
            "change the password under /accounts/password/change/."
        )
