"""Active content in an uploaded PDF, found with a real PDF parser (pikepdf/qpdf).

A byte-level search for names only sees what is stored in the clear: an action
hidden in an object stream behind ASCIIHex, ASCII85, RunLength, Flate with a
predictor or a Flate stream with a bad checksum is invisible to it, while every
viewer decodes it (issue 14). qpdf decodes every standard filter and every object
stream, so we walk the objects a viewer would see, after decoding
(docs/decisions/0013-upload-validation.md).

Refused anywhere in the document (ISO 32000-1 references):
- JavaScript: a /JS entry, an action of type /JavaScript (12.6.4.16), the document's
  /JavaScript name tree (7.7.4), additional actions /AA (12.6.3);
- an /OpenAction that is an action other than GoTo (a destination is fine: many
  writers, LibreOffice among them, open at page 1 this way);
- actions that leave the document: /Launch, /SubmitForm, /ImportData, /GoToR
  (a remote file; a UNC path leaks Windows credentials), /GoToE;
- embedded files: /EmbeddedFiles, /EF, /Type /EmbeddedFile (7.11.4), /FileAttachment
  annotations (12.5.6.15);
- XFA forms (/XFA in the AcroForm, 12.7.8) and rich media: /RichMedia annotations and
  their content (Adobe Supplement ext. 3), /3D annotations (13.6, which carry
  JavaScript of their own).

Only object streams are decoded in full (they hold objects); page contents and
images cannot hold actions, so they are not decoded: that keeps the check fast and
its memory bounded. qpdf's decoders are limited (flate/RunLength/predictor memory)
against decompression bombs, and a PDF that qpdf cannot read, or that uses
LZWDecode (which qpdf cannot bound), is refused: what we cannot inspect we do not
pass on to caseworkers.
"""

from __future__ import annotations

import re
from typing import IO

import pikepdf
from pikepdf import settings as pikepdf_settings

# Largest decoded stream qpdf may produce (per stream). Process-wide qpdf settings;
# this module is the project's only user of pikepdf.
DECODE_LIMIT_BYTES = 64 * 1024 * 1024
pikepdf_settings.set_qpdf_limits(
    flate_max_memory=DECODE_LIMIT_BYTES,
    run_length_max_memory=DECODE_LIMIT_BYTES,
    png_max_memory=DECODE_LIMIT_BYTES,
    tiff_max_memory=DECODE_LIMIT_BYTES,
)
# More objects than any letter or scan has (a 1000-page scan has ~10 000); each
# costs ~10 µs to check, so this bounds the check to about a second of CPU.
MAX_OBJECTS = 100_000

_ACTIVE_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/AA": "AA",
    "/EmbeddedFiles": "EmbeddedFile",
    "/EF": "EmbeddedFile",
    "/XFA": "XFA",
    "/RichMediaContent": "RichMedia",
    "/RichMediaSettings": "RichMedia",
}
_ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "Launch",
    "/SubmitForm": "SubmitForm",
    "/ImportData": "ImportData",
    "/GoToR": "GoToR",
    "/GoToE": "GoToE",
    "/RichMediaExecute": "RichMedia",
}
_ACTIVE_SUBTYPES = {"/FileAttachment": "EmbeddedFile", "/RichMedia": "RichMedia", "/3D": "3D"}

# Every name the checks below look at, as qpdf writes it (see _may_be_active).
_CANDIDATE = re.compile(
    rb"/(?:"
    + b"|".join(
        re.escape(name[1:].encode())
        for name in (
            *_ACTIVE_KEYS,
            *_ACTIVE_ACTIONS,
            *_ACTIVE_SUBTYPES,
            "/EmbeddedFile",
            "/OpenAction",
        )
    )
    + rb")(?![^\s/<>\[\]()%{}])"
)

# Raw-byte name search, only for the one filter qpdf cannot bound (LZW).
_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_PDF_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")


class PdfUnreadable(Exception):
    """qpdf cannot read the file, or not within the limits."""


class PdfEncrypted(PdfUnreadable):
    """The file needs a password to open."""


