"""Development IdP pages and endpoints (pysaml2). Mounted only with DIGID_DEV_IDP on."""

from __future__ import annotations

import base64
import functools
import hashlib
import logging
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from lxml import etree
from saml2 import BINDING_HTTP_ARTIFACT, BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.saml import NAMEID_FORMAT_UNSPECIFIED, NameID
from saml2.samlp import STATUS_AUTHN_FAILED
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from identity.loa import LevelOfAssurance
from identity.saml.artifact import encode_artifact
from identity.saml.csp import origin, with_form_action

from .forms import PickCitizenForm
from .server import artifact_response_xml, idp_entity_id, idp_metadata_xml, server

logger = logging.getLogger("identity.devidp")
REQUEST_FIELDS = ("SAMLRequest", "RelayState", "SigAlg", "Signature")
ARTIFACT_TTL = 300
SESSION_REQUESTS_KEY = "devidp_pending_requests"
MAX_PENDING = 5
SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"


def _parse_authn_request(data):
    return server().parse_authn_request(
        data["SAMLRequest"],
        BINDING_HTTP_REDIRECT,
        relay_state=data.get("RelayState"),
        sigalg=data.get("SigAlg"),
        signature=data.get("Signature"),
    )


def _requested_level(message) -> LevelOfAssurance:
    context = message.requested_authn_context
    refs = [ref.text for ref in context.authn_context_class_ref] if context else []
    level = LevelOfAssurance.from_class_ref(refs[0]) if refs else None
    return level or LevelOfAssurance.BASIS


def _sp_form_action(view):
    """The IdP's pages post to themselves and then redirect (or post) to the SP's ACS
    on the portal's origin: CSP form-action must allow that origin, as the real
    DigiD's pages allow the SPs they know (identity/saml/csp.py)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        portal = origin(settings.PORTAL_BASE_URL)
        if portal:
            config = getattr(response, "_csp_config", None) or settings.SECURE_CSP
            response._csp_config = with_form_action(config, [portal])
        return response

    return wrapped


@require_GET  # our SP sends its AuthnRequest over HTTP-Redirect only
def single_sign_on(request):
    """SSO endpoint (in metadata, no language prefix): verify the AuthnRequest, keep
    it in the IdP's session and show the login page, which has a language prefix.

    Like the real DigiD, the request lives in the IdP's session, not in the page's
    URL: switching to English (a plain link to /en/...) keeps it."""
    data = request.GET
    if "SAMLRequest" not in data:
        return _error(request, _("Er is geen SAML-verzoek meegestuurd."))
    try:
        _parse_authn_request(data)
    except Exception as exc:
        logger.warning("Development IdP refused an AuthnRequest: %s", type(exc).__name__)
        return _error(request, _("Het SAML-verzoek is ongeldig of niet (goed) ondertekend."))
    handle = secrets.token_urlsafe(16)
    pending = dict(request.session.get(SESSION_REQUESTS_KEY, {}))
    pending[handle] = {name: data[name] for name in REQUEST_FIELDS if data.get(name)}
    # A few tabs at most; older requests are dropped.
    request.session[SESSION_REQUESTS_KEY] = dict(list(pending.items())[-MAX_PENDING:])
    return redirect("identity:devidp:pick", handle=handle)


@_sp_form_action
@require_http_methods(["GET", "POST"])
def pick_citizen(request, handle: str):
    data = request.session.get(SESSION_REQUESTS_KEY, {}).get(handle)
    if data is None:
        return _error(request, _("Er is geen SAML-verzoek meegestuurd."))
    try:
        message = _parse_authn_request(data).message
    except Exception as exc:
        logger.warning("Development IdP refused an AuthnRequest: %s", type(exc).__name__)
        return _error(request, _("Het SAML-verzoek is ongeldig of niet (goed) ondertekend."))
    if request.method == "POST" and "cancel" in request.POST:
        _forget(request, handle)
        return _answer(request, message, data.get("RelayState"), bsn=None, level=None)
    form = PickCitizenForm(
        request.POST if request.method == "POST" else None,
        initial={"level": int(_requested_level(message))},
    )
    if request.method == "POST" and form.is_valid():
        _forget(request, handle)
        return _answer(
            request,
            message,
            data.get("RelayState"),
            bsn=form.cleaned_data["chosen_bsn"],
            level=LevelOfAssurance(form.cleaned_data["level"]),
        )
    return render(
        request,
        "identity/devidp/pick_citizen.html",
        {"form": form, "requested_level": _requested_level(message)},
        status=400 if form.is_bound else 200,
    )


def _forget(request, handle: str) -> None:
    pending = dict(request.session.get(SESSION_REQUESTS_KEY, {}))
    pending.pop(handle, None)
    request.session[SESSION_REQUESTS_KEY] = pending


def _answer(request, message, relay_state, *, bsn: str | None, level):
    srv = server()
    binding = message.protocol_binding or BINDING_HTTP_ARTIFACT
    if binding not in (BINDING_HTTP_ARTIFACT, BINDING_HTTP_POST):
        return _error(request, _("Het SAML-verzoek vraagt een binding die deze IdP niet kent."))
    # Checks the ACS URL against the SP's metadata.
    info = srv.response_args(message, [binding])
    if bsn is None:
        response = srv.create_error_response(
            info["in_response_to"],
            info["destination"],
            (STATUS_AUTHN_FAILED, "Authentication cancelled"),
            sign=True,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
    else:
        response = srv.create_authn_response(
            identity={},
            in_response_to=info["in_response_to"],
            destination=info["destination"],
            sp_entity_id=info["sp_entity_id"],
            name_id=NameID(format=NAMEID_FORMAT_UNSPECIFIED, text=f"s00000000:{bsn}"),
            authn={"class_ref": level.class_ref, "authn_auth": idp_entity_id()},
            sign_assertion=True,
            sign_response=binding == BINDING_HTTP_POST,
            sign_alg=SIG_RSA_SHA256,
            digest_alg=DIGEST_SHA256,
        )
    xml = str(response).encode()
    if binding == BINDING_HTTP_POST:
        return render(
            request,
            "identity/devidp/post_response.html",
            {
                "action": info["destination"],
                "saml_response": base64.b64encode(xml).decode(),
                "relay_state": relay_state,
            },
        )
    artifact = encode_artifact(idp_entity_id(), endpoint_index=0)
    cache.set(_artifact_key(artifact), xml, ARTIFACT_TTL)
    query = {"SAMLart": artifact, **({"RelayState": relay_state} if relay_state else {})}
    return redirect(f"{info['destination']}?{urlencode(query)}")


def _artifact_key(artifact: str) -> str:
    return "devidp-artifact:" + hashlib.sha256(artifact.encode()).hexdigest()


@csrf_exempt
@require_POST
def artifact_resolution(request):
    """ArtifactResolve over SOAP: verify the SP's signature, answer once per artifact."""
    srv = server()
    try:
        inner = _soap_body_child(request.body)
        resolve = srv.sec.correctly_signed_message(inner, "artifact_resolve", must=True)
    except Exception as exc:
        logger.warning("Development IdP refused an ArtifactResolve: %s", type(exc).__name__)
        return HttpResponseBadRequest("invalid ArtifactResolve", content_type="text/plain")
    key = _artifact_key(resolve.artifact.text)
    response_xml = cache.get(key)
    cache.delete(key)
    if response_xml is None:
        return HttpResponseBadRequest("unknown artifact", content_type="text/plain")
    signed = artifact_response_xml(in_response_to=resolve.id, response_xml=response_xml)
    envelope = (
        b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        + _strip_declaration(signed)
        + b"</soap:Body></soap:Envelope>"
    )
    return HttpResponse(envelope, content_type="text/xml; charset=utf-8")


