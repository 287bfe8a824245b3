from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse

from identity.session import seconds_left

register = template.Library()


@register.inclusion_tag("identity/includes/session_warning.html", takes_context=True)
def session_warning(context):
    request = context["request"]
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "csp_nonce": context.get("csp_nonce"),
        "seconds_left": seconds_left(request),
        "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
    }


@register.simple_tag(takes_context=True)
def login_link_url(context) -> str:
    """The header's login link: back to this page afterwards, except from the login pages."""
    request = context["request"]
    url = reverse("identity:login")
    match = getattr(request, "resolver_match", None)
    if match is not None and match.namespace == "identity":
        return url
    return f"{url}?{urlencode({'next': request.get_full_path()})}"
