"""Factories for users.

citizen = CitizenFactory()                  # a citizen with a valid test BSN
citizen = CitizenFactory(bsn="999993653")   # a specific demo citizen
staff = StaffUserFactory(username="anna")    # a staff account with a password
"""

import uuid

import factory

from identity.models import User

# Test BSNs that pass the elfproef (range 9999xxxxx is reserved for testing).
TEST_BSNS = ["999993653", "999990019", "999991772", "999998456", "999990342"]


def _nth_valid_bsn(n: int) -> str:
    from identity.bsn import is_valid_bsn

    found = -1
    for candidate in range(999_000_000, 999_999_999):
        if is_valid_bsn(str(candidate)):
            found += 1
            if found == n:
                return str(candidate)
    raise ValueError("no BSN left")


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("bsn",)

    bsn = factory.Sequence(lambda n: _nth_valid_bsn(n + 1000))
    # Usernames reach logs and admin screens, so they never contain the BSN.
    username = factory.LazyFunction(lambda: f"burger-{uuid.uuid4().hex[:12]}")
    first_name = "Test"
    last_name = "Burger"
    password = factory.PostGenerationMethodCall("set_unusable_password")


class StaffUserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = "Mede"
    last_name = "Werker"
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")
