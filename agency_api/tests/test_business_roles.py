"""A betrokkene is a natural person (BSN) or a non-natural person (KvK number
with an optional branch, or RSIN), like ZGW Rol.betrokkeneIdentificatie: the
API opens cases and adds roles for both, and says clearly when a body names
neither, both, or a malformed number."""

from __future__ import annotations

import pytest

from cases.models import Case, CaseEvent, Role
from identity.access_log import AccessLogEntry

from .conftest import BSN, new_case_body
from .test_auth import assert_problem

pytestmark = pytest.mark.django_db

KVK = "68750110"
BRANCH = "000038509504"
RSIN = "857587973"


def _business_case_body(**overrides) -> dict:
    body = new_case_body(kvk=KVK, branch=BRANCH, title="Terrasvergunning")
    body.pop("bsn")
    return body | overrides


def test_create_case_for_a_business_with_branch(api, case_type):
    response = api.post("/zaken", _business_case_body())
    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])
    role = case.roles.get()
    assert (role.bsn, role.kvk, role.branch, role.rsin) == ("", KVK, BRANCH, "")
    assert KVK not in response.content.decode()
    # The registration is in the business's own access log (id type KVK).
    entry = AccessLogEntry.objects.for_subject(KVK).get(action="created")
    assert entry.data_subject_id_type == "KVK"


def test_create_case_for_a_legal_person_by_rsin(api, case_type):
    body = new_case_body(rsin=RSIN)
    body.pop("bsn")
    response = api.post("/zaken", body)
    assert response.status_code == 201, response.content
    assert Role.objects.get(case__reference=response.json()["reference"]).rsin == RSIN


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        (_business_case_body(kvk="1234567"), "kvk", "string_too_short"),
        (_business_case_body(kvk="1234567a"), "kvk", "value_error"),
        (_business_case_body(branch="00003850950x"), "branch", "value_error"),
        (_business_case_body(kvk=None), "branch", "branch_without_kvk"),
        (_business_case_body(kvk=None, branch=None), "bsn", "betrokkene_required"),
        (_business_case_body(bsn=BSN), "bsn", "ambiguous_betrokkene"),
        (new_case_body(rsin="123456789"), "rsin", "value_error"),
    ],
)
def test_invalid_betrokkene_is_400_with_a_field_error(api, case_type, body, field, code):
    response = api.post("/zaken", body)
    assert response.status_code == 400, response.content
    problem = response.json()
    assert {"field": field, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in problem["errors"]
    ]
    assert not Case.objects.exists()


def test_english_message_for_a_missing_betrokkene(api, case_type):
    body = new_case_body()
    body.pop("bsn")
    response = api.post("/zaken", body, HTTP_ACCEPT_LANGUAGE="en")
    problem = assert_problem(response, 400, "betrokkene_required")
    assert "person (bsn) or a business" in problem["detail"]


def test_add_a_business_role_and_list_both_kinds(api, case_type):
    reference = api.post("/zaken", new_case_body()).json()["reference"]

    response = api.post(f"/zaken/{reference}/rollen", {"kvk": KVK, "branch": BRANCH})
    assert response.status_code == 201, response.content
    assert CaseEvent.objects.filter(case__reference=reference, kind="role_added").exists()

    roles = api.get(f"/zaken/{reference}/rollen").json()
    assert [(r["betrokkene_type"], r["bsn"], r["kvk"], r["branch"], r["rsin"]) for r in roles] == [
        ("natuurlijk_persoon", BSN, "", "", ""),
        ("niet_natuurlijk_persoon", "", KVK, BRANCH, ""),
    ]
    again = api.post(f"/zaken/{reference}/rollen", {"kvk": KVK, "branch": BRANCH})
    assert again.status_code == 400


def test_status_on_a_business_case_does_not_break_notifications_or_webhooks(api, case_type):
    reference = api.post("/zaken", _business_case_body()).json()["reference"]
    response = api.post(f"/zaken/{reference}/statussen", {"status_type": 2})
    assert response.status_code == 201, response.content
