"""The Django side of bench/load.py: seed the load population, write the driver's
plan, and feed decisions to the task worker during the run.

Runs in its own process with bench/settings.py, BENCH_PROFILE=load (load.py
starts it); the load driver itself never imports Django, so it measures the
server the way a browser would.

    python -m bench.load_django seed --citizens 200 --plan var/loadrun/plan.json \
        --idp-metadata var/loadrun/idp-metadata.xml --idp-url http://127.0.0.1:8141
    python -m bench.load_django feed-decisions --interval 2 --seconds 600
"""

from __future__ import annotations

import argparse
import json
import random
import time
from datetime import date
from pathlib import Path

import django

# Bench citizens have BSNs from 900000000 up (test range, elfproef-valid, never a
# real person's); the demo citizens keep their own and are browsed, not changed.
BENCH_BSN_START = 900_000_000
BENCH_BSN_PREFIX = "9000"  # holds for the first ~9,000 bench citizens
BROWSE_DEMO_BSNS = ["999993653", "999990019"]
SEARCH_TERMS = ["verhuizen", "paspoort", "bijstand", "parkeren", "belasting", "uitkering"]
TEMPLATE_NAME = "Besluit (load test)"


def bench_bsns(count: int) -> list[str]:
    """The first `count` elfproef-valid BSNs from BENCH_BSN_START."""
    from identity.bsn import is_valid_bsn

    found: list[str] = []
    candidate = BENCH_BSN_START
    while len(found) < count:
        candidate += 1
        if is_valid_bsn(str(candidate)):
            found.append(str(candidate))
    return found


def seed_citizens(bsns: list[str]) -> None:
    """Persons in the local registry (the request form reads name and address there)."""
    from identity.registry.models import LocalAddress, LocalPerson

    existing = set(LocalPerson.objects.filter(bsn__in=bsns).values_list("bsn", flat=True))
    new = [
        LocalPerson(
            bsn=bsn,
            first_names="Bench",
            surname=f"Burger {index}",
            date_of_birth=date(1970 + index % 40, 1 + index % 12, 1 + index % 28),
            nationality="Nederlandse",
        )
        for index, bsn in enumerate(bsns)
        if bsn not in existing
    ]
    LocalPerson.objects.bulk_create(new, batch_size=500)
    people = LocalPerson.objects.filter(bsn__in=[person.bsn for person in new])
    LocalAddress.objects.bulk_create(
        [
            LocalAddress(
                person=person,
                street="Benchstraat",
                house_number=1 + person.pk % 200,
                postcode="2712 AB",
                city="Zoetermeer",
                valid_from=date(2020, 1, 1),
            )
            for person in people
        ],
        batch_size=500,
    )


def request_products() -> dict[str, dict[str, object]]:
    """Each requestable product's form answers, keyed by product slug (field -> value)."""
    from pages.models import ProductPage, RequestFieldType
    from product_requests.forms import field_name

    answers_by_type = {
        RequestFieldType.TEXT: "Benchstraat 2, 2712 AB Zoetermeer",
        RequestFieldType.TEXTAREA: "Mijn inkomen is te laag voor deze uitgave.",
        RequestFieldType.EMAIL: "bench@example.org",
        RequestFieldType.NUMBER: "349,95",
        RequestFieldType.DATE: "2026-12-01",
        RequestFieldType.CHECKBOX: "on",
    }
    plan: dict[str, dict[str, object]] = {}
    # The Dutch products: /aanvragen/<slug>/ serves those, not their translations.
    products = (
        ProductPage.objects.live()
        .public()
        .filter(case_type__isnull=False, locale__language_code="nl")
    )
    for product in products.prefetch_related("request_form_fields"):
        fields = list(product.request_form_fields.all())
        if not fields:
            continue
        if any(q.field_type == RequestFieldType.FILE and q.required for q in fields):
            continue  # the driver sends no files; optional file questions stay empty
        answers: dict[str, object] = {}
        for question in fields:
            if question.field_type == RequestFieldType.FILE:
                continue
            if question.field_type in answers_by_type:
                answers[field_name(question)] = answers_by_type[question.field_type]
            elif question.field_type == RequestFieldType.CHECKBOXES:
                answers[field_name(question)] = question.choice_list[:2]
            else:  # radio, dropdown: the first choice
                answers[field_name(question)] = question.choice_list[0]
        plan[product.slug] = answers
    return plan


def product_paths() -> list[str]:
    from pages.models import ProductPage

    dutch = ProductPage.objects.live().public().filter(locale__language_code="nl")
    return [page.url for page in dutch.specific() if page.url]


