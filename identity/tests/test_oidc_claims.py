"""Claim mapping per broker (identity/oidc/claims.py): levels, required claims."""

import pytest

from identity.loa import LevelOfAssurance
from identity.oidc.claims import ClaimsRefused, broker_result, level_from_claim
from identity.oidc.config import _broker
from portal.settings.oidc import development_brokers

MACHTIGEN, EHERKENNING = (_broker(raw) for raw in development_brokers("http://broker"))
EH_CLAIMS = {
    "urn:etoegang:core:ActingSubjectID": "eh-1",
    "urn:etoegang:core:LegalSubjectID": "68750110",
    "urn:etoegang:core:LevelOfAssurance": "EH3",
}


@pytest.mark.parametrize(
    ("raw", "level"),
    [
        ("EH2", LevelOfAssurance.MIDDEN),
        ("EH2+", LevelOfAssurance.MIDDEN),
        ("EH3", LevelOfAssurance.SUBSTANTIEEL),
        ("EH4", LevelOfAssurance.HOOG),
        ("urn:etoegang:core:assurance-class:loa3", LevelOfAssurance.SUBSTANTIEEL),
    ],
)
def test_eherkenning_levels_map_by_their_eidas_level(raw, level):
    assert level_from_claim("eherkenning", raw) == level


def test_digid_levels_by_name_number_or_class_ref():
    assert level_from_claim("digid_machtigen", "substantieel") == LevelOfAssurance.SUBSTANTIEEL
    assert level_from_claim("digid_machtigen", "30") == LevelOfAssurance.HOOG
    assert level_from_claim("digid_machtigen", LevelOfAssurance.MIDDEN.class_ref) == (
        LevelOfAssurance.MIDDEN
    )
    assert level_from_claim("digid_machtigen", "EH3") is None


def test_services_may_come_as_a_space_separated_string():
    result = broker_result(EHERKENNING, {**EH_CLAIMS, "urn:etoegang:core:ServiceID": "a b,c"})
    assert result["services"] == ["a", "b", "c"]
    assert result["branch"] == "" and result["level"] == "substantieel"


@pytest.mark.parametrize(
    ("broker", "claims", "reason"),
    [
        (EHERKENNING, {**EH_CLAIMS, "urn:etoegang:core:LegalSubjectID": "123"}, "kvk-invalid"),
        (
            EHERKENNING,
            {**EH_CLAIMS, "urn:etoegang:1.9:ServiceRestriction:Vestigingsnr": "12"},
            "branch-invalid",
        ),
        (EHERKENNING, {**EH_CLAIMS, "urn:etoegang:core:LevelOfAssurance": "EH9"}, "level"),
        (
            MACHTIGEN,
            {"gemachtigde.bsn": "999993653", "service_id": ["x"], "authsp_level": "midden"},
            "representee-missing",
        ),
        (
            MACHTIGEN,
            {
                "gemachtigde.bsn": "123456789",
                "aanvrager.bsn": "999991772",
                "service_id": ["x"],
                "authsp_level": "midden",
            },
            "actor_bsn-invalid",
        ),
    ],
)
def test_malformed_or_missing_claims_are_refused(broker, claims, reason):
    with pytest.raises(ClaimsRefused) as refused:
        broker_result(broker, claims)
    assert refused.value.reason == reason
