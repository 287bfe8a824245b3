"""The outage banner on a (cached) product page: recording an outage reaches
the page at once; ending it removes the banner."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from cases.models import Agency
from messaging.models import ChannelOutage
from pages.tests.factories import ProductPageFactory

pytestmark = pytest.mark.django_db

BANNER = "Storing bij digitaal contact"


@pytest.fixture(autouse=True)
def _version_in_the_shared_cache(settings):
    settings.PAGE_CACHE_VERSION_STORE = "cache"


def test_an_outage_reaches_the_cached_product_page_and_its_end_removes_it(client):
    with translation.override("nl"):
        product = ProductPageFactory(title="Paspoort aanvragen", slug="paspoort-aanvragen")
        url = product.url
    assert BANNER not in client.get(url).content.decode()
    outage = ChannelOutage.objects.create(
        agency=product.agency, starts_at=timezone.now() - timedelta(minutes=5)
    )
    assert BANNER in client.get(url).content.decode()
    outage.ends_at = timezone.now()
    outage.save()
    assert BANNER not in client.get(url).content.decode()


def test_an_outage_of_another_agency_is_not_shown(client):
    with translation.override("nl"):
        product = ProductPageFactory(title="Rijbewijs", slug="rijbewijs")
    other = Agency.objects.create(name="Waterschap Delfland", short_name="HHD", slug="hhd")
    ChannelOutage.objects.create(agency=other, starts_at=timezone.now())
    assert BANNER not in client.get(product.url).content.decode()
