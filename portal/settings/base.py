"""Settings safe for production: DEBUG off, no default secret, strict headers.

Development and test settings import this module and loosen only what they
must. Operators configure everything through environment variables (see
`portal/settings/env.py` and docs/deploy.md).
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .env import database_from_url, env_bool, env_int, env_list, env_str, s3_private_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# No default: Django refuses to run with an empty key, and production settings
# say so in plain words.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "") or ""
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
# The public address of the portal. SAML endpoints, e-mail links and metadata are
# built from this, never from the Host header of a request.
PORTAL_BASE_URL = (env_str("PORTAL_BASE_URL", "http://localhost:8000") or "").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so their templates and translations win.
    "portal",
    "identity",
    "cases",
    "documents",
    "pages",
    "messaging",
    # Before agency_api: its create_api_client (with --demo) overrides the API's own.
    "demo",
    "corrections",
    "agency_api",
    "backoffice",
    "notifications",
    "product_requests",
    "zgw",
    "representation",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    # Page translations with Wagtail's own locales (docs/decisions/0025).
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts, MFA
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # OpenID Connect brokers: DigiD Machtigen and eHerkenning (identity/oidc/, 0042).
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    # Background tasks (database backend for the embedded default)
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Wagtail search's PostgreSQL full-text index uses SearchVectorField and GinIndex,
    # which Django's checks require this app for; harmless on SQLite.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    # First, so every log line of a request carries its id (portal/observability/).
    "portal.observability.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The page cache (decision 0015): serves visitors without a session before the
    # session is read; both below see every cookie a response sets.
    "pages.cache_middleware.PageCacheMiddleware",
    "pages.cache_middleware.PublicCacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # One access-log row per processing within a request (identity/access_log.py).
    "identity.access_log.AccessLogRequestMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    # Adds the IdP's origins to form-action on pages with a login or logout form (0017).
    "identity.saml.csp.DigidFormActionMiddleware",
    "identity.oidc.csp.BrokerFormActionMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "identity.session.AbsoluteSessionLimitMiddleware",
    "identity.session.SlidingSessionMiddleware",
    "identity.staff.StaffAdminAccessMiddleware",
    # The page cache for visitors with a session: after the session slid (0015).
    "pages.cache_middleware.SessionPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.portal",
                "pages.help.help_link",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", "sqlite:///var/db.sqlite3") or "", base_dir=BASE_DIR
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "identity.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Cache: local memory in the embedded default, Redis when REDIS_URL is set.
# The cache is optional: with Redis down the portal serves uncached and rate
# limits fail open (portal/cache.py, docs/deploy.md). Short socket timeouts, because
# a cache that answers slowly is worse than none.
REDIS_URL = env_str("REDIS_URL", "") or ""
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "openloket",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Webhook destinations must be public addresses (agency_api/destinations.py);
# these private networks (CIDRs, e.g. Diginetwerk) are allowed anyway.
API_WEBHOOK_ALLOWED_NETWORKS = env_list("API_WEBHOOK_ALLOWED_NETWORKS")
# Notifications (notifications/delivery.py): a worker's claim on an outbox row
# lapses after this many seconds; a row whose worker died while sending is then sent
# again by `manage.py send_notifications`. Must be far longer than a send can take
# (EMAIL_TIMEOUT per SMTP step).
NOTIFICATION_SENDING_LEASE_SECONDS = env_int("NOTIFICATION_SENDING_LEASE_SECONDS", 300)
# Notification channels (notifications/providers.py, decision 0038): e-mail over
# SMTP by default, or a GOV.UK-Notify-compatible API (NotifyNL) for e-mail and SMS.
NOTIFICATION_EMAIL_PROVIDER = env_str("NOTIFICATION_EMAIL_PROVIDER", "smtp")
NOTIFICATION_SMS_PROVIDER = env_str("NOTIFICATION_SMS_PROVIDER", "") or ""
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "") or ""
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifynl.nl") or ""
NOTIFY_EMAIL_TEMPLATE_ID = env_str("NOTIFY_EMAIL_TEMPLATE_ID", "") or ""
NOTIFY_SMS_TEMPLATE_ID = env_str("NOTIFY_SMS_TEMPLATE_ID", "") or ""
NOTIFY_TIMEOUT = env_int("NOTIFY_TIMEOUT", 10)
# The bearer token Notify puts in its delivery-receipt callbacks (set in Notify's
# "API integration > Callbacks"); empty refuses every callback.
NOTIFY_CALLBACK_BEARER_TOKEN = env_str("NOTIFY_CALLBACK_BEARER_TOKEN", "") or ""
# Late bounces (RFC 3464 DSNs; notifications/bounces.py, decision 0043): each e-mail
# leaves with a signed VERP envelope sender built on this address
# ("bounces@gemeente.nl" -> "bounces+n<id>-<mac>@gemeente.nl"; the relay must deliver
# "bounces+*" to one mailbox), which `check_notifications` reads over IMAP(S) from
# the URL ("imaps://user:password@host/INBOX"). Both empty: no bounce reading.
NOTIFICATION_BOUNCE_ADDRESS = env_str("NOTIFICATION_BOUNCE_ADDRESS", "") or ""
NOTIFICATION_BOUNCE_MAILBOX_URL = env_str("NOTIFICATION_BOUNCE_MAILBOX_URL", "") or ""
# Back-off of a failed notification: base * 2^(attempt-1).
NOTIFICATION_BACKOFF_SECONDS = env_int("NOTIFICATION_BACKOFF_SECONDS", 60)
# Mijn taken (issue 21): an open task's reminder e-mail goes out this many days
# before its deadline (messaging/reminders.py, `manage.py remind_tasks`).
TASK_REMINDER_DAYS_BEFORE = env_int("TASK_REMINDER_DAYS_BEFORE", 3)
# Whole anonymous Wagtail pages are cached (pages/page_cache.py, decision 0015):
# the rendered pages in each process's memory (alias "pages": no round trip on a
# hit, bounded by MAX_ENTRIES), the site-wide version that publishing bumps in the
# shared cache, read at most every PAGE_CACHE_VERSION_SECONDS per process.
# PAGE_CACHE_SECONDS bounds an entry's life should an invalidation be missed
# (Redis down during a publish); PAGE_CACHE_MAX_AGE is for browsers (Cache-Control).
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "openloket-pages",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_VERSION_ALIAS = "default"
# Where the version lives: the shared cache when there is one (Redis), else the
# database. LocMemCache is private to a process, so a publish by the periodic
# jobs or another worker would never reach this one (issue 15.12).
PAGE_CACHE_VERSION_STORE = env_str("PAGE_CACHE_VERSION_STORE", "cache" if REDIS_URL else "database")
if PAGE_CACHE_VERSION_STORE not in ("cache", "database"):
    raise ImproperlyConfigured("PAGE_CACHE_VERSION_STORE must be 'cache' or 'database'.")
# The channel register (agencies' channel rules and outages) cached per agency in the
# default cache (messaging/channels.py, decision 0051): only when that cache is
# shared by every process (Redis), since a change must reach them all at once.
CHANNEL_REGISTER_CACHE = env_bool("CHANNEL_REGISTER_CACHE", bool(REDIS_URL))
# The catalogue (agencies, case types, status types) kept in each process's memory
# and checked against a version in the default cache (cases/catalogue.py, decision
# 0056): only when that cache is shared by every process (Redis), likewise.
CATALOGUE_CACHE = env_bool("CATALOGUE_CACHE", bool(REDIS_URL))
# Reads that found nothing (a case's messages, a citizen's drafts) remembered in the
# default cache until what they read changes (portal/empty_reads.py, decision 0056):
# only with a cache shared by every process, likewise.
EMPTY_READ_CACHE = env_bool("EMPTY_READ_CACHE", bool(REDIS_URL))
# The acting contexts a session found, reused for CONTEXTS_FRESH_SECONDS
# (identity/acting.py, decision 0050): only when a withdrawn representation's
# signal reaches every process at once, that is with a shared cache (Redis).
ACTING_CONTEXTS_CACHE = env_bool("ACTING_CONTEXTS_CACHE", bool(REDIS_URL))
PAGE_CACHE_VERSION_SECONDS = env_int("PAGE_CACHE_VERSION_SECONDS", 1)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 10 * 60)
PAGE_CACHE_MAX_AGE = env_int("PAGE_CACHE_MAX_AGE", 60)

# Background tasks: the database worker needs no server; Redis for scale-out.
TASK_BACKEND = env_str("TASK_BACKEND", "database")
if TASK_BACKEND == "redis":
    INSTALLED_APPS.append("django_tasks_redis")
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_redis.backends.RedisTaskBackend",
            "OPTIONS": {"REDIS_URL": REDIS_URL or "redis://127.0.0.1:6379/0"},
        }
    }
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Internationalisation: Dutch first, English as the alternative.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
# The second path only overrides allauth's Dutch ("je" -> "u"); makemessages never writes there.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "identity" / "locale_allauth"]
TIME_ZONE = "Europe/Amsterdam"
# Days a Royal Decree equates to a holiday under the Algemene termijnenwet
# (art. 3 lid 3), ISO dates, e.g. "2027-05-07"; messaging/terms.py extends terms
# over them. The decree is published per period in the Staatscourant.
ATW_EQUATED_DAYS = env_list("ATW_EQUATED_DAYS")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files: hashed and compressed by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
# Media for Wagtail images (public, editorial). Citizens' documents never go here:
# they use the "private" storage below, which has no URL.
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
PRIVATE_STORAGE_ROOT = Path(env_str("PRIVATE_STORAGE_ROOT", "") or BASE_DIR / "var" / "private")

S3_BUCKET = env_str("S3_BUCKET", "") or ""
if S3_BUCKET:
    _private_storage = s3_private_storage(
        bucket=S3_BUCKET,
        endpoint_url=env_str("S3_ENDPOINT_URL", None),
        region=env_str("S3_REGION", None),
    )
else:
    _private_storage = {
        "BACKEND": "portal.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT},
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": _private_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Documents (documents/validation.py, documents/scanning.py): uploads are limited while
# streaming; office formats are opt-in per kind; ClamAV is off until configured
# (and required in production, portal/settings/production.py).
DOCUMENT_MAX_UPLOAD_BYTES = env_int("DOCUMENT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
DOCUMENT_OFFICE_FORMATS = env_list("DOCUMENT_OFFICE_FORMATS", ["docx", "xlsx", "odt"])
DOCUMENT_UPLOADS_PER_HOUR = env_int("DOCUMENT_UPLOADS_PER_HOUR", 20)
DOCUMENT_VERIFICATIONS_PER_HOUR = env_int("DOCUMENT_VERIFICATIONS_PER_HOUR", 30)
# Files chosen in a request form wait this long for the request to be sent
# (manage.py prune_pending_uploads removes older ones).
REQUEST_PENDING_UPLOAD_HOURS = env_int("REQUEST_PENDING_UPLOAD_HOURS", 24)
CLAMAV_SOCKET = env_str("CLAMAV_SOCKET", "") or ""
CLAMAV_HOST = env_str("CLAMAV_HOST", "") or ""
CLAMAV_PORT = env_int("CLAMAV_PORT", 3310)
CLAMAV_TIMEOUT = env_int("CLAMAV_TIMEOUT", 10)
# A server must scan uploads: production settings refuse to start without a scanner
# and `check --deploy` warns, unless this is false (uploads are scanned elsewhere).
VIRUS_SCAN_REQUIRED = env_bool("VIRUS_SCAN_REQUIRED", True)

# Security headers and cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
# problem+json instead of an HTML page for a CSRF failure under /api/ (issue 14).
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Government domains serve HTTPS only; an operator can opt out for a domain with HTTP subdomains.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Database sessions whose login rotation writes the row once (identity/session_store.py).
SESSION_ENGINE = "identity.session_store"
# Idle timeout (sliding) for citizens; the identity app slides it without a write on
# every request and enforces the absolute cap (identity/session.py).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 15 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 8 * 60 * 60)

# Content Security Policy (Django's built-in): no inline script or style anywhere
# on the public site; scripts need our nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    # Pages with the DigiD login or logout form also allow the IdP's SSO/SLO origins,
    # read from its metadata (identity/saml/csp.py, docs/decisions/0017).
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# The Wagtail admin (staff only, behind MFA) sets inline styles from its own
# scripts; it gets the same policy plus that one allowance (portal.middleware).
ADMIN_CSP = {**SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]}

# Accounts (staff): allauth, no self sign-up, MFA required for the admin.
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_ADAPTER = "identity.adapters.StaffAccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_RATE_LIMITS = {"login_failed": "5/5m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Open Loket"
LOGIN_URL = "/inloggen/"
LOGIN_REDIRECT_URL = "/mijn/"
LOGOUT_REDIRECT_URL = "/"

# Wagtail
WAGTAIL_SITE_NAME = "Open Loket"

# The portal's own helpdesk, shown on the help page behind "Hulp nodig?" on every page
# (WCAG 3.2.6 consistent help; pages/help.py). Questions about a case go to its agency.
PORTAL_HELPDESK = {
    "phone": env_str("PORTAL_HELPDESK_PHONE", "14 079") or "",
    "email": env_str("PORTAL_HELPDESK_EMAIL", "helpdesk@openloket.example") or "",
    "hours": env_str("PORTAL_HELPDESK_HOURS", "") or "",
}
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Page content in Dutch and English: one page tree per locale, linked by
# translation_key (docs/decisions/0025-content-translation.md).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The database backend uses PostgreSQL full-text search on PostgreSQL; "dutch" turns
# on Dutch stemming there (verhuizen ~ verhuizing). SQLite ignores SEARCH_CONFIG.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "dutch"}
}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send a hash of staff e-mail addresses to a third party
# (and the admin CSP allows no external images).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# E-mail (Django 6.1 MAILERS): SMTP here, the console in development.
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", "") or "",
            "password": env_str("EMAIL_HOST_PASSWORD", "") or "",
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": env_int("EMAIL_TIMEOUT", 10),
        },
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Open Loket <noreply@openloket.example>")

# Person registry (BRP): "local" (our own tables, the embedded default) or
# "haal_centraal" (Haal Centraal BRP Personen v2, identity/registry/haal_centraal.py).
PERSON_REGISTRY = env_str("PERSON_REGISTRY", "local")
HAAL_CENTRAAL_BRP = {
    "BASE_URL": env_str("HAAL_CENTRAAL_BRP_URL", "") or "",
    "API_KEY": env_str("HAAL_CENTRAAL_BRP_API_KEY", "") or "",
    "DOELBINDING": env_str("HAAL_CENTRAAL_BRP_DOELBINDING", "") or "",
    "ORIGIN_OIN": env_str("HAAL_CENTRAAL_BRP_ORIGIN_OIN", "") or "",
    "GEMEENTE_VAN_INSCHRIJVING": env_str("HAAL_CENTRAAL_BRP_GEMEENTE", "") or "",
    "TIMEOUT_SECONDS": env_int("HAAL_CENTRAAL_BRP_TIMEOUT_SECONDS", 5),
    "RETRIES": env_int("HAAL_CENTRAAL_BRP_RETRIES", 2),
}
if PERSON_REGISTRY not in {"local", "haal_centraal"}:
    raise ImproperlyConfigured("PERSON_REGISTRY must be 'local' or 'haal_centraal'.")
if PERSON_REGISTRY == "haal_centraal" and not HAAL_CENTRAAL_BRP["BASE_URL"]:
    raise ImproperlyConfigured("PERSON_REGISTRY is haal_centraal: set HAAL_CENTRAAL_BRP_URL.")
# The business registry (identity/business_registry): "local" (embedded, demo
# company) or "kvk" (KvK API Basisprofiel + Vestigingsprofiel v1).
BUSINESS_REGISTRY = env_str("BUSINESS_REGISTRY", "local")
KVK_API = {
    "BASE_URL": env_str("KVK_API_URL", "") or "",
    "API_KEY": env_str("KVK_API_KEY", "") or "",
    "TIMEOUT_SECONDS": env_int("KVK_API_TIMEOUT_SECONDS", 5),
    "RETRIES": env_int("KVK_API_RETRIES", 2),
}
if BUSINESS_REGISTRY not in {"local", "kvk"}:
    raise ImproperlyConfigured("BUSINESS_REGISTRY must be 'local' or 'kvk'.")
if BUSINESS_REGISTRY == "kvk" and not KVK_API["BASE_URL"]:
    raise ImproperlyConfigured("BUSINESS_REGISTRY is kvk: set KVK_API_URL.")
# Correction requests open a "correctie-persoonsgegevens" case at this agency
# (slug); empty: the only agency with that case type (corrections/).
CORRECTIONS_AGENCY = env_str("CORRECTIONS_AGENCY", "") or ""

# The access log citizens read (identity/access_log.py): entries older than this
# are removed by `manage.py prune_access_log` (run it daily).
ACCESS_LOG_RETENTION_DAYS = env_int("ACCESS_LOG_RETENTION_DAYS", 2 * 365)
# The key of the keyed hash that stands for the citizen's BSN in the access log
# (identity.access_log.data_subject_id; docs/decisions/0028-access-log-ldv.md).
# Empty: derived from SECRET_KEY. Set it (50+ random characters) so that
# rotating SECRET_KEY does not cut citizens off from their access history.
ACCESS_LOG_SUBJECT_KEY = env_str("ACCESS_LOG_SUBJECT_KEY", "") or ""
# How long a link to confirm a new e-mail address works.
EMAIL_CONFIRMATION_MAX_AGE_SECONDS = env_int("EMAIL_CONFIRMATION_HOURS", 24) * 60 * 60

# The development IdP (pysaml2) is installed and mounted only when this is on, which
# portal/settings/devidp.py does; production settings refuse to start with it.
DIGID_DEV_IDP = False

# LOG_FORMAT: "plain" for a terminal, "json" (the production default) for a log
# collector: one JSON object per line with the request id and, while tracing is
# on, the trace and span ids (portal/observability/json_logs.py, docs/deploy.md).
LOG_FORMAT = env_str("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "portal.observability.json_logs.JsonFormatter"},
    },
    # No BSN in any log line, plain or JSON (portal/observability/redaction.py).
    "filters": {"scrub": {"()": "portal.observability.redaction.ScrubFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["scrub"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request bodies and URLs with query strings stay out of the log.
        "django.request": {"level": "ERROR"},
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # One line per request submission: how long the agency's case-number lock
        # was held (issue 23, goal ≤ 50 ms; bench/drill_duplicate_submit.py reads it).
        "product_requests.case_lock": {"level": "INFO"},
    },
}

# DigiD service provider: its own module, so this file stays readable.
from .digid import *  # noqa: E402, F403

# OpenID Connect brokers (DigiD Machtigen, eHerkenning): their own module too.
from .oidc import *  # noqa: E402, F403
