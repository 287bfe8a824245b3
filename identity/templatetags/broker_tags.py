from django import template

from identity.oidc.config import brokers
from identity.oidc.csp import mark_form_to_broker

register = template.Library()


@register.inclusion_tag("identity/includes/broker_buttons.html", takes_context=True)
def broker_login_buttons(context, next_url: str = "") -> dict:
    """One login button per configured broker (DigiD Machtigen, eHerkenning); the
    page's CSP form-action then allows the brokers' origins (identity/oidc/csp.py)."""
    configured = brokers()
    request = context.get("request")
    if request is not None and configured:
        mark_form_to_broker(request)
    return {"brokers": configured, "next": next_url, "csrf_token": context.get("csrf_token")}
