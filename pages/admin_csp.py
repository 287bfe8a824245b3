"""Wagtail's chooser widgets (page, snippet, image and document choosers) start
themselves with an inline <script>, which the admin's Content Security Policy
blocks (portal/settings/base.py: no inline script anywhere, admin included).
Without it an editor cannot pick an agency, a case type or a related product.

`BaseChooser.render` is replaced by one that leaves the constructor, the id and
the options in data attributes; pages/static/pages/js/admin-csp-init.js (loaded
on every admin page, pages/wagtail_hooks.py) starts them, also in rows an inline
panel adds later. Check this still matches BaseChooser.render when upgrading
Wagtail (the test in tests/browser/test_moderation.py fails on any CSP violation
in the page editor).
"""

from __future__ import annotations

import json

from django.utils.html import format_html
from wagtail.admin.widgets.chooser import BaseChooser


def _render_without_inline_script(self, name, value, attrs=None, renderer=None):
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as e:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    options = self.get_js_init_options(id_, name, value_data)
    return format_html(
        '{}<span hidden data-ol-widget="{}" data-ol-widget-id="{}" data-ol-widget-options="{}">'
        "</span>",
        widget_html,
        self.js_constructor,
        id_,
        json.dumps(options),
    )


def install() -> None:
    BaseChooser.render = _render_without_inline_script
