"""Every static file a template or module names exists: a file left behind when
code moves between apps (decision 0026) would otherwise fail only in a browser."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

ROOT = Path(settings.BASE_DIR)
# {% static 'x' %} in templates, static("x") in Python.
REFERENCE = re.compile(r"""\bstatic[ (]\s*["']([^"'{}]+)["']""")
SKIP = {".venv", "node_modules", "var", ".git", "tests"}


def _references():
    for path in ROOT.rglob("*"):
        if path.suffix not in {".html", ".py"} or SKIP & set(path.relative_to(ROOT).parts):
            continue
        for name in REFERENCE.findall(path.read_text(encoding="utf-8", errors="ignore")):
            yield str(path.relative_to(ROOT)), name


def test_every_named_static_file_exists():
    references = list(_references())
    assert len(references) > 10  # the scan itself finds the portal's own files
    missing = [(where, name) for where, name in references if finders.find(name) is None]
    assert missing == []


TEMPLATE = re.compile(
    r"""(?:\{%\s*(?:include|extends)\s+|template_name\s*=\s*|render(?:_to_string)?\([^"']*)"""
    r"""["']([a-z_][\w/.-]*\.(?:html|txt|xml))["']"""
)


def test_every_named_template_exists():
    from django.forms.renderers import get_default_renderer
    from django.template.loader import get_template

    # Form widget templates are read by the form renderer (Django's own widgets too).
    renderer = get_default_renderer()
    names = set()
    for path in ROOT.rglob("*"):
        if path.suffix not in {".html", ".py"} or SKIP & set(path.relative_to(ROOT).parts):
            continue
        names.update(TEMPLATE.findall(path.read_text(encoding="utf-8", errors="ignore")))
    assert len(names) > 20
    missing = []
    for name in sorted(names):
        try:
            get_template(name)
        except Exception:  # TemplateDoesNotExist, or a syntax error inside it
            try:
                renderer.get_template(name)
            except Exception as error:
                missing.append((name, type(error).__name__))
    assert missing == []
