from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, language_code: str) -> str:
    """The current page in another language (a plain link, so pages stay cacheable).

    The query string is dropped on purpose: it may carry search terms or filters
    that are not worth keeping, and never personal data.
    """
    request = context["request"]
    return translate_url(request.path, language_code)


@register.filter
def error_links(form) -> list[tuple[str, str]]:
    """(anchor, message) for every error of `form`, in field order, for the error
    summary. Forms may define their own `error_links()` (e.g. to anchor a radio
    group on its first option); any other Django form works as it is."""
    own = getattr(form, "error_links", None)
    if callable(own):
        return own()
    links = [("", str(message)) for message in form.non_field_errors()]
    for name in form.fields:
        for message in form.errors.get(name, []):
            links.append((form[name].auto_id or "", str(message)))
    return links
