"""The DigiD SAML 2.0 service provider, on upstream python3-saml.

It reads its keys and the IdP's metadata from the files its settings name, in
production and development alike; nothing here imports the development IdP
(identity/devidp/, docs/decisions/0027-sp-without-dev-idp.md).

config      settings for python3-saml, built from Django settings and PORTAL_BASE_URL
idp_metadata  the IdP's metadata, from DIGID_IDP_METADATA_FILE
authn       the signed AuthnRequest (HTTP-Redirect) and the pending-request store
artifact    ArtifactResolve over SOAP with mutual TLS (python3-saml has none)
validation  every check on a Response beyond python3-saml's strict mode
replay      the replay cache shared by all app servers
sp_metadata our signed metadata with the current and next certificate
"""
