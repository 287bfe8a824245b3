"""The bulk rows of the scale seed (bench/seed_scale.py): cases with their status
updates, roles, audit trail (CaseEvent) and documents, generated in memory with
fixed ids and written with PostgreSQL COPY.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta

TODAY = date(2026, 11, 20)  # fixed, so two seeds with the same options are the same data


class Ids:
    """Fixed ids, handed out here (tables start empty with RESTART IDENTITY)."""

    def __init__(self):
        self.case = self.role = self.status = self.event = self.document = 0

    def next(self, name: str) -> int:
        value = getattr(self, name) + 1
        setattr(self, name, value)
        return value


class Generator:
    def __init__(self, *, catalogue, agencies, bsns, bench_bsn, rng):
        self.catalogue = catalogue
        self.agency_by_id = {agency.pk: agency for agency in agencies}
        self.agency_ids = [agency.pk for agency in agencies]
        self.bsns = bsns
        self.bench_bsn = bench_bsn
        self.rng = rng
        self.ids = Ids()
        self.numbers: dict[tuple[int, int], int] = {}
        from bench.scale_files import file_facts

        self.files = {
            kind: file_facts(kind) for kind in ("receipt", "decision", "agency", "upload")
        }

    def reference(self, agency_id: int, year: int) -> str:
        key = (agency_id, year)
        self.numbers[key] = self.numbers.get(key, 0) + 1
        prefix = self.agency_by_id[agency_id].case_reference_prefix
        return f"{prefix}-{year}-{self.numbers[key]:06d}"

    def case_rows(self, bsn: str, agency_id: int, out: dict[str, list]) -> None:
        rng = self.rng
        case_type, orders, final_order, paths = rng.choice(self.catalogue[agency_id])
        case_id = self.ids.next("case")
        age_days = int(rng.expovariate(1 / 400)) % 1800
        received_on = TODAY - timedelta(days=age_days)
        planned_end_on = received_on + timedelta(days=case_type.processing_days)
        path = rng.choices([p for p, _w in paths], weights=[w for _p, w in paths])[0]
        # Young cases are still open: cut the path short.
        if age_days < case_type.processing_days * 2 and rng.random() < 0.8:
            path = path[: rng.randint(1, len(path) - 1)]
        span = max(1, min(age_days, case_type.processing_days))
        start = datetime.combine(received_on, datetime.min.time(), tzinfo=UTC) + timedelta(hours=9)
        moments = sorted(
            start + timedelta(minutes=rng.randint(0, span * 24 * 60)) for _ in path[1:]
        )
        moments = [start, *moments]
        status_id = None
        out_status, out_event = out["statusupdate"], out["caseevent"]
        out_event.append(
            (
                self.ids.next("event"),
                "opened",
                start,
                "system",
                "bench-seed",
                json.dumps({"source": "api", "role_id": self.ids.role + 1}),
                None,
                case_id,
            )
        )
        for order, moment in zip(path, moments, strict=True):
            status_id = self.ids.next("status")
            status_type_id = orders[order]
            out_status.append(
                (status_id, moment, "", "api_client", "bench-seed", case_id, None, status_type_id)
            )
            out_event.append(
                (
                    self.ids.next("event"),
                    "status_set",
                    moment,
                    "api_client",
                    "bench-seed",
                    json.dumps({"status_update_id": status_id, "status_type_id": status_type_id}),
                    None,
                    case_id,
                )
            )
        closed = path[-1] == final_order
        last = moments[-1]
        if closed:
            granted = rng.random() < 0.8
            result = (
                ("toegekend", "Uw aanvraag is toegekend.")
                if granted
                else ("afgewezen", "Uw aanvraag is afgewezen.")
            )
            out_event.append(
                (
                    self.ids.next("event"),
                    "closed",
                    last,
                    "api_client",
                    "bench-seed",
                    json.dumps({"result_code": result[0]}),
                    None,
                    case_id,
                )
            )
        else:
            result = ("", "")
        # 1 in 100 cases is too confidential for citizens (visibility rule in cases.selectors).
        confidentiality = "vertrouwelijk" if rng.random() < 0.01 else "zaakvertrouwelijk"
        if bsn == self.bench_bsn:
            confidentiality = "zaakvertrouwelijk"
        out["case"].append(
            (
                case_id,
                self.reference(agency_id, received_on.year),
                case_type.name,
                "",
                received_on,
                planned_end_on,
                last.date() if closed else None,
                result[0],
                result[1],
                confidentiality,
                "api",
                "",
                "",
                last,
                start,
                agency_id,
                case_type.pk,
                status_id,
            )
        )
        out["role"].append((self.ids.next("role"), bsn, "initiator", start, case_id, *NO_KVK))
        if rng.random() < 0.03:
            other = rng.choice(self.bsns)
            if other != bsn:
                out["role"].append(
                    (self.ids.next("role"), other, "mede_initiator", start, case_id, *NO_KVK)
                )
        kinds = [("receipt", start, "Ontvangstbevestiging")]
        if closed:
            kinds.append(("decision", last, "Besluit"))
        elif len(path) > 2:
            kinds.append(("upload" if 3 in path else "agency", moments[2], "Brief"))
        for kind, moment, title in kinds:
            name, content_type, size, sha256 = self.files[kind]
            decision_date = last.date() if kind == "decision" else None
            out["document"].append(
                (
                    self.ids.next("document"),
                    uuid.UUID(int=rng.getrandbits(128), version=4),
                    f"{title} {case_type.name.lower()}",
                    kind,
                    name,
                    name.rsplit("/", 1)[-1],
                    content_type,
                    size,
                    sha256,
                    "zaakvertrouwelijk",
                    "citizen" if kind == "upload" else "api_client",
                    moment,
                    decision_date,
                    decision_date + timedelta(weeks=6) if decision_date else None,
                    "",
                    case_id,
                    None,
                )
            )


# A citizen's role: no KvK number, branch or RSIN, no recorded authentication context.
NO_KVK = ("", "", "", "{}")

COLUMNS = {
    "case": (
        "cases_case",
        "id, reference, title, description, received_on, planned_end_on, "
        "closed_on, result_code, result_text, confidentiality, source, external_id, "
        "external_url, last_changed_at, created_at, agency_id, case_type_id, current_status_id",
    ),
    "role": (
        "cases_role",
        "id, bsn, role_type, created_at, case_id, kvk, branch, rsin, authentication_context",
    ),
    "statusupdate": (
        "cases_statusupdate",
        "id, set_at, explanation, set_by_kind, "
        "set_by_reference, case_id, set_by_user_id, status_type_id",
    ),
    "caseevent": (
        "cases_caseevent",
        "id, kind, occurred_at, actor_kind, actor_reference, detail, actor_user_id, case_id",
    ),
    "document": (
        "documents_document",
        "id, public_id, title, kind, file, original_filename, "
        "content_type, size, sha256, confidentiality, created_by_kind, created_at, "
        "decision_date, objection_deadline, idempotency_key, case_id, created_by_id",
    ),
}
TABLE_ORDER = ["case", "statusupdate", "role", "caseevent", "document"]


def copy_rows(cursor, key: str, rows: list) -> None:
    table, columns = COLUMNS[key]
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
