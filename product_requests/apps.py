from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductRequestsConfig(AppConfig):
    name = "product_requests"
    verbose_name = _("Aanvragen")
