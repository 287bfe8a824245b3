from identity.loa import SESSION_KEY, LevelOfAssurance


def log_in(client, user, level=LevelOfAssurance.MIDDEN):
    """A DigiD login without SAML: what the ACS leaves in the session."""
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = int(level)
    session.save()
    return client
