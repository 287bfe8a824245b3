"""The last step of a DigiD login: the citizen's Django session, opened after the
ACS validated the assertion (identity/views/digid.py), and the keys it holds."""

from __future__ import annotations

import uuid

from django.contrib.auth import login
from django.contrib.auth.models import update_last_login
from django.db import transaction

from .access_log import AccessAction, Purpose, log_person_access
from .acting import BROKER_SESSION_KEY, CHOICE_SESSION_KEY
from .actors import Actor
from .loa import SESSION_KEY as LOA_SESSION_KEY
from .models import User
from .saml.validation import DigidIdentity, LoginFailed

SESSION_BSN_KEY = "digid_bsn"
SESSION_NAME_ID_KEY = "digid_name_id"
SESSION_INDEX_KEY = "digid_session_index"


def update_last_login_of_staff(sender, user, **kwargs) -> None:
    """Django's `update_last_login`, except for citizens (an account with a BSN).

    A citizen's logins are recorded in the access log ("logged_in", written in the
    login's own transaction, shown to the citizen); nothing reads their
    `last_login`, and skipping it saves the ACS an UPDATE. Staff keep it: the
    admin's user list shows it. Connected instead of Django's receiver in
    identity.apps."""
    if getattr(user, "bsn", None):
        return
    update_last_login(sender, user, **kwargs)


def _citizen_for(bsn: str) -> User:
    user = User.objects.select_for_update().filter(bsn=bsn).first()
    if user is None:
        # The username reaches logs and admin screens, so it never contains the BSN.
        user = User(username=f"burger-{uuid.uuid4().hex[:12]}", bsn=bsn)
        user.set_unusable_password()
        # The database's unique indexes on username and bsn decide uniqueness
        # (a concurrent first login of the same BSN fails its INSERT); the ORM's
        # validate_unique would only add a SELECT per field before them.
        user.full_clean(validate_unique=False)
        user.save()
    return user


@transaction.atomic
def log_in_citizen(*, request, identity: DigidIdentity) -> User:
    """Log the citizen in: rotated session holding BSN and level, and an access-log entry."""
    user = _citizen_for(identity.bsn)
    # A DigiD login never opens a staff account (staff log in with password + MFA).
    if user.is_staff or user.is_superuser or user.has_usable_password():
        raise LoginFailed("staff-account")
    if not user.is_active:
        raise LoginFailed("inactive")
    log_person_access(
        bsn=identity.bsn,
        actor=Actor.citizen(user),
        action=AccessAction.LOGGED_IN,
        purpose=Purpose.LOG_IN,
        object_kind="login",
        object_label="DigiD",
        detail={"level": identity.level.name.lower()},
    )
    # django.contrib.auth.login cycles the session key (session fixation).
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SESSION_BSN_KEY] = identity.bsn
    request.session[LOA_SESSION_KEY] = int(identity.level)
    request.session[SESSION_NAME_ID_KEY] = identity.name_id
    request.session[SESSION_INDEX_KEY] = identity.session_index
    # login() keeps the session of the same user: a DigiD login after a broker
    # login must not keep acting in the broker's mandate or a choice made in it.
    # A step-up DigiD login keeps the choice (the citizen goes straight on).
    if request.session.pop(BROKER_SESSION_KEY, None) is not None:
        request.session.pop(CHOICE_SESSION_KEY, None)
    return user
