"""How a letter addresses a person, from the registry's name parts and gender.

Dutch correspondence conventions (Taaladvies.net, "Aanhef in brieven" and
"Hoofdletters in achternamen"):
- the address line has the initials, then the prefix in lower case:
  "S.M. Moulin", "P.J. de Vries";
- the salutation has "heer"/"mevrouw" (lower case after "Geachte") and the
  surname without initials; a prefix that starts the name takes a capital:
  "Geachte heer De Vries", "Geachte mevrouw Van der Berg";
- when the registry has no gender to go by: "Geachte heer/mevrouw Moulin".
"""

from __future__ import annotations

import re

from identity.registry import Person

GREETING = "Geachte"
TITLES = {"M": "heer", "V": "mevrouw"}
UNKNOWN_TITLE = "heer/mevrouw"


def initials(first_names: str) -> str:
    """ "Suzanne Marie" -> "S.M."; the Dutch digraph IJ stays together ("IJsbrand" -> "IJ.")."""
    letters = []
    for name in re.split(r"[\s-]+", first_names.strip()):
        if not name:
            continue
        letters.append("IJ" if name[:2].lower() == "ij" else name[0].upper())
    return "".join(f"{letter}." for letter in letters)


def _capitalise_prefix(prefix: str) -> str:
    # "'t Hart" keeps its lower-case t: the apostrophe is the first character.
    if not prefix or prefix.startswith("'"):
        return prefix
    return prefix[0].upper() + prefix[1:]


def surname_for_salutation(person: Person) -> str:
    """The surname as it starts a name: "De Vries", "Moulin"."""
    return " ".join(part for part in (_capitalise_prefix(person.prefix), person.surname) if part)


def address_name(person: Person) -> str:
    """The name on the address line: "S.M. Moulin", "P.J. de Vries"."""
    return " ".join(
        part for part in (initials(person.first_names), person.prefix, person.surname) if part
    )


def salutation(person: Person | None) -> str:
    """ "Geachte mevrouw Moulin" (no comma: the template adds its own punctuation)."""
    if person is None or not person.surname:
        return f"{GREETING} {UNKNOWN_TITLE}"
    title = TITLES.get(person.gender, UNKNOWN_TITLE)
    return f"{GREETING} {title} {surname_for_salutation(person)}"


def address_lines(person: Person) -> list[str]:
    address = person.address
    lines = [address.line1, address.line2] if address else []
    return [line for line in lines if line]
