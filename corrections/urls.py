"""Citizen-facing URL of the corrections app: "Klopt er iets niet?" on Mijn gegevens."""

from django.urls import path

from .views import correction_request

app_name = "corrections"
urlpatterns = [
    path("mijn/gegevens/correctie/", correction_request, name="correction_request"),
]
