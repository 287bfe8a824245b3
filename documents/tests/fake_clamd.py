"""A fake ClamAV daemon for tests: speaks the real INSTREAM protocol (clamd(8)).

    with FakeClamd() as clamd:                       # TCP on 127.0.0.1, a free port
        settings.CLAMAV_HOST, settings.CLAMAV_PORT = clamd.host, clamd.port
    with FakeClamd(unix_socket=tmp_path / "clamd.sock") as clamd: ...
    with FakeClamd(mode="silent") as clamd: ...      # accepts, never answers (timeouts)

It answers PING with PONG, "stream: Eicar-Signature FOUND" when the streamed bytes contain the EICAR
test string, else "stream: OK", and records every stream it received.
"""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
from pathlib import Path

EICAR_MARKER = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"


class _Handler(socketserver.BaseRequestHandler):
    def _read_exact(self, count: int) -> bytes:
        data = b""
        while len(data) < count:
            part = self.request.recv(count - len(data))
            if not part:
                raise ConnectionError("client went away")
            data += part
        return data

    def handle(self):
        server = self.server
        command = b""
        while not command.endswith(b"\0"):
            part = self.request.recv(1)
            if not part:
                return
            command += part
        if command == b"zPING\0" and server.mode != "silent":
            self.request.sendall(b"PONG\0")
            return
        if command != b"zINSTREAM\0":
            self.request.sendall(b"UNKNOWN COMMAND\0")
            return
        received = b""
        while True:
            (length,) = struct.unpack("!L", self._read_exact(4))
            if length == 0:
                break
            server.chunk_sizes.append(length)
            received += self._read_exact(length)
        server.streams.append(received)
        if server.mode == "silent":
            server.release.wait(5)
            return
        if server.mode == "garbage":
            self.request.sendall(b"stream: something odd\0")
            return
        if EICAR_MARKER in received:
            self.request.sendall(b"stream: Eicar-Signature FOUND\0")
        else:
            self.request.sendall(b"stream: OK\0")


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True


class FakeClamd:
    def __init__(self, *, unix_socket: Path | None = None, mode: str = "normal"):
        self.unix_socket = unix_socket
        self.mode = mode

    def __enter__(self) -> FakeClamd:
        if self.unix_socket:
            self.server = _UnixServer(str(self.unix_socket), _Handler)
        else:
            self.server = _TCPServer(("127.0.0.1", 0), _Handler)
            self.host, self.port = self.server.server_address
        self.server.mode = self.mode
        self.server.streams = []
        self.server.chunk_sizes = []
        self.server.release = threading.Event()
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def streams(self) -> list[bytes]:
        return self.server.streams

    @property
    def chunk_sizes(self) -> list[int]:
        return self.server.chunk_sizes

    def __exit__(self, *exc):
        self.server.release.set()
        self.server.shutdown()
        self.server.server_close()


def unused_tcp_port() -> int:
    """A port with nothing listening (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
