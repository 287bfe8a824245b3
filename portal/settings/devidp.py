"""The development IdP (identity/devidp/), for development, tests and the load bench.

Imported by a settings module that turns DIGID_DEV_IDP on; that switch is the only
thing tying the portal to the development IdP. It installs the IdP's app, whose
start-up (identity/devidp/apps.py) writes development key pairs and the IdP's
metadata into DIGID_DEV_IDP_DIR, and points the SP's ordinary settings at those
files unless the environment names others. The SP (identity/saml/) reads only the
ordinary settings, as in production (docs/decisions/0027-sp-without-dev-idp.md).
"""

import re

from .base import BASE_DIR, INSTALLED_APPS, PORTAL_BASE_URL
from .digid import DIGID_DEV_IDP_BASE_URL
from .env import env_str

DIGID_DEV_IDP = True
INSTALLED_APPS = [*INSTALLED_APPS, "identity.devidp"]
DIGID_DEV_IDP_DIR = BASE_DIR / "var" / "digid-dev"


def _slug(url: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-")


# Where the IdP writes its metadata, named after its origin: `make run` on one
# address and a test run on another (same machine, same var/) keep their own copy.
_idp_origin = DIGID_DEV_IDP_BASE_URL or PORTAL_BASE_URL
DIGID_DEV_IDP_METADATA_FILE = str(DIGID_DEV_IDP_DIR / f"idp-metadata-{_slug(_idp_origin)}.xml")


def _file(name: str, generated: str) -> str:
    return env_str(name, "") or generated


DIGID_SP_KEY_FILE = _file("DIGID_SP_KEY_FILE", str(DIGID_DEV_IDP_DIR / "sp.key"))
DIGID_SP_CERT_FILE = _file("DIGID_SP_CERT_FILE", str(DIGID_DEV_IDP_DIR / "sp.crt"))
# A next pair too, so development shows the certificate rollover in the SP metadata.
DIGID_SP_NEXT_KEY_FILE = _file("DIGID_SP_NEXT_KEY_FILE", str(DIGID_DEV_IDP_DIR / "sp-next.key"))
DIGID_SP_NEXT_CERT_FILE = _file("DIGID_SP_NEXT_CERT_FILE", str(DIGID_DEV_IDP_DIR / "sp-next.crt"))
DIGID_IDP_METADATA_FILE = _file("DIGID_IDP_METADATA_FILE", DIGID_DEV_IDP_METADATA_FILE)
