"""Citizen pages of messaging (inside i18n_patterns: Dutch at /, English at /en/).

URL names agreed between the parts of issues 17, 18 and 21 (keep them):
    messaging:compose        zaken/<agency>/<reference>/bericht/<kind>/  (?taak=<task uuid> for a task's aanvulling)
    messaging:sent           berichten/verzonden/
    messaging:sent_detail    berichten/verzonden/<uuid>/
    messaging:ledger_pdf     berichten/<uuid>/bewijs.pdf
    messaging:ledger_json    berichten/<uuid>/bewijs.json
    messaging:inbox          berichten/
    messaging:thread         berichten/gesprek/<uuid>/
    messaging:tasks          taken/
    messaging:channels       digitaal-contact/<agency slug>/   (public)
"""

from django.urls import path

from . import task_views

app_name = "messaging"

urlpatterns: list = []

# Mijn taken (issue 21). Under mijn/ like the other personal pages, so
# portal.middleware sends it with Cache-Control: no-store.
urlpatterns += [
    path("mijn/taken/", task_views.tasks, name="tasks"),
]
