"""End to end: an agency system creates a case and sets a status through the
API, and the citizen sees both in their overview, with the change attributed
to the agency in their access log - exactly like a back-office change.

Asserted here through the selectors the citizen pages use
(cases.selectors.cases_for_citizen and status_timeline); the same flow in a
real browser is tests/browser/test_api_to_citizen.py."""

from __future__ import annotations

import pytest

from cases import signals
from cases.selectors import cases_for_citizen, status_timeline
from identity.access_log import AccessLogEntry, ActorKind
from identity.models import User

from .conftest import BSN, OTHER_BSN, new_case_body

pytestmark = pytest.mark.django_db


def test_case_created_and_updated_via_api_is_what_the_citizen_sees(api, case_type):
    notified = []
    signals.status_set.connect(
        lambda **kw: notified.append(kw["notify"]), weak=False, dispatch_uid="e2e"
    )
    try:
        created = api.post("/zaken", new_case_body(external_id="ZS-77"), key="e2e-1")
        reference = created.json()["reference"]
        status = api.post(
            f"/zaken/{reference}/statussen",
            {"status_type": 2, "explanation": "Wij kijken naar uw aanvraag."},
            key="e2e-2",
        )
    finally:
        signals.status_set.disconnect(dispatch_uid="e2e")
    assert (created.status_code, status.status_code) == (201, 201)
    # The notification hook fires as for a caseworker (the outbox listens here).
    assert notified == [True, True]

    citizen = User.objects.create(username="burger", bsn=BSN)
    (case,) = cases_for_citizen(user=citizen)
    assert case.reference == reference
    assert case.title == "Parkeervergunning Dorpsstraat"
    assert case.current_status.status_type.citizen_text == "Uw aanvraag is in behandeling"
    timeline = status_timeline(case=case)
    assert [step.state for step in timeline][:2] == ["passed", "current"]
    assert timeline[1].explanation == "Wij kijken naar uw aanvraag."

    log = AccessLogEntry.objects.for_subject(BSN).order_by("id")
    assert [entry.action for entry in log] == ["created", "changed", "changed"]
    assert {entry.actor_kind for entry in log} == {ActorKind.API_CLIENT}
    assert {entry.organisation for entry in log} == {"Gemeente A"}

    stranger = User.objects.create(username="ander", bsn=OTHER_BSN)
    assert not cases_for_citizen(user=stranger).exists()
