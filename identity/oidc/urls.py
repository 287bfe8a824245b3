"""Broker endpoints under /oidc/, outside the language prefix: the redirect URI is
registered at the broker and must not change with the language."""

from django.urls import path

from . import views

app_name = "oidc"
urlpatterns = [
    path("<slug:broker_id>/login/", views.login, name="login"),
    path("<slug:broker_id>/callback/", views.callback, name="callback"),
]