def ensure_decision_templates() -> None:
    """A decision template for every case type a bench citizen can request."""
    from cases.models import CaseType
    from documents.models import DecisionTemplate
    from pages.models import ProductPage

    type_ids = (
        ProductPage.objects.live()
        .filter(case_type__isnull=False)
        .values_list("case_type_id", flat=True)
    )
    for case_type in CaseType.objects.filter(pk__in=type_ids).select_related("agency"):
        DecisionTemplate.objects.get_or_create(
            case_type=case_type,
            name=TEMPLATE_NAME,
            defaults={
                "letterhead": f"{case_type.agency.name}\nPostbus 1",
                "body": "Op {besluitdatum} hebben wij besloten over \u201c{zaak}\u201d.\n\n"
                "{besluittekst}",
                "signature": "Met vriendelijke groet,\n\nTeam Load",
            },
        )


def write_idp_metadata(path: Path, idp_url: str) -> None:
    """The development IdP's metadata with its artifact back channel on `idp_url`.

    In production DigiD is another service: the ACS's SOAP ArtifactResolve goes
    out to it and never waits for a thread of the portal itself. With the IdP in
    the portal's own gunicorn, an ACS holding a thread waits for a SOAP call that
    may be queued behind it in the same worker (gthread accepts more connections
    than it has threads): logins stalled for the full 10 s timeout. So the load
    run serves the IdP from a second gunicorn, as DigiD would be.
    """
    from django.conf import settings

    from identity.devidp.server import base_url, idp_metadata_xml

    portal_idp = base_url()
    moved = idp_url.rstrip("/") + portal_idp.removeprefix(settings.PORTAL_BASE_URL.rstrip("/"))
    xml = idp_metadata_xml().decode()
    path.parent.mkdir(parents=True, exist_ok=True)
    old, new = f'Location="{portal_idp}artifact/"', f'Location="{moved}artifact/"'
    path.write_text(xml.replace(old, new))


def seed(citizens: int, plan_path: Path) -> None:
    from django.db import transaction

    bsns = bench_bsns(citizens)
    with transaction.atomic():
        seed_citizens(bsns)
        ensure_decision_templates()
    plan = {
        "bench_bsns": bsns,
        "demo_bsns": BROWSE_DEMO_BSNS,
        "product_paths": product_paths(),
        "request_products": request_products(),
        "search_terms": SEARCH_TERMS,
    }
    plan_path.parent.mkdir(parents=True, exist_ok=True)
    plan_path.write_text(json.dumps(plan, indent=1))
    print(
        f"load plan: {len(bsns)} bench citizens, {len(plan['product_paths'])} product pages, "
        f"{len(plan['request_products'])} requestable products -> {plan_path}"
    )


def record_one_decision(actor, templates: dict) -> bool:
    """A decision on one undecided requested case of a bench citizen, if there is one."""
    from cases.models import Case, CaseSource
    from documents.models import DecisionRequest
    from documents.services import create_decision

    case = (
        Case.objects.filter(
            source=CaseSource.REQUEST,
            case_type_id__in=list(templates),
            roles__bsn__startswith=BENCH_BSN_PREFIX,
        )
        .exclude(pk__in=DecisionRequest.objects.values("case_id"))
        .order_by("?")
        .first()
    )
    if case is None:
        return False
    create_decision(
        case=case,
        template=templates[case.case_type_id],
        decision_text="Wij hebben uw aanvraag toegewezen. " * random.randint(5, 40),
        outcome="Toegewezen",
        actor=actor,
    )
    return True


def feed_decisions(interval: float, seconds: float) -> None:
    """Record a decision every `interval` seconds on a bench citizen's requested case,
    so the task worker renders decision PDFs under load (as caseworkers would)."""
    from documents.models import DecisionTemplate
    from identity.actors import Actor

    actor = Actor.system("bench.load")
    templates = {t.case_type_id: t for t in DecisionTemplate.objects.filter(name=TEMPLATE_NAME)}
    deadline = time.monotonic() + seconds
    made = 0
    while time.monotonic() < deadline:
        started = time.monotonic()
        made += record_one_decision(actor, templates)
        time.sleep(max(0.0, interval - (time.monotonic() - started)))
    print(f"decision feeder: {made} decisions recorded")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    seed_parser = sub.add_parser("seed")
    seed_parser.add_argument("--citizens", type=int, default=200)
    seed_parser.add_argument("--plan", type=Path, required=True)
    seed_parser.add_argument("--idp-metadata", type=Path, required=True)
    seed_parser.add_argument("--idp-url", required=True)
    feed_parser = sub.add_parser("feed-decisions")
    feed_parser.add_argument("--interval", type=float, default=2.0)
    feed_parser.add_argument("--seconds", type=float, required=True)
    args = parser.parse_args()
    django.setup()
    if args.command == "seed":
        seed(args.citizens, args.plan)
        write_idp_metadata(args.idp_metadata, args.idp_url)
    else:
        feed_decisions(args.interval, args.seconds)


if __name__ == "__main__":
    main()
