import io

import pytest

from cases import selectors
from cases.models import Case
from demo import agencies_and_cases as demo
from demo import people as identity_demo
from identity.models import User

pytestmark = pytest.mark.django_db


def test_demo_seed_gives_the_demo_citizens_their_spread_and_is_idempotent():
    out = io.StringIO()
    identity_demo.seed(out)
    demo.seed(out)
    count = Case.objects.count()
    demo.seed(out)
    assert Case.objects.count() == count

    main = selectors.cases_for_citizen(user=User.objects.get(bsn="999993653"))
    assert main.count() >= 8
    assert len({c.agency_id for c in main}) == 4
    assert any(c.action_required for c in main)
    assert any(c.is_overdue for c in main)
    assert any(c.is_closed for c in main) and any(not c.is_closed for c in main)
    assert max(c.status_updates.count() for c in main) >= 3
    assert selectors.cases_for_citizen(user=User.objects.get(bsn="999990019")).exists()
    assert not selectors.cases_for_citizen(user=User.objects.get(bsn="999991772")).exists()
