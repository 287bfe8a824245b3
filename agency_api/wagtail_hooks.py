"""Wagtail admin screens for the agency API under "Koppelingen": API clients
(list, edit, revoke; new clients come from `manage.py create_api_client`,
which prints the token once), webhook subscriptions, and the webhook outbox
with its delivery log (read-only). Each agency administrator sees their own
agency's rows only (backoffice/scoping.py); superusers see all.

Imported from CasesConfig.ready(): Wagtail only discovers `<app>/wagtail_hooks.py`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from backoffice.scoping import AgencyScopedViewSet, register_agency_scope

from .models import ApiClient, WebhookEvent, WebhookSubscription

# A token exists only when `create_api_client` makes it (it is printed once),
# and deleting a client would lose the audit link: revoke it instead.
register_agency_scope(ApiClient, agency_lookup="agency", actions={"change", "view"})
register_agency_scope(
    WebhookSubscription, agency_lookup="agency", actions={"add", "change", "delete", "view"}
)
# The outbox and its delivery log are a record: read-only.
register_agency_scope(WebhookEvent, agency_lookup="subscription__agency", actions={"view"})


class ApiClientViewSet(AgencyScopedViewSet):
    model = ApiClient
    icon = "key"
    menu_label = _("API-koppelingen")
    list_display = [
        "name",
        "agency",
        "key_id",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    list_filter = ["agency"]
    form_fields = ["name", "allowed_networks", "expires_at", "rate_limit_per_minute", "revoked_at"]


class WebhookSubscriptionViewSet(AgencyScopedViewSet):
    model = WebhookSubscription
    icon = "link"
    menu_label = _("Webhook-abonnementen")
    list_display = ["agency", "url", "is_active", "created_at"]
    form_fields = ["agency", "url", "secret", "is_active"]


class WebhookEventViewSet(AgencyScopedViewSet):
    model = WebhookEvent
    icon = "mail"
    menu_label = _("Webhook-berichten")
    list_display = ["event_type", "subscription", "state", "attempts", "created_at", "delivered_at"]
    list_filter = ["state", "event_type"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "event_id",
        "event_type",
        "subscription",
        "state",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "delivery_log",
    ]
    form_fields = ["state"]


class ApiViewSetGroup(ModelViewSetGroup):
    menu_label = _("Koppelingen")
    menu_icon = "cogs"
    items = (ApiClientViewSet, WebhookSubscriptionViewSet, WebhookEventViewSet)


@hooks.register("register_admin_viewset")
def register_api_viewsets():
    return ApiViewSetGroup()
