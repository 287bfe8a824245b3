"""The acting context: who acts, for whom, under which mandate (decision 0041).

Every personal page works for a *subject* (a person's BSN, or a business's KvK
number with an optional branch) on behalf of an *actor* (the person logged in).
Usually both are the same person ("yourself"); a parent acting for a minor
child, a registered representative (bewindvoerder, curator, mentor), a
gemachtigde through DigiD Machtigen and a business through eHerkenning are the
other bases (Wet digitale overheid: authorisations must be accepted at level
substantieel and higher).

Where possible contexts come from is pluggable: apps register a *provider*
(`register_provider`) that lists the contexts the logged-in user may choose;
identity itself provides "yourself" and the broker's claims, the person
registry provides children with authority (identity/parents.py), the
representation app provides registered representatives. identity stays the
lowest app with personal data: providers above it register themselves, identity
never imports them.

The choice lives in the session (never in a URL) as an opaque key. It is
re-checked on every personal page: a child turning 18, a representation that
ended or a withdrawn mandate make the context disappear, and the page falls
back to "yourself" and says so. The contexts themselves are found once per
session window (CONTEXTS_FRESH_SECONDS, `contexts_changed`) and re-checked
against their end dates on every page.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .loa import LevelOfAssurance, session_level

# Set by the OIDC login (identity/oidc, decision 0042); read here.
from .oidc.claims import BROKER_SESSION_KEY

logger = logging.getLogger(__name__)

CHOICE_SESSION_KEY = "acting_choice"


class Basis(models.TextChoices):
    """Why the actor may act for the subject; the label is how the subject
    reads the actor in their access log ("Peter de Vries (ouder)")."""

    SELF = "self", _("uzelf")
    PARENT = "parent", _("ouder met gezag")
    REPRESENTATIVE = "representative", _("wettelijk vertegenwoordiger")
    MACHTIGING = "machtiging", _("gemachtigde")
    EHERKENNING = "eherkenning", _("namens het bedrijf")


@dataclass(frozen=True)
class Subject:
    """Whose data the pages show: a natural person (bsn) or a non-natural
    person (kvk, optionally one branch), like ZGW's Rol.betrokkeneIdentificatie."""

    bsn: str = ""
    kvk: str = ""
    branch: str = ""
    name: str = ""

    def __post_init__(self) -> None:
        if bool(self.bsn) == bool(self.kvk):
            raise ValueError("A subject is a person (bsn) or a business (kvk), exactly one.")

    @property
    def is_business(self) -> bool:
        return bool(self.kvk)

    @property
    def identifiers(self) -> tuple[str, str, str]:
        return (self.bsn, self.kvk, self.branch)


