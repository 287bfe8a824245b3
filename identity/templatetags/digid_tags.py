from django import template

from identity.saml.csp import mark_form_to_idp

register = template.Library()


@register.simple_tag(takes_context=True)
def digid_form_action(context) -> str:
    """Put next to a form whose submission redirects to DigiD (login, logout): the
    page's CSP form-action then allows the IdP's origins (identity/saml/csp.py)."""
    request = context.get("request")
    if request is not None:
        mark_form_to_idp(request)
    return ""
