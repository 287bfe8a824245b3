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
