"""Wagtail discovers hooks here; the back office keeps its own in cases/backoffice/hooks.py."""

from .backoffice import hooks  # noqa: F401
