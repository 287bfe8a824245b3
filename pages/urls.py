"""Citizen-facing URLs of the pages app (mounted under the language prefix)."""

from django.urls import path

from . import views
from .requests import views as request_views

app_name = "pages"
urlpatterns = [
    path("zoeken/", views.search, name="search"),
    path("aanvragen/<slug:slug>/", request_views.request_product, name="request"),
    path(
        "aanvragen/<slug:slug>/verstuurd/<str:token>/",
        request_views.request_sent,
        name="request_sent",
    ),
]
