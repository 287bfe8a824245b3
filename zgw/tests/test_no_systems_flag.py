"""zgw_systems remembers "no ZGW source" for a while (issue 21, speed) and
forgets it as soon as a case system is saved in this process."""

from __future__ import annotations

import pytest

from cases.tests.factories import AgencyFactory
from zgw import provider
from zgw.models import CaseSystem, SourceKind

from .conftest import case_system_for

pytestmark = pytest.mark.django_db


def test_no_systems_is_remembered_until_a_case_system_is_saved(
    running_zgw, django_assert_num_queries
):
    CaseSystem.objects.filter(kind=SourceKind.ZGW).delete()
    provider.forget_no_systems()
    assert provider.zgw_systems() == []
    with django_assert_num_queries(0):
        assert provider.zgw_systems() == []
    system = case_system_for(running_zgw, AgencyFactory())
    assert [s.pk for s in provider.zgw_systems()] == [system.pk]
    system.delete()
    assert provider.zgw_systems() == []
