"""Factories for users.

citizen = CitizenFactory()                  # a citizen with a valid test BSN
citizen = CitizenFactory(bsn="999993653")   # a specific demo citizen
staff = StaffUserFactory(username="anna")    # a staff account with a password
person = LocalPersonFactory(bsn=citizen.bsn, with_family=True)  # local registry record
entry = AccessLogEntryFactory(bsn=citizen.bsn, organisation="UWV")
case_type = correction_case_type_at()                       # "Correctie persoonsgegevens"
correction = CorrectionRequestFactory(user=citizen)          # a filed request (nationality)
correction = CorrectionRequestFactory(user=citizen, address=True)  # ... of the address
"""

import datetime
import secrets
import uuid

import factory
from django.utils import timezone

from identity.access_log import data_subject_id
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


class LocalPersonFactory(factory.django.DjangoModelFactory):
    """A person in the local registry, with a current address.

    person = LocalPersonFactory(bsn="999993653")
    person = LocalPersonFactory(with_family=True)  # a partner and two children
    person = LocalPersonFactory(moved=True)        # a previous address as well
    """

    class Meta:
        model = "identity.LocalPerson"
        django_get_or_create = ("bsn",)
        # with_family saves what it changes itself.
        skip_postgeneration_save = True

    bsn = factory.Sequence(lambda n: _nth_valid_bsn(n + 5000))
    first_names = "Suzanne Marie"
    prefix = ""
    surname = "Moulin"
    date_of_birth = datetime.date(1985, 3, 14)
    nationality = "Nederlandse"
    address = factory.RelatedFactory(
        "identity.tests.factories.LocalAddressFactory", factory_related_name="person"
    )

    @factory.post_generation
    def with_family(self, create, wanted, **kwargs):
        if not wanted:
            return
        self.partner = LocalPersonFactory(
            first_names="Peter Jan", prefix="de", surname="Vries", address=None
        )
        self.save()
        for index in range(2):
            child = LocalPersonFactory(
                first_names=f"Kind{index + 1}",
                surname=self.surname,
                date_of_birth=datetime.date(2016 + index, 1, 1),
                address=None,
            )
            self.children.add(child)

    @factory.post_generation
    def moved(self, create, wanted, **kwargs):
        if wanted:
            LocalAddressFactory(
                person=self,
                street="Oude Laan",
                valid_from=datetime.date(2001, 1, 1),
                valid_to=datetime.date(2014, 12, 31),
            )


class LocalAddressFactory(factory.django.DjangoModelFactory):
    """A current address; pass valid_to for a previous one.

    LocalAddressFactory(person=person, street="Dorpsstraat", house_number=12)
    """

    class Meta:
        model = "identity.LocalAddress"

    person = factory.SubFactory(LocalPersonFactory, address=None)
    street = "Dorpsstraat"
    house_number = 12
    postcode = "2712 AB"
    city = "Zoetermeer"
    valid_from = datetime.date(2015, 5, 1)
    valid_to = None


class ContactDetailsFactory(factory.django.DjangoModelFactory):
    """Contact details of a citizen.

    ContactDetailsFactory(user=citizen)                 # nothing filled in
    ContactDetailsFactory(user=citizen, verified=True)  # a confirmed e-mail address
    """

    class Meta:
        model = "identity.ContactDetails"
        django_get_or_create = ("user",)

    class Params:
        verified = factory.Trait(
            email="suzanne@example.org",
            email_verified_at=factory.LazyFunction(timezone.now),
        )

    user = factory.SubFactory(CitizenFactory)


class AccessLogEntryFactory(factory.django.DjangoModelFactory):
    """An access-log entry (created through the append-only manager).

    AccessLogEntryFactory(bsn=citizen.bsn)                       # a caseworker viewed a case
    AccessLogEntryFactory(bsn=citizen.bsn, login=True)           # a DigiD login at Midden
    AccessLogEntryFactory(bsn=citizen.bsn, organisation="UWV")
    """

    class Meta:
        model = "identity.AccessLogEntry"

    class Params:
        login = factory.Trait(
            actor_kind="citizen",
            action="logged_in",
            object_kind="session",
            object_label="",
            organisation="",
            purpose="log_in",
            detail={"level": 20},
        )

        # The citizen the entry is about; stored as its keyed hash only.
        bsn = "999993653"

    data_subject_id = factory.LazyAttribute(lambda entry: data_subject_id(entry.bsn))
    trace_id = factory.LazyFunction(lambda: secrets.token_hex(16))
    span_id = factory.LazyFunction(lambda: secrets.token_hex(8))
    actor_kind = "caseworker"
    organisation = "Gemeente Zoetermeer"
    action = "viewed"
    object_kind = "case"
    object_label = "Aanvraag parkeervergunning"
    purpose = "case_handling"


def correction_case_type_at(agency=None):
    """The "Correctie persoonsgegevens" case type (with its statuses) at `agency`,
    by default a "Gemeente Zoetermeer" agency, as the demo has it."""
    from cases.tests.factories import AgencyFactory
    from corrections.case_type import ensure_correction_case_type

    agency = agency or AgencyFactory(
        slug="zoetermeer", name="Gemeente Zoetermeer", short_name="Zoetermeer"
    )
    return ensure_correction_case_type(agency=agency)


class CorrectionRequestFactory(factory.Factory):
    """A correction request filed through the service (so it has its case).

    CorrectionRequestFactory(user=citizen)                 # nationality -> "Belgische"
    CorrectionRequestFactory(user=citizen, address=True)   # the address -> Stationsplein 3
    Needs the case type: call correction_case_type_at() first.
    """

    class Meta:
        model = "identity.CorrectionRequest"

    user = factory.SubFactory(CitizenFactory)
    field = "nationality"
    value = "Belgische"
    explanation = "Ik heb sinds mijn geboorte de Belgische nationaliteit."
    idempotency_key = factory.LazyFunction(lambda: uuid.uuid4().hex)
    address = False

    @classmethod
    def _create(cls, model_class, **kwargs):
        from corrections.services import request_correction

        if kwargs.pop("address"):
            kwargs["field"] = "address"
            kwargs["value"] = {
                "street": "Stationsplein",
                "house_number": 3,
                "house_letter": "",
                "house_number_addition": "",
                "postcode": "2711 AB",
                "city": "Zoetermeer",
            }
        return request_correction(**kwargs)

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("CorrectionRequestFactory only creates (through the service).")
