"""The cost of a campaign's own loop, as ratios measured in the same run.

    python benchmarks/bench_campaign.py            # 10,000 rows, 1,000 active (about 30 s)
    python benchmarks/bench_campaign.py --quick    # 2,000 rows, 200 active (a smoke test)

A local HTTP/1.1 server (keep-alive) in a background thread plays an OGC API - Processes server whose jobs
never end, so every poll round polls every active row. Measured, as CPU time of the thread that runs the
campaign (the server's threads are not counted):

- adding the rows to the journal (``add_many``), per 1,000 rows;
- one poll round of 1,000 active rows, against the same 1,000 status requests made with raw
  urllib3 + ``json.loads``: the ratio is what the campaign adds (the journal, the models, the pacing);
- the peak of Python memory (tracemalloc) during a run, with the journal holding 10 times more rows than
  are active, against a journal holding only the active ones: memory does not grow with the rows.

``poll_round`` (the poll round alone) is also shown by bench_client.py.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import tempfile
import threading
import time
import tracemalloc
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Optional, Sequence, Tuple

import urllib3

from unity_sps_ogc_processes_api_python_client import Client, PollPolicy

STATUS = {"type": "process", "processID": "p", "status": "running", "progress": 50, "message": "working",
          "created": "2026-11-28T10:06:10.103002Z", "updated": "2026-11-28T10:06:11.103002Z"}  # fmt: skip
DESCRIPTION = json.dumps({"id": "p", "version": "1", "jobControlOptions": ["async-execute"]}).encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms delayed-ACK stalls

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, code: int, body: bytes, **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        server: _Server = self.server  # type: ignore[assignment]
        with server.lock:
            server.count += 1
            job_id = f"job-{server.count}"
        self._send(201, b"", Location=f"/jobs/{job_id}")

    def do_GET(self) -> None:
        if self.path.startswith("/processes/"):
            self._send(200, DESCRIPTION)
        else:
            server: _Server = self.server  # type: ignore[assignment]
            with server.lock:  # count the status requests (to know how many polls a run made)
                server.status_requests += 1
            self._send(200, json.dumps(dict(STATUS, jobID=self.path.rsplit("/", 1)[1])).encode())


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.count = 0
        self.status_requests = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def serving() -> Tuple[_Server, str]:
    server = _Server()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.url


def campaign_round(
    server: _Server, rows: int, active: int, seconds: float, folder: pathlib.Path, *, trace: bool = False
) -> Dict[str, float]:
    """Fill a journal, run it for ``seconds`` with ``active`` jobs that never end; CPU of this thread. With
    ``trace``, the peak of Python memory too (tracemalloc slows every allocation: the CPU is then not the
    campaign's own)."""
    url = server.url
    path = folder / f"c-{rows}-{active}.sqlite"
    poll = PollPolicy(first=0.0, factor=1.0, max_interval=0.0, jitter=0.0)  # every round polls every row
    with Client(url, poll=poll) as client, client.campaign(path) as campaign:
        started = time.thread_time()
        campaign.add_many("p", ({"n": n} for n in range(rows)), key=lambda inputs: str(inputs["n"]))
        add_cpu = time.thread_time() - started
        # submit the active rows (one run that stops as soon as they are on the server) ...
        begun = time.monotonic()
        campaign.run(max_parallel=active, timeout=max(1.0, active / 400))
        submitted = campaign.summary().counts.get("running", 0) + campaign.summary().counts.get("accepted", 0)
        # ... then poll them, round after round
        polls_before = server.status_requests
        if trace:
            tracemalloc.start()
        started = time.thread_time()
        campaign.run(max_parallel=active, timeout=seconds)
        cpu = time.thread_time() - started
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        if trace:
            tracemalloc.stop()
        polls = server.status_requests - polls_before
    return {"add_cpu_per_1000": add_cpu / rows * 1000, "active": float(submitted), "polls": float(polls),
            "cpu_per_round_of_1000": cpu / max(1.0, polls) * 1000, "peak": float(peak),
            "setup_seconds": time.monotonic() - begun}  # fmt: skip


def raw_round(url: str, count: int) -> float:
    """CPU of ``count`` status requests with raw urllib3 + json.loads, per 1,000."""
    pool = urllib3.PoolManager(maxsize=4)
    started = time.thread_time()
    for n in range(count):
        json.loads(pool.request("GET", f"{url}/jobs/job-{n}").data)
    return (time.thread_time() - started) / count * 1000


@dataclass(frozen=True)
class PollRound:
    """The CPU time of one poll round of 1,000 active rows: the campaign's, and raw urllib3 + json's."""

    active: int  # the active rows (jobs that never end) the campaign polled
    polls: int  # the status requests it made
    seconds: float  # how long it polled
    campaign_ms: float  # CPU per 1,000 polls
    raw_ms: float  # CPU per 1,000 status requests with urllib3 + json.loads
    ratio: float  # campaign_ms / raw_ms


def poll_round(active: int, seconds: float, raw_requests: int) -> PollRound:
    """One poll round of ``active`` rows (a journal holding only them), against ``raw_requests`` status
    requests made with raw urllib3 + json.loads; both per 1,000, as CPU time of the calling thread."""
    server, url = serving()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-campaign-") as scratch:
            measured = campaign_round(server, active, active, seconds, pathlib.Path(scratch))
        raw = raw_round(url, raw_requests)
    finally:
        server.shutdown()
        server.server_close()
    campaign = measured["cpu_per_round_of_1000"]
    return PollRound(active=int(measured["active"]), polls=int(measured["polls"]), seconds=seconds,
                     campaign_ms=campaign * 1000, raw_ms=raw * 1000, ratio=campaign / raw)  # fmt: skip


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="fewer rows and shorter runs (a smoke test)")
    args = parser.parse_args(argv)
    rows, active, seconds = (2_000, 200, 1.5) if args.quick else (10_000, 1_000, 8.0)
    server, url = serving()
    with tempfile.TemporaryDirectory(prefix="bench-campaign-") as scratch:
        folder = pathlib.Path(scratch)
        timed = campaign_round(server, rows, active, seconds, folder)
        big = campaign_round(server, rows, active, seconds / 2, folder, trace=True)
        small = campaign_round(server, active, active, seconds / 2, folder, trace=True)
    raw = raw_round(url, 2_000 if not args.quick else 400)
    server.shutdown()
    server.server_close()
    lines = [
        f"journal: {rows:,} rows, {int(timed['active']):,} active jobs that never end, {seconds:g} s of polling",
        f"add_many: {timed['add_cpu_per_1000'] * 1000:.1f} ms CPU per 1,000 rows",
        f"one poll round of 1,000 active rows: {timed['cpu_per_round_of_1000'] * 1000:.0f} ms CPU "
        f"({int(timed['polls']):,} polls); raw urllib3 + json.loads: {raw * 1000:.0f} ms; "
        f"ratio {timed['cpu_per_round_of_1000'] / raw:.2f}x",
        f"peak Python memory while running: {big['peak'] / 2**20:.1f} MiB with {rows:,} rows in the journal, "
        f"{small['peak'] / 2**20:.1f} MiB with {active:,}; ratio {big['peak'] / max(1.0, small['peak']):.2f}x",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
