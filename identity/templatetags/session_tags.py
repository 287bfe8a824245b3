from django import template
from django.conf import settings

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
