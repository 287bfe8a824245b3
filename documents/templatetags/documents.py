from django import template

from cases.viewer import context_of
from documents import selectors
from documents.forms import UploadForm

register = template.Library()


@register.inclusion_tag("documents/includes/case_documents.html", takes_context=True)
def case_documents(context, case):
    """The documents section of a case page: the list and, when allowed, the form."""
    request = context["request"]
    return {
        "case": case,
        "documents": selectors.documents_of_authorised_case(context=context_of(request), case=case),
        "may_upload": case.citizen_may_upload(),
        "form": context.get("upload_form") or UploadForm(),
        "csrf_token": context.get("csrf_token"),
        "csp_nonce": context.get("csp_nonce"),
    }
