"""Documenten: an agency adds a document to its case; the file passes the same
checks as a citizen's upload (documents.validation), oversize is 413, and
the citizen's uploads send a webhook to the agency."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agency_api.models import WebhookEvent, WebhookSubscription
from agency_api.receivers import DOCUMENT_UPLOADED
from cases.models import Case
from documents.models import Document, DocumentKind
from documents.services import store_document
from documents.tests import samples
from documents.validation import PDF
from identity.access_log import AccessLogEntry, ActorKind, data_subject_id
from identity.actors import Actor
from identity.models import User

from .conftest import BSN, new_case_body
from .test_auth import assert_problem

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_scanner(settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""


@pytest.fixture
def reference(api, case_type):
    return api.post("/zaken", new_case_body()).json()["reference"]


def upload(api, reference, content: bytes, *, name="besluit.pdf", key=None, **fields):
    data = {"file": SimpleUploadedFile(name, content), "title": "Besluit", **fields}
    headers = dict(api.headers)
    if key:
        headers["Idempotency-Key"] = key
    return api.client.post(f"/api/v1/zaken/{reference}/documenten", data=data, headers=headers)


def test_agency_adds_a_pdf(api, reference, api_client_obj):
    response = upload(api, reference, samples.pdf(), content_type="application/pdf")
    assert response.status_code == 201, response.content
    body = response.json()
    document = Document.objects.get(public_id=body["id"])
    assert document.kind == DocumentKind.AGENCY
    assert document.case.reference == reference
    assert (body["content_type"], body["confidentiality"]) == (
        "application/pdf",
        "zaakvertrouwelijk",
    )
    entry = AccessLogEntry.objects.filter(object_kind="document").get()
    assert (entry.data_subject_id, entry.actor_kind) == (data_subject_id(BSN), ActorKind.API_CLIENT)
    assert entry.actor_reference == api_client_obj.reference


def test_confidentiality_is_kept(api, reference):
    response = upload(
        api, reference, samples.png(), name="foto.png", confidentiality="vertrouwelijk"
    )
    assert response.json()["confidentiality"] == "vertrouwelijk"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (samples.HTML_PAGE, "html"),
        (samples.pdf_with_compressed_javascript(), "pdf_active_content"),
        # Issue 14: JavaScript in an object stream behind a filter other than Flate.
        (samples.pdf_with_object_stream(samples.ENCODINGS["ascii85"]), "pdf_active_content"),
        (samples.pdf_with_object_stream(samples.ENCODINGS["run_length"]), "pdf_active_content"),
        (samples.plain_zip(), "archive"),
        (b"", "empty"),
    ],
)
def test_same_validation_as_citizen_uploads(api, reference, content, code):
    problem = assert_problem(upload(api, reference, content), 400, code)
    assert problem["errors"][0]["field"] == "file"
    assert not Document.objects.exists()


def test_declared_type_must_match_the_content(api, reference):
    response = upload(api, reference, samples.png(), content_type="application/pdf")
    assert_problem(response, 400, "content_type_mismatch")


def test_missing_file_or_title_is_400(api, reference):
    headers = api.headers
    response = api.client.post(
        f"/api/v1/zaken/{reference}/documenten", data={"title": "x"}, headers=headers
    )
    assert_problem(response, 400, "required")
    assert_problem(upload(api, reference, samples.pdf(), title=""), 400, "invalid")


def test_oversized_upload_is_413(api, reference, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1000
    response = upload(api, reference, samples.pdf(body=b"x" * 5000))
    assert_problem(response, 413, "too_large")
    assert not Document.objects.exists()


def test_idempotent_upload(api, reference):
    first = upload(api, reference, samples.pdf(), key="doc-1")
    again = upload(api, reference, samples.pdf(), key="doc-1")
    assert first.json() == again.json()
    assert Document.objects.count() == 1
    other = upload(api, reference, samples.png(), name="x.png", key="doc-1")
    assert_problem(other, 409, "idempotency_key_reused")


def test_other_agency_cannot_add_documents(other_api, reference):
    assert_problem(upload(other_api, reference, samples.pdf()), 404, "not_found")
    assert not Document.objects.exists()


def test_citizen_upload_sends_document_uploaded(agency, reference):
    """documents.services stores the citizen's file; our receiver writes the event."""
    WebhookSubscription.objects.create(agency=agency, url="https://a.example/hook")
    case = Case.objects.get(reference=reference)
    citizen = User.objects.create(username="burger", bsn=BSN)
    content = samples.pdf()
    document = store_document(
        case=case,
        file=io.BytesIO(content),
        file_type=PDF,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        title="Loonstrook",
        kind=DocumentKind.UPLOAD,
        actor=Actor.citizen(citizen),
    )
    event = WebhookEvent.objects.get()
    assert event.event_type == DOCUMENT_UPLOADED
    assert event.payload["resource"] == "zaakinformatieobject"
    assert event.payload["kenmerken"]["document"] == str(document.public_id)
    assert "Loonstrook" not in str(event.payload)
    assert BSN not in str(event.payload)


