"""The access log a citizen can read: who looked at or changed their data.

Append-only for the application: there is no code path or admin screen that
updates or deletes an entry; only the retention command prunes old ones, with
a raw delete (see `AccessLogQuerySet.prune_before`).

What is worth a row (Logboek Dataverwerkingen thinking, issue 15.8). LDV logs
a processing of personal data once, by the organisation responsible for it,
with its purpose; the log exists so the data subject can hold organisations to
account. Hence:

- One row per processing, not per line of code that touches the data: within
  one request an identical entry (same subject, actor, action, data, label,
  organisation and purpose) is written once (`AccessLogRequestMiddleware`).
- The citizen's own repeated access is one access: opening the correction form,
  sending it back with an error twice and once more wrote four identical rows.
  An own access identical to one in the last OWN_ACCESS_WINDOW is not written
  again. Others' accesses are never merged across requests: each view by a
  caseworker or an agency's system is one the citizen may want to ask about.
- The citizen's own overview ("Mijn overzicht") is not logged: it discloses
  nothing to anyone but the data subject, and every session that could show it
  is already in the login history. The citizen's own opening of a case,
  download of a document and registry lookups for their own pages stay logged
  (a specific disclosure of specific data, shown with the portal operator as
  organisation), but the page hides them unless asked: "alleen door anderen"
  is the default view, because what the citizen needs to see is what others did.
- Nothing internal is shown: object kinds and purposes are mapped to words
  (`OBJECT_KIND_LABELS`, `Purpose` labels); an unknown kind reads "gegevens".

One way to write it: `log_case_access` (one entry per citizen with a role on a
case) and `log_person_access` (one citizen). Both take an `identity.actors.Actor`
and a `Purpose`; no caller builds an entry itself.

Each entry has the shape of a log record of Logius' "Logboek Dataverwerkingen"
(LDV 1.0, https://gitdocumentatie.logius.nl/publicatie/logboek/dataverwerkingen/1.0.0,
"Component: Logboek", "Interface"), so the table can be exported to an LDV
logbook later (`AccessLogEntry.as_ldv_record`):

  LDV field                         here
  trace_id (16 bytes)               trace_id: one per request (AccessLogRequestMiddleware)
  span_id (8 bytes)                 span_id: one per processing (entry)
  name                              action + object_kind
  start_time / end_time             occurred_at / ended_at
  status_code (unset/ok/error)      status
  dpl.core.processing_activity_id   purpose: a stable code from `Purpose` (the register entry)
  dpl.core.data_subject_id          data_subject_id: keyed hash of the BSN, never the BSN
  dpl.core.data_subject_id_type     data_subject_id_type: "BSN"

LDV: "Als een Dataverwerking meerdere Betrokkenen heeft dan MOET de applicatie
voor iedere betrokkene een aparte logregel wegschrijven" — hence one entry per
citizen with a role (`log_case_access`). docs/decisions/0028-access-log-ldv.md
says why the subject is a keyed hash and where its key comes from.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet  # noqa: F401

from . import access_log_recent
from .actors import ActorKind

if TYPE_CHECKING:
    from .actors import Actor


class AccessAction(models.TextChoices):
    LOGGED_IN = "logged_in", _("ingelogd")
    VIEWED = "viewed", _("bekeken")
    DOWNLOADED = "downloaded", _("gedownload")
    CHANGED = "changed", _("gewijzigd")
    CREATED = "created", _("aangemaakt")
    LOOKED_UP = "looked_up", _("opgevraagd")
    # Someone started acting for the subject (the chooser, identity/views/acting.py).
    STARTED_ACTING = "started_acting", _("namens u gaan handelen")


class Purpose(models.TextChoices):
    """Why personal data is processed: the processing activities of the
    register (AVG art. 30). Stored as the stable code (LDV
    dpl.core.processing_activity_id), shown to the citizen as the label, in
    their language. Add a member here (and its translation) for a new purpose;
    never store free text."""

    CASE_HANDLING = "case_handling", _("Behandeling van de zaak")
    OWN_VIEW = "own_view", _("Inzage door uzelf")
    PERSONAL_DATA = "personal_data", _("Uw gegevens tonen op Mijn gegevens")
    CORRECTION = "correction", _("Correctie persoonsgegevens")
    CORRECTION_REVIEW = "correction_review", _("Correctieverzoek beoordelen")
    CONTACT_DETAILS = "contact_details", _("Uw contactgegevens wijzigen")
    DECISION = "decision", _("Besluit opstellen")
    CASE_REGISTRATION = "case_registration", _("Zaak voor u registreren")
    REQUEST_FORM = "request_form", _("Aanvraag invullen")
    LOG_IN = "log_in", _("Inloggen met DigiD")
    # Issue 19: which contexts a person may act in (the registry's gezag), and
    # a representative acting for the subject.
    ACTING_CONTEXTS = "acting_contexts", _("Bepalen voor wie u iets mag regelen")
    REPRESENTATION = "representation", _("Namens u handelen als vertegenwoordiger")


# The name of each processing activity as the register of processing
# activities names it, in Dutch and never translated: sent to the BRP as
# x-verwerking (identity/registry/haal_centraal.py). These are also the free
# texts the log stored before the codes (migration 0007 maps them).
PROCESSING_ACTIVITY_NAMES = {
    Purpose.CASE_HANDLING: "Behandeling van de zaak",
    Purpose.OWN_VIEW: "Inzage door uzelf",
    Purpose.PERSONAL_DATA: "Mijn gegevens tonen aan de burger",
    Purpose.CORRECTION: "Correctie persoonsgegevens",
    Purpose.CORRECTION_REVIEW: "Correctieverzoek beoordelen",
    Purpose.CONTACT_DETAILS: "Contactgegevens wijzigen door de burger",
    Purpose.DECISION: "Besluit opstellen",
    Purpose.CASE_REGISTRATION: "Zaak registreren voor de inwoner",
    Purpose.REQUEST_FORM: "Aanvraag invullen",
    Purpose.LOG_IN: "Inloggen met DigiD",
    Purpose.ACTING_CONTEXTS: "Vertegenwoordigingsbevoegdheid vaststellen",
    Purpose.REPRESENTATION: "Handelen namens de inwoner door een vertegenwoordiger",
}


# LDV wants a URI pointing at the register entry; until the register is
# published at an address, a URN with the code stands in for it.
PROCESSING_ACTIVITY_URN = "urn:open-loket:verwerkingsactiviteit:"


def processing_activity_name(purpose: str) -> str:
    """The register's name of `purpose`; a value that is no `Purpose` as given."""
    try:
        return PROCESSING_ACTIVITY_NAMES[Purpose(purpose)]
    except ValueError:
        return str(purpose)


