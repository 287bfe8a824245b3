"""Zaken, statussen, resultaat and rollen through the API: the services' rules
come back as 400 problems with field errors, and every write and read is
audited with the client's identity."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cases.models import Case, CaseEvent, CaseSource, Role
from identity.access_log import AccessLogEntry, ActorKind, data_subject_id

from .conftest import BSN, OTHER_BSN, new_case_body
from .test_auth import assert_problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(api, case_type):
    response = api.post("/zaken", new_case_body())
    assert response.status_code == 201, response.content
    return response.json()["reference"]


def test_create_case_opens_it_for_the_citizen_with_first_status(api, case_type, api_client_obj):
    response = api.post("/zaken", new_case_body(description="Voor de Dorpsstraat 1"))
    assert response.status_code == 201
    body = response.json()
    case = Case.objects.get(reference=body["reference"])
    assert case.source == CaseSource.API
    assert case.agency == case_type.agency
    assert case.roles.get().bsn == BSN
    assert body["current_status"]["status_type"] == 1
    assert "bsn" not in response.content.decode()
    event = case.events.get(kind="opened")
    assert event.actor_kind == ActorKind.API_CLIENT
    assert event.actor_reference == api_client_obj.reference
    entry = AccessLogEntry.objects.for_subject(BSN).filter(action="created").get()
    assert entry.actor_kind == ActorKind.API_CLIENT
    assert entry.organisation == case.agency.name


def test_create_case_with_known_external_id_returns_the_existing_case(api, case_type):
    first = api.post("/zaken", new_case_body(external_id="ZS-1"))
    again = api.post("/zaken", new_case_body(external_id="ZS-1", title="Anders"))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["reference"] == first.json()["reference"]
    assert Case.objects.filter(external_id="ZS-1").count() == 1


def test_create_case_with_own_reference(api, case_type):
    response = api.post("/zaken", new_case_body(reference="ZS-2026-42"))
    assert response.json()["reference"] == "ZS-2026-42"


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        (new_case_body(bsn="123456789"), "bsn", "value_error"),
        (new_case_body(bsn="12345"), "bsn", "string_too_short"),
        (new_case_body(case_type="onbekend"), "case_type", "unknown_case_type"),
        (new_case_body(role_type="eigenaar"), "role_type", "enum"),
        (new_case_body(title="x" * 201), "title", "string_too_long"),
        (new_case_body(title="a\x00b"), "title", "value_error"),
        (new_case_body(received_on="2999-01-01"), "received_on", "value_error"),
        (
            new_case_body(external_url="javascript:alert(1)"),
            "external_url",
            "string_pattern_mismatch",
        ),
        ({"bsn": BSN}, "case_type", "missing"),
    ],
)
def test_invalid_case_input_is_400_with_field_error(api, case_type, body, field, code):
    problem = assert_problem(api.post("/zaken", body), 400, problem_code(code))
    assert {"field": field, "code": code} in [
        {"field": e["field"], "code": e["code"]} for e in problem["errors"]
    ]
    assert BSN not in str(problem) or field != "bsn"


def problem_code(code: str) -> str:
    # Schema errors share one top-level code; service errors keep their own.
    return code if code == "unknown_case_type" else "invalid"


def test_invalid_bsn_message_does_not_echo_the_number(api, case_type):
    response = api.post("/zaken", new_case_body(bsn="123456789"))
    assert "123456789" not in response.content.decode()


def test_invalid_json_is_400_problem(api, case_type):
    response = api.client.post(
        "/api/v1/zaken", data="{not json", content_type="application/json", headers=api.headers
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_english_messages_with_accept_language(api, case_type):
    response = api.post("/zaken", new_case_body(bsn="123456789"), headers={"Accept-Language": "en"})
    assert "not a valid" in response.json()["errors"][0]["message"]


def test_read_case_is_access_logged(api, reference, api_client_obj):
    before = AccessLogEntry.objects.filter(action="viewed").count()
    response = api.get(f"/zaken/{reference}")
    assert response.status_code == 200
    assert response.json()["reference"] == reference
    entry = AccessLogEntry.objects.filter(action="viewed").latest("id")
    assert AccessLogEntry.objects.filter(action="viewed").count() == before + 1
    assert (entry.data_subject_id, entry.actor_kind) == (data_subject_id(BSN), ActorKind.API_CLIENT)
    assert entry.organisation == "Gemeente A"
    assert entry.actor_reference == api_client_obj.reference


def test_update_case(api, reference):
    new_end = (timezone.localdate() + timedelta(days=100)).isoformat()
    response = api.patch(
        f"/zaken/{reference}", {"title": "Nieuwe titel", "planned_end_on": new_end}
    )
    assert response.status_code == 200
    assert response.json()["title"] == "Nieuwe titel"
    assert response.json()["planned_end_on"] == new_end
    case = Case.objects.get(reference=reference)
    assert case.events.filter(kind="updated", actor_kind=ActorKind.API_CLIENT).exists()


def test_update_planned_end_before_received_is_400(api, reference):
    response = api.patch(f"/zaken/{reference}", {"planned_end_on": "2000-01-01"})
    problem = assert_problem(response, 400, "invalid")
    assert problem["errors"][0]["field"] == "planned_end_on"


def test_set_status_and_list(api, reference):
    response = api.post(f"/zaken/{reference}/statussen", {"status_type": 2, "explanation": "Bezig"})
    assert response.status_code == 201
    assert response.json()["citizen_text"] == "Uw aanvraag is in behandeling"
    listed = api.get(f"/zaken/{reference}/statussen").json()
    assert [s["status_type"] for s in listed] == [1, 2]
    case = Case.objects.get(reference=reference)
    assert case.current_status.status_type.order == 2
    assert case.events.filter(kind="status_set", actor_kind=ActorKind.API_CLIENT).exists()


def test_unknown_status_type_is_400(api, reference):
    problem = assert_problem(
        api.post(f"/zaken/{reference}/statussen", {"status_type": 99}), 400, "unknown_status_type"
    )
    assert problem["errors"][0]["field"] == "status_type"


def test_status_going_back_is_400(api, reference):
    api.post(f"/zaken/{reference}/statussen", {"status_type": 2})
    problem = assert_problem(
        api.post(f"/zaken/{reference}/statussen", {"status_type": 1}), 400, "order"
    )
    assert problem["errors"][0]["field"] == "status_type"


def test_final_status_needs_result(api, reference):
    assert_problem(
        api.post(f"/zaken/{reference}/statussen", {"status_type": 4}), 400, "result_required"
    )


def test_status_in_the_future_is_400(api, reference):
    future = (timezone.now() + timedelta(days=2)).isoformat()
    assert_problem(
        api.post(f"/zaken/{reference}/statussen", {"status_type": 2, "set_at": future}),
        400,
        "future",
    )


def test_naive_datetime_is_400(api, reference):
    response = api.post(
        f"/zaken/{reference}/statussen", {"status_type": 2, "set_at": "2026-01-01T10:00:00"}
    )
    problem = assert_problem(response, 400, "invalid")
    assert problem["errors"][0]["field"] == "set_at"


def test_close_case_then_no_more_status(api, reference):
    response = api.post(
        f"/zaken/{reference}/resultaat", {"result_text": "Toegekend", "result_code": "toegekend"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["closed_on"] is not None
    assert body["result_code"] == "toegekend"
    assert_problem(
        api.post(f"/zaken/{reference}/statussen", {"status_type": 4, "result_text": "x"}),
        400,
        "case_closed",
    )
    assert_problem(api.patch(f"/zaken/{reference}", {"title": "Te laat"}), 400, "case_closed")
    case = Case.objects.get(reference=reference)
    assert case.events.filter(kind="closed", actor_kind=ActorKind.API_CLIENT).exists()


def test_close_with_non_final_status_is_400(api, reference):
    assert_problem(
        api.post(f"/zaken/{reference}/resultaat", {"result_text": "x", "status_type": 2}),
        400,
        "not_final",
    )


def test_add_role_and_list_roles(api, reference):
    response = api.post(f"/zaken/{reference}/rollen", {"bsn": OTHER_BSN})
    assert response.status_code == 201
    assert "bsn" not in response.json()
    assert Role.objects.filter(case__reference=reference, bsn=OTHER_BSN).exists()
    roles = api.get(f"/zaken/{reference}/rollen").json()
    assert sorted(r["bsn"] for r in roles) == sorted([BSN, OTHER_BSN])
    # Reading the roles is a read of both citizens' data.
    assert AccessLogEntry.objects.for_subject(OTHER_BSN).filter(object_kind="case_roles").exists()
    assert CaseEvent.objects.filter(case__reference=reference, kind="role_added").exists()


def test_duplicate_role_is_400(api, reference):
    api.post(f"/zaken/{reference}/rollen", {"bsn": OTHER_BSN})
    assert api.post(f"/zaken/{reference}/rollen", {"bsn": OTHER_BSN}).status_code == 400


def test_oversized_body_is_413(api, case_type, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api.post("/zaken", new_case_body(description="x" * 2000))
    assert_problem(response, 413, "too_large")
    assert not Case.objects.exists()


def test_unknown_case_is_404(api, case_type):
    assert_problem(api.get("/zaken/ZZ-2026-000001"), 404, "not_found")
    assert_problem(api.get("/zaken/%00"), 404, "not_found")
