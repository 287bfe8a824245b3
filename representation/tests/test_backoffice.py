"""The back office of representations: scoped to the municipality's keepers,
404 for everyone else, BSNs never in a URL, every view and change logged for both."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from backoffice.tests.factories_backoffice import CaseworkerFactory
from cases.tests.factories import AgencyFactory, CaseTypeFactory
from documents.tests.samples import pdf
from identity.access_log import AccessAction, AccessLogEntry, data_subject_id
from identity.tests.factories import LocalPersonFactory
from representation.models import Representation

from .factories import REPRESENTATIVE, REPRESENTED, RepresentationFactory

pytestmark = pytest.mark.django_db

PDF = pdf()


@pytest.fixture
def zoetermeer():
    return AgencyFactory(name="Gemeente Zoetermeer", slug="zoetermeer")


def _keeper(agency):
    user = CaseworkerFactory(agency=agency)
    user.user_permissions.add(Permission.objects.get(codename="manage_representations"))
    return user


@pytest.fixture
def keeper(client, zoetermeer):
    user = _keeper(zoetermeer)
    client.force_login(user)
    return user


def _form_data(**extra):
    data = {
        "agency": "",
        "representative_bsn": REPRESENTATIVE,
        "represented_bsn": REPRESENTED,
        "kind": "bewindvoerder",
        "starts_on": timezone.localdate().isoformat(),
        "ends_on": "",
    }
    data.update(extra)
    return data


def test_a_keeper_records_a_representation_with_evidence(client, keeper, zoetermeer):
    LocalPersonFactory(bsn=REPRESENTED, first_names="Peter", surname="de Vries")
    benefits = CaseTypeFactory(agency=zoetermeer)
    evidence = io.BytesIO(PDF)
    evidence.name = "beschikking.pdf"
    response = client.post(
        reverse("representation_backoffice:create"),
        _form_data(agency=zoetermeer.pk, case_types=[benefits.pk], evidence=evidence),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    representation = Representation.objects.get()
    assert REPRESENTED not in response["Location"]
    assert list(representation.case_types.all()) == [benefits]
    assert representation.recorded_by == keeper
    assert representation.evidence_filename == "beschikking.pdf"
    # The edit page shows the persons masked, with the registry's name.
    page = client.get(response["Location"])
    content = page.content.decode()
    assert "******019" in content and "Peter de Vries" in content
    assert REPRESENTED not in content
    download = client.get(
        reverse("representation_backoffice:evidence", args=[representation.public_id])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Cache-Control"] == "no-store"
    for bsn in (REPRESENTED, REPRESENTATIVE):
        actions = set(
            AccessLogEntry.objects.filter(
                data_subject_id=data_subject_id(bsn), object_kind="representation"
            ).values_list("action", flat=True)
        )
        assert actions == {AccessAction.CREATED, AccessAction.VIEWED, AccessAction.DOWNLOADED}


def test_validation_errors_are_shown_and_nothing_is_written(client, keeper, zoetermeer):
    response = client.post(
        reverse("representation_backoffice:create"),
        _form_data(
            agency=zoetermeer.pk,
            represented_bsn=REPRESENTATIVE,
            ends_on=(timezone.localdate() - timedelta(days=1)).isoformat(),
        ),
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Iemand kan niet zijn eigen vertegenwoordiger zijn." in content
    assert "De einddatum mag niet vóór de begindatum liggen." in content
    assert not Representation.objects.exists()


def test_search_is_a_post_and_the_list_shows_bsns_masked(client, keeper, zoetermeer):
    RepresentationFactory(agency=zoetermeer)
    RepresentationFactory(
        agency=zoetermeer, represented_bsn="999993653", representative_bsn="999998456"
    )
    response = client.post(reverse("representation_backoffice:search"), {"bsn": REPRESENTED})
    assert response.status_code == 302
    assert REPRESENTED not in response["Location"]
    page = client.get(response["Location"])
    content = page.content.decode()
    assert "******019" in content and "******653" not in content
    assert REPRESENTED not in content
    invalid = client.post(reverse("representation_backoffice:search"), {"bsn": "123456789"})
    assert "Dit is geen geldig burgerservicenummer (BSN)." in invalid.content.decode()


def test_ending_sets_the_end_date_and_never_deletes(client, keeper, zoetermeer):
    representation = RepresentationFactory(
        agency=zoetermeer, starts_on=timezone.localdate() - timedelta(days=10)
    )
    response = client.post(
        reverse("representation_backoffice:end", args=[representation.public_id]),
        {"ends_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    representation.refresh_from_db()
    assert representation.ends_on == timezone.localdate()
    assert representation.changes.count() == 2


@pytest.mark.parametrize("who", ["other_agency", "no_permission", "superuser"])
def test_everyone_else_gets_404(client, zoetermeer, django_user_model, who):
    representation = RepresentationFactory(agency=zoetermeer)
    if who == "other_agency":
        user = _keeper(AgencyFactory(name="Gemeente Delft"))
    elif who == "no_permission":
        user = CaseworkerFactory(agency=zoetermeer)
    else:
        user = django_user_model.objects.create_superuser("beheer", password="x")
        from backoffice.tests.factories_backoffice import add_totp

        add_totp(user)
    client.force_login(user)
    public_id = representation.public_id
    urls = [
        reverse("representation_backoffice:edit", args=[public_id]),
        reverse("representation_backoffice:evidence", args=[public_id]),
    ]
    if who != "other_agency":
        urls.append(reverse("representation_backoffice:list"))
        urls.append(reverse("representation_backoffice:create"))
    for url in urls:
        assert client.get(url).status_code == 404, url
    end = reverse("representation_backoffice:end", args=[public_id])
    assert client.post(end, {"ends_on": timezone.localdate().isoformat()}).status_code == 404
    representation.refresh_from_db()
    assert representation.ends_on is None
    assert not AccessLogEntry.objects.filter(action=AccessAction.VIEWED).exists()


def test_another_municipalitys_keeper_sees_none_of_ours_in_the_list(client, zoetermeer):
    RepresentationFactory(agency=zoetermeer)
    client.force_login(_keeper(AgencyFactory(name="Gemeente Delft")))
    response = client.get(reverse("representation_backoffice:list"))
    assert response.status_code == 200
    assert "******019" not in response.content.decode()
