"""Citizen-facing URLs of the documents app (mounted under the language prefix)."""

app_name = "documents"
urlpatterns: list = []
