"""Citizen-facing URLs of the cases app (mounted under the language prefix).

Cases are addressed by agency and public reference (unique per agency), never
by database id.
"""

from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("mijn/", views.overview, name="overview"),
    path("mijn/zaken/<slug:agency>/<str:reference>/", views.case_detail, name="detail"),
]
