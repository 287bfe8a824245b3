"""Small files for upload tests, built in code so every byte is visible.

from documents.tests import samples
samples.pdf()                      # a minimal, valid PDF
samples.pdf(extra="/OpenAction 3 0 R")   # ... with an active-content key
samples.pdf_with_object_stream(ENCODINGS["ascii_hex"])  # objects behind a filter
samples.docx(), samples.odt(), samples.png(), samples.EICAR
"""

from __future__ import annotations

import base64
import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Encoding:
    """A stream filter (ISO 32000-1, 7.4) and how to encode data for it."""

    filter: bytes
    encode: Callable[[bytes], bytes]
    decode_parms: bytes = b""


def _run_length(data: bytes) -> bytes:
    # Literal runs of 3 bytes (7.4.5): a length byte every 3 bytes splits every name.
    out = bytearray()
    for start in range(0, len(data), 3):
        run = data[start : start + 3]
        out += bytes([len(run) - 1]) + run
    return bytes(out + b"\x80")


def _png_up_predictor(data: bytes, columns: int = 8) -> bytes:
    # Flate with PNG predictor 12 ("Up", 7.4.4.4): each row is stored as its
    # difference from the row above, so the compressed text is not the object text.
    data += b" " * (-len(data) % columns)
    out, previous = bytearray(), bytes(columns)
    for start in range(0, len(data), columns):
        row = data[start : start + columns]
        out += b"\x02" + bytes((a - b) & 0xFF for a, b in zip(row, previous, strict=True))
        previous = row
    return zlib.compress(bytes(out))


def _flate_with_bad_checksum(data: bytes) -> bytes:
    compressed = zlib.compress(data)
    return compressed[:-4] + bytes(byte ^ 0xFF for byte in compressed[-4:])  # Adler-32


ENCODINGS = {
    "flate": Encoding(b"/FlateDecode", zlib.compress),
    "ascii_hex": Encoding(b"/ASCIIHexDecode", lambda data: data.hex().encode() + b">"),
    "ascii85": Encoding(b"/ASCII85Decode", lambda data: base64.a85encode(data) + b"~>"),
    "run_length": Encoding(b"/RunLengthDecode", _run_length),
    "flate_predictor": Encoding(
        b"/FlateDecode", _png_up_predictor, b"<< /Predictor 12 /Columns 8 >>"
    ),
    "flate_bad_checksum": Encoding(b"/FlateDecode", _flate_with_bad_checksum),
    "hex_then_flate": Encoding(
        b"[/ASCIIHexDecode /FlateDecode]",
        lambda data: zlib.compress(data).hex().encode() + b">",
    ),
}

OPEN_ACTION_JAVASCRIPT = (
    b"<< /Type /Catalog /Pages 3 0 R /OpenAction 2 0 R >>",
    b"<< /S /JavaScript /JS (app.alert(1)) >>",
)


def pdf_with_object_stream(
    encoding: Encoding, objects: tuple[bytes, bytes] = OPEN_ACTION_JAVASCRIPT
) -> bytes:
    """A well-formed PDF 1.5 file whose catalogue (object 1) and object 2 live only
    in an object stream (7.5.7) encoded with `encoding`, found through a
    cross-reference stream (7.5.8); by default the catalogue opens with JavaScript."""
    offsets, text = [], b""
    for number, body in enumerate(objects, start=1):
        offsets.append(b"%d %d" % (number, len(text)))
        text += body + b"\n"
    header = b" ".join(offsets) + b"\n"
    data = encoding.encode(header + text)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    positions = {}

    def write(number: int, body: bytes) -> None:
        positions[number] = len(out)
        out.extend(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    write(3, b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>")
    write(4, b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Resources << >> >>")
    parms = b" /DecodeParms " + encoding.decode_parms if encoding.decode_parms else b""
    write(
        5,
        b"<< /Type /ObjStm /N %d /First %d /Length %d /Filter %s%s >>\nstream\n%s\nendstream"
        % (len(objects), len(header), len(data), encoding.filter, parms, data),
    )
    positions[6] = len(out)
    rows = [b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    rows += [b"\x02" + (5).to_bytes(4, "big") + i.to_bytes(2, "big") for i in range(2)]
    rows += [b"\x01" + positions[n].to_bytes(4, "big") + b"\x00\x00" for n in (3, 4, 5, 6)]
    xref = b"".join(rows)
    out.extend(
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % len(xref)
        + xref
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % positions[6]
    )
    return bytes(out)


def pdf_with_javascript() -> bytes:
    """An /OpenAction with JavaScript in an ASCIIHex-encoded object stream, which a
    byte search cannot see (issue 14)."""
    return pdf_with_object_stream(ENCODINGS["ascii_hex"])


def pdf_with_compressed_javascript() -> bytes:
    """Active content hidden in a Flate-compressed object stream (PDF 1.5+)."""
    return pdf_with_object_stream(ENCODINGS["flate"])


def pdf_written_by_pikepdf(catalog_entries: dict | None = None) -> bytes:
    """A PDF that qpdf writes with compressed object streams, with `catalog_entries`
    (pikepdf objects) added to its catalogue."""
    import pikepdf

    document = pikepdf.new()
    document.add_blank_page()
    for key, value in (catalog_entries or {}).items():
        document.Root[key] = value
    buffer = io.BytesIO()
    document.save(buffer, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


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
