"""Demo staff: one caseworker per demo agency and one editor, each with a
password and an allauth TOTP authenticator, printed so a newcomer can log in
without a phone (`manage.py totp_code <username>` prints the current code).

Idempotent: users by username, memberships by (user, agency), one TOTP
authenticator per user (kept across runs, so an authenticator app set up
once keeps working). The password is reset on every run and printed.
"""

from __future__ import annotations

import secrets

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import decrypt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from backoffice.groups import CASEWORKERS, EDITORS, ensure_groups
from backoffice.models import AgencyMembership, MembershipRole
from cases import services
from cases.models import Agency, Case, CaseSource, CaseType
from demo.agencies_and_cases import DEMO_AGENCIES
from identity.actors import Actor
from notifications.defaults import DEFAULT_TEMPLATES
from notifications.models import NotificationTemplate
from pages.editorial import MODERATORS_GROUP

DEMO_EDITOR = "redacteur-demo"


def caseworker_username(agency: Agency) -> str:
    return f"medewerker-{agency.slug}"


def _staff(username: str, first_name: str, last_name: str, group) -> tuple:
    user, _ = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "is_staff": True},
    )
    password = f"demo-{secrets.token_urlsafe(9)}"
    user.set_password(password)
    user.is_active = True
    user.save()
    user.groups.add(group)
    return user, password


def _totp_secret(user) -> str:
    """The user's TOTP secret, creating the authenticator the first time."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return decrypt(TOTP.activate(user, generate_totp_secret()).instance.data["secret"])
    return decrypt(authenticator.data["secret"])


# A fresh case at Zoetermeer in "ontvangen", so the demo caseworker can
# publish "in behandeling" for 999993653 (issue 5, "Done when").
DEMO_FRESH_CASE = {
    "external_id": "demo-backoffice-1",
    "bsn": "999993653",
    "title": "Omgevingsvergunning voor een tuinhuis",
}


def _fresh_case(out) -> None:
    case_type = CaseType.objects.filter(
        agency__slug="zoetermeer", code="omgevingsvergunning"
    ).first()
    if (
        case_type is None
        or Case.objects.filter(
            agency=case_type.agency, external_id=DEMO_FRESH_CASE["external_id"]
        ).exists()
    ):
        return
    case = services.open_case(
        case_type=case_type,
        actor=Actor.system("seed_demo"),
        source=CaseSource.BACK_OFFICE,
        **DEMO_FRESH_CASE,
    )
    out.write(f"Demo case to publish a status on: {case.reference} ({case.title})")


def seed(out) -> None:
    groups = ensure_groups()
    _fresh_case(out)
    for (kind, language), (subject, body) in DEFAULT_TEMPLATES.items():
        NotificationTemplate.objects.get_or_create(
            kind=kind, language=language, defaults={"subject": subject, "body": body}
        )
    accounts = []
    for agency in Agency.objects.filter(slug__in=[a["slug"] for a in DEMO_AGENCIES]):
        user, password = _staff(
            caseworker_username(agency), "Demo", agency.short_name, groups[CASEWORKERS]
        )
        AgencyMembership.objects.update_or_create(
            user=user, agency=agency, defaults={"role": MembershipRole.AGENCY_ADMIN}
        )
        accounts.append((user, password, agency.name))
    editor, password = _staff(DEMO_EDITOR, "Demo", "Redacteur", groups[EDITORS])
    # Also a moderator, so a newcomer can walk the review workflow (submit, approve,
    # publish) with one account; real editors and moderators are different people.
    moderators = Group.objects.filter(name=MODERATORS_GROUP).first()
    if moderators is not None:
        editor.groups.add(moderators)
    accounts.append((editor, password, "redacteur"))
    out.write("Demo staff (log in at /accounts/login/, then /beheer/):")
    for user, password, role in accounts:
        out.write(
            f"  {user.username:28} password {password}  TOTP secret {_totp_secret(user)}  ({role})"
        )
    out.write("  Current TOTP code (development only): manage.py totp_code <username>")
