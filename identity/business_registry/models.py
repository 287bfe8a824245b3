"""The local business registry: the embedded default when no KvK connection exists.

Holds what the portal uses from the Handelsregister: name, legal form, RSIN,
branches with their visiting address.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

kvk_number_validator = RegexValidator(
    r"^[0-9]{8}$", _("Een KvK-nummer bestaat uit 8 cijfers."), code="invalid_kvk"
)
branch_number_validator = RegexValidator(
    r"^[0-9]{12}$", _("Een vestigingsnummer bestaat uit 12 cijfers."), code="invalid_branch"
)
rsin_validator = RegexValidator(
    r"^[0-9]{9}$", _("Een RSIN bestaat uit 9 cijfers."), code="invalid_rsin"
)


class LocalBusiness(models.Model):
    kvk = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, validators=[kvk_number_validator]
    )
    name = models.CharField(_("naam"), max_length=200)
    legal_form = models.CharField(_("rechtsvorm"), max_length=100, blank=True)
    rsin = models.CharField(_("RSIN"), max_length=9, blank=True, validators=[rsin_validator])

    class Meta:
        app_label = "identity"
        verbose_name = _("bedrijf (lokale registratie)")
        verbose_name_plural = _("bedrijven (lokale registratie)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LocalBranch(models.Model):
    """A vestiging with its visiting address (bezoekadres)."""

    business = models.ForeignKey(
        LocalBusiness,
        verbose_name=_("bedrijf"),
        on_delete=models.CASCADE,
        related_name="branches",
    )
    number = models.CharField(
        _("vestigingsnummer"), max_length=12, unique=True, validators=[branch_number_validator]
    )
    name = models.CharField(_("handelsnaam"), max_length=200)
    is_main = models.BooleanField(_("hoofdvestiging"), default=False)
    street = models.CharField(_("straat"), max_length=200)
    house_number = models.PositiveIntegerField(_("huisnummer"))
    house_letter = models.CharField(_("huisletter"), max_length=1, blank=True)
    house_number_addition = models.CharField(_("huisnummertoevoeging"), max_length=4, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=100)

    class Meta:
        app_label = "identity"
        verbose_name = _("vestiging (lokale registratie)")
        verbose_name_plural = _("vestigingen (lokale registratie)")
        ordering = ["-is_main", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["business"],
                condition=models.Q(is_main=True),
                name="localbranch_one_main_per_business",
            )
        ]

    def __str__(self) -> str:
        return self.name
