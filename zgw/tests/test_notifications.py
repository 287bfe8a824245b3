"""The Notificaties API callback (Notificaties API 1.0): authenticated with the
subscription's `auth` value; a notification makes the cached answers stale."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from zgw.testing.validation import CheckedRequest, request_errors

pytestmark = pytest.mark.django_db


def message(fake_zgw, zaak) -> dict:
    """A notification as the NRC sends it (the Notificaties API `Message` schema)."""
    body = {
        "kanaal": "zaken",
        "hoofdObject": zaak["url"],
        "resource": "status",
        "resourceUrl": zaak["status"] or zaak["url"],
        "actie": "create",
        "aanmaakdatum": "2026-12-06T10:42:00Z",
        "kenmerken": {"bronorganisatie": fake_zgw.rsin, "zaaktype": zaak["zaaktype"]},
    }
    # The body is what the NRC accepted on POST /notificaties: check it conforms.
    checked = CheckedRequest(
        method="POST",
        path="/notificaties/api/v1/notificaties",
        query="",
        headers={"Authorization": "Bearer x", "Content-Type": "application/json"},
        body=json.dumps(body).encode(),
        content_type="application/json",
    )
    assert request_errors(checked) == []
    return body


def post(client, water_board, body, auth):
    return client.post(
        f"/zgw/notificaties/{water_board.pk}/",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": auth} if auth else {},
    )


def test_a_callback_without_the_subscriptions_auth_is_refused(client, water_board, story, fake_zgw):
    body = message(fake_zgw, story.open_zaak)
    assert post(client, water_board, body, None).status_code == 403
    assert post(client, water_board, body, "Bearer fout").status_code == 403


def test_a_notification_makes_the_next_page_fresh(
    client, citizen_client, water_board, story, fake_zgw
):
    assert "Vergunning voor een steiger" in citizen_client.get("/mijn/").content.decode()
    story.open_zaak["omschrijving"] = "Vergunning voor een steiger (gewijzigd)"
    assert "(gewijzigd)" not in citizen_client.get("/mijn/").content.decode()  # cached
    auth = f"Bearer {water_board.notification_token}"
    assert post(client, water_board, message(fake_zgw, story.open_zaak), auth).status_code == 204
    assert "(gewijzigd)" in citizen_client.get("/mijn/").content.decode()


def test_a_malformed_notification_is_400(client, water_board):
    auth = f"Bearer {water_board.notification_token}"
    assert post(client, water_board, {"kanaal": "zaken"}, auth).status_code == 400


def test_the_subscription_command_prints_the_abonnement(water_board):
    out = StringIO()
    call_command("zgw_subscription", "hdsr", stdout=out)
    abonnement = json.loads(out.getvalue())
    assert abonnement["callbackUrl"].endswith(f"/zgw/notificaties/{water_board.pk}/")
    assert abonnement["auth"] == f"Bearer {water_board.notification_token}"
    assert {kanaal["naam"] for kanaal in abonnement["kanalen"]} == {"zaken", "documenten"}


def test_the_printed_abonnement_conforms_to_the_notificaties_api(water_board):
    out = StringIO()
    call_command("zgw_subscription", "hdsr", stdout=out)
    checked = CheckedRequest(
        method="POST",
        path="/notificaties/api/v1/abonnement",
        query="",
        headers={"Authorization": "Bearer x", "Content-Type": "application/json"},
        body=out.getvalue().encode(),
        content_type="application/json",
    )
    assert request_errors(checked) == []
