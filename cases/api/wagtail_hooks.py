"""Wagtail admin screens for the agency API under "Koppelingen": API clients
(list, edit, revoke; new clients come from `manage.py create_api_client`,
which prints the token once), webhook subscriptions, and the webhook outbox
with its delivery log (read-only).

Imported from CasesConfig.ready(): Wagtail only discovers `<app>/wagtail_hooks.py`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import ApiClient, WebhookEvent, WebhookSubscription


class _ExceptActions(ModelPermissionPolicy):
    """The model's normal permissions, minus actions that make no sense here."""

    denied: tuple[str, ...] = ()

    def user_has_permission(self, user, action):
        return action not in self.denied and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ApiClientPolicy(_ExceptActions):
    # A token exists only when the command creates it; delete would lose the audit link.
    denied = ("add", "delete")


class WebhookEventPolicy(_ExceptActions):
    denied = ("add", "change", "delete")


register_permission_policy(ApiClient, ApiClientPolicy(ApiClient))
register_permission_policy(WebhookEvent, WebhookEventPolicy(WebhookEvent))


class ApiClientViewSet(ModelViewSet):
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
    copy_view_enabled = False


class WebhookSubscriptionViewSet(ModelViewSet):
    model = WebhookSubscription
    icon = "link"
    menu_label = _("Webhook-abonnementen")
    list_display = ["agency", "url", "is_active", "created_at"]
    form_fields = ["agency", "url", "secret", "is_active"]
    copy_view_enabled = False


class WebhookEventViewSet(ModelViewSet):
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
    copy_view_enabled = False


class ApiViewSetGroup(ModelViewSetGroup):
    menu_label = _("Koppelingen")
    menu_icon = "cogs"
    items = (ApiClientViewSet, WebhookSubscriptionViewSet, WebhookEventViewSet)


@hooks.register("register_admin_viewset")
def register_api_viewsets():
    return ApiViewSetGroup()
