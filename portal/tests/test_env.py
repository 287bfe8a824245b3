from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.env import database_from_url, env_bool, env_list


def test_sqlite_url_relative_to_project_and_absolute():
    base = Path("/srv/loket")
    assert database_from_url("sqlite:///var/db.sqlite3", base_dir=base)["NAME"] == (
        "/srv/loket/var/db.sqlite3"
    )
    assert (
        database_from_url("sqlite:////data/x.sqlite3", base_dir=base)["NAME"] == "/data/x.sqlite3"
    )


def test_postgres_url_gets_persistent_checked_connections():
    db = database_from_url(
        "postgres://loket:s%40cret@db.internal:5433/loket?sslmode=require", base_dir=Path("/")
    )
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "loket",
        "loket",
        "s@cret",
        "db.internal",
        "5433",
    )
    assert db["OPTIONS"] == {"sslmode": "require", "connect_timeout": "3"}
    assert db["CONN_MAX_AGE"] > 0 and db["CONN_HEALTH_CHECKS"] is True


def test_postgres_url_may_set_its_own_connect_timeout():
    db = database_from_url("postgres://loket@db/loket?connect_timeout=10", base_dir=Path("/"))
    assert db["OPTIONS"]["connect_timeout"] == "10"


def test_unknown_database_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured):
        database_from_url("mysql://x/y", base_dir=Path("/"))


def test_booleans_and_lists_are_parsed_strictly(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    monkeypatch.setenv("HOSTS", "a.nl, b.nl,,")
    assert env_bool("FLAG") is True
    assert env_list("HOSTS") == ["a.nl", "b.nl"]
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        env_bool("FLAG")