def active_content(file: IO[bytes]) -> set[str]:
    """The kinds of active content in the PDF `file` (empty: none).

    Raises PdfUnreadable (PdfEncrypted for a password) when the file cannot be
    inspected completely. Rewinds `file`.
    """
    file.seek(0)
    if _uses_lzw(file):
        raise PdfUnreadable("LZWDecode")
    file.seek(0)
    try:
        # inherit_page_attributes=False: no need to walk and rewrite the page tree.
        with pikepdf.open(file, inherit_page_attributes=False) as pdf:
            _decode_object_streams(pdf)
            found: set[str] = set()
            for count, obj in enumerate(pdf.objects, start=1):
                if count > MAX_OBJECTS:
                    raise PdfUnreadable("too many objects")
                if _may_be_active(obj):
                    _inspect(obj, found)
            _inspect(pdf.trailer, found)
            return found
    except pikepdf.PasswordError as exc:
        raise PdfEncrypted(str(exc)) from exc
    except PdfUnreadable:
        raise
    except Exception as exc:  # hostile input: whatever the parser trips over, refuse
        raise PdfUnreadable(f"{exc.__class__.__name__}: {exc}") from exc
    finally:
        file.seek(0)


def _uses_lzw(file: IO[bytes]) -> bool:
    tail = b""
    while chunk := file.read(1024 * 1024):
        data = tail + chunk
        for raw in _PDF_NAME.findall(data):
            name = _PDF_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
            if name == b"LZWDecode":
                return True
        tail = data[-256:]
    return False


def _decode_object_streams(pdf: pikepdf.Pdf) -> None:
    """Decode every object stream completely: one qpdf cannot decode may hide
    objects that a more lenient viewer still reads. Refuse too many objects first."""
    table = pdf.get_xref_table()
    if len(table) > MAX_OBJECTS:  # before qpdf loads them all into memory
        raise PdfUnreadable("too many objects")
    streams = {entry.obj_stream_number for entry in table.values() if entry.obj_stream_number}
    for number in streams:
        stream = pdf.get_object((number, 0))
        if not isinstance(stream, pikepdf.Stream):
            raise PdfUnreadable(f"object stream {number} is not a stream")
        stream.read_bytes(decode_level=pikepdf.StreamDecodeLevel.specialized)


def _may_be_active(obj) -> bool:
    """Whether `obj` (with its direct contents) names anything we look for: qpdf
    writes it in canonical syntax (names without #xx escapes) in C++, far faster than
    walking it from Python; only candidates get the exact check."""
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if not isinstance(obj, pikepdf.Dictionary | pikepdf.Array | pikepdf.Name):
        return False
    return _CANDIDATE.search(obj.unparse(resolved=True)) is not None


def _inspect(root: pikepdf.Object, found: set[str]) -> None:
    """Check `root` and the direct objects inside it (indirect ones are visited
    on their own as members of pdf.objects)."""
    if isinstance(root, pikepdf.Name):  # an indirect name, e.g. the value of /S
        name = str(root)
        found.update(
            kind
            for table in (_ACTIVE_ACTIONS, _ACTIVE_SUBTYPES, {"/EmbeddedFile": "EmbeddedFile"})
            for key, kind in table.items()
            if key == name
        )
        return
    stack = [root]
    while stack:
        obj = stack.pop()
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, pikepdf.Dictionary):
            _check_dictionary(obj, found)
            children = obj.values()
        elif isinstance(obj, pikepdf.Array):
            children = obj
        else:
            continue
        stack.extend(
            child
            for child in children
            if isinstance(child, pikepdf.Dictionary | pikepdf.Array) and not child.is_indirect
        )


def _check_dictionary(dictionary: pikepdf.Dictionary, found: set[str]) -> None:
    for key in dictionary.keys():  # noqa: SIM118 (pikepdf dictionaries iterate keys this way)
        if key in _ACTIVE_KEYS:
            found.add(_ACTIVE_KEYS[key])
    action = _name(dictionary.get("/S"))
    if action in _ACTIVE_ACTIONS:
        found.add(_ACTIVE_ACTIONS[action])
    subtype = _name(dictionary.get("/Subtype"))
    if subtype in _ACTIVE_SUBTYPES:
        found.add(_ACTIVE_SUBTYPES[subtype])
    if _name(dictionary.get("/Type")) == "/EmbeddedFile":
        found.add("EmbeddedFile")
    open_action = dictionary.get("/OpenAction")
    if isinstance(open_action, pikepdf.Dictionary) and _name(open_action.get("/S")) != "/GoTo":
        found.add("OpenAction")


def _name(value) -> str | None:
    return str(value) if isinstance(value, pikepdf.Name) else None
