"""Benchmark: render a 2-page decision letter with `documents.pdf.render_pdf` and
with raw WeasyPrint on the same HTML, in the same run, and print the medians.

    .venv/bin/python bench/pdf.py [--runs 15]

"Raw" is `weasyprint.HTML(string=html, base_url=...).write_pdf(...)` with WeasyPrint's
default URL fetcher reading the same static files from disk (the root-relative
`/static/` links are made relative to a file: base that holds them; nothing else in
the HTML changes) and the same PDF/A and tagging options, so the ratio is the cost
of our wrapper (the static-only fetcher and the metadata). A third line shows raw
WeasyPrint without PDF/A and tags, for scale.
Goal (issue 7): median <= 250 ms, ratio <= 1.15. This prints; it does not pass or fail.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402

from bench.stats import median  # noqa: E402
from documents.pdf import PDF_OPTIONS, render_pdf  # noqa: E402

PARAGRAPH = (
    "Op grond van artikel 2.1 van de Algemene Plaatselijke Verordening verlenen wij u "
    "de gevraagde vergunning. Wij hebben uw aanvraag getoetst aan de regels die daarvoor "
    "gelden en aan de belangen van omwonenden. De vergunning geldt voor de periode die "
    "u heeft aangevraagd en is persoonlijk; u kunt haar niet overdragen aan een ander."
)


def decision_html() -> str:
    return render_to_string(
        "documents/pdf/decision.html",
        {
            "language": "nl",
            "title": "Besluit op uw aanvraag parkeervergunning",
            "agency_name": "Gemeente Zoetermeer",
            "letterhead_lines": ["Postbus 15", "2700 AA Zoetermeer", "14 079"],
            "recipient_lines": ["De heer J. Jansen", "Dorpsstraat 1", "2712 AB Zoetermeer"],
            "decision_date": date(2026, 11, 22),
            "case_reference": "ZTM-2026-000123",
            "subject": "Parkeervergunning bewoners",
            "salutation": [["Geachte heer Jansen,"]],
            "body": [[PARAGRAPH]] * 11,
            "signature": [["Met vriendelijke groet,", "namens het college,", "De teamleider"]],
            "objection": [
                [
                    "U kunt binnen zes weken na de datum van dit besluit bezwaar maken, "
                    "uiterlijk op 3 januari 2027."
                ]
            ],
        },
    )


def fonts(reader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def medians_ms(functions: dict, runs: int) -> dict[str, float]:
    """Median time per function. Runs are interleaved (a, b, c, a, b, c, ...) so a
    busy machine slows every contender alike instead of the last one measured."""
    for function in functions.values():
        function()  # warm-up: imports, font loading, template caches
    timings: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            timings[name].append((time.perf_counter() - start) * 1000)
    return {name: median(values) for name, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    from pypdf import PdfReader
    from weasyprint import HTML

    html = decision_html()
    with tempfile.TemporaryDirectory() as folder:
        # Raw WeasyPrint reads the same files from disk: /static/... under a file: base.
        (Path(folder) / "static").symlink_to(ROOT / "documents" / "static")
        base = Path(folder).as_uri() + "/"

        def ours():
            return render_pdf(html, title="Besluit", language="nl", author="Gemeente Zoetermeer")

        raw_html = html.replace('"/static/', '"static/')

        def raw():
            return HTML(string=raw_html, base_url=base).write_pdf(**PDF_OPTIONS)

        from weasyprint.urls import URLFetcher

        shared_fetcher = URLFetcher()

        def raw_shared_fetcher():
            # WeasyPrint's default fetcher builds an SSL context per instance (~50 ms);
            # reusing one instance shows raw layout + PDF cost without that.
            return HTML(string=raw_html, base_url=base, url_fetcher=shared_fetcher).write_pdf(
                **PDF_OPTIONS
            )

        def raw_plain():
            return HTML(string=raw_html, base_url=base).write_pdf()

        from io import BytesIO

        ours_pdf, raw_pdf = PdfReader(BytesIO(ours())), PdfReader(BytesIO(raw()))
        pages, raw_pages = len(ours_pdf.pages), len(raw_pdf.pages)
        # Same fonts in both, or the comparison is not like for like.
        assert fonts(ours_pdf) == fonts(raw_pdf), (fonts(ours_pdf), fonts(raw_pdf))
        medians = medians_ms(
            {"ours": ours, "raw": raw, "shared": raw_shared_fetcher, "plain": raw_plain},
            args.runs,
        )
        ours_ms, raw_ms = medians["ours"], medians["raw"]
        shared_ms, plain_ms = medians["shared"], medians["plain"]

    print(
        f"decision letter: {pages} pages (raw: {raw_pages}), "
        f"{args.runs} runs each, interleaved, medians"
    )
    print(f"render_pdf (PDF/A-2u, tagged, static-only fetcher): {ours_ms:7.1f} ms")
    print(f"raw WeasyPrint, same HTML and options:               {raw_ms:7.1f} ms")
    print(f"raw WeasyPrint, same options, one reused fetcher:    {shared_ms:7.1f} ms")
    print(f"raw WeasyPrint, same HTML, no PDF/A or tags:         {plain_ms:7.1f} ms")
    print(f"ratio render_pdf / raw (same options):                {ours_ms / raw_ms:7.2f}x")
    print(f"ratio render_pdf / raw with a reused fetcher:         {ours_ms / shared_ms:7.2f}x")
    print("goal: <= 250 ms median, <= 1.15x raw")


if __name__ == "__main__":
    main()
