"""The Notificaties API callback (no language prefix: machines call it)."""

from django.urls import path

from . import callbacks

app_name = "zgw_callbacks"
urlpatterns = [
    path("notificaties/<int:system>/", callbacks.notification, name="notification"),
]
