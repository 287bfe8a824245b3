"""A new status in the agency's case system e-mails the citizen like a local
one: the Notificaties API callback (zgw/callbacks.py) hands the notification
here, and we write the outbox rows (notifications.services) that the existing
delivery sends.

Whether to tell the citizen is the statustype's `informeren` (Catalogi API
1.3, StatusType.informeren), as `notify_citizen` is for our own status types.
Recipients are the natuurlijk personen with a Rol on the zaak, read from the
source per zaak; the notification's own fields are not trusted for that.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import translation

from notifications.services import notify_remote_status

from .client import ZgwClient
from .models import CaseSystem
from .reading import _catalogue, _within_agency, uuid_of


def is_new_status(message: dict) -> bool:
    return (
        message.get("kanaal") == "zaken"
        and message.get("resource") == "status"
        and message.get("actie") == "create"
    )


def notify_new_status(system: CaseSystem, message: dict) -> int:
    """Outbox rows for the status in `message`; how many were written. Raises
    SourceUnavailable when the source cannot be read (the NRC tries again)."""
    client = ZgwClient(system)
    status = client.get(message["resourceUrl"])
    zaak_url = status.get("zaak")
    if zaak_url != message["hoofdObject"]:
        return 0
    zaak = client.get(zaak_url)
    if not _within_agency(system, zaak):
        return 0
    statustype = _catalogue(client, status["statustype"])
    if not statustype.get("informeren", False):
        return 0
    rollen = client.list(f"{system.zaken_url.rstrip('/')}/rollen", params={"zaak": zaak_url})
    bsns = [
        (rol.get("betrokkeneIdentificatie") or {}).get("inpBsn", "")
        for rol in rollen
        if rol.get("zaak") == zaak_url and rol.get("betrokkeneType") == "natuurlijk_persoon"
    ]
    bsns = [bsn for bsn in bsns if bsn]
    if not bsns:
        return 0
    title = zaak.get("omschrijving") or _catalogue(client, zaak["zaaktype"]).get("omschrijving", "")
    with translation.override("nl"):  # the Dutch path; the e-mail's language comes later
        path = reverse(
            "zgw:detail", kwargs={"agency": system.agency.slug, "zaak": uuid_of(zaak_url)}
        )
    with transaction.atomic():
        rows = notify_remote_status(
            agency=system.agency,
            title=title,
            path=path,
            bsns=bsns,
            key=f"zgw-status:{uuid_of(message['resourceUrl'])}",
        )
    return len(rows)
