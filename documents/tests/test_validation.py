"""Upload validation: each bad input gets its own clear error."""

from __future__ import annotations

import hashlib
import io
import zlib

import pikepdf
import pytest
from django.core.exceptions import ValidationError

from documents import validation
from documents.tests import samples
from documents.validation import display_filename, read_upload


def check(data: bytes, name: str = "bestand.pdf", **kwargs):
    return read_upload(
        [data[i : i + 1000] for i in range(0, len(data), 1000)], filename=name, **kwargs
    )


def code_of(data: bytes, name: str = "bestand.pdf", **kwargs) -> str:
    with pytest.raises(ValidationError) as info:
        check(data, name, **kwargs)
    return info.value.code


@pytest.mark.parametrize(
    ("data", "content_type", "extension"),
    [
        (samples.pdf(), "application/pdf", "pdf"),
        (samples.png(), "image/png", "png"),
        (samples.jpeg(), "image/jpeg", "jpg"),
        (
            samples.docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        (
            samples.xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        (samples.odt(), "application/vnd.oasis.opendocument.text", "odt"),
    ],
)
def test_allowed_types_pass_with_hash_and_size(data, content_type, extension):
    upload = check(data, name="wat-dan-ook.bin")
    try:
        assert upload.content_type == content_type
        assert upload.file_type.extension == extension
        assert upload.size == len(data)
        assert upload.sha256 == hashlib.sha256(data).hexdigest()
        assert upload.file.read() == data
    finally:
        upload.close()


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (samples.SVG_WITH_SCRIPT, "foto.svg", "svg"),
        (samples.SVG_WITH_SCRIPT, "foto.png", "svg"),
        (samples.HTML_PAGE, "besluit.pdf", "html"),
        (b"\n  <html><body>hoi</body></html>", "brief.pdf", "html"),
        (samples.SHELL_SCRIPT, "script.pdf", "script"),
        (samples.WINDOWS_EXE, "factuur.pdf", "executable"),
        (samples.ELF, "programma", "executable"),
        (samples.GZIP, "map.tar.gz", "archive"),
        (samples.plain_zip(), "stukken.docx", "archive"),
        (samples.PLAIN_TEXT, "tekst.txt", "unsupported_type"),
        (samples.pptx(), "dia.pptx", "unsupported_type"),
        (
            samples.odt("application/vnd.oasis.opendocument.spreadsheet"),
            "x.ods",
            "unsupported_type",
        ),
        (samples.docx(macro=True), "macro.docx", "office_macro"),
        (b"", "leeg.pdf", "empty"),
        (b"%PDF-1.7\n1 0 obj<<>>endobj", "kapot.pdf", "damaged"),
        (b"PK\x03\x04 not really a zip", "kapot.docx", "damaged"),
    ],
)
def test_bad_inputs_are_rejected_by_content(data, name, code):
    assert code_of(data, name) == code


JAVASCRIPT_ACTION = b"9 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n"


@pytest.mark.parametrize(
    ("extra", "body"),
    [
        ("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", b""),
        ("/OpenAction 9 0 R", JAVASCRIPT_ACTION),
        ("/OpenAction << /S /URI /URI (https://phishing.example) >>", b""),
        ("/AA << /O << /S /Launch /F (cmd.exe) >> >>", b""),
        ("/AA << /WC << /S /GoTo /D [3 0 R /Fit] >> >>", b""),
        ("/Names << /JavaScript << /Names [(a) 9 0 R] >> >>", JAVASCRIPT_ACTION),
        ("/Names << /J#61vaScript << /Names [(a) 9 0 R] >> >>", JAVASCRIPT_ACTION),  # #61: a
        (
            "/Names << /EmbeddedFiles << /Names [(a.exe) 9 0 R] >> >>",
            b"9 0 obj\n<< /Type /Filespec /F (a.exe) /EF << /F 10 0 R >> >>\nendobj\n"
            b"10 0 obj\n<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream\nendobj\n",
        ),
        ("/AcroForm << /Fields [] /XFA 9 0 R >>", b"9 0 obj\n(<xdp:xdp/>)\nendobj\n"),
        ("/OpenAction << /S /GoToR /F (\\\\attacker\\share\\x.pdf) /D [0 /Fit] >>", b""),
        ("/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next 9 0 R >>", JAVASCRIPT_ACTION),
    ],
)
def test_pdf_with_active_content_is_rejected(extra, body):
    assert code_of(samples.pdf(extra, body=body)) == "pdf_active_content"


