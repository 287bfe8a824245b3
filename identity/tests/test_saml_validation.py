"""One test per attack on the ACS. Each asserts that no session was created,
that the answer is the failure page (never a 500), and - through the log - that
the refusal came from the check the test is about."""

import base64
import logging

import pytest
from onelogin.saml2.constants import OneLogin_Saml2_Constants as C

from identity.access_log import AccessLogEntry
from identity.loa import SESSION_KEY, LevelOfAssurance
from identity.models import User
from identity.saml.models import PendingAuthnRequest, SeenSamlMessage
from identity.tests.factories import CitizenFactory, StaffUserFactory
from identity.tests.saml_factory import build_assertion, build_response, new_id
from portal.observability.json_logs import JsonFormatter

pytestmark = pytest.mark.django_db
FAILED = "/inloggen/mislukt/"


@pytest.fixture(autouse=True)
def post_binding(settings):
    settings.DIGID_RESPONSE_BINDING = "post"


def start(client, niveau="basis", next_url="/"):
    response = client.post("/inloggen/digid/", {"next": next_url, "niveau": niveau})
    assert response.status_code == 302
    return PendingAuthnRequest.objects.latest("id")


def post_acs(client, xml: bytes):
    return client.post("/digid/acs/", {"SAMLResponse": base64.b64encode(xml).decode()})


def assert_refused(client, response, caplog, reason: str):
    assert response.status_code == 302, response.status_code
    assert response["Location"] == FAILED
    assert "_auth_user_id" not in client.session
    assert SESSION_KEY not in client.session
    assert not User.objects.filter(bsn="999993653").exists()
    messages = [r.getMessage() for r in caplog.records if r.name == "identity.saml"]
    assert any(reason in m for m in messages), messages
    assert not any("999993653" in m for m in messages), "a BSN reached the log"
    # And as production writes them: every record of the attempt, message, traceback
    # and extra fields formatted as the JSON log lines (portal/observability/).
    lines = [JsonFormatter().format(record) for record in caplog.records]
    assert not any("999993653" in line for line in lines), "a BSN reached a JSON log line"


@pytest.fixture
def saml_log(caplog):
    caplog.set_level(logging.INFO, logger="identity.saml")
    return caplog


def test_a_valid_response_logs_in(client):
    """The baseline the negative tests deviate from, one thing at a time."""
    pending = start(client, next_url="/zoeken/")
    response = post_acs(client, build_response(in_response_to=pending.request_id))
    assert response.status_code == 302
    assert response["Location"] == "/zoeken/"
    user = User.objects.get(bsn="999993653")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.session[SESSION_KEY] == int(LevelOfAssurance.BASIS)
    assert client.session["digid_bsn"] == "999993653"
    assert AccessLogEntry.objects.for_subject("999993653").filter(action="logged_in").count() == 1


def test_session_key_is_rotated_at_login(client):
    pending = start(client)
    before = client.session.session_key
    post_acs(client, build_response(in_response_to=pending.request_id))
    assert client.session.session_key != before


def test_missing_audience_is_refused(client, saml_log):
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id, audience=None)
    assert_refused(client, post_acs(client, xml), saml_log, "audience")


def test_empty_audience_is_refused(client, saml_log):
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id, audience="")
    assert_refused(client, post_acs(client, xml), saml_log, "audience")


def test_other_audience_is_refused(client, saml_log):
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id, audience="https://other.example/")
    response = post_acs(client, xml)
    assert_refused(client, response, saml_log, "DigiD login failed")


def test_missing_destination_is_refused(client, saml_log):
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id, destination=None)
    assert_refused(client, post_acs(client, xml), saml_log, "destination")


def test_recipient_that_only_contains_our_acs_url_is_refused(client, saml_log):
    pending = start(client)
    from identity.saml.config import acs_url

    xml = build_response(in_response_to=pending.request_id, recipient=acs_url() + "x")
    assert_refused(client, post_acs(client, xml), saml_log, "recipient")


def test_unsolicited_response_is_refused(client, saml_log):
    start(client)
    xml = build_response(in_response_to=None)
    assert_refused(client, post_acs(client, xml), saml_log, "unsolicited")


def test_response_to_a_request_of_another_session_is_refused(client, saml_log):
    from django.test import Client

    pending = start(Client())  # another browser started this login
    start(client)
    xml = build_response(in_response_to=pending.request_id)
    assert_refused(client, post_acs(client, xml), saml_log, "unknown-request")


