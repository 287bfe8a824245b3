"""Our SP metadata: signed, with the current and the next signing certificate.

Publishing the next certificate before it signs anything lets the IdP pick it
up in time (Logius asks for metadata changes ahead of a certificate change);
from DIGID_SP_NEXT_ACTIVE_FROM on, config.signing_pair() signs with it.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.utils import timezone
from onelogin.saml2.constants import OneLogin_Saml2_Constants as C
from onelogin.saml2.metadata import OneLogin_Saml2_Metadata
from onelogin.saml2.utils import OneLogin_Saml2_Utils

from .config import (
    BINDING_ARTIFACT,
    BINDING_POST,
    acs_url,
    published_certs,
    signing_pair,
    slo_url,
    sp_entity_id,
)

# With no validUntil, a consumer that fetches us refreshes at least this often
# (SAML metadata 2.3.1 cacheDuration); an IdP that imported a copy keeps it.
CACHE_DURATION = "P1D"


def _cert_body(pem: str) -> str:
    return OneLogin_Saml2_Utils.format_cert(pem, heads=False)


def _validity_attributes() -> str:
    """validUntil DIGID_SP_METADATA_VALID_DAYS from now (SAML metadata 2.3.1), or,
    with 0, cacheDuration only. A real IdP (SimpleSAMLphp; the copy Logius keeps)
    refuses an imported copy after validUntil, so it must outlast the time until
    the operator sends the next one (docs/digid.md)."""
    days = settings.DIGID_SP_METADATA_VALID_DAYS
    if days <= 0:
        return f' cacheDuration="{CACHE_DURATION}"'
    valid_until = timezone.now() + dt.timedelta(days=days)
    return f' validUntil="{valid_until:%Y-%m-%dT%H:%M:%SZ}"'


def sp_metadata_xml() -> bytes:
    key_descriptors = "".join(
        '<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>'
        f"{_cert_body(cert)}"
        "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
        for cert in published_certs()
    )
    organisation = escape(settings.DIGID_ORGANISATION_NAME or settings.WAGTAIL_SITE_NAME)
    xml = (
        f'<md:EntityDescriptor xmlns:md="{C.NS_MD}" xmlns:ds="{C.NS_DS}"'
        f" ID={quoteattr(OneLogin_Saml2_Utils.generate_unique_id())}"
        f" entityID={quoteattr(sp_entity_id())}"
        f"{_validity_attributes()}>"
        '<md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true"'
        f' protocolSupportEnumeration="{C.NS_SAMLP}">'
        f"{key_descriptors}"
        f'<md:SingleLogoutService Binding="{C.BINDING_HTTP_REDIRECT}"'
        f" Location={quoteattr(slo_url())}/>"
        # Artifact first and default, like DigiD; POST as the alternative.
        f'<md:AssertionConsumerService Binding="{BINDING_ARTIFACT}"'
        f' Location={quoteattr(acs_url())} index="0" isDefault="true"/>'
        f'<md:AssertionConsumerService Binding="{BINDING_POST}"'
        f' Location={quoteattr(acs_url())} index="1"/>'
        "</md:SPSSODescriptor>"
        f'<md:Organization><md:OrganizationName xml:lang="nl">{organisation}</md:OrganizationName>'
        f'<md:OrganizationDisplayName xml:lang="nl">{organisation}</md:OrganizationDisplayName>'
        f'<md:OrganizationURL xml:lang="nl">{escape(settings.PORTAL_BASE_URL)}/'
        "</md:OrganizationURL>"
        "</md:Organization>"
        "</md:EntityDescriptor>"
    )
    pair = signing_pair()
    signed = OneLogin_Saml2_Metadata.sign_metadata(
        xml, pair.key, pair.cert, sign_algorithm=C.RSA_SHA256, digest_algorithm=C.SHA256
    )
    return signed if isinstance(signed, bytes) else signed.encode()
