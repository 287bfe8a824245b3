"""Production settings: everything from the environment, nothing assumed.

Refuses to start without a strong secret key, allowed hosts, a database, the
portal's public address and a virus scanner (unless explicitly waived), and
refuses the development IdP and a broker without TLS, so a misconfigured server
fails at boot, not at the first login or upload. Every problem is reported at once, each naming its
environment variable (docs/deploy.md, "Required variables").
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, CLAMAV_HOST, CLAMAV_SOCKET, DEBUG, LOGGING, OIDC_BROKERS
from .env import database_from_url, env_bool, env_list, env_str
from .oidc import insecure_broker_urls

_problems: list[str] = []


def _required(name: str) -> str:
    value = (env_str(name, "") or "").strip()
    if not value:
        _problems.append(f"The environment variable {name} must be set.")
    return value


# Django's own rule for a usable key (security.W009): at least 50 characters, at
# least 5 different ones, not the "django-insecure-" key startproject generates.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
SECRET_KEY = _required("DJANGO_SECRET_KEY")
if SECRET_KEY and (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith("django-insecure-")
):
    _problems.append(
        f"DJANGO_SECRET_KEY is too weak: use at least {SECRET_KEY_MIN_LENGTH} random "
        f"characters (at least {SECRET_KEY_MIN_UNIQUE_CHARACTERS} different ones), e.g. "
        "from: python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    _problems.append("The environment variable DJANGO_ALLOWED_HOSTS must be set.")

# base.py falls back to SQLite and http://localhost:8000 for development; a server
# must never do so silently (issue 15).
_database_url = _required("DATABASE_URL")
if _database_url:
    DATABASES = {"default": database_from_url(_database_url, base_dir=BASE_DIR)}
PORTAL_BASE_URL = _required("PORTAL_BASE_URL").rstrip("/")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL

# Every upload is scanned (documents/scanning.py) unless the operator states that
# uploads are scanned elsewhere (VIRUS_SCAN_REQUIRED=false, docs/deploy.md).
VIRUS_SCAN_REQUIRED = env_bool("VIRUS_SCAN_REQUIRED", True)
if VIRUS_SCAN_REQUIRED and not (CLAMAV_SOCKET or CLAMAV_HOST):
    _problems.append(
        "No virus scanner: set CLAMAV_SOCKET or CLAMAV_HOST, or set "
        "VIRUS_SCAN_REQUIRED=false if uploads are scanned elsewhere."
    )

if env_bool("DIGID_DEV_IDP", False):
    _problems.append("DIGID_DEV_IDP is on: the development IdP must never run in production.")
DIGID_DEV_IDP = False

# The DigiD artifact back channel is https with a client certificate, always
# (docs/decisions/0004-artifact-resolve.md).
if not env_bool("DIGID_ARTIFACT_TLS_REQUIRED", True):
    _problems.append("DIGID_ARTIFACT_TLS_REQUIRED cannot be switched off in production.")
DIGID_ARTIFACT_TLS_REQUIRED = True

# DigiD Machtigen / eHerkenning brokers over TLS only (portal/settings/oidc.py).
_problems.extend(insecure_broker_urls(OIDC_BROKERS, debug=DEBUG))

if _problems:
    raise ImproperlyConfigured("Production settings refuse to start:\n- " + "\n- ".join(_problems))

# __Host- cookies: Secure, no Domain, Path=/ — they cannot be set by a sibling domain.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_NAME = "__Host-language"

# One JSON object per log line for the log collector (docs/deploy.md, "Observability");
# LOG_FORMAT=plain for a terminal.
LOG_FORMAT = env_str("LOG_FORMAT", "json")
LOGGING["handlers"]["console"]["formatter"] = "plain" if LOG_FORMAT == "plain" else "json"
