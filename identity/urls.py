"""Citizen-facing URLs of the identity app: DigiD login, Mijn gegevens, inzage."""

from django.conf import settings
from django.urls import include, path

from .views import digid_login_page, logout, session
from .views.access_log import access_log
from .views.acting import choose_subject
from .views.contact import contact_details, email_confirm
from .views.personal_data import personal_data

app_name = "identity"
urlpatterns = [
    path("inloggen/", digid_login_page.login_page, name="login"),
    path("inloggen/digid/", digid_login_page.digid_start, name="digid_start"),
    path("inloggen/mislukt/", digid_login_page.login_failed, name="login_failed"),
    path("inloggen/geannuleerd/", digid_login_page.login_cancelled, name="login_cancelled"),
    path("uitloggen/", logout.logout_view, name="logout"),
    path("sessie/verlengen/", session.extend_session, name="extend_session"),
    path("mijn/gegevens/", personal_data, name="personal_data"),
    path("mijn/gegevens/contact/", contact_details, name="contact_details"),
    # The token names the user by id and a nonce, never the BSN or the address.
    path("mijn/gegevens/e-mail/bevestigen/<str:token>/", email_confirm, name="email_confirm"),
    path("mijn/inzage/", access_log, name="access_log"),
    # "Voor wie wilt u iets regelen?" (issue 19): the key in the POST is opaque.
    path("mijn/voor-wie/", choose_subject, name="choose_subject"),
]

# The development IdP's login page (its endpoints are in identity/saml_urls.py).
if settings.DIGID_DEV_IDP:
    urlpatterns.append(path("ontwikkel-idp/", include("identity.devidp.page_urls")))
