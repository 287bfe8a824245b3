"""A database that cannot be reached: 503 with a friendly page, not a 500 trace."""

from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from portal.errors import RETRY_AFTER_SECONDS, is_database_unavailable

from . import db_errors

pytestmark = pytest.mark.django_db

# What Django raises when PostgreSQL refuses the connection: the real libpq error inside.
REFUSED = db_errors.postgres_connection_refused()


@pytest.fixture
def client():
    # Django's test client re-raises view exceptions by default; a real server does not.
    return Client(raise_request_exception=False)


def database_down():
    """Every new query fails as it does when PostgreSQL is stopped."""
    return mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=REFUSED)


def test_citizen_page_answers_503_with_retry_after_and_a_dutch_page(client):
    with database_down():
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert '<html lang="nl"' in body
    assert "Even niet beschikbaar" in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert "127.0.0.1" not in body


def test_english_url_gets_the_english_page(client):
    with database_down():
        response = client.get("/en/")
    assert response.status_code == 503
    body = response.content.decode()
    assert '<html lang="en"' in body
    assert "Temporarily unavailable" in body


def test_logged_in_citizen_whose_session_cannot_be_read_gets_503(client, django_user_model):
    # Sessions live in the database: the session middleware fails before any view runs.
    user = django_user_model.objects.create_user(username="burger", bsn="999993653")
    client.force_login(user)
    with mock.patch.object(SessionStore, "load", side_effect=REFUSED):
        response = client.get("/mijn/")
    assert response.status_code == 503
    assert "Even niet beschikbaar" in response.content.decode()


def test_session_that_cannot_be_saved_is_503_not_400(client, django_user_model):
    # The first request after a login slides the session: the UPDATE after the view
    # fails, and Django reports that as SessionInterrupted (400) unless told it was the database.
    user = django_user_model.objects.create_user(username="burger", bsn="999993653")
    client.force_login(user)
    with mock.patch.object(Session, "save", side_effect=REFUSED):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)


def test_a_real_bad_request_stays_400(client):
    response = client.get("/", headers={"Host": "evil.example"})
    assert response.status_code == 400
    assert "Retry-After" not in response


def test_api_answers_problem_json(client):
    with database_down():
        response = client.get(
            "/api/v1/zaken/ZAAK-1",
            headers={"Accept-Language": "en", "Authorization": "Bearer olk_0123456789abcdef_x"},
        )
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    body = response.json()
    assert body["status"] == 503
    assert body["code"] == "service_unavailable"
    assert "try again" in body["detail"]


def test_readyz_reports_the_database_down(client):
    with database_down():
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "down"


def test_healthz_does_not_need_the_database(client):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 200


def test_other_errors_stay_500(client):
    with mock.patch("portal.health.JsonResponse", side_effect=RuntimeError("bug")):
        response = client.get("/healthz")
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_connection_errors_are_recognised_through_chained_exceptions():
    import psycopg

    closed = InterfaceError("the connection is closed")
    closed.__cause__ = psycopg.InterfaceError("the connection is closed")
    assert is_database_unavailable(closed)
    try:
        try:
            raise REFUSED
        except OperationalError as exc:
            raise RuntimeError("while rendering") from exc
    except RuntimeError as wrapped:
        assert is_database_unavailable(wrapped)
    assert not is_database_unavailable(ValueError("no"))
    assert not is_database_unavailable(None)


@pytest.mark.parametrize(
    "make_error",
    [
        db_errors.postgres_connection_refused,
        lambda: db_errors.postgres_error("08006", "server closed the connection"),
        lambda: db_errors.postgres_error("57P01", "terminating connection (admin shutdown)"),
        lambda: db_errors.postgres_error("57P03", "the database system is starting up"),
        lambda: db_errors.postgres_error("53300", "too many clients already"),
        db_errors.sqlite_database_locked,
        db_errors.sqlite_cannot_open,
    ],
    ids=[
        "pg-refused",
        "pg-08006",
        "pg-57P01",
        "pg-57P03",
        "pg-53300",
        "sqlite-busy",
        "sqlite-cantopen",
    ],
)
def test_connection_failures_are_unavailable(make_error):
    assert is_database_unavailable(make_error())


@pytest.mark.parametrize(
    "make_error",
    [
        db_errors.sqlite_fts_syntax_error,
        db_errors.sqlite_no_such_table,
        lambda: db_errors.postgres_error("42601", "syntax error in tsquery"),
        lambda: db_errors.postgres_error("40P01", "deadlock detected"),
        lambda: db_errors.postgres_error("57014", "canceling statement due to statement timeout"),
        lambda: db_errors.postgres_error("53100", "could not extend file: No space left"),
        lambda: OperationalError("no driver error inside"),
        lambda: InterfaceError("Error binding parameter 1: type 'dict' is not supported"),
    ],
    ids=[
        "sqlite-fts-syntax",
        "sqlite-no-table",
        "pg-syntax",
        "pg-deadlock",
        "pg-timeout",
        "pg-disk-full",
        "bare",
        "bare-interface",
    ],
)
def test_other_database_errors_are_not_an_outage(make_error):
    assert not is_database_unavailable(make_error())


def test_a_database_error_that_is_a_bug_is_500_without_retry_after(client):
    # Issue 14: FTS5's syntax error for a `"` in the search box became the 503 page.
    with mock.patch(
        "wagtail.models.Site.find_for_request", side_effect=db_errors.sqlite_fts_syntax_error()
    ):
        response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Even niet beschikbaar" not in response.content.decode()


def test_a_locked_sqlite_database_is_503(client):
    with mock.patch(
        "wagtail.models.Site.find_for_request", side_effect=db_errors.sqlite_database_locked()
    ):
        response = client.get("/")
    assert response.status_code == 503


def test_an_api_bug_is_a_problem_json_500(client):
    with mock.patch("agency_api.urls.problem_response", side_effect=RuntimeError("bug")):
        response = client.get("/api/onbekend", headers={"Accept-Language": "en"})
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert "Retry-After" not in response
    body = response.json()
    assert body["status"] == 500
    assert body["code"] == "server_error"
    assert "bug" not in body["detail"]
