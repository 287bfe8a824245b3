from django.urls import path

from . import callbacks, decisions, documents, views

app_name = "cases_backoffice"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("zoeken/", views.case_search, name="search"),
    path("nieuw/", views.open_case, name="open"),
    path("berichten/", views.undelivered_notifications, name="undelivered"),
    path("terugbellen/", callbacks.callback_list, name="callbacks"),
    path("terugbellen/<int:pk>/", callbacks.callback_detail, name="callback"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/status/", views.publish_status, name="publish_status"),
    path("<int:pk>/besluit/", decisions.create_decision, name="create_decision"),
    path(
        "<int:pk>/documenten/<uuid:public_id>/",
        documents.download_document,
        name="document",
    ),
]
