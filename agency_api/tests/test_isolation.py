"""A client sees and changes only its own agency's objects: for every endpoint,
another agency's case or case type is 404 (never 403) and nothing changes."""

from __future__ import annotations

import pytest

from cases.models import Case, CaseEvent, CaseType, Role, StatusType
from identity.access_log import AccessLogEntry

from .conftest import BSN, OTHER_BSN, new_case_body
from .test_auth import assert_problem

pytestmark = pytest.mark.django_db

# (method, path template, body) for every endpoint that names an object.
OBJECT_ENDPOINTS = [
    ("get", "/zaaktypen/{code}", None),
    ("patch", "/zaaktypen/{code}", {"name": "Overgenomen"}),
    ("get", "/zaaktypen/{code}/statustypen", None),
    (
        "post",
        "/zaaktypen/{code}/statustypen",
        {"order": 9, "name": "x", "citizen_text": "Overgenomen"},
    ),
    ("patch", "/zaaktypen/{code}/statustypen/1", {"citizen_text": "Overgenomen"}),
    ("get", "/zaken/{reference}", None),
    ("patch", "/zaken/{reference}", {"title": "Overgenomen"}),
    ("get", "/zaken/{reference}/statussen", None),
    ("post", "/zaken/{reference}/statussen", {"status_type": 2}),
    ("post", "/zaken/{reference}/resultaat", {"result_text": "Overgenomen"}),
    ("get", "/zaken/{reference}/rollen", None),
    ("post", "/zaken/{reference}/rollen", {"bsn": OTHER_BSN}),
]


@pytest.fixture
def our_case(api, case_type):
    return Case.objects.get(reference=api.post("/zaken", new_case_body()).json()["reference"])


def snapshot():
    return (
        list(Case.objects.values_list("title", "current_status_id", "closed_on")),
        list(CaseType.objects.values_list("name")),
        list(StatusType.objects.values_list("citizen_text").order_by("id")),
        Role.objects.count(),
        CaseEvent.objects.count(),
        AccessLogEntry.objects.count(),
    )


@pytest.mark.parametrize(("method", "template", "body"), OBJECT_ENDPOINTS)
def test_other_agency_gets_404_and_changes_nothing(other_api, our_case, method, template, body):
    path = template.format(code=our_case.case_type.code, reference=our_case.reference)
    before = snapshot()
    kwargs = {} if body is None else {"body": body}
    response = getattr(other_api, method)(path, **kwargs)
    assert_problem(response, 404, "not_found")
    assert snapshot() == before


@pytest.mark.parametrize(("method", "template", "body"), OBJECT_ENDPOINTS)
def test_own_agency_reaches_the_same_endpoint(api, our_case, method, template, body):
    """The counterpart: the same request by the owner is not a 404."""
    path = template.format(code=our_case.case_type.code, reference=our_case.reference)
    kwargs = {} if body is None else {"body": body}
    assert getattr(api, method)(path, **kwargs).status_code in (200, 201)


def test_case_with_other_agencys_case_type_is_refused(other_api, case_type):
    response = other_api.post("/zaken", new_case_body(case_type=case_type.code))
    problem = assert_problem(response, 400, "unknown_case_type")
    assert problem["errors"][0]["field"] == "case_type"
    assert not Case.objects.exists()


def test_lists_show_only_own_case_types(api, other_api, case_type, other_case_type):
    assert [t["code"] for t in api.get("/zaaktypen").json()] == [case_type.code]
    assert [t["code"] for t in other_api.get("/zaaktypen").json()] == [other_case_type.code]


def test_same_external_id_at_two_agencies_are_two_cases(api, other_api, case_type, other_case_type):
    ours = api.post("/zaken", new_case_body(external_id="X-1"))
    theirs = other_api.post("/zaken", new_case_body(external_id="X-1", case_type="kapvergunning"))
    assert (ours.status_code, theirs.status_code) == (201, 201)
    assert ours.json()["reference"] != theirs.json()["reference"]


def test_same_case_type_code_at_two_agencies(api, other_api, case_type):
    response = other_api.post(
        "/zaaktypen",
        {"code": case_type.code, "name": "Eigen parkeervergunning", "processing_days": 10},
    )
    assert response.status_code == 201
    assert CaseType.objects.filter(code=case_type.code).count() == 2
    assert api.get(f"/zaaktypen/{case_type.code}").json()["name"] == case_type.name


def test_citizen_bsn_is_never_in_a_404(other_api, our_case):
    response = other_api.get(f"/zaken/{our_case.reference}/rollen")
    assert BSN not in response.content.decode()
