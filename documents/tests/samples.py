"""Small files for upload tests, built in code so every byte is visible.

from documents.tests import samples
samples.pdf()                      # a minimal, valid PDF
samples.pdf(extra="/OpenAction 3 0 R")   # ... with an active-content key
samples.docx(), samples.odt(), samples.png(), samples.EICAR
"""

from __future__ import annotations

import io
import zipfile
import zlib

# The EICAR anti-virus test file (eicar.org): harmless, detected by every scanner.
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfab"
    "d40000000049454e44ae426082"
)
JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def png() -> bytes:
    return PNG_1PX


def jpeg() -> bytes:
    return JPEG_HEAD


def pdf(extra: str = "", *, body: bytes = b"") -> bytes:
    """A one-page PDF; `extra` goes into the catalogue dictionary."""
    return (
        b"%PDF-1.7\n"
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R " + extra.encode() + b" >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>\nendobj\n"
        + body
        + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def pdf_with_compressed_javascript() -> bytes:
    """Active content hidden in a Flate-compressed object stream (PDF 1.5+)."""
    hidden = zlib.compress(b"4 0 << /S /JavaScript /JS (app.alert(1)) >>")
    body = (
        b"5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length "
        + str(len(hidden)).encode()
        + b" >>\nstream\n"
        + hidden
        + b"\nendstream\nendobj\n"
    )
    return pdf(body=body)


def _zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data, compression in entries:
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


def _content_types(main: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
    ).encode()


def docx(*, macro: bool = False) -> bytes:
    main = (
        "application/vnd.ms-word.document.macroEnabled.main+xml"
        if macro
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    )
    entries = [
        ("[Content_Types].xml", _content_types(main), zipfile.ZIP_DEFLATED),
        ("word/document.xml", b"<w:document/>", zipfile.ZIP_DEFLATED),
    ]
    if macro:
        entries.append(("word/vbaProject.bin", b"\x00" * 16, zipfile.ZIP_DEFLATED))
    return _zip(entries)


def xlsx() -> bytes:
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    return _zip([("[Content_Types].xml", _content_types(main), zipfile.ZIP_DEFLATED)])


def pptx() -> bytes:
    main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    return _zip([("[Content_Types].xml", _content_types(main), zipfile.ZIP_DEFLATED)])


def odt(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    return _zip(
        [
            ("mimetype", mimetype.encode(), zipfile.ZIP_STORED),
            ("content.xml", b"<office:document-content/>", zipfile.ZIP_DEFLATED),
        ]
    )


def plain_zip() -> bytes:
    return _zip([("invoice.pdf.exe", b"MZ\x90\x00", zipfile.ZIP_DEFLATED)])


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>fetch('/mijn/')</script></body></html>"
SHELL_SCRIPT = b"#!/bin/sh\nrm -rf /\n"
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
GZIP = b"\x1f\x8b\x08\x00" + b"\x00" * 32
PLAIN_TEXT = b"Dit is gewone tekst, geen toegestaan formaat."
