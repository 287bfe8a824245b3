"""Server-to-server endpoints of the notifications app (outside i18n_patterns)."""

from django.urls import path

from . import callbacks

app_name = "notifications"

urlpatterns = [
    path("notify/callback", callbacks.delivery_receipt, name="notify_callback"),
]
