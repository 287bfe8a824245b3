"""The last step of a broker login: which User logs in, and the session keys.

A DigiD Machtigen gemachtigde logs in with their own DigiD at the broker: the
same User as their own DigiD login, found by BSN. An eHerkenning employee has no
BSN for us (the broker gives a pseudonym): a User without BSN, found through
allauth's SocialAccount (broker id + the ID token's `sub`).
"""

from __future__ import annotations

import uuid
from typing import Any

from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import login
from django.db import transaction

from identity.access_log import AccessAction, Purpose, log_person_access, log_subject_access
from identity.acting import CHOICE_SESSION_KEY, Subject
from identity.actors import Actor, ActorKind
from identity.loa import SESSION_KEY as LOA_SESSION_KEY
from identity.loa import LevelOfAssurance
from identity.models import User

from .claims import BROKER_SESSION_KEY, ClaimsRefused


def _new_user(*, bsn: str | None) -> User:
    # The username reaches logs and admin screens: never a BSN or a pseudonym.
    prefix = "burger" if bsn else "ondernemer"
    user = User(username=f"{prefix}-{uuid.uuid4().hex[:12]}", bsn=bsn)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


def _user_by_bsn(bsn: str) -> User:
    return User.objects.select_for_update().filter(bsn=bsn).first() or _new_user(bsn=bsn)


def _user_by_subject(*, broker_id: str, subject: str) -> User:
    account = (
        SocialAccount.objects.select_for_update()
        .select_related("user")
        .filter(provider=broker_id, uid=subject)
        .first()
    )
    if account is not None:
        return account.user
    user = _new_user(bsn=None)
    # No claims in extra_data: the session holds them for as long as it lives.
    SocialAccount.objects.create(user=user, provider=broker_id, uid=subject, extra_data={})
    return user


@transaction.atomic
def log_in_through_broker(*, request, result: dict[str, Any], subject: str) -> User:
    if result["actor_bsn"]:
        user = _user_by_bsn(result["actor_bsn"])
    else:
        user = _user_by_subject(broker_id=result["broker"], subject=subject)
    # A broker login never opens a staff account (staff log in with password + MFA).
    if user.is_staff or user.is_superuser or user.has_usable_password():
        raise ClaimsRefused("staff-account")
    if not user.is_active:
        raise ClaimsRefused("inactive")
    if result["actor_bsn"]:
        log_person_access(
            bsn=result["actor_bsn"],
            actor=Actor.citizen(user),
            action=AccessAction.LOGGED_IN,
            purpose=Purpose.LOG_IN,
            object_kind="login",
            object_label="DigiD Machtigen",
            detail={"level": result["level"], "broker": result["broker"]},
        )
    elif result["kvk"]:
        # An eHerkenning employee has no BSN: the login is in the business's own log.
        log_subject_access(
            subject=Subject(kvk=result["kvk"], branch=result.get("branch", "")),
            actor=Actor(kind=ActorKind.REPRESENTATIVE, user=user, reference=result["broker"]),
            action=AccessAction.LOGGED_IN,
            purpose=Purpose.LOG_IN,
            object_kind="login",
            object_label="eHerkenning",
            detail={"level": result["level"], "broker": result["broker"]},
        )
    # django.contrib.auth.login cycles the session key (session fixation).
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[BROKER_SESSION_KEY] = result
    # A new login starts in the mandate's own context, not an earlier choice.
    request.session.pop(CHOICE_SESSION_KEY, None)
    request.session[LOA_SESSION_KEY] = int(LevelOfAssurance[result["level"].upper()])
    return user
