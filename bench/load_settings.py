"""Settings for bench/load.py: production settings plus the development IdP.

`portal.settings.production` refuses DIGID_DEV_IDP (rightly: it must never run in
production), but the load test logs in thousands of times through a full SAML
round trip and has no real DigiD. So this module, outside the app, takes the
production settings as they are (DEBUG off, Redis cache, PostgreSQL, whitenoise
with hashed files, the production middleware and templates) and changes only what
a loopback run without TLS and without DigiD needs:

- the development IdP on, its artifact back channel over plain http to the same
  server (docs/decisions/0004-artifact-resolve.md);
- Server-Timing on every response (portal.middleware.ServerTimingMiddleware), so
  the access log has each request's CPU time next to its wall time;
- plain-http cookies: the load driver talks http to 127.0.0.1, so Secure cookies
  (and the __Host- names that require them) would never be sent back. Everything
  a TLS proxy does in production (HSTS, the https redirect) is off for the same reason.

Import it only through bench/load.py, which sets the environment it reads.
"""

from portal.settings.production import *  # noqa: F403

MIDDLEWARE = ["portal.middleware.ServerTimingMiddleware", *MIDDLEWARE]  # noqa: F405
# After production's settings, which switch the development IdP off.
from portal.settings.devidp import *  # noqa: E402, F403

DIGID_ARTIFACT_TLS_REQUIRED = False

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
LANGUAGE_COOKIE_NAME = "django_language"
