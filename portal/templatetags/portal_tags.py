from django import template
from django.urls import translate_url
from wagtail.models import Locale, Page

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context, language_code: str) -> str:
    """The current page in another language (a plain link, so pages stay cacheable).

    The query string is dropped on purpose: it may carry search terms or filters
    that are not worth keeping, and never personal data.
    """
    request = context["request"]
    page = context.get("page")
    if isinstance(page, Page):
        # A Wagtail page: its translation, or that language's home page where it
        # has none (prefixing the path would 404; docs/decisions/0025).
        return _page_in_language(page, language_code, request) or translate_url(
            request.path, language_code
        )
    return translate_url(request.path, language_code)


def _page_in_language(page: Page, language_code: str, request) -> str | None:
    try:
        locale = Locale.objects.get_for_language(language_code)
    except Locale.DoesNotExist:
        return None
    translation = page.get_translation_or_none(locale)
    if translation is None or not translation.live:
        site = page.get_site()
        translation = site and site.root_page.get_translation_or_none(locale)
    return translation.get_url(request=request) if translation else None


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
