"""Citizen-facing URLs of the pages app (mounted under the language prefix)."""

app_name = "pages"
urlpatterns: list = []
