"""What the DigiD ACS step costs in SQL statements, statement by statement
(docs/performance.md, "SAML ACS"; bench/saml_acs.py measures the same step).

Run with real transactions (transaction=True) so BEGIN/COMMIT and savepoints are
what production sees, not the test's own wrapping transaction."""

import base64
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from identity.access_log import AccessLogEntry
from identity.models import User
from identity.saml.models import PendingAuthnRequest, SeenSamlMessage
from identity.tests.factories import CitizenFactory, LocalPersonFactory
from identity.tests.saml_factory import build_response

pytestmark = pytest.mark.django_db(transaction=True)
BSN = "999993653"

# The step for a citizen with an account who logged in before within the
# access log's own-access window, so the registry lookup is not logged again.
EXPECTED = [
    ("SELECT", "django_session"),  # the browser's session: the pending request's token
    ("DELETE", "identity_pendingauthnrequest"),  # InResponseTo claimed: DELETE ... RETURNING
    ("INSERT", "identity_seensamlmessage"),  # replay cache: Response and Assertion ID, one INSERT
    ("BEGIN", ""),  # the login: all or nothing
    ("SELECT", "identity_user"),  # the account, locked (FOR UPDATE on PostgreSQL)
    ("INSERT", "identity_accesslogentry"),  # "logged_in", the citizen's login record
    ("DELETE", "django_session"),  # the old session key is gone (session fixation)
    ("COMMIT", ""),
    # Acting contexts (issue 19): may this citizen act for someone else?
    ("SELECT", "identity_localperson"),  # the registry (local stand-in for the BRP)
    ("SELECT", "identity_localaddress"),
    ("SELECT", "identity_localperson"),  # children
    ("SELECT", "identity_localauthority"),  # gezag
    # (The lookup was logged within the window: the cache knows it since the
    # earlier login, identity/access_log_recent.py, so no SELECT of the log.)
    ("SELECT", "representation_representation"),  # legal representation
    ("INSERT", "django_session"),  # the rotated session, written once
]


def _statement(sql: str) -> tuple[str, str]:
    verb = sql.split(None, 1)[0].upper()
    table = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', sql, re.IGNORECASE)
    return verb, table.group(1) if table and verb not in ("BEGIN", "COMMIT") else ""


def _log_in(client, *, capture: bool):
    client.post("/inloggen/digid/", {"next": "/mijn/", "niveau": "basis"})
    pending = PendingAuthnRequest.objects.latest("id")
    xml = build_response(in_response_to=pending.request_id)
    data = {"SAMLResponse": base64.b64encode(xml).decode()}
    with CaptureQueriesContext(connection) as captured:
        response = client.post("/digid/acs/", data)
    assert response.status_code == 302 and response["Location"] == "/mijn/"
    return [_statement(q["sql"]) for q in captured.captured_queries]


@pytest.fixture(autouse=True)
def post_binding(settings):
    settings.DIGID_RESPONSE_BINDING = "post"


def test_the_acs_step_of_a_returning_citizen_costs_fourteen_statements(client):
    CitizenFactory(bsn=BSN)
    LocalPersonFactory(bsn=BSN)
    _log_in(client, capture=False)
    client.logout()
    statements = _log_in(client, capture=True)
    assert statements == EXPECTED, "\n".join(f"{v} {t}" for v, t in statements)
    # Every check still leaves its trace: the claim, the replay cache, the login record.
    assert not PendingAuthnRequest.objects.exists()
    assert SeenSamlMessage.objects.count() == 4
    logins = AccessLogEntry.objects.for_subject(BSN).filter(action="logged_in")
    assert logins.count() == 2


def test_a_first_login_adds_the_account_and_the_registry_lookup_entry(client):
    LocalPersonFactory(bsn=BSN)
    statements = _log_in(client, capture=True)
    # The account is made (no uniqueness SELECTs: the unique indexes decide), and
    # the registry lookup's entry is written: the log is asked for an earlier one
    # in the window (the cache knows none), and there is none.
    assert ("INSERT", "identity_user") in statements
    assert statements.count(("INSERT", "identity_accesslogentry")) == 2
    assert statements.count(("SELECT", "identity_accesslogentry")) == 1
    assert len(statements) == len(EXPECTED) + 3, "\n".join(f"{v} {t}" for v, t in statements)
    assert User.objects.get(bsn=BSN).last_login is None  # the access log is the record
