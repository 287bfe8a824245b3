from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

_digits = RegexValidator(r"^\d+$", _("Alleen cijfers."))


class Agency(models.Model):
    """A government organisation whose cases the portal shows (bronorganisatie)."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    short_name = models.CharField(_("korte naam"), max_length=50)
    slug = models.SlugField(_("code"), max_length=50, unique=True)
    # OIN: Organisatie-identificatienummer (20 digits, Logius); RSIN: 9 digits.
    oin = models.CharField(_("OIN"), max_length=20, blank=True, validators=[_digits])
    rsin = models.CharField(_("RSIN"), max_length=9, blank=True, validators=[_digits])
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
