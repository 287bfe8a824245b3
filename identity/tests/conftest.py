import pytest

from identity.loa import SESSION_KEY, LevelOfAssurance
from identity.tests.factories import CitizenFactory


def log_in(client, user, level=LevelOfAssurance.MIDDEN):
    """A DigiD login without SAML: what the ACS leaves in the session."""
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = int(level)
    session.save()
    return client


@pytest.fixture
def citizen(db):
    return CitizenFactory(bsn="999993653", first_name="Suzanne", last_name="Moulin")


@pytest.fixture
def citizen_client(client, citizen):
    return log_in(client, citizen)
