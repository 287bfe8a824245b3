"""Development settings: `make run` on a laptop, no servers needed."""

from .base import *  # noqa: F403
from .base import BASE_DIR, LOGGING
from .env import env_bool, env_str

DEBUG = True
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "") or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

# Plain http on localhost.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

# E-mail goes to the console of `make run` (docs: README "Development mail").
MAILERS = {"default": {"BACKEND": "portal.mail.ReadableConsoleBackend"}}

# The development IdP plays DigiD, and writes the files the SP's settings name.
if env_bool("DIGID_DEV_IDP", True):
    from .devidp import *  # noqa: F403

# A webhook receiver you run yourself on this machine.
API_WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]

# runserver serves static files through whitenoise, unhashed.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
INSTALLED_APPS.insert(0, "whitenoise.runserver_nostatic")  # noqa: F405

LOGGING["root"]["level"] = env_str("LOG_LEVEL", "INFO")
(BASE_DIR / "var").mkdir(exist_ok=True)

# The development IdP resolves artifacts over plain http in the same process
# (docs/decisions/0004-artifact-resolve.md).
DIGID_ARTIFACT_TLS_REQUIRED = False

# The development OIDC broker that scripts/run.sh starts (tools/oidc-broker/), unless
# OIDC_BROKERS names real ones: "Inloggen met DigiD Machtigen" and "met eHerkenning".
from .oidc import OIDC_BROKERS, development_brokers  # noqa: E402

if not OIDC_BROKERS:
    OIDC_BROKERS = development_brokers(
        env_str("OIDC_DEV_BROKER_URL", "") or "http://127.0.0.1:8002"
    )
