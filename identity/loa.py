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

    @property
    def how_to_log_in(self) -> str:
        """What the level means for the citizen, in plain words (no "betrouwbaarheidsniveau")."""
        return str(HOW_TO_LOG_IN[self])

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

# The means DigiD accepts at each level (Logius, "Inlogmiddelen per betrouwbaarheidsniveau"):
# Basis username and password; Midden the DigiD app or an sms check; Substantieel the app
# with ID check; Hoog the app with the identity document's chip read every time.
HOW_TO_LOG_IN = {
    LevelOfAssurance.BASIS: _("U logt in met DigiD."),
    LevelOfAssurance.MIDDEN: _("U logt in met DigiD met de DigiD app of sms-controle."),
    LevelOfAssurance.SUBSTANTIEEL: _("U logt in met DigiD met de DigiD app met ID-check."),
    LevelOfAssurance.HOOG: _(
        "U logt in met DigiD met de DigiD app en de chip van uw identiteitsbewijs."
    ),
}


def session_level(request) -> LevelOfAssurance | None:
    raw = request.session.get(SESSION_KEY)
    try:
        return LevelOfAssurance(int(raw)) if raw is not None else None
    except ValueError:
        return None
