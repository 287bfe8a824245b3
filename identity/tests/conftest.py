import pytest

from identity.loa import SESSION_KEY, LevelOfAssurance

from .saml_fixtures import StandInIdp, make_stand_in_idp


def log_in(client, user, level=LevelOfAssurance.MIDDEN):
    """A DigiD login without SAML: what the ACS leaves in the session."""
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = int(level)
    session.save()
    return client


@pytest.fixture(scope="session")
def stand_in_idp(tmp_path_factory) -> StandInIdp:
    """Key pairs and IdP metadata made by the tests (identity/tests/saml_fixtures.py)."""
    return make_stand_in_idp(tmp_path_factory.mktemp("stand-in-idp"))


@pytest.fixture(autouse=True)
def _sp_talks_to_the_stand_in_idp(request, stand_in_idp):
    """The SP's settings name the stand-in IdP's files, so these tests run without
    the development IdP (decision 0027). Tests marked `devidp` keep its settings."""
    if request.node.get_closest_marker("devidp"):
        return
    stand_in_idp.configure(request.getfixturevalue("settings"))