@dataclass(frozen=True)
class ActingContext:
    actor_bsn: str
    subject: Subject
    basis: str = Basis.SELF
    # The actor's name as the subject reads it in their access log.
    actor_name: str = ""
    # An eHerkenning employee has no BSN here: the broker's pseudonym.
    actor_pseudonym: str = ""
    # What the basis is, for the re-check: a representation's id, a broker id.
    basis_ref: str = ""
    # Empty means every agency / case type; otherwise only these.
    agencies: frozenset[str] = field(default_factory=frozenset)
    case_types: frozenset[str] = field(default_factory=frozenset)
    # A DigiD Machtigen / eHerkenning mandate's service ids as the broker sent
    # them. Empty: no service mandate. Otherwise the context opens exactly what
    # the register of mandate services (decision 0050) says those services open
    # at the mandate's level: the case types `service_case_types` (CaseType ids)
    # and the products `service_products` (Wagtail translation keys, so every
    # language's page of a product); both may be empty, then nothing opens.
    services: frozenset[str] = field(default_factory=frozenset)
    service_case_types: frozenset[int] = field(default_factory=frozenset)
    service_products: frozenset[str] = field(default_factory=frozenset)
    service_names: tuple[str, ...] = ()
    # The highest level this basis allows (a mandate given at midden does not
    # open a service that needs substantieel); None: the session's level.
    max_level: LevelOfAssurance | None = None
    valid_until: date | None = None

    @property
    def is_self(self) -> bool:
        return self.basis == Basis.SELF

    @property
    def basis_label(self) -> str:
        return str(Basis(self.basis).label)

    @property
    def key(self) -> str:
        """An opaque, stable name for this choice (form values and the session:
        never a BSN or KvK number in the page)."""
        raw = "|".join((self.basis, self.basis_ref, *self.subject.identifiers))
        digest = hmac.new(settings.SECRET_KEY.encode(), raw.encode(), hashlib.sha256)
        return digest.hexdigest()[:24]

    def is_current(self, today: date | None = None) -> bool:
        return self.valid_until is None or (today or timezone.localdate()) <= self.valid_until

    def level(self, request) -> LevelOfAssurance | None:
        """The level of assurance this context acts at: the session's, capped by the basis."""
        current = session_level(request)
        if current is None or self.max_level is None:
            return current
        return min(current, self.max_level)

    def allows(
        self, *, agency: str = "", case_type: str = "", service: str = "", product: str = ""
    ) -> bool:
        """Whether the mandate's scope covers an agency slug, case type code,
        service id and product (a ProductPage's translation key)."""
        return (
            (not self.agencies or not agency or agency in self.agencies)
            and (not self.case_types or not case_type or case_type in self.case_types)
            and (not self.services or not service or service in self.services)
            and (not self.services or not product or product in self.service_products)
        )


@dataclass(frozen=True)
class ServiceScope:
    """What a mandate's services open (decision 0050): case type ids, product
    translation keys and the names of the services that opened. The default
    opens nothing."""

    case_types: frozenset[int] = field(default_factory=frozenset)
    products: frozenset[str] = field(default_factory=frozenset)
    names: tuple[str, ...] = ()


ServiceResolver = Callable[[frozenset[str], "LevelOfAssurance | None"], ServiceScope]
_service_resolvers: list[ServiceResolver] = []


def register_service_resolver(resolver: ServiceResolver) -> ServiceResolver:
    """Set where a mandate's service ids are looked up: `resolver(services,
    level)` returns the ServiceScope of the services known and open at that
    level of assurance. The representation app registers its register of
    mandate services (decision 0050); without a resolver a mandate opens nothing."""
    _service_resolvers[:] = [resolver]
    return resolver


def resolve_services(services: frozenset[str], level: LevelOfAssurance | None) -> ServiceScope:
    if not services or level is None or not _service_resolvers:
        return ServiceScope()
    return _service_resolvers[0](services, level)


Provider = Callable[[object], Iterable[ActingContext]]
_providers: list[Provider] = []


