"""Single logout started by the IdP: a signed LogoutRequest (made by the
stand-in IdP, and once by pysaml2) ends the local session and gets a signed
LogoutResponse; an unsigned one does not."""

import base64
import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from identity.saml.models import PendingAuthnRequest
from identity.tests.saml_factory import build_response, logout_request_url
from identity.tests.saml_fixtures import SLO_PATH

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_in(client, settings):
    settings.DIGID_RESPONSE_BINDING = "post"
    client.post("/inloggen/digid/", {"next": "/", "niveau": "basis"})
    pending = PendingAuthnRequest.objects.latest("id")
    xml = build_response(in_response_to=pending.request_id)
    client.post("/digid/acs/", {"SAMLResponse": base64.b64encode(xml).decode()})
    assert "_auth_user_id" in client.session
    return client


def _idp_logout_url(*, sign: bool, name_id: str = "s00000000:999993653") -> str:
    return logout_request_url(name_id=name_id, sign=sign)


def _pysaml2_logout_url(*, sign: bool, name_id: str = "s00000000:999993653") -> str:
    from saml2 import BINDING_HTTP_REDIRECT
    from saml2.saml import NAMEID_FORMAT_UNSPECIFIED, NameID
    from saml2.xmldsig import SIG_RSA_SHA256

    from identity.devidp.server import server
    from identity.saml.config import slo_url, sp_entity_id

    idp = server()
    _, message = idp.create_logout_request(
        slo_url(),
        sp_entity_id(),
        name_id=NameID(format=NAMEID_FORMAT_UNSPECIFIED, text=name_id),
        sign=False,
    )
    info = idp.apply_binding(
        BINDING_HTTP_REDIRECT, str(message), slo_url(), "", sign=sign, sigalg=SIG_RSA_SHA256
    )
    location = urlsplit(dict(info["headers"])["Location"])
    return f"{location.path}?{location.query}"


def test_signed_idp_logout_request_ends_the_session(logged_in):
    response = logged_in.get(_idp_logout_url(sign=True))
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == SLO_PATH
    assert {"SAMLResponse", "Signature", "SigAlg"} <= set(parse_qs(target.query))
    assert "_auth_user_id" not in logged_in.session


@pytest.mark.devidp
def test_logout_request_made_by_pysaml2_ends_the_session(client):
    """Interop: the development IdP (pysaml2) signs the redirect its own way."""
    from identity.digid_session import SESSION_NAME_ID_KEY
    from identity.tests.conftest import log_in
    from identity.tests.factories import CitizenFactory

    log_in(client, CitizenFactory(bsn="999993653"))
    session = client.session
    session[SESSION_NAME_ID_KEY] = "s00000000:999993653"
    session.save()
    response = client.get(_pysaml2_logout_url(sign=True))
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == "/digid/dev-idp/slo/"
    assert {"SAMLResponse", "Signature", "SigAlg"} <= set(parse_qs(target.query))
    assert "_auth_user_id" not in client.session


def test_unsigned_idp_logout_request_is_refused(logged_in):
    response = logged_in.get(_idp_logout_url(sign=False))
    assert response["Location"] == "/"
    assert "_auth_user_id" in logged_in.session


def test_logout_request_for_someone_else_keeps_the_session(logged_in):
    response = logged_in.get(_idp_logout_url(sign=True, name_id="s00000000:999990019"))
    assert urlsplit(response["Location"]).path == SLO_PATH
    assert "_auth_user_id" in logged_in.session


def test_garbage_on_the_logout_endpoint_is_not_a_500(client):
    response = client.get("/digid/slo/", {"SAMLRequest": "%%%"})
    assert response.status_code == 302
    response = client.get("/digid/slo/", {"SAMLResponse": "bm9wZQ=="})
    assert response.status_code == 302


def _log_in_again(client):
    client.post("/inloggen/digid/", {"next": "/", "niveau": "basis"})
    pending = PendingAuthnRequest.objects.latest("id")
    xml = build_response(in_response_to=pending.request_id)
    client.post("/digid/acs/", {"SAMLResponse": base64.b64encode(xml).decode()})
    assert "_auth_user_id" in client.session


def test_a_used_logout_request_cannot_end_a_later_session(logged_in, caplog):
    """Issue 14: a signed LogoutRequest replayed within its validity window."""
    url = _idp_logout_url(sign=True)
    assert urlsplit(logged_in.get(url)["Location"]).path == SLO_PATH
    assert "_auth_user_id" not in logged_in.session

    _log_in_again(logged_in)
    replay = logged_in.get(url)
    assert replay["Location"] == "/"  # refused: no LogoutResponse either
    assert "_auth_user_id" in logged_in.session
    assert "DigiD logout message refused: ReplayedMessage" in caplog.text


def test_logout_request_ids_live_in_the_shared_replay_cache(logged_in):
    from identity.saml.logout import CLOCK_DRIFT, LOGOUT_REQUEST_MAX_AGE
    from identity.saml.models import SeenSamlMessage

    logged_in.get(_idp_logout_url(sign=True))
    seen = SeenSamlMessage.objects.get(message_id__startswith="logout-request:")
    remaining = seen.expires_at - timezone.now()
    assert LOGOUT_REQUEST_MAX_AGE < remaining <= LOGOUT_REQUEST_MAX_AGE + CLOCK_DRIFT


def test_a_stale_logout_request_is_refused(logged_in, monkeypatch, caplog):
    """Without a NotOnOrAfter a request would be valid forever; IssueInstant bounds it."""
    from identity.saml import logout

    url = _idp_logout_url(sign=True)
    later = (
        timezone.now()
        + logout.LOGOUT_REQUEST_MAX_AGE
        + logout.CLOCK_DRIFT
        + dt.timedelta(seconds=5)
    )
    monkeypatch.setattr(logout.timezone, "now", lambda: later)
    assert logged_in.get(url)["Location"] == "/"
    assert "_auth_user_id" in logged_in.session
    assert "DigiD logout message refused: StaleLogoutRequest" in caplog.text
