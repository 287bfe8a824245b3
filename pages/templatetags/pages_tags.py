from django import template

register = template.Library()


@register.inclusion_tag("pages/includes/breadcrumbs.html")
def breadcrumbs(page):
    """The path from the home page to `page`; the site root (depth 1) is not a page."""
    return {"ancestors": page.get_ancestors().filter(depth__gte=2).specific(), "page": page}
