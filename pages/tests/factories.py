"""Factories for catalogue pages. Every page lands in the right place of the tree.

home = home_page()                                   # the site's HomePage (created if missing)
product = ProductPageFactory(title="Paspoort aanvragen")
product = ProductPageFactory(agency__slug="uwv", costs=[("cost", {...})])
draft = ProductPageFactory(draft=True)               # not live
event = LifeEventPageFactory(title="Verhuizen")
LifeEventProductFactory(page=event, product=product) # link a product to a life event
page = ContentPageFactory(title="Privacyverklaring")
"""

from decimal import Decimal

import factory
import wagtail_factories
from django.utils.text import slugify

from cases.models import Agency
from pages.models import (
    ContentPage,
    HomePage,
    HomePagePopularProduct,
    LifeEventPage,
    LifeEventProduct,
    ProductIndexPage,
    ProductPage,
    ProductRelatedProduct,
)
from pages.site import ensure_site


def home_page() -> HomePage:
    return ensure_site()


def product_index() -> ProductIndexPage:
    home = home_page()
    existing = ProductIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    return home.add_child(instance=ProductIndexPage(title="Producten", slug="producten"))


class _AgencyFactory(factory.django.DjangoModelFactory):
    """A minimal agency (the cases app owns the full factory)."""

    class Meta:
        model = Agency
        django_get_or_create = ("slug",)

    slug = "zoetermeer"
    name = factory.LazyAttribute(lambda o: f"Organisatie {o.slug}")
    short_name = factory.LazyAttribute(lambda o: o.slug.title())


class _PageFactory(wagtail_factories.PageFactory):
    slug = factory.LazyAttribute(lambda o: slugify(o.title))

    class Params:
        draft = factory.Trait(live=False)


class ProductPageFactory(_PageFactory):
    class Meta:
        model = ProductPage

    parent = factory.LazyFunction(product_index)
    title = factory.Sequence(lambda n: f"Product {n}")
    summary = factory.LazyAttribute(lambda o: f"Samenvatting van {o.title}.")
    what_is_it = "<p>Uitleg over dit product.</p>"
    agency = factory.SubFactory(_AgencyFactory)
    costs = factory.LazyFunction(
        lambda: [("cost", {"description": "Leges", "amount": Decimal("17.15"), "note": ""})]
    )
    how_to_apply = factory.LazyFunction(
        lambda: [("online", {"description": "<p>Vraag het online aan.</p>"})]
    )
    processing_time = "Binnen 8 weken."


class LifeEventPageFactory(_PageFactory):
    class Meta:
        model = LifeEventPage

    parent = factory.LazyFunction(home_page)
    title = factory.Sequence(lambda n: f"Levensgebeurtenis {n}")
    intro = factory.LazyAttribute(lambda o: f"Introductie bij {o.title}.")


class ContentPageFactory(_PageFactory):
    class Meta:
        model = ContentPage

    parent = factory.LazyFunction(home_page)
    title = factory.Sequence(lambda n: f"Pagina {n}")
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Tekst.</p>")])


class LifeEventProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LifeEventProduct

    page = factory.SubFactory(LifeEventPageFactory)
    product = factory.SubFactory(ProductPageFactory)


class PopularProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HomePagePopularProduct

    page = factory.LazyFunction(home_page)
    product = factory.SubFactory(ProductPageFactory)


class RelatedProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductRelatedProduct

    page = factory.SubFactory(ProductPageFactory)
    product = factory.SubFactory(ProductPageFactory)
