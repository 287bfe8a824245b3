"""A real S3-compatible server for the tests: moto in server mode, in a process of
its own on a free loopback port (decision 0054). Started once per test process by
the `s3_server` fixture in documents/tests/conftest.py."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
from dataclasses import dataclass

import boto3

REGION = "eu-central-1"
# moto accepts any key pair; these only have to be the same on both sides.
ACCESS_KEY, SECRET_KEY = "openloket-test", "openloket-test-secret"
START_SECONDS = 30


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def create_bucket(self, name: str) -> None:
        self.client().create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )

    def keys(self, bucket: str) -> set[str]:
        listing = self.client().list_objects_v2(Bucket=bucket)
        return {item["Key"] for item in listing.get("Contents", [])}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_s3_server():
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our interpreter, fixed arguments
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(process, port)
        yield S3Server(endpoint_url=f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_port(process: subprocess.Popen, port: int) -> None:
    """Until the server accepts a connection; fails if it exits or takes too long."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"moto did not listen on port {port} in {START_SECONDS} s")
        # Waiting on the process: returns at once should the server die while starting.
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=0.05)
            raise RuntimeError(f"moto exited with {process.returncode} while starting")
