"""A development DigiD IdP on pysaml2 - a SAML stack independent of our SP's.

Installed and mounted only when settings.DIGID_DEV_IDP is on (portal/settings/devidp.py;
production settings refuse it). At start-up it writes development-only key pairs
(devkeys.py) and its metadata (files.py), the files development settings name for the
SP. The SP (identity/saml/) never imports this package: delete it and the SP still
works with real files. See docs/decisions/0005-dev-idp-pysaml2.md and 0027.
"""

import warnings

# pysaml2 7.5 touches a cipher mode that cryptography has moved; harmless here,
# and noisy on every start of `make run`.
warnings.filterwarnings("ignore", message="CFB has been moved")
