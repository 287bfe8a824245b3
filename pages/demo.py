"""Demo content: the site root and home page."""

from pages.site import ensure_site


def seed(out) -> None:
    home = ensure_site()
    out.write(f"Home page: {home.title}")
