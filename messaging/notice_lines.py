"""What the citizen sees of how they were told about a message ("e-mail
bezorgd op …", "sms niet bezorgd", issue 18). Notifications sits above
messaging (pyproject import-linter layers), so messaging cannot ask it: it
registers a provider here in its AppConfig.ready, and the thread page renders
whatever the providers return. No provider: no lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol


class NoticeLine(Protocol):
    text: str
    delivered: bool | None  # None: still on its way


Provider = Callable[[object], Sequence[NoticeLine]]

_providers: dict[str, Provider] = {}


def register_provider(name: str, provider: Provider) -> None:
    """Register (or replace, so a repeated ready() is harmless) a provider of
    lines for an authorised message."""
    _providers[name] = provider


def unregister_provider(name: str) -> None:
    _providers.pop(name, None)


def lines_for(message) -> list[NoticeLine]:
    """Every provider's lines for `message`, which the caller has already
    authorised for the viewer (messaging.selectors)."""
    lines: list[NoticeLine] = []
    for provider in _providers.values():
        lines.extend(provider(message))
    return lines
