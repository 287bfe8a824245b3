"""Absolute session cap and the keep-alive endpoint."""

import time

import pytest

from identity.loa import SESSION_KEY as LOA_SESSION_KEY
from identity.loa import LevelOfAssurance
from identity.session import LOGIN_AT_KEY
from identity.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def _age_session(client, seconds: int):
    session = client.session
    session[LOGIN_AT_KEY] = int(time.time()) - seconds
    session.save()


def test_login_records_the_moment(client):
    client.force_login(CitizenFactory())
    assert abs(client.session[LOGIN_AT_KEY] - time.time()) < 60


def test_session_older_than_the_cap_is_logged_out(client, settings, home_page):
    settings.SESSION_ABSOLUTE_SECONDS = 3600
    client.force_login(CitizenFactory())
    _age_session(client, 3601)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/"
    assert "_auth_user_id" not in client.session


def test_active_session_within_the_cap_stays(client, settings, home_page):
    settings.SESSION_ABSOLUTE_SECONDS = 3600
    client.force_login(CitizenFactory())
    _age_session(client, 3000)
    assert client.get("/").status_code == 200
    assert "_auth_user_id" in client.session


def test_warning_markup_has_the_seconds_left_and_a_no_js_form(client, settings, home_page):
    settings.SESSION_ABSOLUTE_SECONDS = 3600
    client.force_login(CitizenFactory())
    _age_session(client, 3600 - 300)
    session = client.session
    session[LOA_SESSION_KEY] = int(LevelOfAssurance.BASIS)
    session.save()
    content = client.get("/mijn/").content.decode()
    assert 'id="session-warning"' in content
    seconds = int(content.split('data-seconds-left="')[1].split('"')[0])
    assert 290 <= seconds <= 300  # the cap, not the 15-minute idle timeout
    assert 'action="/sessie/verlengen/"' in content
    assert "session-warning.js" in content


def test_no_warning_for_anonymous_visitors(client, home_page):
    assert 'id="session-warning"' not in client.get("/").content.decode()


def test_extend_session_answers_json_for_the_script(client):
    client.force_login(CitizenFactory())
    response = client.post("/sessie/verlengen/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["seconds_left"] > 0


def test_extend_session_without_js_returns_to_the_page(client):
    client.force_login(CitizenFactory())
    response = client.post("/sessie/verlengen/", {"next": "/zoeken/"})
    assert response["Location"] == "/zoeken/"
    response = client.post("/sessie/verlengen/", {"next": "https://evil.example/"})
    assert response["Location"] == "/mijn/"
