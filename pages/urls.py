"""Citizen-facing URLs of the pages app (mounted under the language prefix)."""

from django.urls import path

from . import views

app_name = "pages"
urlpatterns = [
    path("zoeken/", views.search, name="search"),
]
