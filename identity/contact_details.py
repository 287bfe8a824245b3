"""Contact details the portal owns (not the BRP): e-mail, phone, language,
notification choice. Changed by the citizen directly, through
`identity.services`, and audited.

An e-mail address is used only after the citizen confirmed it through a link
sent to it: until then it waits in `pending_email`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .phone import validate_phone


class ContactDetails(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_details"
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    email_verified_at = models.DateTimeField(_("e-mailadres bevestigd op"), null=True, blank=True)
    pending_email = models.EmailField(_("nog te bevestigen e-mailadres"), blank=True)
    # A fresh random value per confirmation link: a used or superseded link stops working.
    pending_email_nonce = models.CharField(max_length=64, blank=True, editable=False)
    pending_email_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    phone = models.CharField(
        _("telefoonnummer"), max_length=20, blank=True, validators=[validate_phone]
    )
    preferred_language = models.CharField(
        _("voorkeurstaal"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    # On by default, but only in effect once an e-mail address is confirmed.
    notify_by_email = models.BooleanField(_("berichten per e-mail"), default=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        app_label = "identity"
        verbose_name = _("contactgegevens")
        verbose_name_plural = _("contactgegevens")

    def __str__(self) -> str:
        return str(_("contactgegevens"))

    @property
    def sends_email_notifications(self) -> bool:
        return bool(self.email and self.email_verified_at and self.notify_by_email)


def confirmed_email(user) -> str:
    """The citizen's confirmed e-mail address, or "" (to prefill a form that asks for one)."""
    details = ContactDetails.objects.filter(user=user, email_verified_at__isnull=False).first()
    return details.email if details else ""
