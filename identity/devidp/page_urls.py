"""The development IdP's login page, under the language prefix (/en/...), so the
site's language switch works on it; its SAML endpoints stay in urls.py."""

from django.urls import path

from . import views

app_name = "devidp"
urlpatterns = [
    path("<str:handle>/", views.pick_citizen, name="pick"),
]
