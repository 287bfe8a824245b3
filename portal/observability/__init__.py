"""What operators see of a running portal: request ids, JSON log lines and,
when switched on with the standard OTEL_* variables, OpenTelemetry traces and
metrics (docs/deploy.md, "Observability"; decision 0055).

Nothing here imports OpenTelemetry at module level: it is an optional extra
(`pip install '.[otel]'`), and a portal without it runs as before.
"""
