"""Citizen-facing URLs of the cases app (mounted under the language prefix)."""

app_name = "cases"
urlpatterns: list = []
