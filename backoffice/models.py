"""Which agencies a staff member works for (docs/decisions/0008)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    CASEWORKER = "caseworker", _("zaakbehandelaar")
    AGENCY_ADMIN = "agency_admin", _("beheerder van de organisatie")


class AgencyMembership(models.Model):
    """A staff member works on the cases of this agency; an agency admin also
    manages its case types and status types. The membership, not a group,
    decides which agency's cases someone sees."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agency_memberships",
        verbose_name=_("medewerker"),
    )
    agency = models.ForeignKey(
        "cases.Agency",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )
    role = models.CharField(
        _("rol"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.CASEWORKER
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap van een organisatie")
        verbose_name_plural = _("lidmaatschappen van organisaties")
        ordering = ["agency__name", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.agency} ({self.get_role_display()})"
