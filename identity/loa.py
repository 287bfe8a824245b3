"""DigiD levels of assurance (betrouwbaarheidsniveaus), ordered.

The SAML AuthnContextClassRef values are Logius' (DigiD koppelvlakspecificatie
SAML, "Betrouwbaarheidsniveaus"). Order matters: a higher level satisfies a
requirement for a lower one.
"""

from enum import IntEnum

from django.utils.translation import gettext_lazy as _

SESSION_KEY = "digid_loa"


class LevelOfAssurance(IntEnum):
    BASIS = 10
    MIDDEN = 20
    SUBSTANTIEEL = 25
    HOOG = 30

    @property
    def class_ref(self) -> str:
        return CLASS_REFS[self]

    @property
    def label(self) -> str:
        return str(LABELS[self])

    @classmethod
    def from_class_ref(cls, value: str) -> "LevelOfAssurance | None":
        for level, ref in CLASS_REFS.items():
            if ref == value:
                return level
        return None


CLASS_REFS = {
    LevelOfAssurance.BASIS: "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
    LevelOfAssurance.MIDDEN: "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
    LevelOfAssurance.SUBSTANTIEEL: "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
    LevelOfAssurance.HOOG: "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
}
LABELS = {
    LevelOfAssurance.BASIS: _("Basis"),
    LevelOfAssurance.MIDDEN: _("Midden"),
    LevelOfAssurance.SUBSTANTIEEL: _("Substantieel"),
    LevelOfAssurance.HOOG: _("Hoog"),
}


def session_level(request) -> LevelOfAssurance | None:
    raw = request.session.get(SESSION_KEY)
    try:
        return LevelOfAssurance(int(raw)) if raw is not None else None
    except ValueError:
        return None
