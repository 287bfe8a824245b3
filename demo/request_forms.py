"""Demo request forms: which demo products can be requested online, with which questions.

product slug -> (agency slug, case type code, [(field type, label, help text, required, choices)])
"""

REQUEST_FORMS = {
    "verhuizing-doorgeven": (
        "zoetermeer",
        "verhuizing",
        [
            ("date", "Verhuisdatum", "De dag waarop u op het nieuwe adres gaat wonen.", True, ""),
            ("text", "Nieuw adres", "Straat, huisnummer en postcode.", True, ""),
            (
                "radio",
                "Wie verhuizen er mee?",
                "",
                True,
                "Alleen ikzelf\nIk en mijn partner\nIk, mijn partner en kinderen",
            ),
            ("email", "E-mailadres voor vragen", "", False, ""),
            (
                "file",
                "Huurcontract of koopakte",
                "Niet nodig als u bij iemand intrekt.",
                False,
                "",
            ),
        ],
    ),
    "bijzondere-bijstand": (
        "zoetermeer",
        "bijzondere-bijstand",
        [
            ("text", "Waarvoor vraagt u bijstand aan?", "Bijvoorbeeld: een wasmachine.", True, ""),
            ("number", "Hoeveel kost het?", "Het bedrag in euro's.", True, ""),
            ("textarea", "Waarom kunt u dit niet zelf betalen?", "", True, ""),
            ("file", "Offerte of kassabon", "Een foto of scan is genoeg.", False, ""),
            ("checkbox", "Ik heb dit naar waarheid ingevuld", "", True, ""),
        ],
    ),
    "kwijtschelding-waterschapsbelasting": (
        "rijnland",
        "kwijtschelding",
        [
            ("text", "Aanslagnummer", "Dit staat op uw aanslag.", True, ""),
            (
                "dropdown",
                "Uw situatie",
                "",
                True,
                "Ik heb een uitkering\nIk heb een laag inkomen uit werk\nIk heb AOW",
            ),
            (
                "checkboxes",
                "Welke heffingen?",
                "",
                True,
                "Watersysteemheffing\nZuiveringsheffing",
            ),
        ],
    ),
}
