"""The virus-scan hook against a fake clamd that speaks INSTREAM."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError

from documents.scanning import ScannerUnavailable, check_upload, scan_stream, scanner_enabled
from documents.tests import samples
from documents.tests.fake_clamd import FakeClamd, unused_tcp_port


@pytest.fixture
def clamd(settings):
    with FakeClamd() as server:
        settings.CLAMAV_HOST = server.host
        settings.CLAMAV_PORT = server.port
        settings.CLAMAV_SOCKET = ""
        settings.CLAMAV_TIMEOUT = 5
        yield server


def test_off_without_configuration(settings):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = ""
    assert not scanner_enabled()
    check_upload(io.BytesIO(samples.EICAR))  # the hook is off: nothing happens
    with pytest.raises(ScannerUnavailable):
        scan_stream(io.BytesIO(b"x"))


def test_clean_file_passes_and_is_streamed_in_chunks(clamd):
    data = samples.pdf() + b"%" * (200 * 1024)
    file = io.BytesIO(data)
    check_upload(file)
    assert clamd.streams == [data]
    # 64 KiB chunks, each announced with its own length.
    assert clamd.chunk_sizes == [65536, 65536, 65536, len(data) - 3 * 65536]
    assert file.tell() == 0  # rewound for storing


def test_eicar_is_rejected(clamd):
    result = scan_stream(io.BytesIO(samples.EICAR))
    assert not result.clean
    assert result.signature == "Eicar-Signature"
    with pytest.raises(ValidationError) as info:
        check_upload(io.BytesIO(samples.EICAR))
    assert info.value.code == "infected"


def test_unix_socket(settings, tmp_path):
    with FakeClamd(unix_socket=tmp_path / "clamd.sock") as server:
        settings.CLAMAV_HOST = ""
        settings.CLAMAV_SOCKET = str(tmp_path / "clamd.sock")
        assert scan_stream(io.BytesIO(b"hallo")).clean
        assert not scan_stream(io.BytesIO(samples.EICAR)).clean
        assert server.streams == [b"hallo", samples.EICAR]


def test_scanner_down_fails_closed(settings):
    settings.CLAMAV_SOCKET = ""
    settings.CLAMAV_HOST = "127.0.0.1"
    settings.CLAMAV_PORT = unused_tcp_port()
    with pytest.raises(ValidationError) as info:
        check_upload(io.BytesIO(samples.pdf()))
    assert info.value.code == "scanner_unavailable"
    assert "Probeer het later opnieuw" in info.value.messages[0]


def test_missing_unix_socket_fails_closed(settings, tmp_path):
    settings.CLAMAV_HOST = ""
    settings.CLAMAV_SOCKET = str(tmp_path / "absent.sock")
    with pytest.raises(ValidationError) as info:
        check_upload(io.BytesIO(samples.pdf()))
    assert info.value.code == "scanner_unavailable"


def test_scanner_timeout_fails_closed(settings):
    with FakeClamd(mode="silent") as server:
        settings.CLAMAV_SOCKET = ""
        settings.CLAMAV_HOST, settings.CLAMAV_PORT = server.host, server.port
        settings.CLAMAV_TIMEOUT = 0.2
        with pytest.raises(ValidationError) as info:
            check_upload(io.BytesIO(samples.pdf()))
    assert info.value.code == "scanner_unavailable"


def test_unexpected_answer_fails_closed(settings):
    with FakeClamd(mode="garbage") as server:
        settings.CLAMAV_SOCKET = ""
        settings.CLAMAV_HOST, settings.CLAMAV_PORT = server.host, server.port
        with pytest.raises(ValidationError) as info:
            check_upload(io.BytesIO(samples.pdf()))
    assert info.value.code == "scanner_unavailable"


def test_ping_answers_when_clamd_is_up(clamd):
    from documents.scanning import ping

    ping()  # PONG: no exception


def test_ping_raises_when_clamd_is_unreachable(settings):
    from documents.scanning import ping

    settings.CLAMAV_HOST, settings.CLAMAV_PORT, settings.CLAMAV_SOCKET = (
        "127.0.0.1",
        unused_tcp_port(),
        "",
    )
    with pytest.raises(ScannerUnavailable):
        ping()


def test_deploy_check_warns_without_a_scanner_unless_waived(settings):
    from documents.checks import virus_scanner_configured

    settings.CLAMAV_HOST = settings.CLAMAV_SOCKET = ""
    settings.VIRUS_SCAN_REQUIRED = True
    assert [m.id for m in virus_scanner_configured(None)] == ["documents.W001"]
    settings.VIRUS_SCAN_REQUIRED = False
    assert virus_scanner_configured(None) == []
    settings.VIRUS_SCAN_REQUIRED = True
    settings.CLAMAV_SOCKET = "/run/clamav/clamd.ctl"
    assert virus_scanner_configured(None) == []
