"""Upload validation: size while streaming, type by content, no active content.

`read_upload()` is the single entry point. It reads the upload chunk by chunk into a
temporary file, stops as soon as the size limit is passed (the rest is never read),
computes SHA-256 on the way, and then decides the type from the bytes alone - never
from the file name or the browser's Content-Type. Only an allow-list passes:

- PDF (``%PDF-``), without active content: the file is parsed with pikepdf/qpdf,
  which decodes every filter and object stream, and a PDF with JavaScript, launch or
  submit actions, embedded files, XFA or rich media anywhere is rejected, not
  "marked"; a PDF the parser cannot read is rejected too (documents/pdf_inspection.py,
  docs/decisions/0013-upload-validation.md).
- PNG and JPEG by their signatures.
- Office formats the operator enables (DOCUMENT_OFFICE_FORMATS: docx, xlsx, odt):
  ZIP containers whose *internal* declaration says so - ODF's first, stored
  ``mimetype`` entry, or OOXML's ``[Content_Types].xml`` main part - without macros.
  Any other ZIP is an archive and rejected.

Everything else is rejected; SVG, HTML (whatever its name), scripts, executables and
archives get a message that says what was found.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import tempfile
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import pdf_inspection

logger = logging.getLogger(__name__)

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
SNIFF_BYTES = 2048


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    label: str


PDF = FileType("application/pdf", "pdf", "PDF")
PNG = FileType("image/png", "png", "PNG")
JPEG = FileType("image/jpeg", "jpg", "JPEG")
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word"
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel"
)
ODT = FileType("application/vnd.oasis.opendocument.text", "odt", "OpenDocument")
OFFICE_TYPES = {"docx": DOCX, "xlsx": XLSX, "odt": ODT}
ALL_TYPES = [PDF, PNG, JPEG, DOCX, XLSX, ODT]

# OOXML main parts (ECMA-376 Part 2, [Content_Types].xml Override for the main document).
_OOXML_MAIN = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_OOXML_MACRO = (b"macroEnabled", b"vbaProject")

MESSAGES = {
    "empty": _("Het bestand is leeg."),
    "too_large": _("Het bestand is te groot. Het mag maximaal %(limit)s zijn."),
    "unsupported_type": _("Dit soort bestand kunt u niet uploaden. Toegestaan zijn: %(allowed)s."),
    "svg": _("SVG-afbeeldingen kunt u niet uploaden. Stuur een PDF, PNG of JPEG."),
    "html": _("Dit is een webpagina (HTML), ook al heeft het bestand een andere naam."),
    "script": _("Scripts en programmacode kunt u niet uploaden."),
    "executable": _("Programma's kunt u niet uploaden."),
    "archive": _(
        "Gecomprimeerde bestanden (zoals ZIP) kunt u niet uploaden. Stuur de bestanden los."
    ),
    "office_macro": _("Documenten met macro's kunt u niet uploaden."),
    "pdf_active_content": _(
        "Deze PDF bevat scripts, automatische acties of ingesloten bestanden. Sla het "
        "document opnieuw op als gewone PDF (bijvoorbeeld via Afdrukken naar PDF)."
    ),
    "pdf_unreadable": _(
        "Wij kunnen deze PDF niet lezen en daarom niet controleren. Sla het document "
        "opnieuw op als PDF (bijvoorbeeld via Afdrukken naar PDF) en probeer het nog eens."
    ),
    "pdf_encrypted": _(
        "Deze PDF is beveiligd met een wachtwoord. Stuur het document zonder wachtwoord."
    ),
    "damaged": _("Het bestand is beschadigd of onvolledig."),
}
# Office containers may not unpack beyond this (decompression bombs).
_MAX_INFLATED = 50 * 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "DOCUMENT_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def allowed_types() -> list[FileType]:
    office = getattr(settings, "DOCUMENT_OFFICE_FORMATS", ["docx", "xlsx", "odt"])
    return [PDF, PNG, JPEG] + [OFFICE_TYPES[name] for name in office if name in OFFICE_TYPES]


def _error(code: str, **params) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params=params or None)


def too_large_error(limit: int | None = None) -> ValidationError:
    return _error("too_large", limit=filesizeformat(limit or max_upload_bytes()))


@dataclass
class ValidatedUpload:
    """A checked upload in a temporary file (rewound). Close it when done."""

    file: IO[bytes]
    file_type: FileType
    size: int
    sha256: str
    display_name: str
    extra: dict = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return self.file_type.content_type

    def close(self) -> None:
        self.file.close()


def read_upload(
    chunks: Iterable[bytes], *, filename: str, max_bytes: int | None = None
) -> ValidatedUpload:
    """Stream `chunks` into a temporary file and validate; raise ValidationError.

    The size limit is checked after every chunk, so an oversized upload costs at
    most one chunk beyond the limit.
    """
    limit = max_bytes if max_bytes is not None else max_upload_bytes()
    digest = hashlib.sha256()
    size = 0
    spool = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115 (returned)
    try:
        for chunk in chunks:
            size += len(chunk)
            if size > limit:
                raise too_large_error(limit)
            digest.update(chunk)
            spool.write(chunk)
        if size == 0:
            raise _error("empty")
        spool.seek(0)
        file_type = sniff(spool)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return ValidatedUpload(
        file=spool,
        file_type=file_type,
        size=size,
        sha256=digest.hexdigest(),
        display_name=display_filename(filename),
    )


def sniff(file: IO[bytes]) -> FileType:
    """The allowed type of `file` judged by its content, or ValidationError."""
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    allowed = allowed_types()
    if head.startswith(b"%PDF-"):
        _check_pdf(file)
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        office = _office_type(file)
        if office is None:
            raise _error("archive")
        if office not in allowed:
            raise unsupported_error(allowed)
        return office
    _reject_known_bad(head)
    raise unsupported_error(allowed)


def unsupported_error(allowed: list[FileType] | None = None) -> ValidationError:
    labels = ", ".join(file_type.label for file_type in (allowed or allowed_types()))
    return _error("unsupported_type", allowed=labels)


def _reject_known_bad(head: bytes) -> None:
    """Give a precise message for types we know and refuse."""
    if head.startswith(
        (
            b"MZ",
            b"\x7fELF",
            b"\xca\xfe\xba\xbe",
            b"\xcf\xfa\xed\xfe",
            b"\xce\xfa\xed\xfe",
            b"\xfe\xed\xfa\xce",
            b"\xfe\xed\xfa\xcf",
        )
    ):
        raise _error("executable")
    if (
        head.startswith(
            (
                b"\x1f\x8b",
                b"BZh",
                b"7z\xbc\xaf\x27\x1c",
                b"Rar!",
                b"\xfd7zXZ\x00",
                b"PK\x05\x06",
                b"PK\x07\x08",
            )
        )
        or head[257:262] == b"ustar"
    ):
        raise _error("archive")
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower()
    if text.startswith(b"#!"):
        raise _error("script")
    if b"<svg" in text:
        raise _error("svg")
    if (
        text.startswith(
            (
                b"<!doctype html",
                b"<html",
                b"<head",
                b"<body",
                b"<script",
                b"<iframe",
                b"<meta",
                b"<!--",
            )
        )
        or b"<script" in text
        or b"<html" in text
    ):
        raise _error("html")


def _office_type(file: IO[bytes]) -> FileType | None:
    """ODF/OOXML by the container's own declaration; None for any other ZIP."""
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if len(entries) > 5000 or sum(e.file_size for e in entries) > _MAX_INFLATED:
                return None
            names = {entry.filename for entry in entries}
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise _error("office_macro")
            # ODF 1.2 Part 3, 3.3: "mimetype" is the first entry, stored uncompressed.
            first = entries[0] if entries else None
            if (
                first is not None
                and first.filename == "mimetype"
                and first.compress_type == zipfile.ZIP_STORED
                and first.file_size < 100
            ):
                declared = archive.read(first).strip()
                if declared == ODT.content_type.encode():
                    return ODT
                # Another OpenDocument kind (spreadsheet, presentation): not allowed.
                raise unsupported_error()
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > 1024 * 1024:
                    return None
                declaration = archive.read(info)
                if any(marker in declaration for marker in _OOXML_MACRO):
                    raise _error("office_macro")
                for main_part, file_type in _OOXML_MAIN.items():
                    if b'ContentType="' + main_part + b'"' in declaration:
                        return file_type
                if b"officedocument" in declaration:
                    raise unsupported_error()  # e.g. PowerPoint
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, zlib.error):
        raise _error("damaged") from None
    finally:
        file.seek(0)
    return None


