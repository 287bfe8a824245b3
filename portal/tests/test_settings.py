"""The production settings refuse unsafe configurations at import time."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _import_production(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DIGID_"))}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "portal.settings.production", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _import_production({"DJANGO_ALLOWED_HOSTS": "loket.example.nl"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _import_production({"DJANGO_SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_the_development_idp():
    result = _import_production(
        {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "a.nl", "DIGID_DEV_IDP": "true"}
    )
    assert result.returncode != 0
    assert "development IdP must never run in production" in result.stderr


def test_production_starts_with_required_settings_and_passes_deploy_checks():
    env = {
        "DJANGO_SECRET_KEY": "k" * 30 + "Q9!zr" * 6,
        "DJANGO_ALLOWED_HOSTS": "loket.example.nl",
    }
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DIGID_"))}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings",
            "portal.settings.production",
        ],
        env={**clean, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