def test_agency_documents_send_no_webhook(api, agency, reference):
    WebhookSubscription.objects.create(agency=agency, url="https://a.example/hook")
    upload(api, reference, samples.pdf())
    assert not WebhookEvent.objects.exists()


def test_agency_marks_a_document_as_a_decision(api, reference):
    response = upload(api, reference, samples.pdf(), is_decision="true", decision_date="2026-11-02")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["is_decision"] is True
    # Awb 6:7/6:8: six weeks from the day after sending (default: the decision date).
    assert (body["decision_date"], body["objection_deadline"]) == ("2026-11-02", "2026-12-14")
    document = Document.objects.get(public_id=body["id"])
    assert document.kind == DocumentKind.DECISION
    assert document.is_decision


def test_decision_objection_term_runs_from_the_send_date(api, reference):
    response = upload(
        api,
        reference,
        samples.pdf(),
        is_decision="true",
        decision_date="2026-11-02",
        sent_on="2026-11-04",
    )
    assert response.json()["objection_deadline"] == "2026-12-16"
    explicit = upload(
        api,
        reference,
        samples.pdf(body=b"other"),
        is_decision="true",
        decision_date="2026-11-02",
        objection_deadline="2027-01-31",
    )
    assert explicit.json()["objection_deadline"] == "2027-01-31"


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"is_decision": "true"}, "decision_date", "required"),
        ({"is_decision": "true", "decision_date": "2.11.2026"}, "decision_date", "invalid"),
        ({"is_decision": "true", "decision_date": "2999-01-01"}, "decision_date", "future"),
        (
            {"is_decision": "true", "decision_date": "2026-11-02", "sent_on": "2026-11-01"},
            "sent_on",
            "before_decision",
        ),
        (
            {
                "is_decision": "true",
                "decision_date": "2026-11-02",
                "objection_deadline": "2026-11-01",
            },
            "objection_deadline",
            "objection_before_decision",
        ),
        ({"decision_date": "2026-11-02"}, "decision_date", "not_a_decision"),
        ({"is_decision": "misschien"}, "is_decision", "invalid"),
    ],
)
def test_decision_fields_are_validated(api, reference, fields, field, code):
    body = assert_problem(upload(api, reference, samples.pdf(), **fields), 400, code)
    assert body["errors"][0]["field"] == field
    assert not Document.objects.exists()


def test_idempotent_decision_upload(api, reference):
    fields = {"is_decision": "true", "decision_date": "2026-11-02"}
    first = upload(api, reference, samples.pdf(), key="besluit-1", **fields)
    again = upload(api, reference, samples.pdf(), key="besluit-1", **fields)
    assert first.status_code == 201
    assert first.json() == again.json()
    assert Document.objects.count() == 1
    other = upload(
        api,
        reference,
        samples.pdf(),
        key="besluit-1",
        is_decision="true",
        decision_date="2026-11-03",
    )
    assert_problem(other, 409, "idempotency_key_reused")


def test_openapi_documents_the_decision_fields(api):
    schema = api.client.get("/api/v1/openapi.json").json()
    body = schema["paths"]["/api/v1/zaken/{reference}/documenten"]["post"]["requestBody"]
    properties = body["content"]["multipart/form-data"]["schema"]["properties"]
    assert {"is_decision", "decision_date", "sent_on", "objection_deadline"} <= set(properties)
    out = schema["components"]["schemas"]["DocumentOut"]["properties"]
    assert {"is_decision", "decision_date", "objection_deadline"} <= set(out)


def test_citizen_sees_a_pushed_decision_as_a_decision(api, reference):
    from django.test import Client

    from identity.loa import SESSION_KEY, LevelOfAssurance
    from identity.tests.factories import CitizenFactory

    upload(api, reference, samples.pdf(), is_decision="true", decision_date="2026-01-05")
    case = Case.objects.get(reference=reference)
    citizen = Client()
    citizen.force_login(CitizenFactory(bsn=BSN))
    session = citizen.session
    session[SESSION_KEY] = int(LevelOfAssurance.MIDDEN)
    session.save()
    html = citizen.get(case.get_absolute_url()).content.decode()
    assert '<span class="ol-doc-marker">Besluit</span>' in html
    assert 'datetime="2026-01-05"' in html
    assert "De bezwaartermijn is verlopen op 16 februari 2026." in html
