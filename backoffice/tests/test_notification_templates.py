"""Notification texts per agency (issue 18): an agency admin keeps their own
agency's texts only (another agency's is a 404), a text without the four Awb
2:10 lid 2 facts is refused, the preview fills in sample data, and every change
is recorded (who, when, before and after)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory
from notifications.models import (
    AgencyNotificationTemplate,
    NotificationKind,
    NotificationTemplateChange,
    check_template_text,
)

pytestmark = pytest.mark.django_db

FACTS = "$message_kind\n$legal_effect\n$action_expected\n$deadline\n$link"


@pytest.fixture
def setup():
    own, other = AgencyFactory(name="Gemeente Zoetermeer"), AgencyFactory(name="UWV")
    mine = AgencyNotificationTemplate.objects.create(
        agency=own, kind=NotificationKind.MESSAGE, language="nl",
        subject="Eigen tekst van $agency", body=f"Beste $first_name,\n\n{FACTS}",
    )  # fmt: skip
    theirs = AgencyNotificationTemplate.objects.create(
        agency=other, kind=NotificationKind.MESSAGE, language="nl",
        subject="Vreemde tekst", body=FACTS,
    )  # fmt: skip
    return {"own": own, "other": other, "mine": mine, "theirs": theirs}


@pytest.fixture
def admin(client, setup):
    user = CaseworkerFactory(agency=setup["own"], agency_admin=True)
    client.force_login(user)
    return user


def _data(agency, **extra):
    return {
        "agency": agency.pk,
        "kind": NotificationKind.STATUS_SET,
        "language": "nl",
        "subject": "Nieuws over uw zaak bij $agency",
        "body": f"Beste inwoner,\n\n{FACTS}",
        **extra,
    }


def test_listing_shows_only_the_own_agencys_texts(client, setup, admin):
    response = client.get(reverse("meldingsteksten:index"))
    assert response.status_code == 200
    assert "Eigen tekst van $agency" in response.content.decode()
    assert "Vreemde tekst" not in response.content.decode()


def test_another_agencys_text_is_404_in_every_view(client, setup, admin):
    for name in ("edit", "inspect", "history"):
        url = reverse(f"meldingsteksten:{name}", args=[setup["theirs"].pk])
        assert client.get(url).status_code == 404, name
    edit = reverse("meldingsteksten:edit", args=[setup["theirs"].pk])
    assert client.post(edit, _data(setup["other"])).status_code == 404
    setup["theirs"].refresh_from_db()
    assert setup["theirs"].subject == "Vreemde tekst"


def test_a_caseworker_who_is_no_admin_cannot_keep_texts(client, setup):
    client.force_login(CaseworkerFactory(agency=setup["own"]))
    for url in (
        reverse("meldingsteksten:index"),
        reverse("meldingsteksten:edit", args=[setup["mine"].pk]),
    ):
        response = client.get(url)
        # Wagtail's "no permission": back to the dashboard, nothing shown.
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_another_agency_is_no_valid_choice(client, setup, admin):
    response = client.post(reverse("meldingsteksten:add"), _data(setup["other"]))
    assert response.status_code == 200
    assert "agency" in response.context["form"].errors
    assert not AgencyNotificationTemplate.objects.filter(kind=NotificationKind.STATUS_SET).exists()


def test_a_text_without_the_four_facts_is_refused_with_a_translated_error(client, setup, admin):
    data = _data(setup["own"], body="Beste inwoner, $message_kind $legal_effect. $link")
    response = client.post(reverse("meldingsteksten:add"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["body"]
    assert "Awb 2:10 lid 2" in errors[0] and "$action_expected, $deadline" in errors[0]
    assert not NotificationTemplateChange.objects.exists()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        check_template_text("Subject", "$message_kind $legal_effect")
    assert "Under Awb 2:10(2) the notification must state" in str(refused.value)
    assert "Missing: $action_expected, $deadline" in str(refused.value)


def test_creating_and_changing_a_text_is_recorded(client, setup, admin):
    response = client.post(reverse("meldingsteksten:add"), _data(setup["own"]))
    assert response.status_code == 302, response.context["form"].errors
    template = AgencyNotificationTemplate.objects.get(kind=NotificationKind.STATUS_SET)
    (created,) = NotificationTemplateChange.objects.filter(template=template)
    assert created.old is None and created.changed_by == admin
    assert created.new["subject"] == "Nieuws over uw zaak bij $agency"

    edit = reverse("meldingsteksten:edit", args=[template.pk])
    response = client.post(edit, _data(setup["own"], subject="Nieuws van $agency"))
    assert response.status_code == 302, response.context["form"].errors
    changed = NotificationTemplateChange.objects.filter(template=template).first()
    assert changed.old["subject"] == "Nieuws over uw zaak bij $agency"
    assert changed.new["subject"] == "Nieuws van $agency"
    assert changed.changed_fields == ["subject"]
    assert changed.changed_by_name

    # Saving without a change records nothing.
    client.post(edit, _data(setup["own"], subject="Nieuws van $agency"))
    assert NotificationTemplateChange.objects.filter(template=template).count() == 2


def test_the_preview_fills_in_sample_data_and_shows_the_history(client, setup, admin):
    client.post(
        reverse("meldingsteksten:edit", args=[setup["mine"].pk]),
        _data(setup["own"], kind=NotificationKind.MESSAGE, subject="Bericht van $agency"),
    )
    response = client.get(reverse("meldingsteksten:inspect", args=[setup["mine"].pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bericht van Gemeente Zoetermeer" in page
    assert "Dit is een formeel bericht: het heeft rechtsgevolgen voor u." in page
    assert "Reageer uiterlijk op" in page
    assert "$deadline" not in page.split('data-testid="template-preview"')[1].split("</section>")[0]
    assert 'data-testid="template-changes"' in page and "onderwerp" in page
