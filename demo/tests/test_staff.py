import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.core.management import CommandError, call_command
from django.test import override_settings

from backoffice.groups import CASEWORKERS, EDITORS
from backoffice.models import AgencyMembership
from cases.models import Case
from demo import agencies_and_cases as cases_demo
from demo import people as identity_demo
from demo import staff as demo
from notifications.defaults import DEFAULT_TEMPLATES
from notifications.models import NotificationTemplate

pytestmark = pytest.mark.django_db


class Out:
    def __init__(self):
        self.lines = []

    def write(self, line):
        self.lines.append(line)


def _seed():
    out = Out()
    identity_demo.seed(out)
    cases_demo.seed(out)
    demo.seed(out)
    return "\n".join(out.lines)


def test_seed_prints_a_caseworker_per_agency_and_an_editor_with_password_and_totp():
    text = _seed()
    assert "medewerker-zoetermeer" in text and "redacteur-demo" in text
    membership = AgencyMembership.objects.get(user__username="medewerker-zoetermeer")
    assert membership.agency.slug == "zoetermeer"
    assert membership.user.groups.filter(name=CASEWORKERS).exists()
    line = next(line for line in text.splitlines() if "medewerker-zoetermeer" in line)
    password = re.search(r"password (\S+)", line).group(1)
    assert membership.user.check_password(password)
    secret = re.search(r"TOTP secret (\S+)", line).group(1)
    assert Authenticator.objects.filter(user=membership.user, type="totp").count() == 1
    # Idempotent: a second run keeps one authenticator with the same secret.
    again = _seed()
    assert f"TOTP secret {secret}" in again
    assert Authenticator.objects.filter(user=membership.user, type="totp").count() == 1
    assert AgencyMembership.objects.filter(user=membership.user).count() == 1
    editor_groups = membership.user.__class__.objects.get(username="redacteur-demo").groups
    assert editor_groups.filter(name=EDITORS).exists()
    # One editable template per kind and language, once however often it is seeded.
    assert NotificationTemplate.objects.count() == len(DEFAULT_TEMPLATES)
    fresh = Case.objects.get(external_id="demo-backoffice-1")
    assert (
        fresh.agency.slug == "zoetermeer" and fresh.current_status.status_type.name == "ontvangen"
    )
    assert Case.objects.filter(external_id="demo-backoffice-1").count() == 1


def test_totp_code_prints_a_valid_code_in_development_only(capsys):
    _seed()
    with override_settings(DEBUG=False), pytest.raises(CommandError):
        call_command("totp_code", "medewerker-zoetermeer")
    with override_settings(DEBUG=True):
        call_command("totp_code", "medewerker-zoetermeer")
    code = capsys.readouterr().out.split()[0]
    authenticator = Authenticator.objects.get(user__username="medewerker-zoetermeer")
    from allauth.mfa.utils import decrypt

    assert validate_totp_code(decrypt(authenticator.data["secret"]), code)
