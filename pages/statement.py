"""The accessibility statement (toegankelijkheidsverklaring) and the self-evaluation
report, both from docs/accessibility/evaluation.yaml so they cannot drift apart.

The statement follows the national model (Besluit digitale toegankelijkheid overheid;
the model of digitoegankelijk.nl): status, date, scope, findings, contact. The status
is derived, never typed: A ("voldoet volledig") only when every WCAG 2.2 A and AA
criterion passed or does not apply; B ("voldoet gedeeltelijk") while any failed or is
still open.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language

EVALUATION = Path(settings.BASE_DIR) / "docs" / "accessibility" / "evaluation.yaml"
REPORT = EVALUATION.with_name("evaluation.md")
RESULTS = ("pass", "fail", "na", "open")


@functools.cache
def evaluation() -> dict:
    data = yaml.safe_load(EVALUATION.read_text(encoding="utf-8"))
    for criterion in data["criteria"]:
        criterion["id"] = str(criterion["id"])
        if criterion["result"] not in RESULTS:
            raise ValueError(f"{criterion['id']}: unknown result {criterion['result']!r}")
    return data


def status(data: dict) -> str:
    results = {criterion["result"] for criterion in data["criteria"]}
    return "A" if results <= {"pass", "na"} else "B"


def counts(data: dict) -> dict[str, int]:
    return {result: sum(c["result"] == result for c in data["criteria"]) for result in RESULTS}


def report_markdown(data: dict | None = None) -> str:
    """docs/accessibility/evaluation.md, generated (`manage.py accessibility_report`)."""
    data = data or evaluation()
    tally = counts(data)
    lines = [
        "# Accessibility self-evaluation",
        "",
        "<!-- Generated from evaluation.yaml by `manage.py accessibility_report`; do not edit. -->",
        "",
        f"- Website: {data['website']}",
        f"- Standard: {data['standard']}",
        f"- Evaluated on: {data['evaluated_on']}",
        f"- Status (national model): {status(data)}",
        f"- Results: {tally['pass']} pass, {tally['fail']} fail, {tally['na']} not applicable, "
        f"{tally['open']} open",
        "",
        "## Method",
        "",
        data["method"],
        "",
        "## Scope",
        "",
        data["scope"],
        "",
        "## Sample of pages and states",
        "",
        *[f"- {item}" for item in data["sample"]],
        "",
        "## Success criteria",
        "",
        "| Criterion | Level | Result | How it was checked |",
        "|---|---|---|---|",
    ]
    for c in data["criteria"]:
        checks = "; ".join(f"`{check}`" if "::" in check else check for check in c["checks"])
        lines.append(f"| {c['id']} {c['name']} | {c['level']} | {c['result']} | {checks} |")
    lines += ["", "## Open findings", ""]
    for finding in data["findings"]:
        lines.append(
            f"- **{finding['title_en']}** ({', '.join(map(str, finding['criteria']))}): "
            f"{finding['text_en']}"
        )
    lines += [
        "",
        "## Contact",
        "",
        f"{data['contact']['email']}, answer within "
        f"{data['contact']['response_days']} working days.",
        "",
    ]
    return "\n".join(lines)


def statement(request):
    """/toegankelijkheid/: the public statement, in the page's language."""
    data = evaluation()
    english = get_language() == "en"
    findings = [
        {
            "title": finding["title_en" if english else "title_nl"],
            "text": finding["text_en" if english else "text_nl"],
            "criteria": ", ".join(map(str, finding["criteria"])),
        }
        for finding in data["findings"]
    ]
    return render(
        request,
        "pages/accessibility_statement.html",
        {"data": data, "status": status(data), "counts": counts(data), "findings": findings},
    )
