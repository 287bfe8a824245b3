"""The local person registry: the embedded default when no BRP connection exists.

Modelled on what Mijn gegevens shows from the BRP (names with voorvoegsel, date
of birth, nationality, address history, partner, children). Changes go through
`identity.services` so they are audited like any change of personal data.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from identity.bsn import validate_bsn


class LocalPerson(models.Model):
    bsn = models.CharField(_("BSN"), max_length=9, unique=True, validators=[validate_bsn])
    first_names = models.CharField(_("voornamen"), max_length=200)
    prefix = models.CharField(_("voorvoegsel"), max_length=20, blank=True)
    surname = models.CharField(_("geslachtsnaam"), max_length=200)
    # BRP geslachtsaanduiding; blank is "onbekend" (O).
    gender = models.CharField(
        _("geslacht"),
        max_length=1,
        blank=True,
        choices=[("M", _("man")), ("V", _("vrouw"))],
    )
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    nationality = models.CharField(_("nationaliteit"), max_length=100, blank=True)
    partner = models.ForeignKey(
        "self",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    children = models.ManyToManyField(
        "self", verbose_name=_("kinderen"), symmetrical=False, blank=True, related_name="parents"
    )

    class Meta:
        app_label = "identity"
        verbose_name = _("persoon (lokale registratie)")
        verbose_name_plural = _("personen (lokale registratie)")
        ordering = ["surname", "first_names"]

    def __str__(self) -> str:
        # Never the BSN: this string ends up in admin screens and logs.
        return " ".join(part for part in (self.first_names, self.prefix, self.surname) if part)


class LocalAddress(models.Model):
    """One address in a person's history; the current one has no valid_to."""

    person = models.ForeignKey(
        LocalPerson, verbose_name=_("persoon"), on_delete=models.CASCADE, related_name="addresses"
    )
    street = models.CharField(_("straat"), max_length=200)
    house_number = models.PositiveIntegerField(_("huisnummer"))
    house_letter = models.CharField(_("huisletter"), max_length=1, blank=True)
    house_number_addition = models.CharField(_("huisnummertoevoeging"), max_length=4, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("woonplaats"), max_length=100)
    valid_from = models.DateField(_("geldig vanaf"))
    valid_to = models.DateField(_("geldig tot"), null=True, blank=True)

    class Meta:
        app_label = "identity"
        verbose_name = _("adres (lokale registratie)")
        verbose_name_plural = _("adressen (lokale registratie)")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(valid_to__isnull=True),
                name="localaddress_one_current_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.street} {self.house_number}{self.house_letter}, {self.city}"


class AuthorityKind(models.TextChoices):
    """The kinds of gezag the BRP API Gezag distinguishes (its
    AbstractGezagsrelatie types; BW 1:245, 1:251a, 1:253b, 1:253sa, 1:280)."""

    SOLE_PARENTAL = "EenhoofdigOuderlijkGezag", _("eenhoofdig ouderlijk gezag")
    JOINT_PARENTAL = "GezamenlijkOuderlijkGezag", _("gezamenlijk ouderlijk gezag")
    JOINT = "GezamenlijkGezag", _("gezamenlijk gezag (ouder en derde)")
    GUARDIANSHIP = "Voogdij", _("voogdij")


class LocalAuthority(models.Model):
    """One holder's gezag over one minor, as the Gezagsregister and the BRP
    record it. A parent without a row has no authority (ontheven, or never
    had it): being a child in `LocalPerson.children` is not enough. Minority
    itself is not stored: it follows from the minor's date of birth
    (identity/parents.py ends the authority the day before the 18th birthday,
    BW 1:233 and 1:246)."""

    holder = models.ForeignKey(
        LocalPerson,
        verbose_name=_("gezaghouder"),
        on_delete=models.CASCADE,
        related_name="authorities",
    )
    minor = models.ForeignKey(
        LocalPerson,
        verbose_name=_("minderjarige"),
        on_delete=models.CASCADE,
        related_name="authority_holders",
    )
    kind = models.CharField(
        _("soort gezag"),
        max_length=40,
        choices=AuthorityKind.choices,
        default=AuthorityKind.JOINT_PARENTAL,
    )

    class Meta:
        app_label = "identity"
        verbose_name = _("gezag (lokale registratie)")
        verbose_name_plural = _("gezag (lokale registratie)")
        constraints = [
            models.UniqueConstraint(fields=["holder", "minor"], name="localauthority_once"),
            models.CheckConstraint(
                condition=~models.Q(holder=models.F("minor")), name="localauthority_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.holder} → {self.minor}"
