"""Writes to an agency's ZGW APIs on the citizen's behalf: a document the
citizen sends on a zaak, and `laatstGeopend` when they open it.

A document goes to the Documenten API (EnkelvoudigInformatieObject, content in
base64, Documenten API 1.5) and is linked to the zaak in the Zaken API
(ZaakInformatieObject, Zaken API 1.5) - only after our own validation and
virus scan (documents.receiving), exactly as a local upload.
"""

from __future__ import annotations

import base64
import logging

from django.utils import timezone

from cases.models import Confidentiality
from documents.receiving import ReceivedUpload

from .client import SourceUnavailable, ZgwClient
from .reading import Zaak

logger = logging.getLogger(__name__)
AUTHOR = "Inwoner (via Open Loket)"


def upload_confidentiality(ceiling: str) -> str:
    """Zaakvertrouwelijk, or the agency's ceiling when that is lower, so the
    citizen can see what they sent."""
    levels = list(Confidentiality.values)
    wanted = Confidentiality.ZAAKVERTROUWELIJK
    return wanted if levels.index(wanted) <= levels.index(ceiling) else ceiling


def add_document(client: ZgwClient, *, zaak: Zaak, upload: ReceivedUpload, title: str) -> str:
    """Store the upload at the source and link it to the zaak; the new
    document's URL. Raises SourceUnavailable."""
    system = client.system
    upload.file.seek(0)
    content = base64.b64encode(upload.file.read()).decode("ascii")
    document = client.post(
        f"{system.documenten_url.rstrip('/')}/enkelvoudiginformatieobjecten",
        {
            "bronorganisatie": system.rsin,
            "creatiedatum": timezone.localdate().isoformat(),
            "titel": title[:200],
            "auteur": AUTHOR,
            "taal": "nld",
            "bestandsnaam": upload.display_name[:255],
            "formaat": upload.content_type,
            "inhoud": content,
            "vertrouwelijkheidaanduiding": upload_confidentiality(system.max_confidentiality),
            "informatieobjecttype": system.upload_informatieobjecttype,
        },
    )
    try:
        client.post(
            f"{system.zaken_url.rstrip('/')}/zaakinformatieobjecten",
            {"informatieobject": document["url"], "zaak": zaak.url, "titel": title[:200]},
        )
    except SourceUnavailable:
        # The document exists at the source but is not on the zaak: the agency
        # must know (the citizen is told it did not arrive and may try again).
        logger.warning(
            "ZGW source %s: document %s stored but not linked to zaak %s",
            system.agency.slug,
            document["url"].rsplit("/", 1)[-1],
            zaak.uuid,
        )
        raise
    return document["url"]


def set_last_opened(client: ZgwClient, *, zaak: Zaak) -> None:
    """`laatstGeopend` on the zaak (Open Zaak >= 1.28); best effort: a source that
    refuses it does not stop the citizen from reading their zaak."""
    try:
        client.patch(zaak.url, {"laatstGeopend": timezone.now().isoformat()})
    except SourceUnavailable as exc:
        logger.info("ZGW source %s: laatstGeopend not set (%s)", client.system.agency.slug, exc)