class AccessStatus(models.TextChoices):
    """LDV status_code. A processing that fails before it discloses anything
    rolls back with its entry (entries are written in the change's
    transaction), so today every stored entry is "ok"; "error" is for a
    processing that failed after data was disclosed."""

    OK = "ok", _("gelukt")
    ERROR = "error", _("mislukt")


# How the citizen reads `object_kind`; a kind not listed reads UNKNOWN_KIND_LABEL
# (never the internal name).
OBJECT_KIND_LABELS = {
    "person": _("persoonsgegevens"),
    "contact_details": _("contactgegevens"),
    "case": _("zaak"),
    "case_list": _("overzicht van uw zaken"),
    "case_roles": _("betrokkenen bij een zaak"),
    "document": _("document"),
    "session": _("inloggen"),
    "login": _("inloggen"),
    "callback_request": _("terugbelverzoek"),
    "acting_context": _("uw zaken en gegevens"),
    "request_draft": _("concept-aanvraag"),
}
UNKNOWN_KIND_LABEL = _("gegevens")

DATA_SUBJECT_ID_TYPE_BSN = "BSN"


def data_subject_id(bsn: str) -> str:
    """The keyed hash (HMAC-SHA256) stored instead of the BSN (LDV
    dpl.core.data_subject_id: "versleuteld"). The same BSN gives the same value,
    so the citizen's page finds their rows by hashing the viewer's BSN; without
    the key, the value cannot be turned back into a BSN by trying all of them."""
    return hmac.new(_subject_key(), bsn.encode(), hashlib.sha256).hexdigest()


def _subject_key() -> bytes:
    """ACCESS_LOG_SUBJECT_KEY, or a key derived from SECRET_KEY when it is
    empty (a derivation, not SECRET_KEY itself, so a leaked subject hash tells
    nothing about the key that signs sessions). Migration 0007 has a copy."""
    if settings.ACCESS_LOG_SUBJECT_KEY:
        return settings.ACCESS_LOG_SUBJECT_KEY.encode()
    return hmac.new(
        settings.SECRET_KEY.encode(), b"open-loket access-log data subject", hashlib.sha256
    ).digest()


# The citizen's own identical accesses within this time are one access.
OWN_ACCESS_WINDOW = timedelta(minutes=10)


class AccessLogQuerySet(AppendOnlyQuerySet):
    def for_subject(self, bsn: str) -> AccessLogQuerySet:
        """The entries about the person with this BSN."""
        return self.filter(data_subject_id=data_subject_id(bsn))

    def prune_before(self, moment: datetime) -> int:
        """Retention: remove entries older than `moment`. The only removal path."""
        deleted, _ = models.QuerySet.delete(self.filter(occurred_at__lt=moment))
        return deleted


