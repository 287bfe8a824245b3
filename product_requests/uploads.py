"""Files chosen in a request form: kept as pending uploads until the request is sent.

The request steps carry the answers as hidden fields; a file cannot travel that
way, so an upload is received as soon as it arrives (documents.receiving: size
while streaming, rate limit, type by content, no active content in PDFs, the
virus scan) and stored in the private storage as a PendingUpload of this citizen and
this form's token. Sending the request attaches them to the new case in the
request's transaction (`attach_pending_uploads`); `prune_pending_uploads` removes
what was never sent.

A pending upload is only ever found through the citizen and the token
(`pending_upload_for`): another citizen's is "not found".
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from cases.models import Case
from documents.models import Document, DocumentKind
from documents.receiving import ValidatedUpload
from documents.services import check_upload, store_document
from documents.validation import ALL_TYPES, FileType
from identity.actors import Actor
from pages.models import RequestFormField

from .models import PendingUpload

logger = logging.getLogger(__name__)

DEFAULT_MAX_AGE = timedelta(hours=24)


class PendingUploadNotFound(Exception):
    """No pending upload with this id for this citizen and this form."""


def pending_uploads_for(*, user, idempotency_key: str) -> dict[int, PendingUpload]:
    """This form's pending uploads by question id."""
    return {
        upload.question_id: upload
        for upload in PendingUpload.objects.filter(
            user=user, idempotency_key=idempotency_key, question__isnull=False
        )
    }


def pending_upload_for(*, user, idempotency_key: str, public_id) -> PendingUpload:
    """The citizen's own pending upload of this form, or PendingUploadNotFound."""
    upload = PendingUpload.objects.filter(
        user=user, idempotency_key=idempotency_key, public_id=public_id
    ).first()
    if upload is None:
        raise PendingUploadNotFound
    return upload


def store_pending_upload(
    *,
    user,
    idempotency_key: str,
    question: RequestFormField,
    chunks: Iterable[bytes],
    filename: str,
) -> PendingUpload:
    """Check an upload (documents.services.check_upload) and keep it, as below.
    Raises ValidationError (translated) before anything is written."""
    upload = check_upload(chunks=chunks, filename=filename)
    try:
        return keep_pending_upload(
            user=user, idempotency_key=idempotency_key, question=question, upload=upload
        )
    finally:
        upload.close()


def keep_pending_upload(
    *, user, idempotency_key: str, question: RequestFormField, upload: ValidatedUpload
) -> PendingUpload:
    """Keep a received upload (documents.receiving) for this form's question,
    replacing an earlier one. Reading and scanning happened before, outside the
    transaction; the file is deleted again when the row cannot be saved. The
    caller closes `upload`."""
    pending = PendingUpload(
        user=user,
        idempotency_key=idempotency_key,
        question=question,
        original_filename=upload.display_name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
    )
    upload.file.seek(0)
    pending.file.save(f"upload.{upload.file_type.extension}", File(upload.file), save=False)
    try:
        with transaction.atomic():
            replaced = list(
                PendingUpload.objects.select_for_update().filter(
                    user=user, idempotency_key=idempotency_key, question=question
                )
            )
            for old in replaced:
                _delete(old)
            pending.save()
    except BaseException:
        pending.file.storage.delete(pending.file.name)
        raise
    return pending


def discard_pending_upload(*, pending: PendingUpload) -> None:
    with transaction.atomic():
        _delete(pending)


def _delete(pending: PendingUpload) -> None:
    """Delete the row now and its file once that has committed (a rollback keeps both)."""
    storage, name = pending.file.storage, pending.file.name
    pending.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _file_type(content_type: str) -> FileType:
    return next(file_type for file_type in ALL_TYPES if file_type.content_type == content_type)


def attach_pending_uploads(
    *, case: Case, uploads: list[PendingUpload], actor: Actor, idempotency_key: str
) -> list[Document]:
    """Copy each pending upload onto `case` as a document and drop the pending one.

    Call inside the request's transaction: on rollback the documents' files are
    deleted (documents.services) and the pending uploads stay for a retry; on
    commit the pending files go. One document per pending upload and request key,
    so a retry never attaches a file twice.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("attach_pending_uploads must run inside the request's transaction")
    documents = []
    for pending in uploads:
        with pending.file.open("rb") as source:
            documents.append(
                store_document(
                    case=case,
                    file=source,
                    file_type=_file_type(pending.content_type),
                    size=pending.size,
                    sha256=pending.sha256,
                    title=pending.question.label if pending.question else pending.original_filename,
                    kind=DocumentKind.UPLOAD,
                    actor=actor,
                    original_filename=pending.original_filename,
                    idempotency_key=f"{idempotency_key}:{pending.public_id}",
                )
            )
        _delete(pending)
    return documents


def prune_pending_uploads(*, older_than: timedelta = DEFAULT_MAX_AGE) -> int:
    """Delete pending uploads (rows and files) that are older than `older_than`."""
    cutoff = timezone.now() - older_than
    removed = 0
    for pending in list(PendingUpload.objects.filter(created_at__lt=cutoff)):
        with transaction.atomic():
            _delete(pending)
        removed += 1
    return removed
