"""Single logout (SAML profiles 4.4): we end the local session first, then send a
signed LogoutRequest over HTTP-Redirect when the IdP has a logout endpoint."""

from __future__ import annotations

import logging

from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.logout_request import OneLogin_Saml2_Logout_Request
from onelogin.saml2.logout_response import OneLogin_Saml2_Logout_Response
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from .config import SLO_PATH, request_data_for, saml_settings

logger = logging.getLogger("identity.saml")
PENDING_LOGOUT_KEY = "digid_logout_request"


def logout_request_url(*, name_id: str, session_index: str | None) -> tuple[str, str] | None:
    """(request ID, IdP redirect URL), or None when the IdP has no logout endpoint."""
    saml = saml_settings()
    slo = saml.get_idp_slo_url()
    if not slo:
        return None
    message = OneLogin_Saml2_Logout_Request(saml, name_id=name_id, session_index=session_index)
    parameters = {"SAMLRequest": message.get_request()}
    auth = OneLogin_Saml2_Auth(request_data_for("/"), saml)
    auth.add_request_signature(parameters, saml.get_security_data()["signatureAlgorithm"])
    return message.id, OneLogin_Saml2_Utils.redirect(slo, parameters)


def logout_response_is_valid(*, get: dict, request_id: str | None) -> bool:
    """Check the IdP's LogoutResponse. The local session is gone either way; this is for the log."""
    try:
        response = OneLogin_Saml2_Logout_Response(saml_settings(), get.get("SAMLResponse"))
        return bool(
            request_id
            and response.is_valid(request_data_for(SLO_PATH, get=get), request_id=request_id)
        )
    except Exception:  # a broken response must not turn logout into a 500
        logger.warning("DigiD logout response could not be read")
        return False
