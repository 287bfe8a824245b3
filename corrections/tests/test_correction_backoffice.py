"""The caseworker's case screen for a correction request: the field, what the
registry says now, what the citizen asks, the explanation and the evidence;
the registry lookup logged once per view as the agency viewing registry data."""

import pytest
from django.urls import reverse

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseFactory, CaseTypeFactory
from documents.services import check_upload
from documents.tests import samples
from identity.access_log import AccessAction, AccessLogEntry, ActorKind, Purpose
from identity.registry import RegistryUnavailable
from identity.tests.factories import (
    CorrectionRequestFactory,
    LocalPersonFactory,
    correction_case_type_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_scanner(settings):
    settings.CLAMAV_HOST = settings.CLAMAV_SOCKET = ""


@pytest.fixture
def case_type():
    return correction_case_type_at()


@pytest.fixture
def correction(citizen, case_type):
    LocalPersonFactory(bsn=citizen.bsn)
    upload = check_upload(chunks=[samples.pdf()], filename="huurcontract.pdf")
    try:
        return CorrectionRequestFactory(
            user=citizen,
            address=True,
            explanation="Ik woon sinds maart op het Stationsplein.",
            evidence=upload,
        )
    finally:
        upload.close()


@pytest.fixture
def caseworker(client, case_type):
    user = CaseworkerFactory(agency=case_type.agency)
    client.force_login(user)
    return user


def detail(client, case):
    return client.get(reverse("cases_backoffice:detail", args=[case.pk]))


def registry_views(bsn):
    return AccessLogEntry.objects.for_subject(bsn).filter(object_kind="person", action="viewed")


def test_the_case_screen_shows_the_requested_correction(client, caseworker, correction):
    html = detail(client, correction.case).content.decode()
    assert "Gevraagde correctie" in html
    assert "Dorpsstraat 12, 2712 AB Zoetermeer" in html  # the registry now
    assert "Stationsplein 3, 2711 AB Zoetermeer" in html  # what the citizen asks
    assert "Ik woon sinds maart op het Stationsplein." in html
    evidence_url = reverse(
        "cases_backoffice:document", args=[correction.case.pk, correction.evidence.public_id]
    )
    assert f'href="{evidence_url}">huurcontract.pdf</a>' in html
    assert "Status publiceren" in html


def test_each_view_logs_one_registry_view_by_the_agency(client, caseworker, correction):
    bsn = correction.case.roles.get().bsn
    detail(client, correction.case)
    [entry] = registry_views(bsn)
    assert (entry.actor_kind, entry.organisation, entry.purpose, entry.actor_user) == (
        ActorKind.CASEWORKER,
        "Gemeente Zoetermeer",
        Purpose.CORRECTION_REVIEW,
        caseworker,
    )
    assert entry.object_label == "Basisregistratie Personen"
    detail(client, correction.case)
    assert registry_views(bsn).count() == 2
    # The case view itself is logged as before, also once per view.
    assert (
        AccessLogEntry.objects.for_subject(bsn).filter(object_kind="case", action="viewed").count()
        == 2
    )


def test_an_unreachable_registry_is_said_plainly_and_nothing_is_logged(
    client, caseworker, correction, monkeypatch
):
    class Down:
        def get_person(self, bsn, *, purpose, viewer):
            raise RegistryUnavailable("BRP timed out")

    monkeypatch.setattr("corrections.backoffice.get_registry", lambda **kwargs: Down())
    response = detail(client, correction.case)
    html = response.content.decode()
    assert response.status_code == 200
    assert "De registratie is nu niet bereikbaar" in html
    assert "Stationsplein 3, 2711 AB Zoetermeer" in html
    assert not registry_views(correction.case.roles.get().bsn).exists()


def test_other_cases_get_no_panel_and_no_registry_lookup(client, caseworker, case_type, citizen):
    other = CaseFactory(case_type=CaseTypeFactory(agency=case_type.agency), bsn=citizen.bsn)
    html = detail(client, other).content.decode()
    assert "Gevraagde correctie" not in html
    assert not AccessLogEntry.objects.filter(object_kind="person").exists()


def test_the_caseworker_downloads_the_evidence_and_it_is_logged(client, caseworker, correction):
    document = correction.evidence
    url = reverse("cases_backoffice:document", args=[correction.case.pk, document.public_id])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == samples.pdf()
    [entry] = AccessLogEntry.objects.filter(action=AccessAction.DOWNLOADED)
    assert (entry.actor_kind, entry.organisation, entry.actor_user) == (
        ActorKind.CASEWORKER,
        "Gemeente Zoetermeer",
        caseworker,
    )


def test_another_agencys_caseworker_gets_404_and_nothing_is_logged(client, correction):
    client.force_login(CaseworkerFactory(agency=AgencyFactory(name="Gemeente Delft")))
    case, document = correction.case, correction.evidence
    assert detail(client, case).status_code == 404
    url = reverse("cases_backoffice:document", args=[case.pk, document.public_id])
    assert client.get(url).status_code == 404
    assert not AccessLogEntry.objects.filter(action__in=["viewed", "downloaded"]).exists()


def test_a_document_is_only_found_through_its_own_case(client, caseworker, correction, case_type):
    own_other_case = CaseFactory(case_type=CaseTypeFactory(agency=case_type.agency))
    url = reverse(
        "cases_backoffice:document", args=[own_other_case.pk, correction.evidence.public_id]
    )
    assert client.get(url).status_code == 404
