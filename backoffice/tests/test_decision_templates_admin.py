"""Decision templates are maintained per agency: by its agency admins and by
editors who are members of it (issue 15.2); another agency's template is a 404."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from backoffice.tests.factories_backoffice import (
    AgencyMembershipFactory,
    CaseworkerFactory,
    EditorFactory,
)
from cases.tests.factories import AgencyFactory, CaseTypeFactory
from documents.models import DecisionTemplate
from documents.tests.factories import DecisionTemplateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client):
    x, y = AgencyFactory(name="Belastingdienst"), AgencyFactory(name="UWV")
    own_type, other_type = CaseTypeFactory(agency=x), CaseTypeFactory(agency=y)
    own = DecisionTemplateFactory(case_type=own_type, name="Eigen sjabloon")
    other = DecisionTemplateFactory(case_type=other_type, name="Vreemd sjabloon")
    return {
        "x": x,
        "y": y,
        "own_type": own_type,
        "other_type": other_type,
        "own": own,
        "other": other,
    }


def _data(case_type, **extra):
    return {
        "case_type": case_type.pk,
        "name": "Nieuw sjabloon",
        "is_active": "on",
        "letterhead": "Postbus 1",
        "salutation": "{aanhef},",
        "body": "{besluittekst}",
        "signature": "Met vriendelijke groet,",
        "objection": "U kunt bezwaar maken tot en met {bezwaartermijn}.",
        "objection_instructions": "Stuur uw bezwaarschrift naar Postbus 1, 1000 AA Ergens.",
        "objection_weeks": 6,
        **extra,
    }


@pytest.fixture(params=["agency_admin", "editor_member"])
def maintainer(request, client, setup):
    if request.param == "agency_admin":
        user = CaseworkerFactory(agency=setup["x"], agency_admin=True)
    else:
        user = EditorFactory()
        AgencyMembershipFactory(user=user, agency=setup["x"])
    client.force_login(user)
    return user


def test_listing_shows_only_own_agencys_templates(client, setup, maintainer):
    response = client.get(reverse("besluitsjablonen:index"))
    assert response.status_code == 200
    assert "Eigen sjabloon" in response.content.decode()
    assert "Vreemd sjabloon" not in response.content.decode()


def test_own_template_can_be_edited(client, setup, maintainer):
    url = reverse("besluitsjablonen:edit", args=[setup["own"].pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _data(setup["own_type"], name="Aangepast"))
    assert response.status_code == 302, response.context["form"].errors
    setup["own"].refresh_from_db()
    assert setup["own"].name == "Aangepast"


def test_other_agencys_template_is_404(client, setup, maintainer):
    for name in ("besluitsjablonen:edit", "besluitsjablonen:history", "besluitsjablonen:usage"):
        assert client.get(reverse(name, args=[setup["other"].pk])).status_code == 404, name
    url = reverse("besluitsjablonen:edit", args=[setup["other"].pk])
    assert client.post(url, _data(setup["other_type"], name="Gekaapt")).status_code == 404
    setup["other"].refresh_from_db()
    assert setup["other"].name == "Vreemd sjabloon"


def test_create_only_for_own_case_types(client, setup, maintainer):
    client.post(reverse("besluitsjablonen:add"), _data(setup["other_type"]))
    assert not DecisionTemplate.objects.filter(name="Nieuw sjabloon").exists()
    response = client.post(reverse("besluitsjablonen:add"), _data(setup["own_type"]))
    assert response.status_code == 302
    assert DecisionTemplate.objects.get(name="Nieuw sjabloon").case_type == setup["own_type"]


def test_admin_form_refuses_a_template_without_objection_instructions(client, setup, maintainer):
    response = client.post(
        reverse("besluitsjablonen:add"), _data(setup["own_type"], objection_instructions="")
    )
    assert response.status_code == 200
    assert "objection_instructions" in response.context["form"].errors
    assert not DecisionTemplate.objects.filter(name="Nieuw sjabloon").exists()


@pytest.mark.parametrize("value", ["", "   \n "])
def test_model_refuses_a_template_without_objection_instructions(setup, value):
    template = DecisionTemplateFactory.build(
        case_type=setup["own_type"], objection_instructions=value
    )
    with pytest.raises(ValidationError) as info:
        template.full_clean()
    assert "objection_instructions" in info.value.message_dict


def test_plain_caseworker_and_editor_without_membership_cannot_manage(client, setup):
    for user in (CaseworkerFactory(agency=setup["x"]), EditorFactory()):
        client.force_login(user)
        assert client.get(reverse("besluitsjablonen:index")).status_code == 302
        client.post(reverse("besluitsjablonen:add"), _data(setup["own_type"]))
        assert not DecisionTemplate.objects.filter(name="Nieuw sjabloon").exists()


def test_decision_screen_hint_names_the_real_menu_item(client, setup):
    """The hint names the menu item by the viewset's own label, in both languages."""
    from backoffice.decision_templates import decision_templates_viewset
    from cases.tests.factories import CaseFactory

    case = CaseFactory(case_type=CaseTypeFactory(agency=setup["x"]))
    client.force_login(CaseworkerFactory(agency=setup["x"], agency_admin=True))
    url = reverse("cases_backoffice:create_decision", args=[case.pk])
    html = client.get(url).content.decode()
    assert "Fragmenten" not in html
    assert f"onder {decision_templates_viewset.menu_label} in het menu" in html
    assert reverse("besluitsjablonen:index") in html
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert str(decision_templates_viewset.menu_label) in menu
