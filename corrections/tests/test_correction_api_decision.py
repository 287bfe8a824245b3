"""An agency's system decides a correction request through the agency API
(POST /api/v1/zaken/<reference>/statussen): the registry change and the case's
access-log entries name the agency and the kind "API client", never "system"."""

import pytest
from django.core.cache import cache

from agency_api.models import ApiClient
from agency_api.tests.conftest import ApiTestClient
from identity.access_log import AccessLogEntry, ActorKind
from identity.registry.models import LocalPerson
from identity.tests.factories import (
    CorrectionRequestFactory,
    LocalPersonFactory,
    correction_case_type_at,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_gecorrigeerd_through_the_api_is_logged_as_the_agencys_api_client(citizen):
    case_type = correction_case_type_at()
    LocalPersonFactory(bsn=citizen.bsn)
    correction = CorrectionRequestFactory(user=citizen)
    api_client, token = ApiClient.issue(agency=case_type.agency, name="Zaaksysteem Zoetermeer")
    api = ApiTestClient(token)
    reference = correction.case.reference

    assert api.post(f"/zaken/{reference}/statussen", {"status_type": 2}).status_code == 201
    response = api.post(
        f"/zaken/{reference}/statussen",
        {"status_type": 3, "result_text": "Uw nationaliteit is gecorrigeerd."},
    )
    assert response.status_code == 201, response.content

    assert LocalPerson.objects.get(bsn=citizen.bsn).nationality == "Belgische"
    [change] = AccessLogEntry.objects.for_subject(citizen.bsn).filter(
        object_kind="person", action="changed"
    )
    assert change.actor_kind == ActorKind.API_CLIENT
    assert change.organisation == "Gemeente Zoetermeer"
    assert change.actor_reference == api_client.reference
    # The status changes on the case say the same.
    case_changes = (
        AccessLogEntry.objects.for_subject(citizen.bsn)
        .filter(object_kind="case", action="changed")
        .exclude(actor_kind=ActorKind.CITIZEN)
    )
    assert case_changes.count() == 2
    assert {(e.actor_kind, e.organisation) for e in case_changes} == {
        (ActorKind.API_CLIENT, "Gemeente Zoetermeer")
    }
    assert (
        not AccessLogEntry.objects.for_subject(citizen.bsn)
        .filter(actor_kind=ActorKind.SYSTEM)
        .exists()
    )
