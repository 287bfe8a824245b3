"""SAML endpoints without a language prefix: ACS, metadata, single logout."""

from __future__ import annotations

import base64
import binascii
import logging

from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from identity.digid_session import SESSION_NAME_ID_KEY, log_in_citizen
from identity.saml import artifact
from identity.saml.authn import SESSION_TOKEN_KEY
from identity.saml.config import BINDING_ARTIFACT, BINDING_POST
from identity.saml.logout import LOGOUT_LANDING_KEY, PENDING_LOGOUT_KEY, process_idp_message
from identity.saml.sp_metadata import sp_metadata_xml
from identity.saml.validation import LoginCancelled, LoginFailed, validate_response
from identity.views.acting import after_login_url

logger = logging.getLogger("identity.saml")
MAX_MESSAGE_BYTES = 256 * 1024


def _read_message(request) -> tuple[bytes, str]:
    data = request.POST if request.method == "POST" else request.GET
    if "SAMLart" in data:
        return artifact.resolve(data["SAMLart"]), BINDING_ARTIFACT
    if request.method == "POST" and "SAMLResponse" in data:
        raw = data["SAMLResponse"]
        if len(raw) > MAX_MESSAGE_BYTES:
            raise LoginFailed("too-large")
        try:
            return base64.b64decode(raw, validate=True), BINDING_POST
        except (binascii.Error, ValueError) as exc:
            raise LoginFailed("encoding") from exc
    raise LoginFailed("no-message")


# The IdP posts here from its own origin: no CSRF token possible. The pending
# request bound to this session (validation.claim_pending) does that job.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def acs(request):
    try:
        xml, binding = _read_message(request)
        identity = validate_response(xml, request=request, binding=binding)
        log_in_citizen(request=request, identity=identity)
    except LoginCancelled:
        logger.info("DigiD login cancelled by the citizen")
        return redirect("identity:login_cancelled")
    except LoginFailed as exc:
        # The reason is a short code; never the BSN or the message itself.
        logger.warning("DigiD login failed: %s", exc.reason)
        return redirect("identity:login_failed")
    except Exception as exc:
        logger.warning("DigiD login failed: unexpected %s", type(exc).__name__)
        return redirect("identity:login_failed")
    request.session.pop(SESSION_TOKEN_KEY, None)
    # Someone who may act for others chooses first (issue 19), then goes on.
    return redirect(after_login_url(request, identity.next_url))


@require_GET
def metadata(request):
    return HttpResponse(sp_metadata_xml(), content_type="application/samlmetadata+xml")


@require_GET
def single_logout(request):
    """Single logout over HTTP-Redirect: the IdP's answer to our LogoutRequest, or
    its own LogoutRequest when the citizen logged out elsewhere."""
    if "SAMLRequest" not in request.GET and "SAMLResponse" not in request.GET:
        return redirect("/")
    url = process_idp_message(
        get=request.GET.dict(),
        request_id=request.session.pop(PENDING_LOGOUT_KEY, None),
        session_name_id=request.session.get(SESSION_NAME_ID_KEY),
        end_session=lambda: logout(request),
    )
    if "SAMLRequest" in request.GET and url:
        return redirect(url)
    # Our own value (logout view), never one from the request.
    return redirect(request.session.pop(LOGOUT_LANDING_KEY, None) or "/")
