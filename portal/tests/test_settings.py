"""The production settings refuse unsafe configurations at import time."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Everything production requires (docs/deploy.md, "Required variables").
REQUIRED = {
    "DJANGO_SECRET_KEY": "k" * 30 + "Q9!zr" * 6,
    "DJANGO_ALLOWED_HOSTS": "loket.example.nl",
    "DATABASE_URL": "postgres://openloket@db.example.nl/openloket",
    "PORTAL_BASE_URL": "https://loket.example.nl",
    "CLAMAV_HOST": "clamav.example.nl",
}
# Variables the settings read that the developer's shell may have set.
_OURS = ("DJANGO_", "DIGID_", "DATABASE_URL", "PORTAL_BASE_URL", "CLAMAV_", "VIRUS_SCAN", "OIDC_")


def _clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(_OURS)}


def _import_production(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; from django.conf import settings; django.setup(); "
            "print(settings.DATABASES['default']['ENGINE'], settings.PORTAL_BASE_URL, "
            "settings.WAGTAILADMIN_BASE_URL)",
        ],
        env={**_clean_environment(), "DJANGO_SETTINGS_MODULE": "portal.settings.production", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def _without(*names: str) -> dict[str, str]:
    return {k: v for k, v in REQUIRED.items() if k not in names}


def test_production_starts_with_the_required_settings():
    result = _import_production(REQUIRED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "https://loket.example.nl",
        "https://loket.example.nl",
    ]


@pytest.mark.parametrize(
    "name",
    ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "PORTAL_BASE_URL"],
)
def test_production_refuses_to_start_without_a_required_variable(name):
    # Issue 15: without DATABASE_URL or PORTAL_BASE_URL production ran on SQLite and
    # http://localhost:8000 without a word.
    result = _import_production(_without(name))
    assert result.returncode != 0
    assert f"The environment variable {name} must be set." in result.stderr


def test_production_names_every_missing_variable_at_once():
    result = _import_production({})
    assert result.returncode != 0
    for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "PORTAL_BASE_URL"):
        assert f"The environment variable {name} must be set." in result.stderr
    assert "No virus scanner" in result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "Kort-maar-willekeurig-9f8e7d",  # 28 characters
        "ab" * 40,  # long, but only 2 different characters
        "django-insecure-" + "q7Zr!x" * 10,  # the key startproject generates
    ],
)
def test_production_refuses_a_weak_secret_key(key):
    # Django's security.W009 rule: 50 characters, at least 5 different ones.
    result = _import_production({**REQUIRED, "DJANGO_SECRET_KEY": key})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is too weak" in result.stderr


def test_production_refuses_to_start_without_a_virus_scanner():
    result = _import_production(_without("CLAMAV_HOST"))
    assert result.returncode != 0
    assert "No virus scanner: set CLAMAV_SOCKET or CLAMAV_HOST" in result.stderr
    assert "VIRUS_SCAN_REQUIRED=false" in result.stderr


def test_production_accepts_a_unix_socket_scanner_or_an_explicit_opt_out():
    socket_scanner = {**_without("CLAMAV_HOST"), "CLAMAV_SOCKET": "/run/clamav/clamd.ctl"}
    assert _import_production(socket_scanner).returncode == 0
    opted_out = {**_without("CLAMAV_HOST"), "VIRUS_SCAN_REQUIRED": "false"}
    result = _import_production(opted_out)
    assert result.returncode == 0, result.stderr


def test_production_refuses_the_development_idp():
    result = _import_production({**REQUIRED, "DIGID_DEV_IDP": "true"})
    assert result.returncode != 0
    assert "development IdP must never run in production" in result.stderr


def _check_deploy(env: dict[str, str], settings_module: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings",
            settings_module,
        ],
        env={**_clean_environment(), **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_starts_with_required_settings_and_passes_deploy_checks():
    result = _check_deploy(REQUIRED, "portal.settings.production")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_deploy_check_warns_when_no_virus_scanner_is_configured():
    # Settings built on base.py (not production.py) do not refuse to start, so
    # `check --deploy` must say it (issue 14).
    result = _check_deploy(_without("CLAMAV_HOST"), "portal.settings.base")
    assert "documents.W001" in result.stderr + result.stdout
    waived = _check_deploy(
        {**_without("CLAMAV_HOST"), "VIRUS_SCAN_REQUIRED": "false"}, "portal.settings.base"
    )
    assert "documents.W001" not in waived.stderr + waived.stdout


def _broker(**urls: str) -> str:
    import json

    return json.dumps(
        [
            {
                "id": "eherkenning",
                "means": "eherkenning",
                "client_id": "open-loket",
                "server_url": "https://broker.example.nl/.well-known/openid-configuration",
                **urls,
            }
        ]
    )


@pytest.mark.parametrize(
    "urls",
    [
        {"server_url": "http://broker.example.nl/.well-known/openid-configuration"},
        {"issuer": "http://broker.example.nl"},
        # Even on this machine: production runs without DEBUG.
        {"server_url": "http://127.0.0.1:8002/.well-known/openid-configuration"},
    ],
)
def test_production_refuses_a_broker_without_tls(urls):
    result = _import_production({**REQUIRED, "OIDC_BROKERS": _broker(**urls)})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "broker eherkenning's" in result.stderr and "must be an https:// URL" in result.stderr


def test_production_starts_with_an_https_broker():
    broker = _broker(issuer="https://broker.example.nl")
    result = _import_production({**REQUIRED, "OIDC_BROKERS": broker})
    assert result.returncode == 0, result.stderr


def test_only_a_local_broker_in_debug_may_use_http():
    from portal.settings.oidc import insecure_broker_urls

    local = [{"id": "dev", "server_url": "http://localhost:8002/x", "issuer": "http://[::1]:8002"}]
    assert insecure_broker_urls(local, debug=True) == []
    assert len(insecure_broker_urls(local, debug=False)) == 2
    remote = [{"id": "dev", "server_url": "http://broker.example.nl/x"}]
    assert insecure_broker_urls(remote, debug=True)
    assert insecure_broker_urls([{"id": "x", "server_url": "ftp://broker.example.nl"}], debug=True)
