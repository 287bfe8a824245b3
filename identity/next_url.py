"""Where to go after login: only a path on this site (no open redirect)."""

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(candidate: str | None) -> str:
    default = settings.LOGIN_REDIRECT_URL
    if not candidate or len(candidate) > 2000:
        return default
    # Same-site paths only: "/x", never "//host", "/\\host", "https://..." or "javascript:".
    if not candidate.startswith("/") or candidate.startswith(("//", "/\\")):
        return default
    if not url_has_allowed_host_and_scheme(candidate, allowed_hosts=set(), require_https=False):
        return default
    return candidate
