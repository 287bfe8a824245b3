"""Everything we check on a SAML Response, beyond python3-saml's strict mode.

python3-saml (strict, wantAssertionsSigned, rejectDeprecatedAlgorithm) checks the
schema, signatures, issuer, timestamps and status. It accepts, and we refuse:
a missing or empty Audience, a missing Destination, a Recipient that merely
contains our ACS URL, an unsolicited response or one to a request of another
session, a replayed response or assertion, a level below the one requested,
and a NameID that is not "s00000000:<BSN>" with a BSN that passes the elfproef.
Any exception while parsing or checking becomes LoginFailed, never a 500.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
import re
from dataclasses import dataclass

from django.utils import timezone
from onelogin.saml2.constants import OneLogin_Saml2_Constants as C
from onelogin.saml2.response import OneLogin_Saml2_Response
from onelogin.saml2.utils import OneLogin_Saml2_Utils
from onelogin.saml2.xml_utils import OneLogin_Saml2_XML

from identity.bsn import is_valid_bsn
from identity.loa import LevelOfAssurance

from .authn import SESSION_TOKEN_KEY
from .config import ACS_PATH, acs_url, request_data_for, saml_settings, sp_entity_id
from .models import PendingAuthnRequest
from .pending import take_pending
from .replay import ReplayedMessage, remember_once

logger = logging.getLogger("identity.saml")

# DigiD koppelvlakspecificatie: NameID is the sector code for BSN, a colon, the BSN.
NAMEID_PATTERN = re.compile(r"s00000000:([0-9]{9})")
# DigiD answers a cancel with Responder / AuthnFailed (koppelvlakspecificatie, "Foutafhandeling").
STATUS_AUTHN_FAILED = "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"
# Fallback lifetime for the replay cache when a message names no NotOnOrAfter.
REPLAY_FALLBACK = dt.timedelta(minutes=15)


class LoginFailed(Exception):
    """The login did not succeed. `reason` is a short code for the log (never a BSN)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class LoginCancelled(LoginFailed):
    pass


@dataclass(frozen=True)
class DigidIdentity:
    bsn: str
    level: LevelOfAssurance
    next_url: str
    name_id: str
    session_index: str | None


def validate_response(xml: bytes, *, request, binding: str) -> DigidIdentity:
    try:
        return _validate(xml, request=request, binding=binding)
    except LoginFailed:
        raise
    except ReplayedMessage as exc:
        raise LoginFailed("replayed") from exc
    except Exception as exc:
        raise LoginFailed(f"invalid: {type(exc).__name__}: {_safe(str(exc))}") from exc


def _safe(message: str) -> str:
    """Library messages may quote values from the response; keep digits runs out of logs."""
    return re.sub(r"[0-9]{8,}", "<digits>", message)[:300]


def claim_pending(request, in_response_to: str | None) -> PendingAuthnRequest:
    """Take the pending request this response answers, for this session only, once."""
    if not in_response_to:
        raise LoginFailed("unsolicited")
    token = request.session.get(SESSION_TOKEN_KEY)
    # Found and deleted in one statement: of two racing servers only one wins.
    pending = take_pending(
        request_id=in_response_to, session_token=token or "-", now=timezone.now()
    )
    if pending is None:
        raise LoginFailed("unknown-request")
    return pending


def _validate(xml: bytes, *, request, binding: str) -> DigidIdentity:
    # DTDs and entities are refused by the parser (python3-saml's to_etree).
    document = OneLogin_Saml2_XML.to_etree(xml)
    pending = claim_pending(request, document.get("InResponseTo"))
    if binding != pending.binding:
        raise LoginFailed("wrong-binding")
    status = OneLogin_Saml2_Utils.get_status(document)
    if status.get("code") != C.STATUS_SUCCESS:
        sub_code = _sub_status(document)
        if sub_code == STATUS_AUTHN_FAILED:
            raise LoginCancelled("cancelled")
        raise LoginFailed(f"status: {_safe(status.get('code') or '')} {_safe(sub_code or '')}")

    requested = LevelOfAssurance(pending.level)
    settings_ = saml_settings(level=requested, binding=pending.binding)
    response = OneLogin_Saml2_Response(settings_, base64.b64encode(xml).decode("ascii"))
    response.is_valid(
        request_data_for(ACS_PATH), request_id=pending.request_id, raise_exceptions=True
    )

    _check_destination(document)
    _check_audience(response)
    _check_subject_confirmation(response, request_id=pending.request_id)
    level = _check_level(response, requested=requested)
    bsn = _check_name_id(response)
    # Duplicate attributes raise only when read (allowRepeatAttributeName=False).
    response.get_attributes()
    remember_once(
        message_ids=[f"response:{response.get_id()}", f"assertion:{response.get_assertion_id()}"],
        expires_at=_not_on_or_after(response),
    )
    return DigidIdentity(
        bsn=bsn,
        level=level,
        next_url=pending.next_url,
        name_id=response.get_nameid(),
        session_index=response.get_session_index(),
    )


def _sub_status(document) -> str | None:
    nodes = OneLogin_Saml2_XML.query(
        document, "/samlp:Response/samlp:Status/samlp:StatusCode/samlp:StatusCode"
    )
    return nodes[0].get("Value") if nodes else None


def _check_destination(document) -> None:
    # SAML bindings 3.5.5.2 / 3.6.5.2: a signed message must carry Destination,
    # and it must be exactly where we received it.
    if document.get("Destination") != acs_url():
        raise LoginFailed("destination")


def _check_audience(response: OneLogin_Saml2_Response) -> None:
    nodes = response._query_assertion("/saml:Conditions/saml:AudienceRestriction/saml:Audience")
    audiences = [(OneLogin_Saml2_XML.element_text(node) or "").strip() for node in nodes]
    if not audiences or any(audience != sp_entity_id() for audience in audiences):
        raise LoginFailed("audience")


def _check_subject_confirmation(response: OneLogin_Saml2_Response, *, request_id: str) -> None:
    nodes = response._query_assertion(
        "/saml:Subject/saml:SubjectConfirmation/saml:SubjectConfirmationData"
    )
    if not nodes:
        raise LoginFailed("subject-confirmation")
    for node in nodes:
        if node.get("Recipient") != acs_url() or node.get("InResponseTo") != request_id:
            raise LoginFailed("recipient")


def _check_level(response: OneLogin_Saml2_Response, *, requested: LevelOfAssurance):
    contexts = response.get_authn_contexts()
    level = LevelOfAssurance.from_class_ref(contexts[0]) if len(contexts) == 1 else None
    # "minimum" comparison: the same or a higher level is fine, a lower one is not.
    if level is None or level < requested:
        raise LoginFailed("level")
    return level


def _check_name_id(response: OneLogin_Saml2_Response) -> str:
    match = NAMEID_PATTERN.fullmatch(response.get_nameid() or "")
    if not match or not is_valid_bsn(match.group(1)):
        raise LoginFailed("nameid")
    return match.group(1)


def _not_on_or_after(response: OneLogin_Saml2_Response) -> dt.datetime:
    moments = [response.get_assertion_not_on_or_after()]
    conditions = response._query_assertion("/saml:Conditions[@NotOnOrAfter]")
    if conditions:
        moments.append(OneLogin_Saml2_Utils.parse_SAML_to_time(conditions[0].get("NotOnOrAfter")))
    latest = max((m for m in moments if m), default=None)
    if latest is None:
        return timezone.now() + REPLAY_FALLBACK
    return dt.datetime.fromtimestamp(latest, tz=dt.UTC)
