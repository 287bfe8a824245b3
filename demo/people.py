"""Demo citizens (test BSNs from the 9999xxxxx range; they pass the elfproef)
and their records in the local person registry."""

from datetime import date

from identity.devidp.personas import DEMO_CITIZENS
from identity.models import User
from identity.registry.models import AuthorityKind, LocalAddress, LocalAuthority, LocalPerson

# The local registry (BRP stand-in). Suzanne and Peter are partners with one
# child who has no account; Fatima lives alone and moved last year.
DEMO_PERSONS = [
    # (bsn, voornamen, voorvoegsel, geslachtsnaam, geboortedatum, nationaliteit)
    ("999993653", "Suzanne Marie", "", "Moulin", date(1985, 3, 14), "Nederlandse"),
    ("999990019", "Peter Jan", "de", "Vries", date(1983, 11, 2), "Nederlandse"),
    ("999991772", "Fatima", "", "El Amrani", date(1992, 6, 30), "Nederlandse"),
    ("999998456", "Noah", "de", "Vries", date(2016, 9, 8), "Nederlandse"),
]
# BRP geslachtsaanduiding, for the salutation of letters.
DEMO_GENDERS = {"999993653": "V", "999990019": "M", "999991772": "V", "999998456": "M"}
DEMO_ADDRESSES = {
    # bsn: [(street, number, letter, addition, postcode, city, valid_from, valid_to)]
    "999993653": [
        ("Dorpsstraat", 12, "", "", "2712 AB", "Zoetermeer", date(2015, 5, 1), None),
        (
            "Laan van Meerdervoort",
            200,
            "",
            "3",
            "2517 BL",
            "Den Haag",
            date(2009, 1, 15),
            date(2015, 4, 30),
        ),
    ],
    "999990019": [("Dorpsstraat", 12, "", "", "2712 AB", "Zoetermeer", date(2015, 5, 1), None)],
    "999998456": [("Dorpsstraat", 12, "", "", "2712 AB", "Zoetermeer", date(2016, 9, 8), None)],
    "999991772": [
        ("Meerzichtlaan", 45, "B", "", "2719 EA", "Zoetermeer", date(2025, 8, 1), None),
        ("Oosterstraat", 7, "", "", "2611 TT", "Delft", date(2014, 9, 1), date(2025, 7, 31)),
    ],
}
DEMO_PARTNERS = [("999993653", "999990019")]
DEMO_CHILDREN = {"999998456": ["999993653", "999990019"]}
# Gezag (issue 19): both parents hold joint parental authority over Noah, so
# either can log in and act for him until the day before he turns 18.
DEMO_AUTHORITY = {"999998456": ["999993653", "999990019"]}


def _seed_users() -> None:
    # Names only on creation: after that the account is the citizen's.
    for bsn, first_name, last_name in DEMO_CITIZENS:
        if User.objects.filter(bsn=bsn).exists():
            continue
        user = User(
            username=f"burger-demo-{len(first_name)}{last_name[:3].lower()}",
            bsn=bsn,
            first_name=first_name,
            last_name=last_name,
        )
        user.set_unusable_password()
        user.save()


def _seed_registry() -> None:
    """Create each demo person with their address history once; never touch
    them again. After the first run the registry belongs to the product: an
    approved correction changes a name or moves the current address (the old
    one gets a valid_to), and re-applying the seed would revert the citizen's
    data or make two addresses current (issue 15.1)."""
    persons = {}
    for bsn, first_names, prefix, surname, born, nationality in DEMO_PERSONS:
        persons[bsn], _ = LocalPerson.objects.get_or_create(
            bsn=bsn,
            defaults={
                "first_names": first_names,
                "prefix": prefix,
                "surname": surname,
                "date_of_birth": born,
                "nationality": nationality,
                "gender": DEMO_GENDERS.get(bsn, ""),
            },
        )
    for bsn, addresses in DEMO_ADDRESSES.items():
        if persons[bsn].addresses.exists():
            continue
        for street, number, letter, addition, postcode, city, since, until in addresses:
            LocalAddress.objects.create(
                person=persons[bsn],
                street=street,
                house_number=number,
                house_letter=letter,
                house_number_addition=addition,
                postcode=postcode,
                city=city,
                valid_from=since,
                valid_to=until,
            )
    for one, other in DEMO_PARTNERS:
        LocalPerson.objects.filter(bsn=one, partner=None).update(partner=persons[other])
        LocalPerson.objects.filter(bsn=other, partner=None).update(partner=persons[one])
    for child, parents in DEMO_CHILDREN.items():
        for parent in parents:
            persons[parent].children.add(persons[child])
    for minor, holders in DEMO_AUTHORITY.items():
        # Once, like the rest: after that, gezag is the registry's to change.
        if persons[minor].authority_holders.exists():
            continue
        for holder in holders:
            LocalAuthority.objects.create(
                holder=persons[holder], minor=persons[minor], kind=AuthorityKind.JOINT_PARENTAL
            )


def seed(out) -> None:
    _seed_users()
    _seed_registry()
    out.write(f"Demo citizens: {', '.join(b for b, _, _ in DEMO_CITIZENS)}")
