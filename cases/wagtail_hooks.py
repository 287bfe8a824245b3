"""Wagtail discovers hooks here; the back office keeps its own in cases/backoffice/hooks.py,
the agency API in cases/api/wagtail_hooks.py."""

from .api import wagtail_hooks as api_hooks  # noqa: F401
from .backoffice import hooks  # noqa: F401
