"""Memory of bench/load.py's server processes, read from /proc: current and peak RSS
per gunicorn worker and of the task worker, sampled during the run.

Standard library only, so the tests (portal/tests/test_bench_load.py) use it
without Django.
"""

from __future__ import annotations

import math
import threading
import time
from pathlib import Path


def proc_memory_kb(pid: int, proc: Path = Path("/proc")) -> dict[str, int]:
    """VmRSS (resident now) and VmHWM (peak resident) of a process, in kB."""
    found: dict[str, int] = {}
    for line in (proc / str(pid) / "status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in {"VmRSS", "VmHWM"}:
            found[key] = int(value.split()[0])
    return found


def child_pids(pid: int, proc: Path = Path("/proc")) -> list[int]:
    """Direct children of a process (gunicorn's workers under its master)."""
    children: list[int] = []
    for task in (proc / str(pid) / "task").iterdir():
        text = (task / "children").read_text().split()
        children += [int(value) for value in text]
    return sorted(set(children))


def first_last_window(samples: list[tuple[float, int]], window: float) -> tuple[float, float]:
    """Mean of the samples in the first and in the last `window` seconds (t, value) pairs."""
    if not samples:
        return math.nan, math.nan
    start, end = samples[0][0], samples[-1][0]
    first = [value for t, value in samples if t - start <= window]
    last = [value for t, value in samples if end - t <= window]
    return sum(first) / len(first), sum(last) / len(last)


class MemorySampler(threading.Thread):
    """RSS of every gunicorn worker and the task worker every `interval` seconds."""

    def __init__(self, *, gunicorn_pid: int, task_pid: int, interval: float):
        super().__init__(daemon=True)
        self.gunicorn_pid, self.task_pid, self.interval = gunicorn_pid, task_pid, interval
        self.samples: dict[str, list[tuple[float, int]]] = {}
        self.peaks: dict[str, int] = {}
        self.halt = threading.Event()
        self.started_at = time.monotonic()

    def sample(self) -> None:
        now = time.monotonic() - self.started_at
        processes = {f"gunicorn worker {pid}": pid for pid in child_pids(self.gunicorn_pid)}
        processes["task worker"] = self.task_pid
        for label, pid in processes.items():
            try:
                memory = proc_memory_kb(pid)
            except (FileNotFoundError, ProcessLookupError):
                continue
            self.samples.setdefault(label, []).append((now, memory["VmRSS"]))
            self.peaks[label] = max(self.peaks.get(label, 0), memory["VmHWM"])

    def run(self) -> None:
        while not self.halt.is_set():
            self.sample()
            self.halt.wait(self.interval)
        self.sample()

    def report(self, window: float) -> dict:
        summary = {}
        for label, samples in self.samples.items():
            first, last = first_last_window(samples, window)
            summary[label] = {
                "peak_mb": round(self.peaks[label] / 1024, 1),
                "first_window_mb": round(first / 1024, 1),
                "last_window_mb": round(last / 1024, 1),
                "samples": len(samples),
                # (seconds since the run started, MB): the curve behind the figures
                "rss_mb": [(round(t), round(kb / 1024, 1)) for t, kb in samples],
            }
        return summary