def register_provider(provider: Provider) -> Provider:
    """Add a source of contexts: `provider(request)` yields the contexts the
    logged-in user may act in (other than themselves). Call it from an
    AppConfig.ready(); usable as a decorator."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def self_context(request) -> ActingContext | None:
    user = request.user
    bsn = getattr(user, "bsn", None)
    if not (getattr(user, "is_authenticated", False) and bsn):
        return None
    name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return ActingContext(actor_bsn=bsn, subject=Subject(bsn=bsn), actor_name=name)


_CACHE_ATTRIBUTE = "_openloket_acting_contexts"
_FRESH_ATTRIBUTE = "_openloket_acting_contexts_fresh"
CONTEXTS_SESSION_KEY = "acting_contexts"
# How long the contexts found for a session are reused before the providers run
# again (decision 0050): the parents provider asks the person registry (and
# writes an access-log entry) each time it runs, so without this every page in
# another's context did both. Within the window a context is still re-checked
# against its end date on every page (a child's 18th birthday, a
# representation's end date), a change to a representation or to the register
# of mandate services ends the window at once (`contexts_changed`), and the
# chooser always asks again.
CONTEXTS_FRESH_SECONDS = 300
_GENERATION_CACHE_KEY = "identity:acting:generation"


def contexts_changed() -> None:
    """Something that decides who may act for whom changed (a representation
    recorded, changed or ended; a mandate service edited): every session's
    cached contexts are stale from now. Call it after the change commits."""
    if not cache.add(_GENERATION_CACHE_KEY, 1, timeout=None):
        try:
            cache.incr(_GENERATION_CACHE_KEY)
        except ValueError:  # evicted between add and incr
            cache.add(_GENERATION_CACHE_KEY, 1, timeout=None)


def _generation() -> int:
    return int(cache.get(_GENERATION_CACHE_KEY) or 0)


def _login_marker(request) -> str:
    """Who is logged in, and through which broker mandate: a new login (or a
    DigiD login after a broker login) never reads another login's contexts."""
    claims = request.session.get(BROKER_SESSION_KEY) or {}
    raw = f"{getattr(request.user, 'pk', '')}|{json.dumps(claims, sort_keys=True, default=str)}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _serialise(context: ActingContext) -> dict:
    return {
        "actor_bsn": context.actor_bsn,
        "subject": [
            context.subject.bsn,
            context.subject.kvk,
            context.subject.branch,
            context.subject.name,
        ],
        "basis": str(context.basis),
        "actor_name": context.actor_name,
        "actor_pseudonym": context.actor_pseudonym,
        "basis_ref": context.basis_ref,
        "agencies": sorted(context.agencies),
        "case_types": sorted(context.case_types),
        "services": sorted(context.services),
        "service_case_types": sorted(context.service_case_types),
        "service_products": sorted(context.service_products),
        "service_names": list(context.service_names),
        "max_level": int(context.max_level) if context.max_level is not None else None,
        "valid_until": context.valid_until.isoformat() if context.valid_until else None,
    }


def _deserialise(data: dict) -> ActingContext:
    bsn, kvk, branch, name = data["subject"]
    return ActingContext(
        actor_bsn=data["actor_bsn"],
        subject=Subject(bsn=bsn, kvk=kvk, branch=branch, name=name),
        basis=data["basis"],
        actor_name=data["actor_name"],
        actor_pseudonym=data["actor_pseudonym"],
        basis_ref=data["basis_ref"],
        agencies=frozenset(data["agencies"]),
        case_types=frozenset(data["case_types"]),
        services=frozenset(data["services"]),
        service_case_types=frozenset(data["service_case_types"]),
        service_products=frozenset(data["service_products"]),
        service_names=tuple(data["service_names"]),
        max_level=LevelOfAssurance(data["max_level"]) if data["max_level"] is not None else None,
        valid_until=date.fromisoformat(data["valid_until"]) if data["valid_until"] else None,
    )


def _from_session(request) -> list[ActingContext] | None:
    entry = request.session.get(CONTEXTS_SESSION_KEY)
    if not isinstance(entry, dict):
        return None
    age = time.time() - float(entry.get("at", 0))
    if not (0 <= age < CONTEXTS_FRESH_SECONDS):
        return None
    if entry.get("login") != _login_marker(request) or entry.get("generation") != _generation():
        return None
    try:
        return [_deserialise(item) for item in entry["contexts"]]
    except (KeyError, TypeError, ValueError):
        return None


def _collect(request) -> list[ActingContext]:
    contexts: list[ActingContext] = []
    own = self_context(request)
    if own is not None and not request.session.get(BROKER_SESSION_KEY):
        # Logged in through a broker for someone else: the broker's mandate is
        # the session's only context (the actor did not log in for themselves).
        contexts.append(own)
    seen = {c.key for c in contexts}
    for provider in _providers:
        for context in provider(request):
            if context.key not in seen:
                contexts.append(context)
                seen.add(context.key)
    return contexts


