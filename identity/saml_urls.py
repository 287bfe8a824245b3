"""SAML endpoints under /digid/, outside the language prefix (their URLs are in metadata)."""

from django.conf import settings
from django.urls import include, path

from .views import digid

app_name = "digid"
urlpatterns = [
    path("acs/", digid.acs, name="acs"),
    path("metadata/", digid.metadata, name="metadata"),
    path("slo/", digid.single_logout, name="slo"),
]

# The development IdP exists only when the development setting is on.
if settings.DIGID_DEV_IDP:
    urlpatterns.append(path("dev-idp/", include("identity.devidp.urls")))