def _soap_body_child(body: bytes) -> str:
    """The message inside a SOAP envelope, byte-for-byte as signed.

    pysaml2's own SOAP parser re-serialises with ElementTree, which renames
    namespace prefixes and so breaks exclusive-c14n signatures; lxml keeps them.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    envelope = etree.fromstring(body, parser)
    found = envelope.xpath("/soap:Envelope/soap:Body/*", namespaces={"soap": SOAP_NS})
    if len(found) != 1:
        raise ValueError("expected one message in the SOAP body")
    return etree.tostring(found[0]).decode()


def _strip_declaration(xml: bytes) -> bytes:
    xml = xml.strip()
    return xml[xml.index(b"?>") + 2 :].lstrip() if xml.startswith(b"<?xml") else xml


def single_logout(request):
    srv = server()
    try:
        parsed = srv.parse_logout_request(
            request.GET["SAMLRequest"],
            BINDING_HTTP_REDIRECT,
            relay_state=request.GET.get("RelayState"),
            sigalg=request.GET.get("SigAlg"),
            signature=request.GET.get("Signature"),
        )
        response = srv.create_logout_response(parsed.message, [BINDING_HTTP_REDIRECT])
        destination = srv.response_args(parsed.message, [BINDING_HTTP_REDIRECT])["destination"]
        info = srv.apply_binding(
            BINDING_HTTP_REDIRECT,
            str(response),
            destination,
            request.GET.get("RelayState", ""),
            response=True,
            sign=True,
            sigalg=SIG_RSA_SHA256,
        )
    except Exception as exc:
        logger.warning("Development IdP refused a LogoutRequest: %s", type(exc).__name__)
        return _error(request, _("Het uitlogverzoek is ongeldig."))
    return redirect(dict(info["headers"])["Location"])


def metadata(request):
    return HttpResponse(idp_metadata_xml(), content_type="application/samlmetadata+xml")


@_sp_form_action
def _error(request, message: str):
    return render(request, "identity/devidp/error.html", {"message": message}, status=400)
