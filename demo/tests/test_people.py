import io

import pytest

from demo import people as demo
from identity.access_log import Purpose
from identity.registry import get_registry
from identity.registry.models import LocalAddress, LocalPerson

pytestmark = pytest.mark.django_db


def test_demo_registry_is_idempotent_and_links_the_family():
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    assert LocalPerson.objects.count() == len(demo.DEMO_PERSONS)
    assert LocalAddress.objects.count() == sum(len(a) for a in demo.DEMO_ADDRESSES.values())
    suzanne = get_registry().get_person("999993653", purpose=Purpose.PERSONAL_DATA, viewer=None)
    assert suzanne.full_name == "Suzanne Marie Moulin"
    assert suzanne.address.line1 == "Dorpsstraat 12"
    assert [p.full_name for p in suzanne.partners] == ["Peter Jan de Vries"]
    assert [c.full_name for c in suzanne.children] == ["Noah de Vries"]
    # Every demo citizen with an account has a registry record.
    assert {bsn for bsn, _, _ in demo.DEMO_CITIZENS} <= set(
        LocalPerson.objects.values_list("bsn", flat=True)
    )