class AccessLogEntry(AppendOnlyModel):
    # LDV dpl.core.data_subject_id / _type: a keyed hash, never the BSN itself.
    data_subject_id = models.CharField(_("betrokkene (versleuteld)"), max_length=64)
    data_subject_id_type = models.CharField(max_length=20, default=DATA_SUBJECT_ID_TYPE_BSN)
    # LDV start_time / end_time.
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    ended_at = models.DateTimeField(_("einde"), default=timezone.now)
    # LDV trace_id (16 bytes) and span_id (8 bytes), hex.
    trace_id = models.CharField(max_length=32)
    span_id = models.CharField(max_length=16)
    status = models.CharField(max_length=10, choices=AccessStatus.choices, default=AccessStatus.OK)
    actor_kind = models.CharField(_("soort gebruiker"), max_length=20, choices=ActorKind.choices)
    # Shown to the citizen: the organisation, never a caseworker's personal name.
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    # Internal accountability: who exactly (not shown to the citizen).
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_reference = models.CharField(max_length=200, blank=True)
    action = models.CharField(_("handeling"), max_length=20, choices=AccessAction.choices)
    object_kind = models.CharField(_("soort gegevens"), max_length=50)
    object_label = models.CharField(_("gegevens"), max_length=300, blank=True)
    # LDV dpl.core.processing_activity_id: a `Purpose` code. 300 characters so
    # that a free text from before the codes (none known) survived the migration.
    purpose = models.CharField(_("doel"), max_length=300, blank=True, choices=Purpose.choices)
    detail = models.JSONField(default=dict, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        app_label = "identity"
        verbose_name = _("inzage-logregel")
        verbose_name_plural = _("inzage-log")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["data_subject_id", "-occurred_at"], name="accesslog_subject_time")
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_kind}"

    @property
    def object_kind_label(self) -> str:
        return str(OBJECT_KIND_LABELS.get(self.object_kind, UNKNOWN_KIND_LABEL))

    @property
    def purpose_label(self) -> str:
        """The purpose in the reader's language; a stored text that is no code as stored."""
        return str(self.get_purpose_display())

    @property
    def is_own_view(self) -> bool:
        return self.actor_kind == ActorKind.CITIZEN

    @property
    def organisation_label(self) -> str:
        """Who processed the data, as the citizen reads it: for their own views
        the portal operator ("Open Loket (uzelf)"), else the organisation, else
        the portal operator (a registry lookup or a system job of the portal)."""
        site = settings.WAGTAIL_SITE_NAME
        if self.is_own_view:
            return gettext("%(site)s (uzelf)") % {"site": site}
        return self.organisation or site

    @property
    def level_of_assurance(self):
        """For login entries: the DigiD level, from detail["level"] (number or name)."""
        from .loa import LevelOfAssurance

        raw = (self.detail or {}).get("level")
        try:
            return LevelOfAssurance(int(raw))
        except (TypeError, ValueError):
            return LevelOfAssurance.__members__.get(str(raw).upper())

    def as_ldv_record(self) -> dict[str, Any]:
        """This entry as an LDV log record (Logboek, "Interface"), for an export."""
        return {
            "trace_id": self.trace_id,
            "span_id": self.span_id,
            "name": f"{self.action}:{self.object_kind}",
            "start_time": self.occurred_at.isoformat(),
            "end_time": self.ended_at.isoformat(),
            "status_code": "STATUS_CODE_OK"
            if self.status == AccessStatus.OK
            else "STATUS_CODE_ERROR",
            "attributes": {
                "dpl.core.processing_activity_id": PROCESSING_ACTIVITY_URN + self.purpose,
                "dpl.core.data_subject_id": self.data_subject_id,
                "dpl.core.data_subject_id_type": self.data_subject_id_type,
            },
        }


@dataclass
class _RequestTrace:
    """What one request shares: its LDV trace id, its start, and the entries written."""

    trace_id: str
    started_at: datetime
    written: dict[tuple, int]


# None outside a request (tasks, management commands): there every entry is
# its own trace and every call writes.
_request_trace: ContextVar[_RequestTrace | None] = ContextVar("access_log_trace", default=None)


def _new_trace_id() -> str:
    return secrets.token_hex(16)


def _new_span_id() -> str:
    return secrets.token_hex(8)


