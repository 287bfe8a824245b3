"""The person registry (BRP): one interface, two implementations.

    registry = registry_for_request(request)
    person = registry.get_person(request.user.bsn, purpose=Purpose.PERSONAL_DATA,
                                 viewer=request.user)

`settings.PERSON_REGISTRY` picks the implementation: "local" (models in this
package, the embedded default) or "haal_centraal" (Haal Centraal BRP Personen
v2). Whatever the implementation, every lookup is written to the access log
(`audit.AuditedPersonRegistry`) and answers are kept only for one request.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .types import Address, Authority, Person, PersonRegistry, RegistryUnavailable, RelatedPerson

__all__ = [
    "Address",
    "Authority",
    "Person",
    "PersonRegistry",
    "RegistryUnavailable",
    "RelatedPerson",
    "get_registry",
    "registry_for_request",
]

_REQUEST_ATTRIBUTE = "_openloket_person_registry"


def _backend() -> PersonRegistry:
    choice = settings.PERSON_REGISTRY
    if choice == "local":
        from .local import LocalPersonRegistry

        return LocalPersonRegistry()
    if choice == "haal_centraal":
        from .haal_centraal import HaalCentraalRegistry

        return HaalCentraalRegistry.from_settings()
    raise ImproperlyConfigured(
        f"PERSON_REGISTRY must be 'local' or 'haal_centraal', not {choice!r}."
    )


def get_registry(*, organisation: str = "", action: str = "") -> PersonRegistry:
    """A fresh audited registry (its answers live as long as the object).

    The access log names `organisation` (default: the portal) as asking, with
    `action` (default "looked_up"; "viewed" when a caseworker is shown it)."""
    from .audit import AuditedPersonRegistry

    if action:
        return AuditedPersonRegistry(_backend(), organisation=organisation, action=action)
    return AuditedPersonRegistry(_backend(), organisation=organisation)


def registry_for_request(request) -> PersonRegistry:
    """The registry for this request: one lookup per person and purpose, however
    many times the request asks; nothing is kept after the request."""
    registry = getattr(request, _REQUEST_ATTRIBUTE, None)
    if registry is None:
        registry = get_registry()
        setattr(request, _REQUEST_ATTRIBUTE, registry)
    return registry