def test_response_to_an_unknown_request_is_refused(client, saml_log):
    start(client)
    xml = build_response(in_response_to=new_id())
    assert_refused(client, post_acs(client, xml), saml_log, "unknown-request")


def test_the_same_response_twice_is_refused(client, saml_log):
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id)
    assert post_acs(client, xml)["Location"] == "/"
    client.logout()
    User.objects.filter(bsn="999993653").delete()
    start(client)
    assert_refused(client, post_acs(client, xml), saml_log, "unknown-request")


def test_a_replayed_assertion_id_is_refused(client, saml_log):
    """Replay cache: an assertion ID seen before is refused even inside a new,
    otherwise valid response to a new request of this session."""
    pending = start(client)
    assertion_id = new_id()
    first = build_response(in_response_to=pending.request_id, assertion_id=assertion_id)
    assert post_acs(client, first)["Location"] == "/"
    assert SeenSamlMessage.objects.filter(message_id=f"assertion:{assertion_id}").exists()
    client.logout()
    User.objects.filter(bsn="999993653").delete()
    pending = start(client)
    again = build_response(in_response_to=pending.request_id, assertion_id=assertion_id)
    assert_refused(client, post_acs(client, again), saml_log, "replayed")


def test_a_replayed_response_id_is_refused(client, saml_log):
    pending = start(client)
    response_id = new_id()
    first = build_response(in_response_to=pending.request_id, response_id=response_id)
    assert post_acs(client, first)["Location"] == "/"
    client.logout()
    User.objects.filter(bsn="999993653").delete()
    pending = start(client)
    again = build_response(in_response_to=pending.request_id, response_id=response_id)
    assert_refused(client, post_acs(client, again), saml_log, "replayed")


def test_replay_cache_entries_live_until_not_on_or_after(client):
    pending = start(client)
    post_acs(client, build_response(in_response_to=pending.request_id))
    entry = SeenSamlMessage.objects.get(message_id__startswith="assertion:")
    from django.utils import timezone

    remaining = (entry.expires_at - timezone.now()).total_seconds()
    assert 200 < remaining <= 300  # the assertion's NotOnOrAfter, five minutes ahead


def test_sha1_signature_is_refused(client, saml_log):
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id, sign_algorithm="sha1")
    assert_refused(client, post_acs(client, xml), saml_log, "Deprecated signature algorithm")


def test_unsigned_assertion_is_refused_even_in_a_signed_response(client, saml_log):
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id, sign=False, sign_response=True)
    assert_refused(
        client, post_acs(client, xml), saml_log, "Assertion of the Response is not signed"
    )


def test_unsigned_response_and_assertion_is_refused(client, saml_log):
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id, sign=False)
    assert_refused(client, post_acs(client, xml), saml_log, "invalid")


def test_tampered_assertion_is_refused(client, saml_log):
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id).replace(b"999993653", b"999990019")
    response = post_acs(client, xml)
    assert response["Location"] == FAILED
    assert not User.objects.filter(bsn="999990019").exists()
    assert "_auth_user_id" not in client.session


def test_lower_level_than_requested_is_refused(client, saml_log):
    pending = start(client, niveau="substantieel")
    xml = build_response(in_response_to=pending.request_id, level=LevelOfAssurance.MIDDEN)
    assert_refused(client, post_acs(client, xml), saml_log, "level")


def test_higher_level_than_requested_is_accepted(client):
    """python3-saml's failOnAuthnContextMismatch would refuse this; "minimum" allows it."""
    pending = start(client, niveau="midden")
    xml = build_response(in_response_to=pending.request_id, level=LevelOfAssurance.HOOG)
    assert post_acs(client, xml)["Location"] == "/"
    assert client.session[SESSION_KEY] == int(LevelOfAssurance.HOOG)


def test_acs_url_comes_from_the_base_url_not_the_host_header(client, settings, saml_log):
    settings.PORTAL_BASE_URL = "https://portal.example"
    pending = start(client)
    # An attacker-chosen Host would make a Host-derived ACS URL "http://testserver/...".
    host_derived = "http://testserver/digid/acs/"
    xml = build_response(
        in_response_to=pending.request_id, destination=host_derived, recipient=host_derived
    )
    assert_refused(client, post_acs(client, xml), saml_log, "DigiD login failed")


def test_base_url_acs_is_accepted_whatever_the_host_header(client, settings):
    settings.PORTAL_BASE_URL = "https://portal.example"
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id)
    assert post_acs(client, xml)["Location"] == "/"


