"""Citizen-facing URLs of online requests for a product (mounted under the language prefix)."""

from django.urls import path

from . import views

app_name = "product_requests"
urlpatterns = [
    path("aanvragen/<slug:slug>/", views.request_product, name="request"),
    path("aanvragen/<slug:slug>/verstuurd/<str:token>/", views.request_sent, name="request_sent"),
    path(
        "aanvragen/concept/<uuid:public_id>/verwijderen/",
        views.delete_request_draft,
        name="delete_draft",
    ),
]
