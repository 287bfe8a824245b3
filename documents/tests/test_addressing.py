"""How a decision letter addresses a person (issue 14.6): Dutch conventions."""

import pytest

from documents.addressing import address_name, initials, salutation
from identity.registry import Person


def person(first_names, prefix, surname, gender=""):
    return Person(
        bsn="999993653", first_names=first_names, prefix=prefix, surname=surname, gender=gender
    )


@pytest.mark.parametrize(
    ("who", "line", "greeting"),
    [
        (person("Suzanne Marie", "", "Moulin", "V"), "S.M. Moulin", "Geachte mevrouw Moulin"),
        (person("Peter Jan", "de", "Vries", "M"), "P.J. de Vries", "Geachte heer De Vries"),
        (
            person("Anna", "van der", "Berg", "V"),
            "A. van der Berg",
            "Geachte mevrouw Van der Berg",
        ),
        (person("Fatima", "", "El Amrani", ""), "F. El Amrani", "Geachte heer/mevrouw El Amrani"),
        (person("Jan-Willem", "'t", "Hart", "M"), "J.W. 't Hart", "Geachte heer 't Hart"),
        (person("IJsbrand", "", "Smit", "M"), "IJ. Smit", "Geachte heer Smit"),
    ],
)
def test_address_line_and_salutation(who, line, greeting):
    assert address_name(who) == line
    assert salutation(who) == greeting


def test_unknown_person_gets_the_neutral_salutation():
    assert salutation(None) == "Geachte heer/mevrouw"
    assert salutation(person("Anna", "", "", "V")) == "Geachte heer/mevrouw"


def test_initials_ignore_extra_spaces():
    assert initials("  Suzanne   Marie ") == "S.M."
    assert initials("") == ""
