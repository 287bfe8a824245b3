"""Stop receiving an upload as soon as it passes the size limit.

Django's own handlers read the whole request body before the view runs. This
handler goes first and raises StopUpload the moment the received bytes of a file
pass DOCUMENT_MAX_UPLOAD_BYTES (or when Content-Length already says so), so an
oversized upload is neither spooled to disk nor read to the end.
"""

from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload

from .validation import max_upload_bytes

# Room for the multipart envelope and the other form fields.
ENVELOPE_BYTES = 64 * 1024


class SizeLimitUploadHandler(FileUploadHandler):
    def __init__(self, request=None, *, limit: int | None = None):
        super().__init__(request)
        self.limit = limit if limit is not None else max_upload_bytes()
        request.upload_too_large = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # Too large by its own account: stop at the first file chunk. The form fields
        # before the file (the CSRF token first of all) are still read.
        self.body_too_large = bool(content_length and content_length > self.limit + ENVELOPE_BYTES)

    def receive_data_chunk(self, raw_data, start):
        if self.body_too_large or start + len(raw_data) > self.limit:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


def limit_uploads(request) -> None:
    """Put the size limit in front of Django's handlers (before request.POST is read)."""
    request.upload_handlers.insert(0, SizeLimitUploadHandler(request))


class PerFileSizeLimitUploadHandler(FileUploadHandler):
    """The size limit for forms where a file sits among other answers.

    A file that passes the limit is skipped, not stored: its field name goes into
    `request.too_large_files` and the parser reads on, so the answers after it
    still arrive. Only a body larger than the form's files could honestly be
    (one limit per file input plus one spare) is cut off at once, as above.
    """

    def __init__(self, request=None, *, file_inputs: int, limit: int | None = None):
        super().__init__(request)
        self.limit = limit if limit is not None else max_upload_bytes()
        self.body_limit = self.limit * (file_inputs + 1) + ENVELOPE_BYTES
        request.upload_too_large = False
        request.too_large_files = set()

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.body_too_large = bool(content_length and content_length > self.body_limit)

    def receive_data_chunk(self, raw_data, start):
        if self.body_too_large:
            self.request.upload_too_large = True
            self.request.too_large_files.add(self.field_name)
            raise StopUpload(connection_reset=True)
        if start + len(raw_data) > self.limit:
            self.request.too_large_files.add(self.field_name)
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def limit_uploads_per_file(request, *, file_inputs: int) -> None:
    """Like limit_uploads, for forms whose other answers must survive a too-large file."""
    request.upload_handlers.insert(
        0, PerFileSizeLimitUploadHandler(request, file_inputs=file_inputs)
    )