def log_person_access(
    *,
    bsn: str,
    actor: Actor,
    action: str,
    purpose: Purpose,
    object_kind: str,
    object_label: str = "",
    organisation: str = "",
    detail: dict | None = None,
    status: str = AccessStatus.OK,
    data_subject_id_type: str = DATA_SUBJECT_ID_TYPE_BSN,
) -> AccessLogEntry:
    """Write one access-log entry about one citizen (or, with
    `data_subject_id_type` "KVK" and a KvK number as `bsn`, one business: use
    `log_subject_access`). Call it inside the
    transaction of the change it describes, so a rolled-back change leaves no
    entry behind. `organisation` defaults to the actor's.

    Within one request (`AccessLogRequestMiddleware`) an identical entry is
    written once: the earlier one is returned while it still exists (it is gone
    when its transaction rolled back, and then this one is written). The
    citizen's own access identical to one of the last OWN_ACCESS_WINDOW is not
    written again either (the module docstring says why)."""
    purpose = Purpose(purpose)  # a free text is a programming error: ValueError
    fields = {
        "data_subject_id": data_subject_id(bsn),
        "data_subject_id_type": data_subject_id_type,
        "actor_kind": actor.kind,
        "action": action,
        "object_kind": object_kind,
        "object_label": object_label,
        "organisation": organisation or actor.organisation,
        "purpose": purpose.value,
        "actor_user": actor.user,
        "actor_reference": actor.reference,
    }
    trace = _request_trace.get()
    key = tuple(
        getattr(value, "pk", None) if name == "actor_user" else str(value)
        for name, value in fields.items()
    )
    if trace is not None and key in trace.written:
        earlier = AccessLogEntry.objects.filter(pk=trace.written[key]).first()
        if earlier is not None:
            return earlier
    own = actor.kind == ActorKind.CITIZEN and action != AccessAction.LOGGED_IN
    if own:
        since = timezone.now()
        earlier = access_log_recent.recall(
            AccessLogEntry, fields, window=OWN_ACCESS_WINDOW, now=since
        )
        if earlier is not None:
            return earlier
        earlier = (
            AccessLogEntry.objects.filter(occurred_at__gte=since - OWN_ACCESS_WINDOW, **fields)
            .order_by("-occurred_at", "-id")
            .first()
        )
        if earlier is not None:
            access_log_recent.remember(earlier, fields, window=OWN_ACCESS_WINDOW)
            return earlier
    now = timezone.now()
    entry = AccessLogEntry.objects.create(
        **fields,
        trace_id=trace.trace_id if trace else _new_trace_id(),
        span_id=_new_span_id(),
        occurred_at=trace.started_at if trace else now,
        ended_at=now,
        status=status,
        detail=detail or {},
    )
    if trace is not None:
        trace.written[key] = entry.pk
    if own:
        access_log_recent.remember(entry, fields, window=OWN_ACCESS_WINDOW)
    return entry


def log_case_access(
    *,
    case,
    actor: Actor,
    action: str,
    purpose: Purpose = Purpose.CASE_HANDLING,
    object_kind: str = "case",
    object_label: str = "",
    detail: dict | None = None,
    bsns: Iterable[str] | None = None,
) -> list[AccessLogEntry]:
    """One entry per citizen with a role on `case` (a cases.models.Case; LDV:
    one log record per data subject), or only for `bsns` when given (the
    citizen who looked, a role just added). The citizen reads the actor's
    organisation, else the case's agency; the label defaults to "title (reference)"
    and the detail to the case's id."""
    if bsns is None:
        # Business roles (KvK) have no BSN: their entries are the business's.
        bsns = case.roles.exclude(bsn="").values_list("bsn", flat=True)
    with transaction.atomic():
        return [
            log_person_access(
                bsn=bsn,
                actor=actor,
                action=action,
                purpose=purpose,
                object_kind=object_kind,
                object_label=object_label or f"{case.title} ({case.reference})",
                organisation=actor.organisation or case.agency.name,
                detail={"case_id": case.pk} if detail is None else detail,
            )
            for bsn in sorted(set(bsns))
        ]


class AccessLogRequestMiddleware:
    """One LDV trace per request: its entries share a trace id and the
    request's start, and an identical entry is written once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_trace.set(
            _RequestTrace(trace_id=_new_trace_id(), started_at=timezone.now(), written={})
        )
        try:
            return self.get_response(request)
        finally:
            _request_trace.reset(token)


DATA_SUBJECT_ID_TYPE_KVK = "KVK"


def log_subject_access(*, subject, **kwargs) -> AccessLogEntry:
    """`log_person_access` for an acting context's subject (identity.acting.Subject):
    a person by BSN; a business by its KvK number (LDV data_subject_id_type
    "KVK", the same keyed hash), so a business's access log is its own."""
    if subject.bsn:
        return log_person_access(bsn=subject.bsn, **kwargs)
    return log_person_access(
        bsn=subject.kvk, data_subject_id_type=DATA_SUBJECT_ID_TYPE_KVK, **kwargs
    )
