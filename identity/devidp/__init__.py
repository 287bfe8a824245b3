"""A development DigiD IdP on pysaml2 - a SAML stack independent of our SP's.

Mounted only when settings.DIGID_DEV_IDP is on (production settings refuse it).
Its keys are development-only (identity/saml/devkeys.py). See
docs/decisions/0005-dev-idp-pysaml2.md.
"""

import warnings

# pysaml2 7.5 touches a cipher mode that cryptography has moved; harmless here,
# and noisy on every start of `make run`.
warnings.filterwarnings("ignore", message="CFB has been moved")
