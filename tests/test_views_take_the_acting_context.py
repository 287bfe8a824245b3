"""No citizen page reads the logged-in user's BSN itself (decision 0041, issue 19).

Whose data a page shows is the acting context's subject (`request.acting`, put
there by identity.decorators.citizen_required): a parent acting for a child
sees the child's cases. A view or template tag that read `request.user.bsn`
would show the parent's own data in the child's context, or worse, write the
parent's BSN on the child's request. CONTRIBUTING.md ("Add a page") says so.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "cases",
    "documents",
    "messaging",
    "product_requests",
    "corrections",
    "identity",
    "pages",
    "notifications",
    "zgw",
)
# request.user.bsn, getattr(request.user, "bsn" ...), and `user = request.user`
# followed by `user.bsn` in the same module.
DIRECT_READ = re.compile(r"request\.user\.bsn|getattr\(\s*request\.user\s*,\s*[\"']bsn[\"']")
USER_ALIAS = re.compile(r"^\s*(\w+)\s*=\s*request\.user\s*$", re.MULTILINE)


def _page_modules() -> list[Path]:
    modules: list[Path] = []
    for app in APPS:
        base = ROOT / app
        modules += [p for p in base.rglob("*.py") if "views" in p.name or p.parent.name == "views"]
        modules += list((base / "templatetags").glob("*.py"))
    return sorted(p for p in set(modules) if "tests" not in p.parts and "migrations" not in p.parts)


def test_there_are_page_modules_to_check():
    names = {p.relative_to(ROOT).as_posix() for p in _page_modules()}
    assert {"cases/views.py", "documents/views.py", "messaging/inbox_views.py"} <= names


def test_no_view_or_template_tag_reads_the_users_bsn():
    offenders = []
    for module in _page_modules():
        text = module.read_text()
        if DIRECT_READ.search(text):
            offenders.append(module.relative_to(ROOT).as_posix())
        for alias in USER_ALIAS.findall(text):
            if re.search(rf"\b{alias}\.bsn\b", text):
                offenders.append(f"{module.relative_to(ROOT).as_posix()} ({alias}.bsn)")
    assert offenders == [], (
        "Take the subject from request.acting (identity.acting), not request.user.bsn: "
        + ", ".join(offenders)
    )
