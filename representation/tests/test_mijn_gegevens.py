"""Mijn gegevens shows the represented person who may act for them, unless a
court order hides it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.tests.factories import AgencyFactory
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory, LocalPersonFactory

from .factories import REPRESENTATIVE, REPRESENTED, RepresentationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def peter_client(client):
    LocalPersonFactory(bsn=REPRESENTED, first_names="Peter Jan", prefix="de", surname="Vries")
    LocalPersonFactory(bsn=REPRESENTATIVE, first_names="Fatima", surname="El Amrani")
    return log_in(client, CitizenFactory(bsn=REPRESENTED))


@pytest.fixture
def zoetermeer():
    return AgencyFactory(
        name="Gemeente Zoetermeer", slug="zoetermeer", phone="14 079", email="info@example.org"
    )


def _page(client):
    response = client.get(reverse("identity:personal_data"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_represented_person_sees_who_may_act_for_them(peter_client, zoetermeer):
    RepresentationFactory(agency=zoetermeer, ends_on=timezone.localdate() + timedelta(days=90))
    content = _page(peter_client)
    assert "Wie mag namens u handelen?" in content
    assert "Fatima El Amrani" in content and "bewindvoerder" in content
    assert "alles, bij alle organisaties" in content
    assert "Klopt dit niet? Vraag Gemeente Zoetermeer om een correctie." in content
    assert reverse("messaging:channels", args=["zoetermeer"]) in content
    assert REPRESENTATIVE not in content


def test_hidden_by_court_order_or_ended_is_not_shown(peter_client, zoetermeer):
    RepresentationFactory(agency=zoetermeer, hidden_from_represented=True)
    RepresentationFactory(
        agency=zoetermeer,
        kind="mentor",
        starts_on=timezone.localdate() - timedelta(days=30),
        ends_on=timezone.localdate() - timedelta(days=1),
    )
    content = _page(peter_client)
    assert "Fatima El Amrani" not in content
    assert "Bij de gemeente staat niemand geregistreerd die namens u mag handelen." in content


def test_in_english(peter_client, zoetermeer):
    RepresentationFactory(agency=zoetermeer)
    response = peter_client.get("/en" + reverse("identity:personal_data"))
    content = response.content.decode()
    assert "Who may act on your behalf?" in content
    assert "administrator (bewindvoerder)" in content
