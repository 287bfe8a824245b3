from django.urls import path

from . import case_tasks, decisions, documents, views

app_name = "cases_backoffice"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("zoeken/", views.case_search, name="search"),
    path("nieuw/", views.open_case, name="open"),
    path("berichten/", views.undelivered_notifications, name="undelivered"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/status/", views.publish_status, name="publish_status"),
    path("<int:pk>/besluit/", decisions.create_decision, name="create_decision"),
    # Tasks for the citizen (issue 21, backoffice/case_tasks.py).
    path("<int:pk>/taken/nieuw/", case_tasks.create_case_task, name="create_task"),
    path(
        "<int:pk>/taken/<uuid:public_id>/intrekken/",
        case_tasks.cancel_case_task,
        name="cancel_task",
    ),
    path(
        "<int:pk>/documenten/<uuid:public_id>/",
        documents.download_document,
        name="document",
    ),
]
