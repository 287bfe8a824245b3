"""A small OTLP/HTTP receiver for tests: decodes what an exporter sends with the
protobuf classes of opentelemetry-proto, the wire format every collector speaks
(OTLP specification, "OTLP/HTTP": POST /v1/traces and /v1/metrics, binary protobuf)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from opentelemetry.proto.collector.metrics.v1.metrics_service_pb2 import (
    ExportMetricsServiceRequest,
    ExportMetricsServiceResponse,
)
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)


def attributes_of(key_values) -> dict:
    """An OTLP KeyValue list as a dict of plain values."""
    result = {}
    for item in key_values:
        kind = item.value.WhichOneof("value")
        value = getattr(item.value, kind) if kind else None
        if kind == "array_value":
            value = tuple(getattr(v, v.WhichOneof("value")) for v in item.value.array_value.values)
        result[item.key] = value
    return result


class OtlpReceiver:
    def __init__(self):
        self.spans: list[dict] = []
        self.metric_names: set[str] = set()
        self.raw_bodies: list[bytes] = []
        self.content_types: set[str] = set()
        self._changed = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.content_types.add(self.headers["Content-Type"])
                if self.path == "/v1/traces":
                    receiver._take_traces(body)
                    reply = ExportTraceServiceResponse()
                elif self.path == "/v1/metrics":
                    receiver._take_metrics(body)
                    reply = ExportMetricsServiceResponse()
                else:
                    self.send_error(404)
                    return
                payload = reply.SerializeToString()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _take_traces(self, body: bytes) -> None:
        request = ExportTraceServiceRequest.FromString(body)
        with self._changed:
            self.raw_bodies.append(body)
            for resource_spans in request.resource_spans:
                resource = attributes_of(resource_spans.resource.attributes)
                for scope_spans in resource_spans.scope_spans:
                    for span in scope_spans.spans:
                        self.spans.append(
                            {
                                "name": span.name,
                                "trace_id": span.trace_id.hex(),
                                "span_id": span.span_id.hex(),
                                "parent_span_id": span.parent_span_id.hex(),
                                "scope": scope_spans.scope.name,
                                "attributes": attributes_of(span.attributes),
                                "resource": resource,
                            }
                        )
            self._changed.notify_all()

    def _take_metrics(self, body: bytes) -> None:
        request = ExportMetricsServiceRequest.FromString(body)
        with self._changed:
            self.raw_bodies.append(body)
            for resource_metrics in request.resource_metrics:
                for scope_metrics in resource_metrics.scope_metrics:
                    self.metric_names.update(metric.name for metric in scope_metrics.metrics)
            self._changed.notify_all()

    def wait_for(self, predicate, timeout: float = 60) -> bool:
        """Block until predicate(self) holds, or the timeout passes."""
        with self._changed:
            return self._changed.wait_for(lambda: predicate(self), timeout)
