"""A stand-in IdP for the SP's own tests, so they need no development IdP.

The SP knows an IdP only from a metadata file and its own key pairs from PEM
files (docs/decisions/0027-sp-without-dev-idp.md). These tests make those files
themselves, once per session in pytest's tmp directory: an SP pair, an SP next
pair (certificate rollover), an IdP pair and minimal IdP metadata with the
elements identity/saml/idp_metadata.py reads (SAML metadata 2.4.3: an
IDPSSODescriptor with a signing KeyDescriptor, SSO, SLO and an
ArtifactResolutionService). identity/tests/saml_factory.py signs with the IdP
key; identity/tests/conftest.py points the settings at these files.

Tests that play against the real pysaml2 development IdP are marked
`pytest.mark.devidp` and keep the development IdP's settings instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
BINDING_SOAP = "urn:oasis:names:tc:SAML:2.0:bindings:SOAP"

# Shaped like DigiD's addresses, on a name that never resolves (RFC 2606 ".test").
IDP_BASE = "https://digid.stand-in.test"
SSO_PATH = "/saml/idp/request_authentication"
SLO_PATH = "/saml/idp/request_logout"
ARTIFACT_PATH = "/saml/idp/resolve_artifact"


@dataclass(frozen=True)
class KeyFiles:
    key: Path
    cert: Path


def make_key_files(directory: Path, name: str, common_name: str) -> KeyFiles:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    files = KeyFiles(key=directory / f"{name}.key", cert=directory / f"{name}.crt")
    files.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return files


def cert_body(cert_file: Path) -> str:
    """The base64 of a PEM certificate, as it stands in metadata."""
    lines = cert_file.read_text(encoding="ascii").splitlines()
    return "".join(line for line in lines if line and "CERTIFICATE" not in line)


@dataclass(frozen=True)
class StandInIdp:
    directory: Path
    sp: KeyFiles
    sp_next: KeyFiles
    idp: KeyFiles

    @staticmethod
    def entity_id(base: str = IDP_BASE) -> str:
        return base + "/saml/idp/metadata"

    def metadata_xml(self, base: str = IDP_BASE) -> bytes:
        """Minimal IdP metadata with this IdP's endpoints under `base`."""
        return (
            f'<md:EntityDescriptor xmlns:md="{MD}" xmlns:ds="{DS}"'
            f' entityID="{self.entity_id(base)}">'
            '<md:IDPSSODescriptor WantAuthnRequestsSigned="true"'
            ' protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
            '<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>'
            f"{cert_body(self.idp.cert)}"
            "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
            f'<md:ArtifactResolutionService Binding="{BINDING_SOAP}"'
            f' Location="{base}{ARTIFACT_PATH}" index="0"/>'
            f'<md:SingleLogoutService Binding="{BINDING_REDIRECT}" Location="{base}{SLO_PATH}"/>'
            f'<md:SingleSignOnService Binding="{BINDING_REDIRECT}" Location="{base}{SSO_PATH}"/>'
            "</md:IDPSSODescriptor></md:EntityDescriptor>"
        ).encode()

    def write_metadata(self, path: Path, base: str = IDP_BASE) -> Path:
        path.write_bytes(self.metadata_xml(base))
        return path

    @property
    def metadata_file(self) -> Path:
        return self.directory / "idp-metadata.xml"

    def configure(self, settings, *, metadata_file: Path | None = None) -> None:
        """Point the SP's ordinary settings at this IdP's files, as an operator would."""
        settings.DIGID_SP_KEY_FILE = str(self.sp.key)
        settings.DIGID_SP_CERT_FILE = str(self.sp.cert)
        settings.DIGID_SP_NEXT_KEY_FILE = str(self.sp_next.key)
        settings.DIGID_SP_NEXT_CERT_FILE = str(self.sp_next.cert)
        settings.DIGID_SP_NEXT_ACTIVE_FROM = ""
        settings.DIGID_IDP_METADATA_FILE = str(metadata_file or self.metadata_file)


_session_idp: StandInIdp | None = None


def make_stand_in_idp(directory: Path) -> StandInIdp:
    """Make this session's stand-in IdP (the `stand_in_idp` fixture calls this once)."""
    global _session_idp  # one IdP per test session, like one DigiD
    idp = StandInIdp(
        directory=directory,
        sp=make_key_files(directory, "sp", "Open Loket SP signing - TEST ONLY"),
        sp_next=make_key_files(directory, "sp-next", "Open Loket SP next signing - TEST ONLY"),
        idp=make_key_files(directory, "idp", "Stand-in IdP - TEST ONLY"),
    )
    idp.write_metadata(idp.metadata_file)
    _session_idp = idp
    return idp


def session_idp() -> StandInIdp:
    """The stand-in IdP of this session, for helpers that sign as the IdP."""
    if _session_idp is None:
        raise RuntimeError("No stand-in IdP: use the stand_in_idp fixture (identity/tests).")
    return _session_idp