def test_authn_request_entity_id_and_acs_come_from_the_base_url(client, settings):
    settings.PORTAL_BASE_URL = "https://portal.example"  # the stand-in IdP is elsewhere too
    response = client.post(
        "/inloggen/digid/", {"next": "/", "niveau": "basis"}, HTTP_HOST="localhost"
    )
    from urllib.parse import parse_qs, urlsplit

    from onelogin.saml2.utils import OneLogin_Saml2_Utils

    request_xml = OneLogin_Saml2_Utils.decode_base64_and_inflate(
        parse_qs(urlsplit(response["Location"]).query)["SAMLRequest"][0]
    ).decode()
    assert 'AssertionConsumerServiceURL="https://portal.example/digid/acs/"' in request_xml
    assert "https://portal.example/digid/metadata/</saml:Issuer>" in request_xml
    assert 'Comparison="minimum"' in request_xml
    assert "localhost" not in request_xml


@pytest.mark.parametrize(
    "name_id",
    ["999993653", "s00000001:999993653", "s00000000:123456789", "s00000000:99999365"],
    ids=["no-sector", "other-sector", "fails-elfproef", "too-short"],
)
def test_nameid_must_be_a_bsn_with_sector_code(client, saml_log, name_id):
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id, name_id=name_id)
    assert_refused(client, post_acs(client, xml), saml_log, "nameid")


def test_empty_nameid_is_refused(client, saml_log):
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id, name_id="")
    assert_refused(client, post_acs(client, xml), saml_log, "DigiD login failed")


def test_dtd_is_refused(client, saml_log):
    pending = start(client)
    xml = build_response(
        in_response_to=pending.request_id,
        prologue='<!DOCTYPE samlp:Response [<!ENTITY bsn "999990019">]>',
    )
    assert_refused(client, post_acs(client, xml), saml_log, "DTD")


def test_duplicate_attributes_are_refused(client, saml_log):
    pending = start(client)
    attribute = (
        '<saml:Attribute Name="urn:nl-eid-gdi:1.0:id:legacy-BSN">'
        "<saml:AttributeValue>999993653</saml:AttributeValue></saml:Attribute>"
    )
    statement = f"<saml:AttributeStatement>{attribute}{attribute}</saml:AttributeStatement>"
    xml = build_response(in_response_to=pending.request_id, attributes=statement)
    assert_refused(client, post_acs(client, xml), saml_log, "duplicated Name")


def test_garbage_is_a_failed_login_not_a_500(client, saml_log):
    start(client)
    assert_refused(client, post_acs(client, b"<not-saml"), saml_log, "invalid")
    response = client.post("/digid/acs/", {"SAMLResponse": "%%%"})
    assert response["Location"] == FAILED


def test_post_response_to_an_artifact_request_is_refused(client, settings, saml_log):
    settings.DIGID_RESPONSE_BINDING = "artifact"
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id)
    assert_refused(client, post_acs(client, xml), saml_log, "wrong-binding")


def test_expired_request_is_refused(client, saml_log):
    from django.utils import timezone

    pending = start(client)
    PendingAuthnRequest.objects.filter(pk=pending.pk).update(expires_at=timezone.now())
    xml = build_response(in_response_to=pending.request_id)
    assert_refused(client, post_acs(client, xml), saml_log, "unknown-request")


def test_cancel_at_the_idp_shows_the_cancel_page(client):
    pending = start(client)
    xml = build_response(
        in_response_to=pending.request_id,
        status=C.STATUS_RESPONDER,
        sub_status="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed",
    )
    response = post_acs(client, xml)
    assert response["Location"] == "/inloggen/geannuleerd/"
    assert "_auth_user_id" not in client.session


def test_a_bsn_login_never_opens_a_staff_account(client, saml_log):
    staff = StaffUserFactory()
    User.objects.filter(pk=staff.pk).update(bsn="999990019")
    pending = start(client)
    xml = build_response(in_response_to=pending.request_id, name_id="s00000000:999990019")
    response = post_acs(client, xml)
    assert response["Location"] == FAILED
    assert "_auth_user_id" not in client.session


def test_existing_citizen_is_reused(client):
    citizen = CitizenFactory(bsn="999993653")
    pending = start(client)
    post_acs(client, build_response(in_response_to=pending.request_id))
    assert client.session["_auth_user_id"] == str(citizen.pk)
    assert User.objects.filter(bsn="999993653").count() == 1


def test_artifact_without_response_assertion_is_built_correctly():
    """Sanity check of the factory itself: the assertion is signed by default."""
    assert b"ds:Signature" in build_assertion(in_response_to="x").encode()
