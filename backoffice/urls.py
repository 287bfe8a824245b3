from django.urls import path

from . import decisions, documents, formal_messages, views

app_name = "cases_backoffice"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("zoeken/", views.case_search, name="search"),
    path("nieuw/", views.open_case, name="open"),
    path("berichten/", views.undelivered_notifications, name="undelivered"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/status/", views.publish_status, name="publish_status"),
    path("<int:pk>/besluit/", decisions.create_decision, name="create_decision"),
    path(
        "<int:pk>/documenten/<uuid:public_id>/",
        documents.download_document,
        name="document",
    ),
    # Citizens' formal messages on the case (issue 17, backoffice/formal_messages.py).
    path(
        "<int:pk>/berichten/<uuid:public_id>/in-behandeling/",
        formal_messages.take_into_handling,
        name="message_take",
    ),
    path(
        "<int:pk>/berichten/<uuid:public_id>/afgehandeld/",
        formal_messages.mark_handled,
        name="message_handled",
    ),
    path(
        "<int:pk>/berichten/<uuid:public_id>/bewijs.pdf",
        formal_messages.ledger_pdf_download,
        name="message_ledger_pdf",
    ),
    path(
        "<int:pk>/berichten/<uuid:public_id>/bewijs.json",
        formal_messages.ledger_json,
        name="message_ledger_json",
    ),
]
