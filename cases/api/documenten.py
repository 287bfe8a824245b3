"""Documenten (ZGW Documenten API: enkelvoudiginformatieobject linked to a
zaak): an agency adds a document to one of its cases.

The file passes exactly the checks of a citizen's upload - the documents app's
size limit while streaming (documents.upload_handlers), type by content and no
active content (documents.validation.read_upload) and the virus-scan hook -
and is stored by documents.services.store_document, which audits it. A
declared content type must match what the bytes are.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Header, Router, Schema

from cases.models import Confidentiality
from documents import scanning
from documents.models import Document, DocumentKind
from documents.services import cleanup_uncommitted_files, store_document
from documents.upload_handlers import limit_uploads
from documents.validation import read_upload, too_large_error

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
    ).model_dump(mode="json")


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
    limit_uploads(request)
    case = own_case(request, reference)
    uploaded = request.FILES.get("file")
    if getattr(request, "upload_too_large", False):
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
    try:
        upload = read_upload(uploaded.chunks(), filename=uploaded.name or "")
    except ValidationError as exc:
        raise _upload_problem(exc) from None
    try:
        if declared and declared.split(";")[0].strip().lower() != upload.content_type:
            raise _invalid(
                "content_type",
                "content_type_mismatch",
                _("Het bestand is geen %(declared)s maar %(actual)s.")
                % {"declared": declared[:100], "actual": upload.content_type},
            )
        try:
            scanning.check_upload(upload.file)
        except ValidationError as exc:
            raise _upload_problem(exc) from None
        body = {
            "title": title,
            "confidentiality": confidentiality,
            "content_type": upload.content_type,
            "sha256": upload.sha256,
        }

        def action():
            document = store_document(
                case=case,
                file=upload.file,
                file_type=upload.file_type,
                size=upload.size,
                sha256=upload.sha256,
                title=title,
                kind=DocumentKind.AGENCY,
                actor=caller(request).actor,
                original_filename=upload.display_name,
                confidentiality=confidentiality,
            )
            return 201, document_out(document)

        return run_idempotent(request, key=idempotency_key, body=body, action=action)
    finally:
        upload.close()
        cleanup_uncommitted_files()


def _upload_problem(exc: ValidationError) -> ApiProblem:
    errors = [{**error, "field": "file"} for error in field_errors(exc)]
    status = 413 if errors and errors[0]["code"] == "too_large" else 400
    return ApiProblem(status, errors[0]["message"], code=errors[0]["code"], errors=errors)
