"""The DigiD SAML 2.0 service provider, on upstream python3-saml.

config      settings for python3-saml, built from Django settings and PORTAL_BASE_URL
devkeys     development-only key pairs, generated into var/digid-dev/ at first use
idp_metadata  the IdP's metadata (file, URL or the development IdP)
authn       the signed AuthnRequest (HTTP-Redirect) and the pending-request store
artifact    ArtifactResolve over SOAP with mutual TLS (python3-saml has none)
validation  every check on a Response beyond python3-saml's strict mode
replay      the replay cache shared by all app servers
sp_metadata our signed metadata with the current and next certificate
"""
