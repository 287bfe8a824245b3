"""Citizen-facing URLs of the pages app (mounted under the language prefix)."""

from django.urls import path

from . import help_views, views

app_name = "pages"
urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("hulp/", help_views.help_page, name="help"),
    # The case as its own URL names it (agency slug + reference), never a BSN.
    path("hulp/zaak/<slug:agency>/<str:reference>/", help_views.case_help, name="case_help"),
]
