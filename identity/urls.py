"""Citizen-facing URLs of the identity app (mounted under the language prefix)."""

app_name = "identity"
urlpatterns: list = []
