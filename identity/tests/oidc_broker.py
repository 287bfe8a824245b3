"""The development broker (tools/oidc-broker/: `oidc-provider` from npm, an OpenID
Certified implementation) started for a test on a free port of another origin,
and a user agent that logs in there the way a citizen's browser would."""

from __future__ import annotations

import os
import select
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings

BROKER_DIR = Path(settings.BASE_DIR) / "tools" / "oidc-broker"
BROKER_IDS = ("digid-machtigen", "eherkenning", "wrong-issuer")
READY_TIMEOUT_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def callback_uri(broker_id: str) -> str:
    return f"{settings.PORTAL_BASE_URL}/oidc/{broker_id}/callback/"


@contextmanager
def running_broker(**env: str) -> Iterator[str]:
    """Start the broker; ready when it prints its "listening" line (bounded wait)."""
    if not (BROKER_DIR / "node_modules" / "oidc-provider").is_dir():
        raise RuntimeError("Run scripts/bootstrap.sh: it installs tools/oidc-broker/ (npm ci).")
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is missing: scripts/bootstrap.sh installs it (nodejs).")
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 (our own broker script, fixed arguments)
        [node, "broker.js"],
        cwd=BROKER_DIR,
        env={
            **os.environ,
            "PORT": str(port),
            "OIDC_BROKER_REDIRECT_URIS": ",".join(callback_uri(b) for b in BROKER_IDS),
            **env,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        assert process.stdout is not None
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RuntimeError("The development broker did not start in time.")
            readable, _, _ = select.select([process.stdout], [], [], remaining)
            if not readable:
                continue
            line = process.stdout.readline()
            if not line:
                raise RuntimeError("The development broker exited while starting.")
            if "listening on" in line:
                break
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def log_in_at_broker(authorization_url: str, *, account: str = "", cancel: bool = False) -> str:
    """Choose a demo account (or cancel) on the broker's page; returns the URL the
    broker sends the browser back to (our callback with code and state)."""
    agent = requests.Session()
    response = agent.get(authorization_url, allow_redirects=False, timeout=10)
    interaction = urljoin(authorization_url, response.headers["location"])
    assert agent.get(interaction, timeout=10).status_code == 200
    action = "abort" if cancel else "login"
    response = agent.post(
        f"{interaction}/{action}", data={"account": account}, allow_redirects=False, timeout=10
    )
    while True:
        location = urljoin(interaction, response.headers["location"])
        if location.startswith(settings.PORTAL_BASE_URL):
            return location
        response = agent.get(location, allow_redirects=False, timeout=10)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"
