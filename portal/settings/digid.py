"""DigiD (SAML 2.0 service provider) settings, imported at the end of base.py.

Every URL the SP puts in a SAML message (entity ID, ACS, metadata) is derived
from PORTAL_BASE_URL, never from a request's Host header. Files are PEM paths.
In development and tests (DIGID_DEV_IDP on) portal/settings/devidp.py points the
key and metadata settings at files the development IdP writes into var/digid-dev/.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_int, env_str

# Our entity ID; empty means "<PORTAL_BASE_URL>/digid/metadata/".
DIGID_SP_ENTITY_ID = env_str("DIGID_SP_ENTITY_ID", "") or ""
# The key pair that signs AuthnRequests, ArtifactResolves, LogoutRequests and metadata.
DIGID_SP_KEY_FILE = env_str("DIGID_SP_KEY_FILE", "") or ""
DIGID_SP_CERT_FILE = env_str("DIGID_SP_CERT_FILE", "") or ""
# Certificate rollover: the next pair is published in metadata at once and used
# for signing from DIGID_SP_NEXT_ACTIVE_FROM (ISO 8601 date-time, UTC if naive).
DIGID_SP_NEXT_KEY_FILE = env_str("DIGID_SP_NEXT_KEY_FILE", "") or ""
DIGID_SP_NEXT_CERT_FILE = env_str("DIGID_SP_NEXT_CERT_FILE", "") or ""
DIGID_SP_NEXT_ACTIVE_FROM = env_str("DIGID_SP_NEXT_ACTIVE_FROM", "") or ""

# The IdP's metadata: a local file (refreshed by `manage.py refresh_idp_metadata`
# from DIGID_IDP_METADATA_URL). With the development IdP on it is the one that IdP
# writes (portal/settings/devidp.py).
DIGID_IDP_METADATA_FILE = env_str("DIGID_IDP_METADATA_FILE", "") or ""
DIGID_IDP_METADATA_URL = env_str("DIGID_IDP_METADATA_URL", "") or ""
# When set, refresh_idp_metadata accepts only metadata signed with this certificate.
DIGID_IDP_METADATA_SIGNING_CERT_FILE = env_str("DIGID_IDP_METADATA_SIGNING_CERT_FILE", "") or ""

# ArtifactResolve over SOAP with mutual TLS (Logius: "DigiD koppelvlakspecificatie
# SAML", the back channel needs a PKIoverheid client certificate).
DIGID_TLS_CLIENT_CERT_FILE = env_str("DIGID_TLS_CLIENT_CERT_FILE", "") or ""
DIGID_TLS_CLIENT_KEY_FILE = env_str("DIGID_TLS_CLIENT_KEY_FILE", "") or ""
# CA bundle that pins the IdP's TLS chain; empty means the system store.
DIGID_TLS_CA_BUNDLE = env_str("DIGID_TLS_CA_BUNDLE", "") or ""
# Production: the artifact back channel must be https with a client certificate.
# Development switches it off (docs/decisions/0004-artifact-resolve.md).
DIGID_ARTIFACT_TLS_REQUIRED = env_bool("DIGID_ARTIFACT_TLS_REQUIRED", True)
DIGID_ARTIFACT_TIMEOUT_SECONDS = 10

# How the IdP answers: "artifact" (DigiD's default) or "post".
DIGID_RESPONSE_BINDING = env_str("DIGID_RESPONSE_BINDING", "artifact") or "artifact"
# The organisation shown next to the "Inloggen met DigiD" button (Logius' rule).
DIGID_ORGANISATION_NAME = env_str("DIGID_ORGANISATION_NAME", "") or ""
# How long an AuthnRequest we sent may be answered.
DIGID_REQUEST_TTL_SECONDS = 15 * 60

# The development IdP's own address; empty means PORTAL_BASE_URL. Set it to another
# origin (e.g. http://127.0.0.1:8000 when the portal is http://localhost:8000) to
# cross origins like the real DigiD does; the browser tests do (docs/decisions/0017).
DIGID_DEV_IDP_BASE_URL = (env_str("DIGID_DEV_IDP_BASE_URL", "") or "").rstrip("/")

# validUntil of our SP metadata, in days from the moment it is served. A real IdP
# (SimpleSAMLphp, and the copy Logius keeps) refuses an imported copy after it, so
# it must outlast the time between two deliveries to Logius (docs/digid.md).
# 0 leaves validUntil out (the metadata then says cacheDuration only).
DIGID_SP_METADATA_VALID_DAYS = env_int("DIGID_SP_METADATA_VALID_DAYS", 365)
if DIGID_SP_METADATA_VALID_DAYS < 0:
    raise ImproperlyConfigured("DIGID_SP_METADATA_VALID_DAYS must be 0 (no validUntil) or more.")
