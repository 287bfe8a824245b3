"""The business registry (KvK Handelsregister): one interface, two implementations,
in the style of the person registry (`identity.registry`).

    registry = business_registry_for_request(request)
    business = registry.get_business(kvk, purpose=Purpose.REQUEST_FORM,
                                     viewer=request.user, branch=branch)

`settings.BUSINESS_REGISTRY` picks the implementation: "local" (models in this
package, the embedded default with the demo company) or "kvk" (KvK API
Basisprofiel and Vestigingsprofiel v1, `KVK_API_*` settings). Every lookup is
written to the business's access log (`audit.AuditedBusinessRegistry`) and
answers are kept only for one request.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .types import Branch, Business, BusinessRegistry, RegistryUnavailable

__all__ = [
    "Branch",
    "Business",
    "BusinessRegistry",
    "RegistryUnavailable",
    "business_registry_for_request",
    "get_business_registry",
]

_REQUEST_ATTRIBUTE = "_openloket_business_registry"


def _backend() -> BusinessRegistry:
    choice = settings.BUSINESS_REGISTRY
    if choice == "local":
        from .local import LocalBusinessRegistry

        return LocalBusinessRegistry()
    if choice == "kvk":
        from .kvk_api import KvkBusinessRegistry

        return KvkBusinessRegistry.from_settings()
    raise ImproperlyConfigured(f"BUSINESS_REGISTRY must be 'local' or 'kvk', not {choice!r}.")


def get_business_registry(*, organisation: str = "", action: str = "") -> BusinessRegistry:
    """A fresh audited registry; `organisation` and `action` as in
    `identity.registry.get_registry`."""
    from .audit import AuditedBusinessRegistry

    if action:
        return AuditedBusinessRegistry(_backend(), organisation=organisation, action=action)
    return AuditedBusinessRegistry(_backend(), organisation=organisation)


def business_registry_for_request(request) -> BusinessRegistry:
    """One lookup per business and purpose per request; nothing kept after it."""
    registry = getattr(request, _REQUEST_ATTRIBUTE, None)
    if registry is None:
        registry = get_business_registry()
        setattr(request, _REQUEST_ATTRIBUTE, registry)
    return registry
