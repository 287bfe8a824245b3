"""Zaaktypen and statustypen: read, create and update through the API."""

from __future__ import annotations

import pytest
from wagtail.models import ModelLogEntry

from cases.models import CaseType

from .test_auth import assert_problem

pytestmark = pytest.mark.django_db

NEW_TYPE = {
    "code": "afvalpas",
    "name": "Afvalpas aanvragen",
    "processing_days": 14,
    "status_types": [
        {"order": 1, "name": "ontvangen", "citizen_text": "Ontvangen"},
        {"order": 2, "name": "klaar", "citizen_text": "Klaar", "is_final": True},
    ],
}


def test_create_case_type_with_status_types(api, agency, api_client_obj):
    response = api.post("/zaaktypen", NEW_TYPE)
    assert response.status_code == 201, response.content
    case_type = CaseType.objects.get(agency=agency, code="afvalpas")
    assert [s.order for s in case_type.status_types.all()] == [1, 2]
    assert response.json()["status_types"][1]["is_final"] is True
    entry = ModelLogEntry.objects.get(object_id=str(case_type.pk), action="wagtail.create")
    assert entry.data["api_client"] == api_client_obj.reference


def test_duplicate_code_is_400(api, case_type):
    problem = assert_problem(
        api.post("/zaaktypen", {**NEW_TYPE, "code": case_type.code}), 400, "exists"
    )
    assert problem["errors"][0]["field"] == "code"


def test_invalid_status_type_rolls_back_the_case_type(api, agency):
    body = {
        **NEW_TYPE,
        "status_types": [
            {
                "order": 1,
                "name": "a",
                "citizen_text": "A",
                "is_final": True,
                "action_required": True,
            }
        ],
    }
    problem = assert_problem(api.post("/zaaktypen", body), 400, "invalid")
    assert problem["errors"][0]["field"] == "action_required"
    assert not CaseType.objects.filter(code="afvalpas").exists()


def test_update_case_type(api, case_type):
    response = api.patch(f"/zaaktypen/{case_type.code}", {"processing_days": 28})
    assert response.status_code == 200
    case_type.refresh_from_db()
    assert case_type.processing_days == 28


def test_update_case_type_invalid_period(api, case_type):
    response = api.patch(
        f"/zaaktypen/{case_type.code}", {"valid_from": "2026-02-01", "valid_until": "2026-01-01"}
    )
    problem = assert_problem(response, 400, "invalid")
    assert problem["errors"][0]["field"] == "valid_until"


def test_add_and_update_status_type(api, case_type):
    response = api.post(
        f"/zaaktypen/{case_type.code}/statustypen",
        {"order": 5, "name": "bezwaar", "citizen_text": "Bezwaar ontvangen"},
    )
    assert response.status_code == 201
    response = api.patch(
        f"/zaaktypen/{case_type.code}/statustypen/5", {"citizen_text": "Uw bezwaar is ontvangen"}
    )
    assert response.json()["citizen_text"] == "Uw bezwaar is ontvangen"
    listed = api.get(f"/zaaktypen/{case_type.code}/statustypen").json()
    assert [s["order"] for s in listed] == [1, 2, 3, 4, 5]


def test_duplicate_status_order_is_400(api, case_type):
    response = api.post(
        f"/zaaktypen/{case_type.code}/statustypen",
        {"order": 1, "name": "dubbel", "citizen_text": "Dubbel"},
    )
    assert_problem(response, 400, "unique_together")


def test_unknown_status_type_is_404(api, case_type):
    assert_problem(
        api.patch(f"/zaaktypen/{case_type.code}/statustypen/77", {"name": "x"}), 404, "not_found"
    )


def test_status_groups_are_chosen_or_suggested_through_the_api(api, agency):
    """Issue 21: agencies map their status types to the citizen-facing groups."""
    payload = {
        **NEW_TYPE,
        "code": "groepen",
        "status_types": [
            {"order": 1, "name": "intake", "citizen_text": "Intake", "citizen_group": "ontvangen"},
            {"order": 2, "name": "klaar", "citizen_text": "Klaar", "is_final": True},
        ],
    }
    response = api.post("/zaaktypen", payload)
    assert response.status_code == 201, response.content
    groups = [s["citizen_group"] for s in response.json()["status_types"]]
    assert groups == ["ontvangen", "afgerond"]
    case_type = CaseType.objects.get(agency=agency, code="groepen")
    assert list(case_type.status_types.values_list("citizen_group", flat=True)) == groups
    assert_problem(
        api.post(
            "/zaaktypen",
            {
                **payload,
                "code": "fout",
                "status_types": [
                    {"order": 1, "name": "x", "citizen_text": "X", "citizen_group": "onzin"}
                ],
            },
        ),
        400,
        "invalid",
    )
