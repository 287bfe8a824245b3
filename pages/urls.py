"""Citizen-facing URLs of the pages app (mounted under the language prefix)."""

from django.urls import path

from . import help_views, statement, views

app_name = "pages"
urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("hulp/", help_views.help_page, name="help"),
    # Generated from docs/accessibility/evaluation.yaml; shadows a Wagtail page of that slug.
    path("toegankelijkheid/", statement.statement, name="accessibility_statement"),
    # The case as its own URL names it (agency slug + reference), never a BSN.
    path("hulp/zaak/<slug:agency>/<str:reference>/", help_views.case_help, name="case_help"),
]
