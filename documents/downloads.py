"""The one way a stored document leaves the portal: as an attachment, streamed
from private storage in chunks (never read into memory), never sniffed or cached."""

from django.http import FileResponse


def attachment_response(document) -> FileResponse:
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
