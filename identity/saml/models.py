"""Server-side SAML state: requests we sent, and messages we already accepted."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingAuthnRequest(models.Model):
    """An AuthnRequest we sent and may still be answered (SAML core 3.2.2: InResponseTo).

    Bound to one browser session by a random token kept in that session, so a
    response cannot be replayed into another browser (login CSRF) and an
    unsolicited, IdP-initiated response finds no row at all.
    """

    request_id = models.CharField(max_length=100, unique=True)
    session_token = models.CharField(max_length=64)
    level = models.PositiveSmallIntegerField(_("betrouwbaarheidsniveau"))
    next_url = models.CharField(max_length=2000)
    binding = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        app_label = "identity"
        verbose_name = _("openstaand DigiD-verzoek")
        verbose_name_plural = _("openstaande DigiD-verzoeken")

    def __str__(self) -> str:
        return self.request_id


class SeenSamlMessage(models.Model):
    """Replay cache: the IDs of Responses and Assertions we accepted.

    In the database so every app server sees it; a row lives until the
    message's NotOnOrAfter, after which the message is rejected as expired anyway.
    """

    message_id = models.CharField(max_length=200, unique=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        app_label = "identity"
        verbose_name = _("gebruikt SAML-bericht")
        verbose_name_plural = _("gebruikte SAML-berichten")

    def __str__(self) -> str:
        return self.message_id
