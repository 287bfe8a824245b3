"""The citizen's pages of the notifications app (inside i18n_patterns):

mobile:number   mijn/gegevens/mobiel/
mobile:confirm  mijn/gegevens/mobiel/bevestigen/
"""

from django.urls import path

from . import mobile_views

app_name = "mobile"

urlpatterns = [
    path("mijn/gegevens/mobiel/", mobile_views.mobile_number, name="number"),
    path("mijn/gegevens/mobiel/bevestigen/", mobile_views.mobile_confirm, name="confirm"),
]
