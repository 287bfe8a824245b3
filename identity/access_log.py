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
  (`OBJECT_KIND_LABELS`, `PURPOSE_LABELS`); an unknown kind reads "gegevens".
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.append_only import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet  # noqa: F401


class ActorKind(models.TextChoices):
    CITIZEN = "citizen", _("uzelf")
    CASEWORKER = "caseworker", _("medewerker")
    API_CLIENT = "api_client", _("koppeling van een organisatie")
    SYSTEM = "system", _("systeem")


class AccessAction(models.TextChoices):
    LOGGED_IN = "logged_in", _("ingelogd")
    VIEWED = "viewed", _("bekeken")
    DOWNLOADED = "downloaded", _("gedownload")
    CHANGED = "changed", _("gewijzigd")
    CREATED = "created", _("aangemaakt")
    LOOKED_UP = "looked_up", _("opgevraagd")


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
}
UNKNOWN_KIND_LABEL = _("gegevens")

# Purposes are stored in Dutch as written by the code that logs (so the log
# keeps its meaning whatever the language); these are the words the citizen
# reads, translated. A purpose not listed is shown as stored.
PURPOSE_LABELS = {
    "Behandeling van de zaak": _("Behandeling van de zaak"),
    "Inzage door uzelf": _("Inzage door uzelf"),
    "Mijn gegevens tonen aan de burger": _("Uw gegevens tonen op Mijn gegevens"),
    "Correctie persoonsgegevens": _("Correctie persoonsgegevens"),
    "Correctieverzoek beoordelen": _("Correctieverzoek beoordelen"),
    "Contactgegevens wijzigen door de burger": _("Uw contactgegevens wijzigen"),
    "Besluit opstellen": _("Besluit opstellen"),
    "Zaak registreren voor de inwoner": _("Zaak voor u registreren"),
    "Aanvraag invullen": _("Aanvraag invullen"),
}


# The citizen's own identical accesses within this time are one access.
OWN_ACCESS_WINDOW = timedelta(minutes=10)


class AccessLogQuerySet(AppendOnlyQuerySet):
    def prune_before(self, moment: datetime) -> int:
        """Retention: remove entries older than `moment`. The only removal path."""
        deleted, _ = models.QuerySet.delete(self.filter(occurred_at__lt=moment))
        return deleted


class AccessLogEntry(AppendOnlyModel):
    bsn = models.CharField(_("BSN"), max_length=9)
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now)
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
    purpose = models.CharField(_("doel"), max_length=300, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        app_label = "identity"
        verbose_name = _("inzage-logregel")
        verbose_name_plural = _("inzage-log")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["bsn", "-occurred_at"], name="accesslog_bsn_time")]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_kind}"

    @property
    def object_kind_label(self) -> str:
        return str(OBJECT_KIND_LABELS.get(self.object_kind, UNKNOWN_KIND_LABEL))

    @property
    def purpose_label(self) -> str:
        label = PURPOSE_LABELS.get(self.purpose)
        return str(label) if label is not None else self.purpose

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


def record_access(
    *,
    bsn: str,
    actor_kind: str,
    action: str,
    object_kind: str,
    object_label: str = "",
    organisation: str = "",
    purpose: str = "",
    actor_user=None,
    actor_reference: str = "",
    detail: dict | None = None,
) -> AccessLogEntry:
    """Write one access-log entry. Call it inside the transaction of the change
    it describes, so a rolled-back change leaves no entry behind.

    Within one request (`AccessLogRequestMiddleware`) an identical entry is
    written once: the earlier one is returned while it still exists (it is gone
    when its transaction rolled back, and then this one is written). The
    citizen's own access identical to one of the last OWN_ACCESS_WINDOW is not
    written again either (the module docstring says why)."""
    fields = {
        "bsn": bsn,
        "actor_kind": actor_kind,
        "action": action,
        "object_kind": object_kind,
        "object_label": object_label,
        "organisation": organisation,
        "purpose": purpose,
        "actor_user": actor_user,
        "actor_reference": actor_reference,
    }
    seen = _written_in_request.get()
    key = tuple(
        getattr(value, "pk", None) if name == "actor_user" else str(value)
        for name, value in fields.items()
    )
    if seen is not None and key in seen:
        earlier = AccessLogEntry.objects.filter(pk=seen[key]).first()
        if earlier is not None:
            return earlier
    if actor_kind == ActorKind.CITIZEN and action != AccessAction.LOGGED_IN:
        earlier = (
            AccessLogEntry.objects.filter(
                occurred_at__gte=timezone.now() - OWN_ACCESS_WINDOW, **fields
            )
            .order_by("-occurred_at", "-id")
            .first()
        )
        if earlier is not None:
            return earlier
    entry = AccessLogEntry.objects.create(**fields, detail=detail or {})
    if seen is not None:
        seen[key] = entry.pk
    return entry


# The entries written during the current request (key -> pk); None outside a
# request (tasks, management commands), where every call writes.
_written_in_request: ContextVar[dict | None] = ContextVar("access_log_written", default=None)


class AccessLogRequestMiddleware:
    """Scopes the de-duplication of `record_access` to one request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _written_in_request.set({})
        try:
            return self.get_response(request)
        finally:
            _written_in_request.reset(token)
