"""Our SP (python3-saml) logs in through the development IdP (pysaml2) over real
HTTP against a live server, with both response bindings. The Artifact binding
includes the SP's ArtifactResolve back-channel call to the IdP."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from identity.access_log import AccessAction, AccessLogEntry
from identity.loa import LevelOfAssurance
from identity.models import User

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.devidp]


def _field(page: str, name: str) -> str:
    match = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page)
    assert match, f"no field {name}"
    return html.unescape(match.group(1))


@pytest.fixture
def portal(live_server, move_dev_idp):
    move_dev_idp(portal=live_server.url)
    return live_server.url


def _start(session: requests.Session, base: str, *, next_url="/", niveau="basis"):
    page = session.get(f"{base}/inloggen/", params={"next": next_url, "niveau": niveau})
    assert page.status_code == 200
    return session.post(
        f"{base}/inloggen/digid/",
        data={
            "csrfmiddlewaretoken": _field(page.text, "csrfmiddlewaretoken"),
            "next": next_url,
            "niveau": niveau,
        },
        allow_redirects=False,
    )


def _pick(session, idp_page, *, citizen="999993653", level=LevelOfAssurance.BASIS, **extra):
    # The IdP keeps the AuthnRequest in its session; its page carries only the form.
    assert "/ontwikkel-idp/" in idp_page.url
    data = {"csrfmiddlewaretoken": _field(idp_page.text, "csrfmiddlewaretoken")}
    data.update({"citizen": citizen, "level": str(int(level)), **extra})
    return session.post(idp_page.url, data=data, allow_redirects=False)


def test_login_over_the_artifact_binding(portal, home_page):
    session = requests.Session()
    start = _start(session, portal, next_url="/", niveau="midden")
    assert start.status_code == 302
    sso = urlsplit(start.headers["Location"])
    query = parse_qs(sso.query)
    # Signed AuthnRequest over HTTP-Redirect, RSA-SHA256.
    assert query["SigAlg"] == ["http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"]
    assert "Signature" in query
    idp_page = session.get(start.headers["Location"])
    assert idp_page.status_code == 200
    assert "Midden" in idp_page.text  # the requested level is shown

    answer = _pick(session, idp_page, level=LevelOfAssurance.SUBSTANTIEEL)
    assert answer.status_code == 302
    acs = urlsplit(answer.headers["Location"])
    assert acs.path == "/digid/acs/"
    assert "SAMLart" in parse_qs(acs.query)

    done = session.get(answer.headers["Location"], allow_redirects=False)
    assert done.status_code == 302
    assert done.headers["Location"] == "/"

    citizen = User.objects.get(bsn="999993653")
    assert "999993653" not in citizen.username
    assert not citizen.has_usable_password()
    entry = AccessLogEntry.objects.for_subject("999993653").get(action=AccessAction.LOGGED_IN)
    assert entry.detail == {"level": "substantieel"}
    # Personal pages show who is logged in (public pages are the same for everyone).
    mine = session.get(f"{portal}/mijn/")
    assert "Uitloggen" in mine.text


def test_login_over_the_post_binding(portal, settings):
    settings.DIGID_RESPONSE_BINDING = "post"
    session = requests.Session()
    start = _start(session, portal, next_url="/")
    idp_page = session.get(start.headers["Location"])
    answer = _pick(session, idp_page)
    assert answer.status_code == 200
    assert 'id="saml-post-form"' in answer.text
    done = session.post(
        f"{portal}/digid/acs/",
        data={"SAMLResponse": _field(answer.text, "SAMLResponse")},
        allow_redirects=False,
    )
    assert done.status_code == 302
    assert done.headers["Location"] == "/"
    assert User.objects.filter(bsn="999993653").exists()


def test_cancel_at_the_idp_shows_the_cancel_page(portal):
    session = requests.Session()
    start = _start(session, portal)
    idp_page = session.get(start.headers["Location"])
    answer = _pick(session, idp_page, cancel="1")
    done = session.get(answer.headers["Location"], allow_redirects=False)
    assert done.status_code == 302
    assert done.headers["Location"].endswith("/inloggen/geannuleerd/")
    assert not User.objects.filter(bsn="999993653").exists()


def test_logout_sends_a_logout_request_to_the_idp(portal, home_page, caplog):
    session = requests.Session()
    start = _start(session, portal)
    answer = _pick(session, session.get(start.headers["Location"]))
    session.get(answer.headers["Location"])
    mine = session.get(f"{portal}/mijn/")
    logout = session.post(
        f"{portal}/uitloggen/",
        data={"csrfmiddlewaretoken": _field(mine.text, "csrfmiddlewaretoken")},
        allow_redirects=False,
    )
    assert logout.status_code == 302
    assert urlsplit(logout.headers["Location"]).path == "/digid/dev-idp/slo/"
    back = session.get(logout.headers["Location"], allow_redirects=False)
    assert urlsplit(back.headers["Location"]).path == "/digid/slo/"
    final = session.get(back.headers["Location"])
    assert final.status_code == 200
    assert "Uitloggen" not in final.text
    # The IdP's signed LogoutResponse was checked and accepted.
    assert not [r for r in caplog.records if "logout message" in r.getMessage()]
