"""The IdP's metadata: where to send requests and which certificates sign answers.

Read from DIGID_IDP_METADATA_FILE only (kept fresh by `manage.py refresh_idp_metadata`;
in development the development IdP writes it, portal/settings/devidp.py). Parsed
without DTDs or entities (python3-saml's parser).
python3-saml's own metadata parser ignores the ArtifactResolutionService, so
this module reads the few elements we need itself.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from onelogin.saml2.xml_utils import OneLogin_Saml2_XML

MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
NS = {"md": MD, "ds": DS}
BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
BINDING_SOAP = "urn:oasis:names:tc:SAML:2.0:bindings:SOAP"


@dataclass(frozen=True)
class IdpInfo:
    entity_id: str
    sso_url: str
    slo_url: str
    # ArtifactResolutionService locations by endpoint index (SAML bindings 3.6.4).
    artifact_resolution: dict[int, str]
    signing_certs: tuple[str, ...]


def current_idp() -> IdpInfo:
    path = settings.DIGID_IDP_METADATA_FILE
    if not path:
        raise ImproperlyConfigured("Set DIGID_IDP_METADATA_FILE to the DigiD metadata.")
    file = Path(path)
    if not file.exists():
        raise ImproperlyConfigured(
            f"DIGID_IDP_METADATA_FILE {path} does not exist; run manage.py refresh_idp_metadata."
        )
    return _parse_cached(file.read_bytes())


@functools.lru_cache(maxsize=8)
def _parse_cached(xml: bytes) -> IdpInfo:
    return parse_idp_metadata(xml)


def parse_idp_metadata(xml: bytes) -> IdpInfo:
    root = OneLogin_Saml2_XML.to_etree(xml)
    descriptor = _one(root, "//md:EntityDescriptor")
    idp = _one(descriptor, "md:IDPSSODescriptor")

    def location(tag: str, binding: str) -> str:
        for node in idp.findall(f"md:{tag}", NS):
            if node.get("Binding") == binding:
                return node.get("Location", "")
        return ""

    artifact_resolution = {
        int(node.get("index", "0")): node.get("Location", "")
        for node in idp.findall("md:ArtifactResolutionService", NS)
        if node.get("Binding") == BINDING_SOAP
    }
    certs = tuple(
        "".join(node.text.split())
        for key in idp.findall("md:KeyDescriptor", NS)
        if key.get("use") in (None, "signing")
        for node in key.findall(".//ds:X509Certificate", NS)
        if node.text
    )
    info = IdpInfo(
        entity_id=descriptor.get("entityID", ""),
        sso_url=location("SingleSignOnService", BINDING_REDIRECT),
        slo_url=location("SingleLogoutService", BINDING_REDIRECT),
        artifact_resolution=artifact_resolution,
        signing_certs=certs,
    )
    if not (info.entity_id and info.sso_url and info.signing_certs):
        raise ImproperlyConfigured(
            "The IdP metadata lacks an entityID, a SingleSignOnService or a signing key."
        )
    return info


def _one(node, path: str):
    found = node.xpath(path, namespaces=NS) if path.startswith("/") else node.findall(path, NS)
    if len(found) != 1:
        raise ImproperlyConfigured(f"The IdP metadata must have exactly one {path}.")
    return found[0]
