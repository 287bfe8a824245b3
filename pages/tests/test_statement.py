"""The statement at /toegankelijkheid/ and docs/accessibility/evaluation.md come from
one evaluation (docs/accessibility/evaluation.yaml) and agree with it and each other."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import escape

from pages.statement import REPORT, counts, evaluation, report_markdown, status

ROOT = Path(settings.BASE_DIR)
# Every success criterion of WCAG 2.2 at levels A and AA (4.1.1 Parsing is obsolete).
WCAG22_A = [
    "1.1.1",
    "1.2.1",
    "1.2.2",
    "1.2.3",
    "1.3.1",
    "1.3.2",
    "1.3.3",
    "1.4.1",
    "1.4.2",
    "2.1.1",
    "2.1.2",
    "2.1.4",
    "2.2.1",
    "2.2.2",
    "2.3.1",
    "2.4.1",
    "2.4.2",
    "2.4.3",
    "2.4.4",
    "2.5.1",
    "2.5.2",
    "2.5.3",
    "2.5.4",
    "3.1.1",
    "3.2.1",
    "3.2.2",
    "3.2.6",
    "3.3.1",
    "3.3.2",
    "3.3.7",
    "4.1.2",
]
WCAG22_AA = [
    "1.2.4",
    "1.2.5",
    "1.3.4",
    "1.3.5",
    "1.4.3",
    "1.4.4",
    "1.4.5",
    "1.4.10",
    "1.4.11",
    "1.4.12",
    "1.4.13",
    "2.4.5",
    "2.4.6",
    "2.4.7",
    "2.4.11",
    "2.5.7",
    "2.5.8",
    "3.1.2",
    "3.2.3",
    "3.2.4",
    "3.3.3",
    "3.3.4",
    "3.3.8",
    "4.1.3",
]
TEST_ID = re.compile(r"([\w/]+\.py)::(test_\w+)")


def test_every_a_and_aa_criterion_is_evaluated_once_at_its_level():
    criteria = evaluation()["criteria"]
    assert sorted(c["id"] for c in criteria) == sorted(WCAG22_A + WCAG22_AA)
    for criterion in criteria:
        assert criterion["level"] == ("A" if criterion["id"] in WCAG22_A else "AA")
        assert criterion["checks"], f"{criterion['id']} says nothing about how it was checked"


def test_every_test_named_as_evidence_exists():
    named = [m for c in evaluation()["criteria"] for m in TEST_ID.findall(" ".join(c["checks"]))]
    assert len(named) > 20
    for path, function in named:
        source = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {function}\(", source, re.M), f"{path}::{function} is gone"


def test_every_failed_or_open_criterion_is_an_open_finding():
    reported = {str(c) for finding in evaluation()["findings"] for c in finding["criteria"]}
    unreported = [
        c["id"]
        for c in evaluation()["criteria"]
        if c["result"] in {"fail", "open"} and c["id"] not in reported
    ]
    assert unreported == []


def test_status_a_only_without_fail_or_open():
    data = evaluation()
    assert status(data) == ("A" if counts(data)["fail"] + counts(data)["open"] == 0 else "B")
    passing = {**data, "criteria": [{**c, "result": "pass"} for c in data["criteria"]]}
    assert status(passing) == "A"


def test_the_markdown_report_is_generated_from_the_evaluation():
    assert REPORT.read_text(encoding="utf-8") == report_markdown(), (
        "docs/accessibility/evaluation.md is out of date: run manage.py accessibility_report"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_public_statement_shows_the_evaluation(client, home_page, prefix):
    data = evaluation()
    page = client.get(f"{prefix}/toegankelijkheid/").content.decode()
    english = prefix == "/en"
    expected_status = {"A": "A: voldoet volledig", "B": "B: voldoet gedeeltelijk"}
    if english:
        expected_status = {"A": "A: fully compliant", "B": "B: partially compliant"}
    assert expected_status[status(data)] in page
    assert data["contact"]["email"] in page
    assert str(counts(data)["open"]) in page
    for finding in data["findings"]:
        assert escape(finding["title_en" if english else "title_nl"]) in page
    assert ("6 December 2026" if english else "6 december 2026") in page
