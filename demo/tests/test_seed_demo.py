import io

import pytest
from django.core.management import call_command

from cases.models import Agency
from identity.models import User
from pages.models import HomePage

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_creates_agencies_and_citizens():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert Agency.objects.count() >= 4
    assert {
        "Gemeente Zoetermeer",
        "Belastingdienst",
        "UWV",
        "Hoogheemraadschap van Rijnland",
    } <= set(Agency.objects.values_list("name", flat=True))
    citizens = User.objects.filter(bsn__in=["999993653", "999990019", "999991772"])
    assert citizens.count() == 3
    assert all(not user.has_usable_password() for user in citizens)
    assert all(user.bsn not in user.username for user in citizens)
    # One home page per language (decision 0025), none duplicated by the second run.
    assert HomePage.objects.filter(locale__language_code="nl").count() == 1
    assert HomePage.objects.filter(locale__language_code="en").count() == 1


def test_demo_editor_can_walk_the_review_workflow():
    call_command("seed_demo", stdout=io.StringIO())
    editor = User.objects.get(username="redacteur-demo")
    assert set(editor.groups.values_list("name", flat=True)) == {"Redacteuren", "Eindredacteuren"}
