from django.urls import path

from . import (
    callbacks,
    case_tasks,
    decisions,
    documents,
    formal_messages,
    messages_to_citizens,
    views,
)

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
    # Issue 18: messages to citizens and the letters to post (messages_to_citizens.py).
    path("<int:pk>/bericht/", messages_to_citizens.send_message, name="send_message"),
    path(
        "<int:pk>/gesprek/<uuid:public_id>/antwoord/",
        messages_to_citizens.reply,
        name="reply_to_citizen",
    ),
    path("brieven/", messages_to_citizens.letters, name="letters"),
    path("brieven/<int:pk>/", messages_to_citizens.letter_pdf, name="letter_pdf"),
    path("brieven/<int:pk>/afgedrukt/", messages_to_citizens.letter_printed, name="letter_printed"),
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
