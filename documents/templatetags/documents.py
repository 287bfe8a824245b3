from django import template

from cases.viewer import context_of
from documents import selectors
from documents.forms import UploadForm
from documents.list_html import documents_html

register = template.Library()


@register.inclusion_tag("documents/includes/case_documents.html", takes_context=True)
def case_documents(context, case, upload_form: bool = True):
    """The documents section of a case page: the list and, when allowed, the form.
    `upload_form=False`: the page offers another way to send documents (an open
    upload task answered through its aanvulling, docs/decisions/0030)."""
    request = context["request"]
    may_upload = upload_form and case.citizen_may_upload()
    return {
        "case": case,
        "documents": selectors.documents_of_authorised_case(context=context_of(request), case=case),
        "may_upload": may_upload,
        # Built only when shown: its file types and size limit are work for nothing otherwise.
        "form": (context.get("upload_form") or UploadForm()) if may_upload else None,
        "csrf_token": context.get("csrf_token"),
        "csp_nonce": context.get("csp_nonce"),
    }


@register.simple_tag
def case_documents_html(documents):
    """The documents' lines (documents.list_html): one string, not a template
    loop per document."""
    return documents_html(documents)
