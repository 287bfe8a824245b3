"""A span and a duration measurement around every task a worker runs.

django.tasks sends `task_started` and `task_finished` in the worker's thread
right around the task's call (django-tasks-db's db_worker, django-tasks-redis,
the immediate backend), so the span is opened on one and closed on the other.
The enqueuing request's trace is not carried over: the backends store no
metadata beside the task's own arguments (decision 0055). Both sides record the
task id (`messaging.message.id`), so a trace search finds the pair.
"""

import time

from django.tasks.signals import task_enqueued, task_finished, task_started

_open: dict[str, tuple] = {}
_instruments: dict = {}


def connect(tracer_provider, meter_provider) -> None:
    _instruments["tracer"] = tracer_provider.get_tracer(__name__)
    _instruments["duration"] = meter_provider.get_meter(__name__).create_histogram(
        "openloket.task.duration", unit="s", description="Time a worker spent on a task"
    )
    task_enqueued.connect(_on_enqueued, dispatch_uid="portal.observability.enqueued")
    task_started.connect(_on_started, dispatch_uid="portal.observability.started")
    task_finished.connect(_on_finished, dispatch_uid="portal.observability.finished")


def disconnect() -> None:
    task_enqueued.disconnect(dispatch_uid="portal.observability.enqueued")
    task_started.disconnect(dispatch_uid="portal.observability.started")
    task_finished.disconnect(dispatch_uid="portal.observability.finished")
    _instruments.clear()


def _attributes(task_result) -> dict:
    task = task_result.task
    return {
        "messaging.system": "django.tasks",
        "messaging.destination.name": task.queue_name,
        "messaging.message.id": str(task_result.id),
        "openloket.task.name": task.module_path,
        "openloket.task.backend": str(task_result.backend),
    }


def _on_enqueued(sender, task_result, **kwargs) -> None:
    from opentelemetry import trace

    trace.get_current_span().add_event("task enqueued", _attributes(task_result))


def _on_started(sender, task_result, **kwargs) -> None:
    from opentelemetry import context, trace

    span = _instruments["tracer"].start_span(
        f"task {task_result.task.name}",
        kind=trace.SpanKind.CONSUMER,
        attributes=_attributes(task_result) | {"openloket.task.attempt": task_result.attempts},
    )
    token = context.attach(trace.set_span_in_context(span))
    _open[str(task_result.id)] = (span, token, time.perf_counter())


def _on_finished(sender, task_result, **kwargs) -> None:
    from opentelemetry import context, trace

    opened = _open.pop(str(task_result.id), None)
    status = str(task_result.status.value)
    if opened:
        span, token, started = opened
        span.set_attribute("openloket.task.status", status)
        if status == "FAILED":
            span.set_status(trace.Status(trace.StatusCode.ERROR))
        span.end()
        context.detach(token)
        _instruments["duration"].record(
            time.perf_counter() - started,
            {"openloket.task.name": task_result.task.module_path, "openloket.task.status": status},
        )
