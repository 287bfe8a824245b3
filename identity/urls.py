"""Citizen-facing URLs of the identity app (mounted under the language prefix)."""

from django.urls import path

from .views.access_log import access_log
from .views.contact import contact_details, email_confirm
from .views.personal_data import personal_data

app_name = "identity"
urlpatterns: list = [
    path("mijn/gegevens/", personal_data, name="personal_data"),
    path("mijn/gegevens/contact/", contact_details, name="contact_details"),
    # The token names the user by id and a nonce, never the BSN or the address.
    path("mijn/gegevens/e-mail/bevestigen/<str:token>/", email_confirm, name="email_confirm"),
    path("mijn/inzage/", access_log, name="access_log"),
]
