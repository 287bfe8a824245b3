from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductRequestsConfig(AppConfig):
    name = "product_requests"
    verbose_name = _("Aanvragen")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (remembered empty drafts, portal.empty_reads)
