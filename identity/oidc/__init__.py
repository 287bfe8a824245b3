"""Login through an OpenID Connect broker: DigiD Machtigen and eHerkenning (issue 19).

django-allauth's generic OpenID Connect provider runs the authorization code flow
with PKCE; identity/oidc/provider.py adds the nonce and the strict ID-token checks,
identity/oidc/adapter.py turns a validated login into the portal's session
(docs/decisions/0042-oidc-broker-login.md, docs/oidc-brokers.md)."""
