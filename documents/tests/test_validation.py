"""Upload validation: each bad input gets its own clear error."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import ValidationError

from documents import validation
from documents.tests import samples
from documents.validation import display_filename, pdf_active_names, read_upload


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


@pytest.mark.parametrize(
    "extra",
    [
        "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
        "/OpenAction 3 0 R",
        "/AA << /O << /S /Launch /F (cmd.exe) >> >>",
        "/Names << /EmbeddedFiles 6 0 R >>",
        "/Names << /J#61vaScript 7 0 R >>",  # #61 is "a": the same name, escaped
        "/AcroForm << /XFA 8 0 R >>",
    ],
)
def test_pdf_with_active_content_is_rejected(extra):
    assert code_of(samples.pdf(extra)) == "pdf_active_content"


def test_pdf_with_javascript_in_a_compressed_object_stream_is_rejected():
    assert pdf_active_names(samples.pdf_with_compressed_javascript()) >= {"JavaScript", "JS"}
    assert code_of(samples.pdf_with_compressed_javascript()) == "pdf_active_content"


def test_similar_but_harmless_pdf_names_pass():
    upload = check(samples.pdf("/JSONish 1 /AAA 2 /Lang (nl)"))
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