def available_contexts(request, *, fresh: bool = False) -> list[ActingContext]:
    """Yourself first (when you have a BSN), then what the providers offer and
    is still current. The providers run at most once per request, and once per
    CONTEXTS_FRESH_SECONDS per session (kept in the session, which is stored on
    the server); `fresh=True` (the chooser) always runs them."""
    cached = getattr(request, _CACHE_ATTRIBUTE, None)
    if cached is not None and (not fresh or getattr(request, _FRESH_ATTRIBUTE, False)):
        return cached
    # Kept across requests only with a cache every process shares: the
    # generation that ends every window must reach them all at once
    # (ACTING_CONTEXTS_CACHE, on with REDIS_URL, as decisions 0051 and 0056).
    kept = settings.ACTING_CONTEXTS_CACHE
    contexts = None if fresh or not kept else _from_session(request)
    if contexts is None:
        generation = _generation()
        contexts = _collect(request)
        setattr(request, _FRESH_ATTRIBUTE, True)
        if kept:
            request.session[CONTEXTS_SESSION_KEY] = {
                "at": time.time(),
                "login": _login_marker(request),
                "generation": generation,
                "contexts": [_serialise(context) for context in contexts],
            }
    # Re-checked on every page: an end date passed within the window ends it.
    today = timezone.localdate()
    contexts = [context for context in contexts if context.is_current(today)]
    setattr(request, _CACHE_ATTRIBUTE, contexts)
    return contexts


def current_context(request) -> ActingContext | None:
    """The context this request acts in. Without a choice, or for "yourself",
    no provider runs (the common case costs nothing). A choice that is no
    longer available falls back to the first available context, and
    `request.acting_fell_back` says so for the page."""
    chosen = request.session.get(CHOICE_SESSION_KEY)
    own = self_context(request)
    if not chosen and own is not None and not request.session.get(BROKER_SESSION_KEY):
        return own
    if own is not None and chosen == own.key and not request.session.get(BROKER_SESSION_KEY):
        return own
    contexts = available_contexts(request)
    for context in contexts:
        if context.key == chosen:
            return context
    if chosen:
        request.session.pop(CHOICE_SESSION_KEY, None)
        request.acting_fell_back = True
        logger.info("acting context no longer available; fell back")
    return contexts[0] if contexts else None


def choose_context(request, key: str) -> ActingContext | None:
    """Switch to the context named by `key` (a POST from the chooser); None if
    it is not one the user may choose. Logged without identifiers."""
    for context in available_contexts(request):
        if context.key == key:
            request.session[CHOICE_SESSION_KEY] = context.key
            logger.info("acting context chosen: basis=%s", context.basis)
            return context
    return None


_LEVELS = {level.name.lower(): level for level in LevelOfAssurance}


@register_provider
def broker_contexts(request) -> Iterable[ActingContext]:
    """The mandate an OIDC broker (DigiD Machtigen, eHerkenning) returned at
    login (decision 0042): one context, scoped to the mandate's services."""
    claims = request.session.get(BROKER_SESSION_KEY)
    if not claims:
        return
    try:
        if claims.get("kvk"):
            subject = Subject(
                kvk=claims["kvk"], branch=claims.get("branch", ""), name=claims.get("name", "")
            )
            basis = Basis.EHERKENNING
        else:
            subject = Subject(bsn=claims["representee_bsn"], name=claims.get("name", ""))
            basis = Basis.MACHTIGING
    except (KeyError, ValueError):
        logger.warning("broker session without a usable representee; ignored")
        return
    user = request.user
    services = frozenset(claims.get("services") or ())
    level = _LEVELS.get(str(claims.get("level", "")).lower())
    # The mandate's level is the broker's; a service needing more stays shut.
    scope = resolve_services(services, level)
    yield ActingContext(
        actor_bsn=claims.get("actor_bsn", ""),
        actor_pseudonym=claims.get("actor_pseudonym", ""),
        subject=subject,
        basis=basis,
        actor_name=user.get_full_name() if hasattr(user, "get_full_name") else "",
        basis_ref=claims.get("broker", ""),
        services=services,
        service_case_types=scope.case_types,
        service_products=scope.products,
        service_names=scope.names,
        max_level=level,
    )