def _check_pdf(file: IO[bytes]) -> None:
    # A truncated upload (a broken connection) ends without %%EOF (ISO 32000-1, 7.5.5).
    file.seek(0, io.SEEK_END)
    file.seek(max(0, file.tell() - 2048))
    tail = file.read()
    file.seek(0)
    if b"%%EOF" not in tail:
        raise _error("damaged")
    try:
        found = pdf_inspection.active_content(file)
    except pdf_inspection.PdfEncrypted:
        raise _error("pdf_encrypted") from None
    except pdf_inspection.PdfUnreadable as exc:
        logger.info("PDF upload refused, the parser cannot read it: %s", str(exc)[:200])
        raise _error("pdf_unreadable") from None
    if found:
        logger.info("PDF upload refused, active content: %s", ", ".join(sorted(found)))
        raise _error("pdf_active_content")


_BIDI_AND_CONTROL = re.compile(
    r"[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def display_filename(name: str, *, max_length: int = 120) -> str:
    """The original name, made safe to show (never used as a path or header)."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = _BIDI_AND_CONTROL.sub("", name)
    name = re.sub(r"\s+", " ", name).strip().lstrip(".")
    if len(name) > max_length:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 10:
            name = stem[: max_length - len(extension) - 1] + "." + extension
        else:
            name = name[:max_length]
    return name or "document"
