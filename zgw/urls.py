"""Citizen pages of a zaak in an agency's own case system (under the language
prefix). Addressed by agency and the zaak's UUID: identifications of some
systems (eSuite) are not fit for a URL."""

from django.urls import path

from . import uploads, views

app_name = "zgw"
urlpatterns = [
    path("mijn/zaken-zgw/<slug:agency>/<uuid:zaak>/", views.zaak_detail, name="detail"),
    path(
        "mijn/zaken-zgw/<slug:agency>/<uuid:zaak>/document-sturen/",
        uploads.zaak_upload,
        name="upload",
    ),
    path(
        "mijn/zaken-zgw/<slug:agency>/<uuid:zaak>/documenten/<uuid:document>/",
        views.document_download,
        name="document",
    ),
]
