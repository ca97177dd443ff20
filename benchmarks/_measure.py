"""Timing and memory helpers: best-of-runs time per call, tracemalloc peaks, resident-size growth and
the start-up time of an interpreter.

Only the standard library here: the 2.0.1 worker times its scenarios with the same functions.
"""

from __future__ import annotations

import contextlib
import gc
import math
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from typing import Callable, Dict, Mapping, Optional, Sequence, Tuple

__all__ = [
    "FULL",
    "QUICK",
    "Best",
    "Call",
    "Settings",
    "best_of",
    "interpreter_seconds",
    "peak_rss_bytes",
    "statement_times",
    "traced_peak",
]

Call = Callable[[], object]


@dataclass(frozen=True)
class Settings:
    runs: int  # timed runs per side; the best one counts
    run_seconds: float  # the target length of one run
    import_runs: int  # runs per import statement; the best one counts
    memory_runs: int  # tracemalloc measurements per side; the smallest peak counts
    paged_jobs: int  # the length of the paged list
    paging_runs: int  # timed iterations over the whole paged list, per side
    campaign_active: int  # the active rows of the campaign loop
    campaign_seconds: float  # how long the campaign polls them
    campaign_raw_requests: int  # the status requests of its raw baseline


FULL = Settings(
    runs=5,
    run_seconds=0.2,
    import_runs=5,
    memory_runs=2,
    paged_jobs=100_000,
    paging_runs=3,
    campaign_active=1_000,
    campaign_seconds=3.0,
    campaign_raw_requests=2_000,
)
QUICK = Settings(
    runs=2,
    run_seconds=0.03,
    import_runs=2,
    memory_runs=1,
    paged_jobs=10_000,
    paging_runs=1,
    campaign_active=200,
    campaign_seconds=1.0,
    campaign_raw_requests=400,
)


@dataclass
class Best:
    seconds: float  # per call, the best run
    iterations: int  # calls per run


def _run(func: Call, iterations: int) -> float:
    start = time.perf_counter()
    for _ in range(iterations):
        func()
    return time.perf_counter() - start


def iterations_for(func: Call, seconds: float) -> int:
    """How many calls make a run of about ``seconds`` (the calls made here also warm up)."""
    iterations = 1
    while True:
        elapsed = _run(func, iterations)
        if elapsed >= seconds / 4 or iterations >= 1 << 22:
            break
        iterations *= 10 if elapsed < seconds / 40 else 2
    return max(1, round(iterations * seconds / max(elapsed, 1e-9)))


def best_of(
    sides: Mapping[str, Call], settings: Settings, *, runs: Optional[int] = None, once: bool = False
) -> Dict[str, Best]:
    """Best-of-``runs`` time per call of each side. The runs of the sides alternate, so a slow spell of
    the machine hits them all. The garbage collector stays on, as in real use (it is collected before
    each run). ``once``: one call per run and no warm-up call (the caller warmed up)."""
    if not once:
        for func in sides.values():
            func()  # first calls: connections, decoders built on first use
    counts = {name: 1 if once else iterations_for(func, settings.run_seconds) for name, func in sides.items()}
    best = dict.fromkeys(sides, math.inf)
    for _ in range(settings.runs if runs is None else runs):
        for name, func in sides.items():
            gc.collect()
            best[name] = min(best[name], _run(func, counts[name]) / counts[name])
    return {name: Best(seconds=best[name], iterations=counts[name]) for name in sides}


def traced_peak(func: Call) -> int:
    """The peak of the memory allocated through Python's allocator while ``func`` runs (its result
    included, the memory that existed before excluded). The whole process is traced: other threads'
    allocations count too."""
    gc.collect()
    tracemalloc.start()
    try:
        result = func()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del result
    return peak


def peak_rss_bytes() -> int:
    """The high-water mark of this process's resident size."""
    with contextlib.suppress(OSError), open("/proc/self/status") as status:  # Linux: VmHWM, reset by exec
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    # elsewhere ru_maxrss (on Linux it would include the parent's size, kept through fork and exec)
    import resource  # Unix only

    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(value) if sys.platform == "darwin" else int(value) * 1024  # macOS: bytes, others: KiB


def interpreter_seconds(python: str, statement: str) -> float:
    """The wall time of ``python -I -c statement`` (isolated: no current directory, no PYTHON* variables
    and no user site-packages, so each interpreter imports from its own environment only)."""
    start = time.perf_counter()
    subprocess.run([python, "-I", "-c", statement], check=True)
    return time.perf_counter() - start


def statement_times(commands: Sequence[Tuple[str, str]], runs: int) -> Dict[Tuple[str, str], float]:
    """Best of ``runs`` wall times of each ``(python, statement)``, in seconds, after one unmeasured run
    each (byte-code and file system caches). The runs of all the commands alternate, so a busy spell of the
    machine hits them all."""
    best = dict.fromkeys(commands, math.inf)
    for python, statement in commands:
        interpreter_seconds(python, statement)
    for _ in range(runs):
        for command in commands:
            best[command] = min(best[command], interpreter_seconds(*command))
    return best
