from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pagina's")

    def ready(self) -> None:
        from . import admin_csp

        admin_csp.install()
        # Publishing, moving or deleting anything shown on public pages empties
        # the page cache (decision 0015).
        from . import cache_invalidation  # noqa: F401
