from django.urls import path

from . import views

app_name = "devidp"
urlpatterns = [
    path("sso/", views.single_sign_on, name="sso"),
    path("artifact/", views.artifact_resolution, name="artifact"),
    path("slo/", views.single_logout, name="slo"),
    path("metadata/", views.metadata, name="metadata"),
]
