"""Documenten (ZGW Documenten API: enkelvoudiginformatieobject linked to a
zaak): an agency adds a document to one of its cases.

The file is received like a citizen's upload (documents.receiving: size limit
while streaming, type by content, no active content, the virus scan; no rate
limit, the API client is trusted) and stored by documents.services.store_document,
which audits it. A declared content type must match what the bytes are.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Header, Router, Schema

from cases.models import Confidentiality
from documents.models import Document, DocumentKind
from documents.receiving import (
    ValidatedUpload,
    limit_upload_size,
    receive_upload,
    too_large_error,
    upload_too_large,
)
from documents.services import store_document

from .auth import caller
from .catalogue import POST_ERRORS
from .idempotency import HEADER, run_idempotent
from .problems import ApiProblem, field_errors
from .zaken import own_case

router = Router(tags=["documenten"])

MULTIPART_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file", "title"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "title": {"type": "string", "maxLength": 200, "minLength": 1},
                        "content_type": {
                            "type": "string",
                            "description": "ZGW formaat; must match the file's content",
                        },
                        "confidentiality": {
                            "type": "string",
                            "enum": list(Confidentiality.values),
                            "description": "ZGW vertrouwelijkheidaanduiding; default: the case's",
                        },
                        "is_decision": {
                            "type": "boolean",
                            "default": False,
                            "description": "The document is a decision (besluit): the citizen "
                            "sees it marked as one, with its objection term. Needs decision_date.",
                        },
                        "decision_date": {
                            "type": "string",
                            "format": "date",
                            "description": "Besluitdatum; required with is_decision, not in "
                            "the future.",
                        },
                        "sent_on": {
                            "type": "string",
                            "format": "date",
                            "description": "Verzenddatum (bekendmaking); default: decision_date. "
                            "Not before decision_date.",
                        },
                        "objection_deadline": {
                            "type": "string",
                            "format": "date",
                            "description": "Last day to object; default: six weeks after "
                            "sent_on (Awb 6:7 and 6:8). Not before decision_date.",
                        },
                    },
                }
            }
        },
    }
}


class DocumentOut(Schema):
    id: str
    title: str
    content_type: str
    size: int
    sha256: str
    confidentiality: str
    created_at: str
    is_decision: bool = Field(False, description="A decision (besluit)")
    decision_date: date | None = Field(None, description="Besluitdatum")
    objection_deadline: date | None = Field(None, description="Last day to object")


DECISION_FIELDS = ("decision_date", "sent_on", "objection_deadline")
# Awb 6:7: the objection term is six weeks; 6:8: it starts the day after the
# decision was sent, so it ends on the same weekday six weeks after sending.
OBJECTION_TERM = timedelta(weeks=6)
TRUE_VALUES = {"true", "1", "on", "yes"}
FALSE_VALUES = {"", "false", "0", "off", "no"}


def _invalid(field: str, code: str, message: str) -> ApiProblem:
    return ApiProblem(
        400, message, code=code, errors=[{"field": field, "code": code, "message": message}]
    )


def document_out(document: Document) -> dict:
    return DocumentOut(
        id=str(document.public_id),
        title=document.title,
        content_type=document.content_type,
        size=document.size,
        sha256=document.sha256,
        confidentiality=document.confidentiality,
        created_at=document.created_at.isoformat(),
        is_decision=document.is_decision,
        decision_date=document.decision_date,
        objection_deadline=document.objection_deadline,
    ).model_dump(mode="json")


def _date(field: str, value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _invalid(field, "invalid", _("Geef een datum als JJJJ-MM-DD.")) from None


def decision_fields(form) -> dict:
    """is_decision and its dates from the form, checked; {} for an ordinary document."""
    flag = form.get("is_decision", "").strip().lower()
    if flag not in TRUE_VALUES | FALSE_VALUES:
        raise _invalid("is_decision", "invalid", _("Geef true of false."))
    dates = {field: _date(field, form.get(field, "").strip()) for field in DECISION_FIELDS}
    if flag not in TRUE_VALUES:
        for field, value in dates.items():
            if value is not None:
                raise _invalid(
                    field, "not_a_decision", _("Deze datum hoort alleen bij een besluit.")
                )
        return {}
    decided, sent, deadline = dates["decision_date"], dates["sent_on"], dates["objection_deadline"]
    if decided is None:
        raise _invalid("decision_date", "required", _("Een besluit heeft een besluitdatum."))
    if decided > timezone.localdate():
        raise _invalid("decision_date", "future", _("Deze datum ligt in de toekomst."))
    if sent is not None and sent < decided:
        raise _invalid("sent_on", "before_decision", _("Verzonden voor de besluitdatum."))
    if deadline is None:
        deadline = (sent or decided) + OBJECTION_TERM
    if deadline < decided:
        raise _invalid(
            "objection_deadline",
            "objection_before_decision",
            _("De bezwaartermijn eindigt voor de besluitdatum."),
        )
    return {"decision_date": decided, "objection_deadline": deadline}


@router.post(
    "/zaken/{reference}/documenten",
    response={201: DocumentOut, **POST_ERRORS},
    summary="Add a document to a zaak (multipart)",
    openapi_extra=MULTIPART_BODY,
)
def add_document(
    request: HttpRequest,
    reference: str,
    idempotency_key: str | None = Header(None, alias=HEADER),
):
    # The size limit must be in place before anything reads the body.
    limit_upload_size(request)
    case = own_case(request, reference)
    uploaded = request.FILES.get("file")
    if upload_too_large(request):
        raise ApiProblem(413, str(too_large_error().messages[0]), code="too_large")
    title = request.POST.get("title", "").strip()
    confidentiality = request.POST.get("confidentiality", "")
    declared = request.POST.get("content_type", "")
    if uploaded is None:
        raise _invalid("file", "required", _("Stuur een bestand mee."))
    if not title or len(title) > 200 or "\x00" in title:
        raise _invalid("title", "invalid", _("Geef een titel van 1 tot 200 tekens."))
    if confidentiality and confidentiality not in Confidentiality.values:
        raise _invalid("confidentiality", "invalid_choice", _("Onbekende vertrouwelijkheid."))
    decision = decision_fields(request.POST)

    def declared_type_matches(upload: ValidatedUpload) -> None:
        # Before the (slow) scan, as a cheap refusal.
        if declared and declared.split(";")[0].strip().lower() != upload.content_type:
            raise _invalid(
                "content_type",
                "content_type_mismatch",
                _("Het bestand is geen %(declared)s maar %(actual)s.")
                % {"declared": declared[:100], "actual": upload.content_type},
            )

    try:
        upload = receive_upload(request, uploaded, before_scan=declared_type_matches)
    except ValidationError as exc:
        raise _upload_problem(exc) from None
    with upload:
        body = {
            "title": title,
            "confidentiality": confidentiality,
            "content_type": upload.content_type,
            "sha256": upload.sha256,
            **{field: str(value) for field, value in decision.items()},
        }

        def action():
            document = store_document(
                case=case,
                file=upload.file,
                file_type=upload.file_type,
                size=upload.size,
                sha256=upload.sha256,
                title=title,
                kind=DocumentKind.DECISION if decision else DocumentKind.AGENCY,
                actor=caller(request).actor,
                original_filename=upload.display_name,
                confidentiality=confidentiality,
                **decision,
            )
            return 201, document_out(document)

        return run_idempotent(request, key=idempotency_key, body=body, action=action)


def _upload_problem(exc: ValidationError) -> ApiProblem:
    errors = [{**error, "field": "file"} for error in field_errors(exc)]
    status = 413 if errors and errors[0]["code"] == "too_large" else 400
    return ApiProblem(status, errors[0]["message"], code=errors[0]["code"], errors=errors)
