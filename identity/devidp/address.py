"""Where the development IdP lives; no pysaml2 here, so start-up stays quick."""

from django.conf import settings

PREFIX = "/digid/dev-idp/"


def base_url() -> str:
    """The IdP's address: its own origin when DIGID_DEV_IDP_BASE_URL is set, as with
    the real DigiD (the browser tests do this), else the portal's."""
    origin = settings.DIGID_DEV_IDP_BASE_URL or settings.PORTAL_BASE_URL
    return origin.rstrip("/") + PREFIX


def idp_entity_id() -> str:
    return base_url() + "metadata/"
