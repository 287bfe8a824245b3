"""Models of the agency API: clients with hashed tokens, idempotency records,
webhook subscriptions and their outbox (docs/decisions/0009-agency-api.md).

Imported from cases/models.py, so they belong to the "cases" app.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .destinations import BlockedDestination, check_destination

_KEY_ID = re.compile(r"[0-9a-f]{16}")
TOKEN_PREFIX = "olk"  # noqa: S105 - a label, not a secret


def hash_token(token: str) -> str:
    """SHA-256 of the whole token. The secret part has 256 bits of entropy, so
    a fast hash is enough (no password stretching needed, unlike passwords)."""
    return hashlib.sha256(token.encode()).hexdigest()


def parse_networks(value: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """One CIDR (or single address) per line or comma; blank lines ignored."""
    parts = [part.strip() for line in value.splitlines() for part in line.split(",")]
    return [ipaddress.ip_network(part, strict=False) for part in parts if part]


def validate_networks(value: str) -> None:
    try:
        parse_networks(value)
    except ValueError as exc:
        raise ValidationError(
            _("Geef per regel een IP-adres of netwerk in CIDR-notatie, bijvoorbeeld 192.0.2.0/24."),
            code="invalid_network",
        ) from exc


class ApiClient(models.Model):
    """One system of one agency that may call the API. The token is shown once
    (create_api_client) and only its hash is kept."""

    agency = models.ForeignKey(
        "cases.Agency",
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name=_("organisatie"),
    )
    name = models.CharField(_("naam"), max_length=100)
    # Public part of the token, to find the row; the hash is compared in constant time.
    key_id = models.CharField(_("sleutel-id"), max_length=16, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, editable=False)
    allowed_networks = models.TextField(
        _("toegestane IP-adressen"),
        blank=True,
        validators=[validate_networks],
        help_text=_("Eén adres of netwerk (CIDR) per regel. Leeg: elk adres."),
    )
    expires_at = models.DateTimeField(_("verloopt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    rate_limit_per_minute = models.PositiveIntegerField(
        _("maximaal aantal verzoeken per minuut"), default=600
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-koppeling")
        verbose_name_plural = _("API-koppelingen")
        ordering = ["agency__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="apiclient_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency.short_name})"

    @classmethod
    def issue(cls, *, agency, name: str, **fields) -> tuple[ApiClient, str]:
        """Create a client and return it with its token (the only time it exists)."""
        client = cls(agency=agency, name=name, **fields)
        token = client._new_token()
        client.full_clean()
        client.save()
        return client, token

    def rotate(self) -> str:
        """Replace the token (the old one stops working at once) and return it."""
        token = self._new_token()
        self.save(update_fields=["key_id", "token_hash"])
        return token

    def _new_token(self) -> str:
        self.key_id = secrets.token_hex(8)
        token = f"{TOKEN_PREFIX}_{self.key_id}_{secrets.token_urlsafe(32)}"
        self.token_hash = hash_token(token)
        return token

    def token_matches(self, token: str) -> bool:
        return hmac.compare_digest(self.token_hash, hash_token(token))

    @staticmethod
    def key_id_of(token: str) -> str | None:
        parts = token.split("_", 2)
        # Checked before any query: a NUL or other junk must not reach the database.
        if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not _KEY_ID.fullmatch(parts[1]):
            return None
        return parts[1]

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    def ip_allowed(self, address: str) -> bool:
        networks = parse_networks(self.allowed_networks)
        if not networks:
            return True
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in networks)

    @property
    def reference(self) -> str:
        """How the audit trail names this client (CaseEvent.actor_reference)."""
        return f"api-client:{self.pk}:{self.name}"


class IdempotencyRecord(models.Model):
    """The first response to a POST with an Idempotency-Key, replayed on retries
    (IETF draft-ietf-httpapi-idempotency-key-header)."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    # SHA-256 of method, path and the canonical JSON body: same key, other body -> 409.
    fingerprint = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField()
    response_body = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["client", "key"], name="idempotency_unique_key"),
        ]
        indexes = [models.Index(fields=["created_at"], name="idempotency_created")]

    def __str__(self) -> str:
        return f"{self.client_id}:{self.key}"


def _webhook_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookSubscription(models.Model):
    """Where an agency wants to hear about citizens' actions on its cases."""

    agency = models.ForeignKey(
        "cases.Agency",
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
        verbose_name=_("organisatie"),
    )
    url = models.URLField(_("URL"), max_length=500)
    # Needed in plain text to sign; shown in the admin to staff of the agency.
    secret = models.CharField(_("geheim"), max_length=100, default=_webhook_secret)
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook-abonnement")
        verbose_name_plural = _("webhook-abonnementen")
        ordering = ["agency__name", "url"]

    def __str__(self) -> str:
        return f"{self.agency.short_name}: {self.url}"

    def clean(self) -> None:
        from django.conf import settings

        if not self.url.startswith("https://") and not getattr(
            settings, "API_WEBHOOK_ALLOW_HTTP", False
        ):
            raise ValidationError({"url": _("Gebruik een https-adres.")}, code="https_required")
        try:
            check_destination(self.url)
        except BlockedDestination:
            message = _("Dit adres ligt in een intern netwerk. Gebruik een openbaar adres.")
            raise ValidationError(
                {"url": ValidationError(message, code="private_destination")}
            ) from None
        except (OSError, UnicodeError):
            pass  # does not resolve now; each delivery checks again and retries


class WebhookEventState(models.TextChoices):
    PENDING = "pending", _("wacht op aflevering")
    DELIVERED = "delivered", _("afgeleverd")
    FAILED = "failed", _("mislukt")


class WebhookEvent(models.Model):
    """Outbox row: one event for one subscription, written in the transaction
    of the change and delivered by a task (exactly once per row)."""

    subscription = models.ForeignKey(
        WebhookSubscription,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("abonnement"),
    )
    event_id = models.UUIDField(_("kenmerk"), default=uuid.uuid4, unique=True, editable=False)
    event_type = models.CharField(_("soort"), max_length=100)
    payload = models.JSONField(_("inhoud"), default=dict)
    state = models.CharField(
        _("toestand"),
        max_length=20,
        choices=WebhookEventState.choices,
        default=WebhookEventState.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    delivered_at = models.DateTimeField(_("afgeleverd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook-bericht")
        verbose_name_plural = _("webhook-berichten")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="webhookevent_due")]

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"

    @property
    def delivery_log(self) -> str:
        """One line per attempt, for the admin's inspect view."""
        return "\n".join(str(attempt) for attempt in self.deliveries.all()) or "-"


class WebhookDeliveryAttempt(models.Model):
    """The delivery log shown in the admin: one row per HTTP attempt."""

    event = models.ForeignKey(
        WebhookEvent, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("bericht")
    )
    attempted_at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    response_status = models.PositiveSmallIntegerField(_("HTTP-status"), null=True, blank=True)
    error = models.CharField(_("fout"), max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(_("duur (ms)"), default=0)

    class Meta:
        verbose_name = _("afleverpoging")
        verbose_name_plural = _("afleverpogingen")
        ordering = ["attempted_at", "id"]

    def __str__(self) -> str:
        return f"{self.attempted_at:%Y-%m-%d %H:%M:%S} {self.response_status or self.error}"

    @property
    def succeeded(self) -> bool:
        return self.response_status is not None and 200 <= self.response_status < 300
