"""Fetch the IdP's metadata from DIGID_IDP_METADATA_URL into DIGID_IDP_METADATA_FILE.

Run it from cron (daily is plenty; Logius announces changes weeks ahead). The
file is replaced only when the new metadata parses, has what we need and - when
DIGID_IDP_METADATA_SIGNING_CERT_FILE is set - carries a valid signature, so a
broken download never breaks logins.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import requests
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from identity.saml.idp_metadata import parse_idp_metadata


class Command(BaseCommand):
    help = "Download the DigiD IdP metadata and store it for the service provider."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=None, help="Overrides DIGID_IDP_METADATA_URL.")

    def handle(self, *args, url=None, **options):
        url = url or settings.DIGID_IDP_METADATA_URL
        target = settings.DIGID_IDP_METADATA_FILE
        if not url or not target:
            raise CommandError("Set DIGID_IDP_METADATA_URL and DIGID_IDP_METADATA_FILE.")
        verify = settings.DIGID_TLS_CA_BUNDLE or True
        try:
            response = requests.get(url, timeout=30, verify=verify)
            response.raise_for_status()
        except requests.RequestException as exc:
            raise CommandError(f"Could not download the metadata: {exc}") from exc
        xml = response.content
        try:
            info = parse_idp_metadata(xml)
        except Exception as exc:
            raise CommandError(f"The downloaded metadata is not usable: {exc}") from exc
        cert_file = settings.DIGID_IDP_METADATA_SIGNING_CERT_FILE
        if cert_file and not OneLogin_Saml2_Utils.validate_metadata_sign(
            xml, Path(cert_file).read_text(), validatecert=False
        ):
            raise CommandError("The metadata signature is not valid; the old file is kept.")
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(xml)
        os.replace(tmp, path)
        self.stdout.write(f"Stored metadata of {info.entity_id} in {path}.")