@pytest.mark.parametrize(
    "annotation",
    [
        b"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 9 9] /FS 10 0 R >>",
        b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 9 9] /RichMediaContent << >> >>",
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /Launch /F (a.exe) >> >>",
        b"<< /Type /Annot /Subtype /Widget /Rect [0 0 9 9] /AA << /K 11 0 R >> >>",
        # The action type as an indirect name: no active name in the annotation itself.
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S 13 0 R /F (a.exe) >> >>",
    ],
)
def test_pdf_with_active_annotations_on_a_page_is_rejected(annotation):
    data = (
        samples.pdf()
        .replace(b"/MediaBox [0 0 612 792]", b"/MediaBox [0 0 612 792] /Annots [9 0 R]")
        .replace(
            b"trailer",
            b"9 0 obj\n" + annotation + b"\nendobj\n"
            b"10 0 obj\n<< /Type /Filespec /F (a.txt) >>\nendobj\n"
            b"11 0 obj\n<< /S /JavaScript /JS 12 0 R >>\nendobj\n"
            b"12 0 obj\n<< /Length 11 >>\nstream\napp.alert()\nendstream\nendobj\n"
            b"13 0 obj\n/Launch\nendobj\ntrailer",
        )
    )
    assert code_of(data) == "pdf_active_content"


@pytest.mark.parametrize("encoding", sorted(samples.ENCODINGS))
def test_pdf_with_javascript_in_an_encoded_object_stream_is_rejected(encoding):
    # Issue 14: an /OpenAction with JavaScript inside an object stream behind each
    # standard filter; a byte search saw nothing in most of them.
    data = samples.pdf_with_object_stream(samples.ENCODINGS[encoding])
    assert b"JavaScript" not in data or encoding in {"flate"}
    assert code_of(data) == "pdf_active_content"


@pytest.mark.parametrize("encoding", sorted(samples.ENCODINGS))
def test_pdf_with_a_harmless_encoded_object_stream_passes(encoding):
    harmless = (b"<< /Type /Catalog /Pages 3 0 R /OpenAction 2 0 R >>", b"[4 0 R /Fit]")
    check(samples.pdf_with_object_stream(samples.ENCODINGS[encoding], harmless)).close()


def test_pdf_with_javascript_in_object_streams_written_by_qpdf_is_rejected():
    action = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    assert code_of(samples.pdf_written_by_pikepdf({"/OpenAction": action})) == (
        "pdf_active_content"
    )
    check(samples.pdf_written_by_pikepdf()).close()


def test_pdf_the_parser_cannot_read_is_rejected():
    broken = samples.pdf_with_object_stream(
        samples.Encoding(b"/FlateDecode", lambda data: b"not flate at all")
    )
    assert code_of(broken) == "pdf_unreadable"


def test_pdf_with_more_objects_than_we_check_is_rejected_as_unreadable(monkeypatch):
    from documents import pdf_inspection

    monkeypatch.setattr(pdf_inspection, "MAX_OBJECTS", 2)
    assert code_of(samples.pdf()) == "pdf_unreadable"


