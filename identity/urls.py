"""Citizen-facing URLs of the identity app (mounted under the language prefix)."""

from django.urls import path

from .views import login, session

app_name = "identity"
urlpatterns = [
    path("inloggen/", login.login_page, name="login"),
    path("inloggen/digid/", login.digid_start, name="digid_start"),
    path("inloggen/mislukt/", login.login_failed, name="login_failed"),
    path("inloggen/geannuleerd/", login.login_cancelled, name="login_cancelled"),
    path("uitloggen/", login.logout_view, name="logout"),
    path("sessie/verlengen/", session.extend_session, name="extend_session"),
]
