"""Production settings: everything from the environment, nothing assumed.

Refuses to start without a secret key and allowed hosts, and refuses the
development IdP, so a misconfigured server fails at boot, not at the first login.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_list, env_required

SECRET_KEY = env_required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("The environment variable DJANGO_ALLOWED_HOSTS must be set.")

if env_bool("DIGID_DEV_IDP", False):
    raise ImproperlyConfigured(
        "DIGID_DEV_IDP is on: the development IdP must never run in production."
    )
DIGID_DEV_IDP = False

# The DigiD artifact back channel is https with a client certificate, always
# (docs/decisions/0004-artifact-resolve.md).
if not env_bool("DIGID_ARTIFACT_TLS_REQUIRED", True):
    raise ImproperlyConfigured("DIGID_ARTIFACT_TLS_REQUIRED cannot be switched off in production.")
DIGID_ARTIFACT_TLS_REQUIRED = True

# __Host- cookies: Secure, no Domain, Path=/ — they cannot be set by a sibling domain.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_NAME = "__Host-language"