def test_pdf_with_an_lzw_filter_is_rejected_as_unreadable():
    # qpdf cannot bound LZW's output (a decompression bomb), so it is not inspected.
    lzw = samples.Encoding(b"/LZW#44ecode", lambda data: b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01")
    assert code_of(samples.pdf_with_object_stream(lzw)) == "pdf_unreadable"


def test_pdf_decompression_bomb_in_an_object_stream_is_refused_within_memory():
    def bomb(data: bytes) -> bytes:
        compressor = zlib.compressobj(9)
        zeros = b"\0" * (1024 * 1024)
        body = b"".join(compressor.compress(zeros) for _ in range(200))  # 200 MB inflated
        return compressor.compress(data) + body + compressor.flush()

    assert code_of(samples.pdf_with_object_stream(samples.Encoding(b"/FlateDecode", bomb))) == (
        "pdf_unreadable"
    )


def test_encrypted_pdf_is_rejected_with_its_own_message():
    document = pikepdf.new()
    document.add_blank_page()
    buffer = io.BytesIO()
    document.save(buffer, encryption=pikepdf.Encryption(user="geheim", owner="geheim"))
    assert code_of(buffer.getvalue()) == "pdf_encrypted"


@pytest.mark.parametrize(
    "extra",
    [
        "/JSONish 1 /AAA 2 /Lang (nl)",
        "/OpenAction [3 0 R /XYZ null null 0]",  # LibreOffice opens at page 1 like this
        "/OpenAction << /S /GoTo /D [3 0 R /Fit] >>",
    ],
)
def test_similar_but_harmless_pdfs_pass(extra):
    check(samples.pdf(extra)).close()


def test_a_letter_rendered_by_weasyprint_passes():
    from documents.pdf import render_pdf

    data = render_pdf(
        "<h1>Besluit</h1><p>Uw aanvraag is toegekend.</p>",
        title="Besluit",
        language="nl",
        author="Gemeente Voorbeeld",
    )
    upload = check(data, name="besluit.pdf")
    try:
        assert upload.content_type == "application/pdf"
    finally:
        upload.close()


def test_size_limit_stops_reading_while_streaming():
    consumed = []

    def endless():
        while True:
            consumed.append(1)
            yield b"%PDF" + b"x" * 1020

    with pytest.raises(ValidationError) as info:
        read_upload(endless(), filename="groot.pdf", max_bytes=10 * 1024)
    assert info.value.code == "too_large"
    # 10 KiB of 1 KiB chunks: the eleventh passes the limit and reading stops there.
    assert len(consumed) == 11
    assert "maximaal 10,0\xa0KB" in info.value.messages[0]


def test_size_limit_comes_from_settings(settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 100
    assert code_of(samples.pdf()) == "too_large"
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 10_000
    check(samples.pdf()).close()


def test_default_limit_is_ten_megabytes(settings):
    del settings.DOCUMENT_MAX_UPLOAD_BYTES
    assert validation.max_upload_bytes() == 10 * 1024 * 1024


def test_office_formats_are_configurable(settings):
    settings.DOCUMENT_OFFICE_FORMATS = ["odt"]
    assert code_of(samples.docx(), "brief.docx") == "unsupported_type"
    check(samples.odt(), "brief.odt").close()


def test_error_messages_are_translated():
    from django.utils import translation

    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            check(samples.HTML_PAGE, "x.pdf")
        assert "web page" in info.value.messages[0]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("brief.pdf", "brief.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\jan\\loonstrook mei.pdf", "loonstrook mei.pdf"),
        ("\u202egnp.exe.pdf", "gnp.exe.pdf"),
        ("naam\x00met\nnul.pdf", "naammetnul.pdf"),
        (".htaccess", "htaccess"),
        ("", "document"),
        ("   ", "document"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
    ],
)
def test_display_filename_is_safe(name, expected):
    assert display_filename(name) == expected


def test_request_upload_handler_stops_in_the_middle_of_a_file():
    from django.core.files.uploadhandler import StopUpload
    from django.test import RequestFactory

    from documents.upload_handlers import SizeLimitUploadHandler

    request = RequestFactory().post("/")
    handler = SizeLimitUploadHandler(request, limit=1000)
    handler.handle_raw_input(None, {}, 1500, b"x")
    assert handler.receive_data_chunk(b"a" * 600, 0) == b"a" * 600
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"a" * 600, 600)
    assert request.upload_too_large


def test_request_upload_handler_trusts_a_large_content_length_to_stop_at_once():
    from django.core.files.uploadhandler import StopUpload
    from django.test import RequestFactory

    from documents.upload_handlers import SizeLimitUploadHandler

    request = RequestFactory().post("/")
    handler = SizeLimitUploadHandler(request, limit=1000)
    handler.handle_raw_input(None, {}, 10_000_000, b"x")
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"a", 0)
