"""Citizen-facing URLs of the documents app (mounted under the language prefix).

Documents are addressed by a random UUID (`public_id`), never by database id.
"""

from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("mijn/documenten/<uuid:public_id>/", views.download, name="download"),
    path(
        "mijn/zaken/<slug:agency>/<str:reference>/documenten/",
        views.upload,
        name="upload",
    ),
    path("controleer-een-document/", views.verify, name="verify"),
]
