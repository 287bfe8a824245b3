"""The business registry: the local implementation, the KvK API client against
a fake KvK server in the published response shape, and the audit wrapper
(one access-log entry in the business's own log, id type KVK)."""

import pytest
from django.test import override_settings

from identity.access_log import AccessLogEntry, Purpose
from identity.business_registry import (
    RegistryUnavailable,
    business_registry_for_request,
    get_business_registry,
)
from identity.business_registry.kvk_api import KvkBusinessRegistry
from identity.business_registry.local import LocalBusinessRegistry
from identity.tests.business_factories import make_demo_business
from identity.tests.factories import CitizenFactory
from identity.tests.fake_kvk import KVK, MAIN_BRANCH, OTHER_BRANCH, FakeKvkServer

PURPOSE = Purpose.REQUEST_FORM


@pytest.fixture
def kvk():
    with FakeKvkServer() as server:
        yield server


def _client(server, **kwargs):
    options = {"base_url": server.url, "api_key": "kvk-sleutel", "timeout": 2, "retries": 1}
    return KvkBusinessRegistry(**{**options, "backoff": 0, **kwargs})


@pytest.mark.django_db
def test_local_registry_returns_name_legal_form_rsin_and_main_branch_address():
    make_demo_business()
    business = LocalBusinessRegistry().get_business(KVK, purpose=PURPOSE, viewer=None)
    assert business.name == "Bakkerij De Vries B.V."
    assert (business.legal_form, business.rsin, business.source) == (
        "Besloten Vennootschap",
        "857587973",
        "local",
    )
    assert business.main_branch.number == MAIN_BRANCH
    assert business.address_for(MAIN_BRANCH).line1 == "Dorpsstraat 40"
    assert business.address_for("").line2 == "2712AL Zoetermeer"


@pytest.mark.django_db
def test_local_registry_answers_none_for_an_unknown_number():
    assert LocalBusinessRegistry().get_business("12345678", purpose=PURPOSE, viewer=None) is None


def test_kvk_client_reads_profile_owner_and_branches_with_the_api_key(kvk):
    business = _client(kvk).get_business(KVK, purpose=PURPOSE, viewer=None)

    assert business.name == "Bakkerij De Vries B.V."
    assert business.legal_form == "Besloten Vennootschap"
    assert business.rsin == "857587973"
    assert [(b.number, b.is_main) for b in business.branches] == [
        (MAIN_BRANCH, True),
        (OTHER_BRANCH, False),
    ]
    assert business.address_for().line1 == "Dorpsstraat 40"
    # Listed but not fetched whole: no address for the other branch.
    assert business.branch(OTHER_BRANCH).address is None
    assert [r["path"] for r in kvk.requests] == [
        f"/api/v1/basisprofielen/{KVK}",
        f"/api/v1/basisprofielen/{KVK}/vestigingen",
    ]
    assert all(r["headers"]["apikey"] == "kvk-sleutel" for r in kvk.requests)


def test_kvk_client_fetches_the_named_branch_and_never_uses_a_shielded_address(kvk):
    business = _client(kvk).get_business(KVK, purpose=PURPOSE, viewer=None, branch=OTHER_BRANCH)

    address = business.address_for(OTHER_BRANCH)
    assert (address.line1, address.line2) == ("Promenade 12b", "2711AA Zoetermeer")
    assert kvk.requests[-1]["path"] == f"/api/v1/vestigingsprofielen/{OTHER_BRANCH}"


def test_kvk_client_answers_none_for_an_unknown_number_and_a_malformed_one(kvk):
    assert _client(kvk).get_business("12345678", purpose=PURPOSE, viewer=None) is None
    assert _client(kvk).get_business("../x", purpose=PURPOSE, viewer=None) is None
    assert len(kvk.requests) == 1


def test_kvk_client_retries_a_server_error_then_gives_up(kvk):
    kvk.script = [{"status": 503}]
    assert _client(kvk).get_business(KVK, purpose=PURPOSE, viewer=None).name

    kvk.script = [{"status": 503}, {"status": 502}]
    with pytest.raises(RegistryUnavailable):
        _client(kvk).get_business(KVK, purpose=PURPOSE, viewer=None)


def test_kvk_client_does_not_retry_a_refusal(kvk):
    kvk.script = [{"status": 401}]
    with pytest.raises(RegistryUnavailable):
        _client(kvk, retries=3).get_business(KVK, purpose=PURPOSE, viewer=None)
    assert len(kvk.requests) == 1


@pytest.mark.django_db
def test_a_lookup_leaves_one_entry_in_the_business_access_log():
    make_demo_business()
    user = CitizenFactory()

    get_business_registry().get_business(KVK, purpose=PURPOSE, viewer=user)

    [entry] = AccessLogEntry.objects.for_subject(KVK)
    assert entry.data_subject_id_type == "KVK"
    assert (entry.action, entry.object_kind, entry.purpose) == ("looked_up", "business", PURPOSE)
    assert entry.detail == {"registry": "LocalBusinessRegistry", "found": True}


@pytest.mark.django_db
def test_within_one_request_the_registry_is_asked_and_logged_once(rf):
    make_demo_business()
    request = rf.get("/")
    for _ in range(3):
        business_registry_for_request(request).get_business(KVK, purpose=PURPOSE, viewer=None)
    assert AccessLogEntry.objects.for_subject(KVK).count() == 1


@pytest.mark.django_db
def test_setting_selects_the_kvk_api_and_a_failed_lookup_is_not_logged(kvk):
    kvk.script = [{"status": 500}] * 3
    config = {"BASE_URL": kvk.url, "API_KEY": "", "TIMEOUT_SECONDS": 2, "RETRIES": 2}
    with override_settings(BUSINESS_REGISTRY="kvk", KVK_API=config):
        registry = get_business_registry()
        assert type(registry.backend).__name__ == "KvkBusinessRegistry"
        registry.backend.backoff = 0
        with pytest.raises(RegistryUnavailable):
            registry.get_business(KVK, purpose=PURPOSE, viewer=None)
    assert not AccessLogEntry.objects.for_subject(KVK).exists()
