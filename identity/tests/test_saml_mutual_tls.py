"""The artifact back channel over real mutual TLS: a local HTTPS server that
demands a client certificate from a test CA. Checks that our requests call
presents the certificate and pins the IdP's chain with DIGID_TLS_CA_BUNDLE."""

from __future__ import annotations

import dataclasses
import datetime as dt
import ipaddress
import logging
import ssl
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from identity.saml import artifact
from identity.saml.validation import LoginFailed


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _cert(
    subject_key,
    common_name,
    *,
    issuer_key=None,
    issuer_name=None,
    ca=False,
    san=None,
    key_usage=True,
):
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer_name or name)
        .public_key(subject_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        # Python 3.13 verifies strictly (RFC 5280): key identifiers are required.
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(subject_key.public_key()), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(
                (issuer_key or subject_key).public_key()
            ),
            critical=False,
        )
    )
    if ca and key_usage:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    return builder.sign(issuer_key or subject_key, hashes.SHA256())


def _write(path, key, cert):
    path.with_suffix(".key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.with_suffix(".crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(path.with_suffix(".crt")), str(path.with_suffix(".key"))


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    base = tmp_path_factory.mktemp("pki")
    ca_key = _key()
    ca_cert = _cert(ca_key, "Test IdP CA", ca=True)
    ca_file, _ = _write(base / "ca", ca_key, ca_cert)
    server_key = _key()
    server_cert = _cert(
        server_key,
        "localhost",
        issuer_key=ca_key,
        issuer_name=ca_cert.subject,
        san=[x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))],
    )
    server_files = _write(base / "server", server_key, server_cert)
    client_key = _key()
    client_cert = _cert(client_key, "Open Loket SP", issuer_key=ca_key, issuer_name=ca_cert.subject)
    client_files = _write(base / "client", client_key, client_cert)
    other_key = _key()
    other_ca_file, _ = _write(base / "other-ca", other_key, _cert(other_key, "Other CA", ca=True))
    # A CA without the key usage extension (RFC 5280 4.2.1.3), which Python 3.13
    # refuses: the reason must reach the log (issue 14).
    bare_key = _key()
    bare_ca = _cert(bare_key, "CA without key usage", ca=True, key_usage=False)
    bare_ca_file, _ = _write(base / "bare-ca", bare_key, bare_ca)
    bare_server_key = _key()
    bare_server = _cert(
        bare_server_key,
        "localhost",
        issuer_key=bare_key,
        issuer_name=bare_ca.subject,
        san=[x509.DNSName("localhost")],
    )
    return {
        "bare_ca": bare_ca_file,
        "bare_server": _write(base / "bare-server", bare_server_key, bare_server),
        "ca": ca_file,
        "other_ca": other_ca_file,
        "server": server_files,
        "client": client_files,
    }


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        peer = self.connection.getpeercert()
        subject = dict(item[0] for item in peer["subject"])
        self.rfile.read(int(self.headers["Content-Length"]))
        body = f"hello {subject['commonName']}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _serve(pki, server_files):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*server_files)
    context.load_verify_locations(pki["ca"])
    context.verify_mode = ssl.CERT_REQUIRED
    server = HTTPServer(("127.0.0.1", 0), _Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"https://localhost:{server.server_address[1]}/ars"


@pytest.fixture
def idp_server(pki):
    server, url = _serve(pki, pki["server"])
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def bare_ca_server(pki):
    server, url = _serve(pki, pki["bare_server"])
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def tls_settings(settings, pki):
    settings.DIGID_ARTIFACT_TLS_REQUIRED = True
    settings.DIGID_TLS_CLIENT_CERT_FILE, settings.DIGID_TLS_CLIENT_KEY_FILE = pki["client"]
    settings.DIGID_TLS_CA_BUNDLE = pki["ca"]
    return settings


def test_client_certificate_is_presented_and_chain_is_pinned(idp_server, tls_settings):
    assert artifact._post(idp_server, b"<x/>") == b"hello Open Loket SP"


def test_server_outside_the_pinned_ca_bundle_is_refused(idp_server, tls_settings, pki):
    tls_settings.DIGID_TLS_CA_BUNDLE = pki["other_ca"]
    with pytest.raises(LoginFailed, match="artifact-transport"):
        artifact._post(idp_server, b"<x/>")


def test_without_client_certificate_the_idp_refuses_us(idp_server, tls_settings):
    # Only possible with the development switch; the IdP then ends the handshake.
    tls_settings.DIGID_ARTIFACT_TLS_REQUIRED = False
    tls_settings.DIGID_TLS_CLIENT_CERT_FILE = ""
    with pytest.raises(LoginFailed, match="artifact-transport"):
        artifact._post(idp_server, b"<x/>")


def test_tls_failure_reason_is_logged_without_secrets(
    bare_ca_server, tls_settings, pki, client, caplog, monkeypatch
):
    """Issue 14: the log said only "artifact-transport: SSLError"."""
    from identity.saml.artifact import encode_artifact
    from identity.saml.idp_metadata import current_idp

    tls_settings.DIGID_TLS_CA_BUNDLE = pki["bare_ca"]
    idp = current_idp()
    monkeypatch.setattr(
        artifact,
        "current_idp",
        lambda: dataclasses.replace(idp, artifact_resolution={0: bare_ca_server}),
    )
    saml_art = encode_artifact(idp.entity_id, endpoint_index=0)
    with caplog.at_level(logging.WARNING, logger="identity.saml"):
        response = client.get("/digid/acs/", {"SAMLart": saml_art})
    assert response["Location"].endswith("/inloggen/mislukt/")
    assert (
        "DigiD login failed: artifact-transport: SSLError: "
        "CA cert does not include key usage extension" in caplog.text
    )
    assert saml_art not in caplog.text
    for path in (*pki["client"], pki["bare_ca"]):
        assert Path(path).read_text().splitlines()[1] not in caplog.text


def test_other_tls_failures_name_their_reason(idp_server, tls_settings, pki):
    tls_settings.DIGID_TLS_CA_BUNDLE = pki["other_ca"]
    with pytest.raises(LoginFailed) as refused:
        artifact._post(idp_server, b"<x/>")
    # OpenSSL's words vary with the chain ("unable to get local issuer certificate",
    # "self-signed certificate in certificate chain"); the reason is there.
    assert refused.value.reason.startswith("artifact-transport: SSLError: ")
    assert "certificate" in refused.value.reason.removeprefix("artifact-transport: SSLError")


def test_connection_refused_names_its_reason(tls_settings):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(LoginFailed) as refused:
        artifact._post(f"https://127.0.0.1:{port}/ars", b"<x/>")
    assert refused.value.reason == "artifact-transport: ConnectionError: Connection refused"
