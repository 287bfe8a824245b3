"""Single logout (SAML profiles 4.4): we end the local session first, then send a
signed LogoutRequest over HTTP-Redirect when the IdP has a logout endpoint."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.logout_request import OneLogin_Saml2_Logout_Request
from onelogin.saml2.utils import OneLogin_Saml2_Utils
from onelogin.saml2.xml_utils import OneLogin_Saml2_XML

from .config import SLO_PATH, request_data_for, saml_settings
from .replay import ReplayedMessage, remember_once

logger = logging.getLogger("identity.saml")
PENDING_LOGOUT_KEY = "digid_logout_request"
# Where the browser goes once the IdP answered our LogoutRequest (the home page
# in the citizen's language); set by the logout view.
LOGOUT_LANDING_KEY = "digid_logout_landing"
# An IdP's LogoutRequest is accepted within this time of its IssueInstant, and its
# ID is kept in the replay cache for that long (plus the clock drift allowed), so
# a used request cannot end a later session (SAML core 3.7.1, profiles 4.4).
LOGOUT_REQUEST_MAX_AGE = dt.timedelta(minutes=10)
CLOCK_DRIFT = dt.timedelta(minutes=2)


class StaleLogoutRequest(Exception):
    pass


def remember_logout_request(xml: str | bytes, *, now: dt.datetime) -> None:
    """Accept a (validated) LogoutRequest once, and only while it is fresh."""
    root = OneLogin_Saml2_XML.to_etree(xml)
    issued = dt.datetime.fromtimestamp(
        OneLogin_Saml2_Utils.parse_SAML_to_time(root.get("IssueInstant")), tz=dt.UTC
    )
    if not (now - LOGOUT_REQUEST_MAX_AGE - CLOCK_DRIFT <= issued <= now + CLOCK_DRIFT):
        raise StaleLogoutRequest("IssueInstant outside the accepted window")
    remember_once(
        message_ids=[f"logout-request:{root.get('ID')}"],
        expires_at=issued + LOGOUT_REQUEST_MAX_AGE + CLOCK_DRIFT,
    )


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


def process_idp_message(
    *, get: dict, request_id: str | None, session_name_id: str | None, end_session
) -> str | None:
    """Handle what the IdP sends to our SLO endpoint over HTTP-Redirect.

    - its LogoutResponse to our LogoutRequest: checked (signature, InResponseTo);
      the local session already ended, so this only matters for the log;
    - its own LogoutRequest (logout elsewhere): checked, accepted once and only
      within LOGOUT_REQUEST_MAX_AGE of its IssueInstant (replay cache), the local
      session ends when it belongs to the NameID named, and the returned URL
      carries our signed LogoutResponse back to the IdP.
    Unsigned messages are refused (wantMessagesSigned). Returns None when refused.
    """
    try:
        saml = saml_settings(want_messages_signed=True)
        auth = OneLogin_Saml2_Auth(request_data_for(SLO_PATH, get=get), saml)
        if "SAMLRequest" in get:
            xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(get["SAMLRequest"])
            name_id = OneLogin_Saml2_Logout_Request.get_nameid(xml)

            def end_if_fresh_and_same_person():
                # Called by python3-saml only once signature, issuer, destination
                # and NotOnOrAfter passed; a replay raises before anything ends.
                remember_logout_request(xml, now=timezone.now())
                if session_name_id and name_id == session_name_id:
                    end_session()

            url = auth.process_slo(delete_session_cb=end_if_fresh_and_same_person)
        else:
            url = auth.process_slo(keep_local_session=True, request_id=request_id)
    except (ReplayedMessage, StaleLogoutRequest) as exc:
        logger.warning("DigiD logout message refused: %s", type(exc).__name__)
        return None
    except Exception as exc:  # a broken message must not turn logout into a 500
        logger.warning("DigiD logout message could not be read: %s", type(exc).__name__)
        return None
    if auth.get_errors():
        logger.warning("DigiD logout message refused: %s", ", ".join(auth.get_errors()))
        return None
    return url
