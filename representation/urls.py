from django.urls import path

from . import views

app_name = "representation_backoffice"
urlpatterns = [
    path("", views.representation_list, name="list"),
    path("zoeken/", views.representation_search, name="search"),
    path("nieuw/", views.representation_create, name="create"),
    path("<uuid:public_id>/", views.representation_edit, name="edit"),
    path("<uuid:public_id>/beeindigen/", views.representation_end, name="end"),
    path("<uuid:public_id>/bewijsstuk/", views.representation_evidence, name="evidence"),
]
