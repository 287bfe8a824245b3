"""How the back office names who did something: "Inwoner", "Medewerker <name>
(Agency)", "Koppeling <client>", "Systeem". Never a citizen's internal user
name (DigiD accounts get a generated one), and never the citizen-facing "uzelf"
of the access log."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from identity.actors import ActorKind

register = template.Library()


@register.simple_tag
def actor_label(kind: str, user=None, reference: str = "", agency=None) -> str:
    if kind == ActorKind.CITIZEN:
        return _("Inwoner")
    if kind == ActorKind.CASEWORKER:
        name = (user.get_full_name() or user.get_username()) if user else ""
        label = _("Medewerker %(name)s") % {"name": name} if name else _("Medewerker")
        return f"{label} ({agency.short_name or agency.name})" if agency else label
    if kind == ActorKind.API_CLIENT:
        # ApiClient.reference is "api-client:<id>:<name>"; show the name.
        reference = reference.split(":", 2)[-1]
        return _("Koppeling %(client)s") % {"client": reference} if reference else _("Koppeling")
    return _("Systeem")
