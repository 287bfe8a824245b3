"""The sliding 15-minute idle timeout without a session write on every request (issue 23).

The clock is django.utils.timezone.now, which both identity.session and the session
backend's expiry check read: the tests move it instead of sleeping."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from identity.session import ACTIVITY_KEY, SLIDE_AFTER_SECONDS
from identity.tests.conftest import log_in
from identity.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

FLOOR = "/mijn/bench/vloer/"


class Clock:
    """timezone.now(), moved on by the test."""

    def __init__(self):
        self.at = timezone.now()

    def __call__(self):
        return self.at

    def advance(self, seconds: int) -> None:
        self.at += timedelta(seconds=seconds)


@pytest.fixture
def clock():
    moving = Clock()
    with mock.patch("django.utils.timezone.now", moving):
        yield moving


def _expiry(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date


def _session_writes(client, path=FLOOR) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return sum("django_session" in q["sql"] and "SELECT" not in q["sql"] for q in captured)


@pytest.mark.urls("bench.urls")
def test_a_request_within_the_minute_does_not_write_the_session(client, clock, settings):
    log_in(client, CitizenFactory())
    assert _session_writes(client) == 1  # the first request records when it slid
    expiry = _expiry(client)
    clock.advance(SLIDE_AFTER_SECONDS - 1)
    assert _session_writes(client) == 0
    assert _expiry(client) == expiry


@pytest.mark.urls("bench.urls")
def test_the_idle_timeout_slides_once_a_minute_of_activity(client, clock, settings):
    log_in(client, CitizenFactory())
    client.get(FLOOR)
    # Active every 50 s for 20 minutes: longer than the idle timeout, never logged out.
    for _ in range(24):
        clock.advance(50)
        assert client.get(FLOOR).status_code == 200
    assert _expiry(client) >= clock.at + timedelta(
        seconds=settings.SESSION_COOKIE_AGE - SLIDE_AFTER_SECONDS
    )
    clock.advance(SLIDE_AFTER_SECONDS)
    assert _session_writes(client) == 1
    assert _expiry(client) == clock.at + timedelta(seconds=settings.SESSION_COOKIE_AGE)


@pytest.mark.urls("bench.urls")
def test_the_session_still_ends_within_the_idle_timeout_of_the_last_request(
    client, clock, settings
):
    log_in(client, CitizenFactory())
    client.get(FLOOR)
    clock.advance(SLIDE_AFTER_SECONDS - 1)
    client.get(FLOOR)  # the last request: not written, within the minute
    last_request = clock.at
    assert _expiry(client) <= last_request + timedelta(seconds=settings.SESSION_COOKIE_AGE)

    clock.at = last_request + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    response = client.get(FLOOR)
    assert response.status_code == 302  # to the login page: the session has ended
    assert "/inloggen/" in response["Location"]


@pytest.mark.urls("bench.urls")
def test_the_warning_counts_from_the_last_write(client, clock, settings):
    from identity.session import seconds_left

    log_in(client, CitizenFactory())
    client.get(FLOOR)
    clock.advance(30)
    request = mock.Mock(session=client.session)
    assert seconds_left(request) == settings.SESSION_COOKIE_AGE - 30


def test_staying_logged_in_slides_at_once(client, clock, settings):
    log_in(client, CitizenFactory())
    client.get("/mijn/")
    clock.advance(10)
    response = client.post("/sessie/verlengen/", HTTP_ACCEPT="application/json")
    assert response.json()["seconds_left"] == settings.SESSION_COOKIE_AGE
    assert _expiry(client) == clock.at + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert client.session[ACTIVITY_KEY] == int(clock.at.timestamp())


def test_an_anonymous_visitor_gets_no_session(client, home_page):
    response = client.get("/")
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()


def test_a_cookie_of_an_ended_session_is_dropped_not_revived(client, clock, home_page):
    log_in(client, CitizenFactory())
    client.get("/")
    Session.objects.all().delete()
    response = client.get("/")
    assert response.cookies["sessionid"].value == ""  # deleted
    assert not Session.objects.exists()


@pytest.mark.urls("bench.urls")
def test_the_floor_page_costs_no_session_write(client, django_assert_num_queries):
    """An empty personal page: the session and the user, the header's unread badge
    and the navigation's open tasks; no session write within the minute."""
    log_in(client, CitizenFactory())
    client.get(FLOOR)
    with django_assert_num_queries(4):
        assert client.get(FLOOR).status_code == 200
