"""The access log a citizen can read: who looked at or changed their data.

Append-only for the application: there is no code path or admin screen that
updates or deletes an entry; only the retention command prunes old ones, with
a raw delete (see `AccessLogQuerySet.prune_before`).
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
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


# How the citizen reads `object_kind` (other kinds are shown as stored).
OBJECT_KIND_LABELS = {
    "person": _("persoonsgegevens"),
    "contact_details": _("contactgegevens"),
    "case": _("zaak"),
    "document": _("document"),
    "session": _("inloggen"),
}


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
        return str(OBJECT_KIND_LABELS.get(self.object_kind, self.object_kind))

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
    it describes, so a rolled-back change leaves no entry behind."""
    return AccessLogEntry.objects.create(
        bsn=bsn,
        actor_kind=actor_kind,
        action=action,
        object_kind=object_kind,
        object_label=object_label,
        organisation=organisation,
        purpose=purpose,
        actor_user=actor_user,
        actor_reference=actor_reference,
        detail=detail or {},
    )
