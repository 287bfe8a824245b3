"""Development-only key pairs for the SP and the development IdP.

Generated into DIGID_DEV_IDP_DIR (var/digid-dev/, never committed) when the
development IdP starts (apps.py). The SP never imports this module: development
settings point its ordinary key settings at these files (portal/settings/devidp.py).
The certificates say "DEVELOPMENT ONLY" in their subject so nobody mistakes them
for real ones.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

NAMES = {
    "sp": "Open Loket SP signing - DEVELOPMENT ONLY",
    "sp-next": "Open Loket SP next signing - DEVELOPMENT ONLY",
    "idp": "Open Loket development IdP - DEVELOPMENT ONLY",
}


def dev_key_dir() -> Path:
    return Path(settings.DIGID_DEV_IDP_DIR)


def dev_key_pair(name: str) -> tuple[Path, Path]:
    """Return (key_path, cert_path) for a development key pair, creating it once."""
    directory = dev_key_dir()
    key_path, cert_path = directory / f"{name}.key", directory / f"{name}.crt"
    if not (key_path.exists() and cert_path.exists()):
        directory.mkdir(parents=True, exist_ok=True)
        # Several processes may get here at once (gunicorn workers, pytest-xdist). Without
        # the lock each generated its own pair and kept signing with it while the files
        # held another's: "IncorrectlySigned" and "artifact-signature" under load.
        with _exclusive(directory / ".lock"):
            if not (key_path.exists() and cert_path.exists()):
                key_pem, cert_pem = _generate(NAMES[name])
                # Temporary files and rename: a reader never sees half a key; the cert
                # comes last, so "both exist" means the pair is complete.
                _atomic_write(key_path, key_pem)
                _atomic_write(cert_path, cert_pem)
    return key_path, cert_path


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def _generate(common_name: str) -> tuple[bytes, bytes]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)
