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


def status_message(fake_zgw, zaak, status) -> dict:
    body = message(fake_zgw, zaak)
    body["resourceUrl"] = status["url"]
    return body


def test_a_new_status_e_mails_the_citizen_like_a_local_one(
    client,
    water_board,
    story,
    fake_zgw,
    monkeypatch,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    from notifications import delivery, recipients
    from notifications.models import Notification

    monkeypatch.setattr(
        delivery, "contact_for", lambda bsn: recipients.Contact("suzanne@example.org", "nl", True)
    )
    decided = fake_zgw.add_statustype(
        fake_zgw.store[("catalogi", "zaaktypen")][story.open_zaak["zaaktype"].rsplit("/", 1)[-1]],
        "Besluit genomen",
        4,
    )
    status = fake_zgw.set_status(story.open_zaak, decided, "2026-12-06T10:42:00Z")
    auth = f"Bearer {water_board.notification_token}"
    body = status_message(fake_zgw, story.open_zaak, status)
    with django_capture_on_commit_callbacks(execute=False):
        assert post(client, water_board, body, auth).status_code == 204
        assert post(client, water_board, body, auth).status_code == 204  # again: no second row
    row = Notification.objects.get()
    assert row.case is None and row.bsn == "999993653"
    assert row.remote_agency == water_board.agency
    assert row.remote_path == f"/mijn/zaken-zgw/hdsr/{story.open_zaak['uuid']}/"
    assert delivery.deliver(row.pk) == delivery.SENT
    (mail,) = mailoutbox
    assert mail.to == ["suzanne@example.org"]
    text = mail.subject + mail.body
    assert "Vergunning voor een steiger aan de Vaartsche Rijn" in text
    assert f"/mijn/zaken-zgw/hdsr/{story.open_zaak['uuid']}/" in mail.body


def test_a_status_the_catalogue_says_not_to_tell_writes_nothing(
    client, water_board, story, fake_zgw
):
    from notifications.models import Notification

    quiet = fake_zgw.add_statustype(
        fake_zgw.store[("catalogi", "zaaktypen")][story.open_zaak["zaaktype"].rsplit("/", 1)[-1]],
        "Intern overleg",
        5,
        informeren=False,
    )
    status = fake_zgw.set_status(story.open_zaak, quiet, "2026-12-06T11:00:00Z")
    auth = f"Bearer {water_board.notification_token}"
    body = status_message(fake_zgw, story.open_zaak, status)
    assert post(client, water_board, body, auth).status_code == 204
    assert not Notification.objects.exists()


def test_a_status_notification_while_the_source_is_down_is_not_acknowledged(
    client, water_board, story, fake_zgw
):
    status_url = story.open_zaak["status"]
    body = message(fake_zgw, story.open_zaak)
    body["resourceUrl"] = status_url
    fake_zgw.fail_status = 500
    auth = f"Bearer {water_board.notification_token}"
    assert post(client, water_board, body, auth).status_code == 503
