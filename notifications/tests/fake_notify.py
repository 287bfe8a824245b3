"""A local fake of the GOV.UK Notify v2 API (NotifyNL has the same API), for
tests and the drill. An independent implementation of the published contract:
requests are checked against the vendored schemas (notifications/contract)
and authenticated as Notify does (a JWT, HS256, `iss` = service id, `iat`
within 30 seconds); responses are checked against the response schemas too,
so the fake cannot drift from the contract silently.

Callbacks are built as Notify sends them: a POST of the delivery-receipt JSON
with `Authorization: Bearer <callback token>` — `pending_callbacks()` yields
them and the test or drill POSTs them to the portal.

Knobs: `permanent` (addresses that end in permanent-failure), `temporary`
(addresses whose next notification ends in temporary-failure), `down`
(every request answers 503, like an outage).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt

from notifications import contract

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"open_loket_test-{SERVICE_ID}-{SECRET}"
EMAIL_TEMPLATE = "0f8c1c8e-7a43-4f0c-9d0e-2b8d0e6c6a01"
SMS_TEMPLATE = "5b7a9d8e-1c2f-4a3b-8e6d-7f9a0b1c2d03"
CALLBACK_TOKEN = "callback-token-for-tests-0123456789"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class Sent:
    id: str
    type: str
    to: str
    reference: str | None
    template_id: str
    personalisation: dict
    created_at: str
    status: str = "sending"
    completed_at: str | None = None


@dataclass
class FakeNotify:
    permanent: set[str] = field(default_factory=set)
    temporary: set[str] = field(default_factory=set)
    down: bool = False
    sent: list[Sent] = field(default_factory=list)
    contract_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    base_url: str = ""

    # --- what a test asks -------------------------------------------------
    def complete_all(self) -> None:
        """Notify's providers answer: each sending notification gets its final status."""
        with self.lock:
            for item in self.sent:
                if item.status != "sending":
                    continue
                if item.to in self.permanent:
                    item.status = "permanent-failure"
                elif item.to in self.temporary:
                    self.temporary.discard(item.to)
                    item.status = "temporary-failure"
                else:
                    item.status = "delivered"
                item.completed_at = _now()

    def pending_callbacks(self, token: str = CALLBACK_TOKEN):
        """(body bytes, headers) of each delivery receipt not yet called back."""
        with self.lock:
            finished = [i for i in self.sent if i.completed_at and not getattr(i, "_called", False)]
            for item in finished:
                item._called = True  # type: ignore[attr-defined]
        for item in finished:
            receipt = {
                "id": item.id,
                "reference": item.reference,
                "to": item.to,
                "status": item.status,
                "created_at": item.created_at,
                "completed_at": item.completed_at,
                "sent_at": item.created_at,
                "notification_type": item.type,
                "template_id": item.template_id,
                "template_version": 1,
            }
            self._check("delivery_receipt", receipt)
            yield json.dumps(receipt).encode(), {"Authorization": f"Bearer {token}"}

    def by_reference(self, reference: str) -> list[Sent]:
        return [item for item in self.sent if item.reference == reference]

    # --- the API ------------------------------------------------------------
    def _check(self, schema: str, instance) -> list[str]:
        errors = contract.errors(schema, instance)
        if errors and schema not in ("post_email_request", "post_sms_request"):
            self.contract_errors.extend(f"{schema}: {e}" for e in errors)
        return errors

    def authenticate(self, header: str) -> str | None:
        scheme, _, token = header.partition(" ")
        if scheme != "Bearer":
            return "Unauthorized, authentication token must be provided"
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_iat": False})
        except jwt.PyJWTError:
            return "Invalid token: signature, api token not found"
        if claims.get("iss") != SERVICE_ID:
            return "Invalid token: service not found"
        if abs(time.time() - int(claims.get("iat", 0))) > 30:
            return "Error: Your system clock must be accurate to within 30 seconds"
        return None

    def post(self, kind: str, body: dict) -> tuple[int, dict]:
        errors = self._check(f"post_{kind}_request", body)
        if errors:
            return 400, {
                "status_code": 400,
                "errors": [{"error": "ValidationError", "message": m} for m in errors],
            }
        expected = EMAIL_TEMPLATE if kind == "email" else SMS_TEMPLATE
        if body["template_id"] != expected:
            return 400, {
                "status_code": 400,
                "errors": [{"error": "BadRequestError", "message": "Template not found"}],
            }
        to = body["email_address"] if kind == "email" else body["phone_number"]
        item = Sent(
            id=str(uuid.uuid4()),
            type=kind,
            to=to,
            reference=body.get("reference"),
            template_id=body["template_id"],
            personalisation=body.get("personalisation") or {},
            created_at=_now(),
        )
        with self.lock:
            self.sent.append(item)
        text = item.personalisation.get("body", "")
        content = (
            {
                "body": text,
                "subject": item.personalisation.get("subject", ""),
                "from_email": "x@notify.test",
            }
            if kind == "email"
            else {"body": text, "from_number": "OpenLoket"}
        )
        response = {
            "id": item.id,
            "reference": item.reference,
            "content": content,
            "uri": f"{self.base_url}/v2/notifications/{item.id}",
            "template": {"id": item.template_id, "version": 1, "uri": f"{self.base_url}/t"},
            "scheduled_for": None,
        }
        self._check(f"post_{kind}_response", response)
        return 201, response

    def get(self, notification_id: str) -> tuple[int, dict]:
        found = [item for item in self.sent if item.id == notification_id]
        if not found:
            return 404, {
                "status_code": 404,
                "errors": [{"error": "NoResultFound", "message": "No result found"}],
            }
        item = found[0]
        response = {
            "id": item.id,
            "reference": item.reference,
            "email_address": item.to if item.type == "email" else None,
            "phone_number": item.to if item.type == "sms" else None,
            "type": item.type,
            "status": item.status,
            "template": {"id": item.template_id, "version": 1, "uri": f"{self.base_url}/t"},
            "body": item.personalisation.get("body", ""),
            "subject": item.personalisation.get("subject"),
            "created_at": item.created_at,
            "sent_at": item.created_at,
            "completed_at": item.completed_at,
        }
        self._check("get_notification_response", response)
        return 200, response


def _handler(fake: FakeNotify):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def _answer(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _guard(self) -> bool:
            if fake.down:
                self._answer(503, {"status_code": 503, "errors": [{"error": "Down"}]})
                return False
            problem = fake.authenticate(self.headers.get("Authorization", ""))
            if problem:
                self._answer(
                    403,
                    {"status_code": 403, "errors": [{"error": "AuthError", "message": problem}]},
                )
                return False
            return True

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            if not self._guard():
                return
            kind = {"/v2/notifications/email": "email", "/v2/notifications/sms": "sms"}.get(
                self.path
            )
            if kind is None:
                self._answer(404, {"status_code": 404, "errors": [{"error": "NotFound"}]})
                return
            try:
                body = json.loads(raw)
            except ValueError:
                self._answer(400, {"status_code": 400, "errors": [{"error": "BadRequest"}]})
                return
            self._answer(*fake.post(kind, body))

        def do_GET(self):
            if not self._guard():
                return
            prefix = "/v2/notifications/"
            if not self.path.startswith(prefix):
                self._answer(404, {"status_code": 404, "errors": [{"error": "NotFound"}]})
                return
            self._answer(*fake.get(self.path[len(prefix) :]))

    return Handler


class FakeNotifyServer:
    def __init__(self) -> None:
        self.fake = FakeNotify()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.fake))
        self.fake.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeNotify:
        self.thread.start()
        return self.fake

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
