import io

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, WorkflowState

from demo import agencies_and_cases as cases_demo
from demo import site as demo
from identity.tests.factories import StaffUserFactory
from pages.editorial import EDITORS_GROUP, MODERATORS_GROUP, WORKFLOW_NAME
from pages.models import ContentPage, HomePage, LifeEventPage, ProductPage
from pages.search import search_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    cases_demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())  # twice: idempotent


def test_demo_catalogue_is_complete_and_idempotent(seeded, client):
    events = set(LifeEventPage.objects.live().values_list("slug", flat=True))
    assert {
        "verhuizen",
        "kind-krijgen",
        "werk-verliezen",
        "bedrijf-starten",
        "overlijden",
        "18-worden",
    } <= events
    # The Dutch tree; its English translation shares the slugs.
    products = ProductPage.objects.live().filter(locale__language_code="nl")
    assert products.count() >= 12
    assert products.values("slug").distinct().count() == products.count()
    assert set(products.values_list("agency__slug", flat=True)) == {
        "zoetermeer",
        "belastingdienst",
        "uwv",
        "rijnland",
    }
    assert set(ContentPage.objects.live().values_list("slug", flat=True)) >= {
        "privacy",
        "toegankelijkheid",
    }
    home = HomePage.objects.get(locale__language_code="nl")
    assert home.popular_products.count() == 6
    assert all(event.products.exists() for event in LifeEventPage.objects.all())

    # Every product passes model validation, and has its related products linked.
    for product in products:
        product.full_clean()
    moving = ProductPage.objects.get(locale__language_code="nl", slug="verhuizing-doorgeven")
    assert moving.related_products.count() == 3
    # The demo content is searchable, and the footer links resolve.
    # With Dutch stemming (PostgreSQL) the life event "Verhuizen" may rank first.
    assert "Verhuizing doorgeven" in [page.title for page in search_pages("verhuizing")[:3]]
    assert client.get("/privacy/").status_code == 200
    assert client.get("/toegankelijkheid/").status_code == 200


def test_editors_submit_for_review_and_moderators_approve(seeded):
    home = HomePage.objects.get(locale__language_code="nl")
    assert home.get_workflow().name == WORKFLOW_NAME
    product = ProductPage.objects.get(locale__language_code="nl", slug="paspoort-aanvragen")
    assert product.get_workflow().name == WORKFLOW_NAME

    editor = StaffUserFactory()
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    moderator = StaffUserFactory()
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    assert product.permissions_for_user(editor).can_edit()
    assert not product.permissions_for_user(editor).can_publish()
    assert product.permissions_for_user(moderator).can_publish()
    assert editor.has_perm("wagtailadmin.access_admin")
    dutch_home = Page.objects.get(depth=2, locale__language_code="nl")
    home_permissions = GroupPagePermission.objects.filter(page=dutch_home)
    assert home_permissions.filter(group__name=EDITORS_GROUP, permission__codename="change_page")

    product.summary = "Nieuwe samenvatting"
    revision = product.save_revision(user=editor)
    state = product.get_workflow().start(product, editor)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.user_can_access_editor(product, moderator)
    assert not task.user_can_access_editor(product, editor)
    task.on_action(task_state, moderator, "approve")
    product.refresh_from_db()
    assert product.summary == "Nieuwe samenvatting"
    assert product.live_revision_id == revision.pk


def test_demo_has_requestable_products_with_forms(seeded, client):
    requestable = ProductPage.objects.live().filter(case_type__isnull=False)
    assert requestable.count() >= 3
    for product in requestable:
        assert product.case_type.agency_id == product.agency_id
        assert product.request_form_fields.exists()
    moving = requestable.get(locale__language_code="nl", slug="verhuizing-doorgeven")
    assert list(
        moving.case_type.status_types.order_by("order").values_list("name", "is_final")
    ) == [("ontvangen", False), ("in_behandeling", False), ("verwerkt", True)]
    assert moving.processing_time_text() == "Binnen 5 dagen."
    assert "/aanvragen/verhuizing-doorgeven/" in client.get(moving.url).content.decode()
