"""The files the development IdP hands the SP, as DigiD and a key manager would.

The SP knows an IdP only from a metadata file and its own key pair from PEM files
(identity/saml/). In development and tests those files are written here: key pairs
by devkeys.py, and this IdP's metadata into DIGID_DEV_IDP_METADATA_FILE. Safe when
several processes start at once (pytest on SQLite and PostgreSQL side by side,
runserver's reloader): keys are made under a file lock, and every file is written
to a temporary name and renamed, so a reader sees the old file or the new one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings

from .address import idp_entity_id
from .devkeys import NAMES, dev_key_pair


def write_dev_files() -> None:
    for name in NAMES:
        dev_key_pair(name)
    path = Path(settings.DIGID_DEV_IDP_METADATA_FILE)
    if not _metadata_is_current(path):
        write_idp_metadata(path)


def write_idp_metadata(path: Path) -> Path:
    """This IdP's metadata, for where the settings now put it, into `path`."""
    from .server import idp_metadata_xml  # pysaml2 is slow to import: only when needed

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "wb") as handle:
        handle.write(idp_metadata_xml())
    os.replace(tmp, path)
    return path


def _metadata_is_current(path: Path) -> bool:
    """Whether `path` already names this IdP at its current address with its current key."""
    from identity.saml.idp_metadata import parse_idp_metadata

    try:
        info = parse_idp_metadata(path.read_bytes())
    except Exception:  # missing or unreadable: write it again
        return False
    _, cert_path = dev_key_pair("idp")
    cert = "".join(
        line for line in cert_path.read_text().splitlines() if line and "CERTIFICATE" not in line
    )
    return info.entity_id == idp_entity_id() and info.signing_certs == (cert,)
