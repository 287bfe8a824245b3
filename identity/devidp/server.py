"""The pysaml2 side of the development IdP: configuration, metadata, messages."""

from __future__ import annotations

import functools
import shutil

from lxml import etree
from saml2 import (
    BINDING_HTTP_ARTIFACT,
    BINDING_HTTP_POST,
    BINDING_HTTP_REDIRECT,
    BINDING_SOAP,
    class_name,
)
from saml2 import saml as saml_ns
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.s_utils import sid, success_status_factory
from saml2.samlp import ArtifactResponse
from saml2.server import Server
from saml2.sigver import pre_signature_part
from saml2.time_util import instant
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from .address import base_url, idp_entity_id
from .devkeys import dev_key_pair


def _config(*, sp_metadata: bytes | None) -> IdPConfig:
    key_file, cert_file = dev_key_pair("idp")
    base = base_url()
    conf = {
        "entityid": idp_entity_id(),
        "xmlsec_binary": shutil.which("xmlsec1"),
        "key_file": str(key_file),
        "cert_file": str(cert_file),
        "signing_algorithm": SIG_RSA_SHA256,
        "digest_algorithm": DIGEST_SHA256,
        "delete_tmpfiles": True,
        "service": {
            "idp": {
                "name": "Open Loket development IdP (DEVELOPMENT ONLY)",
                "endpoints": {
                    "single_sign_on_service": [(base + "sso/", BINDING_HTTP_REDIRECT)],
                    "single_logout_service": [(base + "slo/", BINDING_HTTP_REDIRECT)],
                    "artifact_resolution_service": [(base + "artifact/", BINDING_SOAP, 0)],
                },
                "want_authn_requests_signed": True,
                "sign_assertion": True,
                "policy": {"default": {"lifetime": {"minutes": 5}}},
            }
        },
    }
    if sp_metadata is not None:
        conf["metadata"] = {"inline": [sp_metadata.decode()]}
    config = IdPConfig()
    config.load(conf)
    return config


def idp_metadata_xml() -> bytes:
    # Keyed on the certificate too: a new key pair (another key folder) is new metadata.
    _, cert_file = dev_key_pair("idp")
    return _idp_metadata_for(idp_entity_id(), cert_file.read_bytes())


@functools.lru_cache(maxsize=4)
def _idp_metadata_for(entity_id: str, cert_pem: bytes) -> bytes:
    return str(entity_descriptor(_config(sp_metadata=None))).encode()


def server() -> Server:
    """The pysaml2 Server, knowing our SP from its metadata (rebuilt when either changes)."""
    from identity.saml.config import published_certs, sp_entity_id

    return _server_for(base_url(), sp_entity_id(), tuple(published_certs()))


@functools.lru_cache(maxsize=4)
def _server_for(idp_base: str, sp_entity: str, sp_certs: tuple[str, ...]) -> Server:
    from identity.saml.sp_metadata import sp_metadata_xml

    return Server(config=_config(sp_metadata=sp_metadata_xml()))


def artifact_response_xml(*, in_response_to: str, response_xml: bytes) -> bytes:
    """A signed ArtifactResponse around a (signed) Response, as pysaml2 signs it."""
    idp = server()
    message = ArtifactResponse(
        id=sid(),
        in_response_to=in_response_to,
        issue_instant=instant(),
        version="2.0",
        issuer=saml_ns.Issuer(text=idp_entity_id(), format=saml_ns.NAMEID_FORMAT_ENTITY),
        status=success_status_factory(),
    )
    message.signature = pre_signature_part(
        message.id, idp.sec.my_cert, 1, digest_alg=DIGEST_SHA256, sign_alg=SIG_RSA_SHA256
    )
    # pysaml2 cannot embed an already-signed Response without re-serialising it
    # (which would break its signature), so the Response is added as XML.
    root = etree.fromstring(str(message).encode())
    root.append(etree.fromstring(response_xml))
    signed = idp.sec.sign_statement(
        etree.tostring(root).decode(), node_name=class_name(message), node_id=message.id
    )
    return signed.encode() if isinstance(signed, str) else signed


RESPONSE_BINDINGS = (BINDING_HTTP_ARTIFACT, BINDING_HTTP_POST)
