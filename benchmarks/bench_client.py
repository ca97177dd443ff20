"""Speed and memory of the client, as ratios against raw urllib3 + json measured in the same run.

    python benchmarks/bench_client.py             # the full run (under a minute on 2 cores)
    python benchmarks/bench_client.py --quick     # fewer and shorter runs (a smoke test, < 15 s)
    python benchmarks/bench_client.py --json      # the results as one JSON document on stdout
    python benchmarks/bench_client.py --profile   # also cProfile's top entries for the hot paths

A local HTTP/1.1 server (keep-alive, Content-Length) runs in a background thread on 127.0.0.1 and
serves pygeoapi-shaped documents generated once at start-up. Each scenario is timed both ways in this
process: the baseline is ``urllib3.PoolManager().request("GET", url)`` + ``json.loads`` (plain dicts),
the client is ``JobsApi(ApiClient(Configuration(host=...)))`` (typed models). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime
import functools
import gc
import importlib.metadata
import io
import json
import math
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import urllib.parse
import uuid
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple, cast

import urllib3

import unity_sps_ogc_processes_api_python_client as client_package
from unity_sps_ogc_processes_api_python_client import (
    ApiClient,
    Bbox,
    Configuration,
    InlineOrRefDataInput,
    JobListInput,
    JobsApi,
    Link,
    QualifiedInputValueInput,
    StatusInfo,
)
from unity_sps_ogc_processes_api_python_client.api_client import type_adapter

PACKAGE = client_package.__name__
JOB_COUNTS = (10, 1_000, 10_000)
BIG_LIST = 10_000
RESULT_COUNT = 1_000
PROFILE_STATUS_CALLS = 2_000
PUBLIC_BASE = "http://localhost:5000"  # the links inside the documents (never followed)
RESULTS_REL = "http://www.opengis.net/def/rel/ogc/1.0/results"
FIRST_JOB = datetime.datetime(2026, 11, 28, 10, 6, 10, 103002, tzinfo=datetime.timezone.utc)

Call = Callable[[], object]


# --- the documents ---------------------------------------------------------------------------------
def job_id(index: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{PUBLIC_BASE}/jobs/{index}"))


def _stamp(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def status_info(index: int) -> Dict[str, Any]:
    """The status of a finished job, as pygeoapi writes it (about 700 bytes of JSON)."""
    job = job_id(index)
    created = FIRST_JOB + datetime.timedelta(seconds=37 * index, microseconds=(7919 * index) % 1_000_000)
    started = created + datetime.timedelta(microseconds=10_900)
    finished = started + datetime.timedelta(microseconds=69_617)
    results = f"{PUBLIC_BASE}/jobs/{job}/results"
    return {
        "type": "process",
        "processID": "hello-world",
        "jobID": job,
        "status": "successful",
        "message": "Job complete",
        "progress": 100,
        "parameters": None,
        "created": _stamp(created),
        "started": _stamp(started),
        "finished": _stamp(finished),
        "updated": _stamp(finished),
        "links": [
            {"href": f"{results}?f=json", "rel": RESULTS_REL, "type": "application/json", "title": "results as JSON"},
            {"href": f"{results}?f=html", "rel": RESULTS_REL, "type": "text/html", "title": "results as HTML"},
        ],
    }


def job_list(count: int) -> Dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "jobs": [status_info(index) for index in range(count)],
        "numberMatched": count,
        "links": [
            {"href": f"{PUBLIC_BASE}/jobs?f=json", "rel": "self", "type": "application/json", "title": "this document"},
            {"href": f"{PUBLIC_BASE}/jobs?f=html", "rel": "alternate", "type": "text/html", "title": "as HTML"},
        ],
    }


def result_value(index: int) -> Any:
    """One output, cycling through strings, numbers, links, qualified values (objects) and bboxes."""
    kind = index % 6
    if kind == 0:
        return f"granule {index:04d} processed: 1284 tiles, 0 warnings"
    if kind == 1:
        return index * 1.25 + 0.001 if index % 12 == 1 else index * 37
    if kind == 2:
        return {
            "href": f"{PUBLIC_BASE}/jobs/{job_id(0)}/outputs/tile_{index:04d}.tif",
            "type": "image/tiff; application=geotiff",
            "rel": "http://www.opengis.net/def/rel/iana/1.0/enclosure",
            "title": f"tile {index}",
        }
    if kind == 3:
        return {
            "value": {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [-118.17 + index / 1e4, 34.2 - index / 1e4]},
                "properties": {"name": f"station {index}", "score": index % 97, "valid": index % 2 == 0},
            },
            "mediaType": "application/geo+json",
        }
    if kind == 4:
        west, south = -120.0 + index / 100, 33.0 + index / 200
        return {
            "bbox": [round(west, 4), round(south, 4), round(west + 0.5, 4), round(south + 0.4, 4)],
            "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
        }
    return {"value": f"checksum-{index:08x}", "mediaType": "text/plain"}


def results_map(count: int) -> Dict[str, Any]:
    return {f"output_{index:04d}": result_value(index) for index in range(count)}


def to_body(document: Any) -> bytes:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class Documents:
    """The bodies the server sends, each generated once and kept as bytes."""

    def __init__(self) -> None:
        self.status = to_body(status_info(0))
        self.results = to_body(results_map(RESULT_COUNT))
        self._lists: Dict[int, bytes] = {}
        self._lock = threading.Lock()

    def jobs(self, limit: int) -> bytes:
        with self._lock:
            body = self._lists.get(limit)
            if body is None:
                body = self._lists[limit] = to_body(job_list(limit))
            return body

    def body_for(self, target: str) -> Optional[bytes]:
        """The body for a request target (path and query), or None for 404."""
        parts = urllib.parse.urlsplit(target)
        segments = [segment for segment in parts.path.split("/") if segment]
        if segments == ["jobs"]:
            limit = urllib.parse.parse_qs(parts.query).get("limit", ["10"])[0]
            if not limit.isdigit() or not 1 <= int(limit) <= 100_000:
                return None
            return self.jobs(int(limit))
        if len(segments) == 2 and segments[0] == "jobs":
            return self.status
        if len(segments) == 3 and segments[0] == "jobs" and segments[2] == "results":
            return self.results
        return None


# --- the server --------------------------------------------------------------------------------------
class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: every response has a Content-Length
    disable_nagle_algorithm = True  # headers and body go out at once, no delayed-ACK stalls

    def do_GET(self) -> None:
        server = cast(DocumentServer, self.server)
        body = server.documents.body_for(self.path)
        status = 200
        if body is None:
            status = 404
            body = to_body({"type": "about:blank", "title": "Not Found", "status": 404})
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if status == 200 else "application/problem+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: no line per request."""


class DocumentServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, documents: Documents) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.documents = documents

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


@contextlib.contextmanager
def serving(documents: Documents) -> Iterator[str]:
    server = DocumentServer(documents)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- timing --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Settings:
    runs: int  # timed runs per side; the best one counts
    run_seconds: float  # the target length of one run
    import_runs: int
    memory_runs: int


FULL = Settings(runs=5, run_seconds=0.2, import_runs=5, memory_runs=2)
QUICK = Settings(runs=2, run_seconds=0.03, import_runs=2, memory_runs=1)


@dataclass
class Timing:
    scenario: str
    baseline_us: float
    client_us: float
    ratio: float
    baseline_iterations: int
    client_iterations: int
    runs: int


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


def compare(scenario: str, baseline: Call, client: Call, settings: Settings) -> Timing:
    """Best-of-``runs`` time per call of each side; the runs of the two sides alternate, so a slow
    spell of the machine hits both. The garbage collector stays on, as in real use."""
    baseline()  # first calls: connections, decoders built on first use
    client()
    counts = (iterations_for(baseline, settings.run_seconds), iterations_for(client, settings.run_seconds))
    best = [math.inf, math.inf]
    for _ in range(settings.runs):
        for side, (func, count) in enumerate(zip((baseline, client), counts)):
            gc.collect()
            best[side] = min(best[side], _run(func, count) / count)
    return Timing(
        scenario=scenario,
        baseline_us=best[0] * 1e6,
        client_us=best[1] * 1e6,
        ratio=best[1] / best[0],
        baseline_iterations=counts[0],
        client_iterations=counts[1],
        runs=settings.runs,
    )


# --- memory ------------------------------------------------------------------------------------------
@dataclass
class Memory:
    scenario: str
    baseline_peak_bytes: int
    client_peak_bytes: int
    ratio: float
    baseline_rss_growth_bytes: Optional[int] = None
    client_rss_growth_bytes: Optional[int] = None
    rss_ratio: Optional[float] = None


def traced_peak(func: Call) -> int:
    """The peak of the memory allocated through Python's allocator while ``func`` runs (its result
    included, the memory that existed before excluded)."""
    gc.collect()
    tracemalloc.start()
    try:
        result = func()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del result
    return peak


def _peak_rss_bytes() -> int:
    """The high-water mark of this process's resident size."""
    with contextlib.suppress(OSError), open("/proc/self/status") as status:  # Linux: VmHWM, reset by exec
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    # elsewhere ru_maxrss (on Linux it would include the parent's size, kept through fork and exec)
    import resource  # Unix only

    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(value) if sys.platform == "darwin" else int(value) * 1024  # macOS: bytes, others: KiB


def rss_probe(kind: str, path: str) -> int:
    """(In a fresh process.) How much the peak resident size grows while ``path`` is decoded."""
    with open(path, "rb") as source:
        body = source.read()
    decode = _decoders()[kind]
    decode(to_body(job_list(1)))  # builds the decoder, outside of the measurement
    gc.collect()
    before = _peak_rss_bytes()
    result = decode(body)
    growth = _peak_rss_bytes() - before
    del result
    return growth


def rss_growth(kind: str, path: str) -> Optional[int]:
    """``rss_probe`` in a subprocess; None where it cannot be measured (no ``resource`` module)."""
    if sys.platform == "win32":
        return None
    command = [sys.executable, os.path.abspath(__file__), "--rss-probe", kind, path]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return int(done.stdout.strip())


def _decoders() -> Dict[str, Callable[[bytes], object]]:
    adapter = type_adapter(JobListInput)
    return {"json": json.loads, "client": adapter.validate_json}


def measure_memory(body: bytes, settings: Settings, with_rss: bool) -> Memory:
    decoders = _decoders()
    for decode in decoders.values():
        decode(body)  # warm: the decoder is built before the measurement
    peaks = {
        kind: min(traced_peak(functools.partial(decode, body)) for _ in range(settings.memory_runs))
        for kind, decode in decoders.items()
    }
    memory = Memory(
        scenario=f"decode the {BIG_LIST:,}-job list ({len(body) / 1e6:.1f} MB)",
        baseline_peak_bytes=peaks["json"],
        client_peak_bytes=peaks["client"],
        ratio=peaks["client"] / peaks["json"],
    )
    if with_rss:
        with tempfile.TemporaryDirectory(prefix="bench-client-") as directory:
            path = os.path.join(directory, "jobs.json")
            with open(path, "wb") as target:
                target.write(body)
            memory.baseline_rss_growth_bytes = rss_growth("json", path)
            memory.client_rss_growth_bytes = rss_growth("client", path)
        if memory.baseline_rss_growth_bytes and memory.client_rss_growth_bytes is not None:
            memory.rss_ratio = memory.client_rss_growth_bytes / memory.baseline_rss_growth_bytes
    return memory


# --- import time -----------------------------------------------------------------------------------
@dataclass
class ImportTime:
    statement: str
    best_ms: float
    ratio: Optional[float]  # against the baseline statement
    net_ratio: Optional[float]  # the same, after subtracting the start-up of a bare interpreter


IMPORT_BASELINE = "import urllib3, json"
IMPORT_STATEMENTS = (
    "pass",
    IMPORT_BASELINE,
    f"import {PACKAGE}",
    f"import {PACKAGE} as p; p.JobsApi",
)


def _interpreter_seconds(statement: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)
    return time.perf_counter() - start


def measure_imports(settings: Settings) -> List[ImportTime]:
    """Wall time of ``python -c STATEMENT``, best of ``import_runs`` (after one unmeasured run)."""
    best: Dict[str, float] = {}
    for statement in IMPORT_STATEMENTS:
        _interpreter_seconds(statement)  # byte-code caches, file system caches
        best[statement] = min(_interpreter_seconds(statement) for _ in range(settings.import_runs))
    bare, baseline = best["pass"], best[IMPORT_BASELINE]
    rows = []
    for statement, seconds in best.items():
        compared = statement not in ("pass", IMPORT_BASELINE)
        net_base = baseline - bare
        rows.append(
            ImportTime(
                statement=statement,
                best_ms=seconds * 1e3,
                ratio=seconds / baseline if compared else None,
                net_ratio=(seconds - bare) / net_base if compared and net_base > 0 else None,
            )
        )
    return rows


# --- the scenarios -----------------------------------------------------------------------------------
def expect(condition: bool, what: str) -> None:
    if not condition:
        raise RuntimeError(f"the benchmark is not measuring what it claims: {what}")


def check_answers(api: JobsApi, pool: urllib3.PoolManager, url: str, documents: Documents) -> None:
    """Both sides get what the scenarios claim, before anything is timed."""
    job = job_id(0)
    status = api.get_status_jobs_job_id_get(job)
    expect(isinstance(status, StatusInfo) and status.job_id == job and len(status.links or ()) == 2, "a status")
    expect(json.loads(pool.request("GET", f"{url}/jobs/{job}").data)["jobID"] == job, "a raw status")
    for count in JOB_COUNTS:
        page = api.get_jobs_jobs_get(limit=count)
        expect(isinstance(page, JobListInput) and len(page.jobs) == count, f"a list of {count} jobs")
        raw = json.loads(pool.request("GET", f"{url}/jobs?limit={count}").data)
        expect(len(raw["jobs"]) == count, f"a raw list of {count} jobs")
    results = api.get_result_jobs_job_id_results_get(job)
    expect(len(results) == RESULT_COUNT, f"{RESULT_COUNT} results")
    kinds = {type(value.actual_instance) for value in results.values() if isinstance(value, InlineOrRefDataInput)}
    expect({str, int, float, Link, QualifiedInputValueInput, Bbox} == kinds, f"results of every kind, not {kinds}")
    expect(500 < len(documents.status) < 1000, f"a status of about 700 bytes, not {len(documents.status)}")


def network_scenarios(url: str, documents: Documents, settings: Settings) -> List[Timing]:
    pool = urllib3.PoolManager()
    api_client = ApiClient(Configuration(host=url))
    api = JobsApi(api_client)
    try:
        check_answers(api, pool, url, documents)
        job = job_id(0)

        def raw(target: str) -> Call:
            full = url + target
            return lambda: json.loads(pool.request("GET", full).data)

        timings = [
            compare(
                f"GET /jobs/{{id}}: one status ({len(documents.status)} B)",
                raw(f"/jobs/{job}"),
                lambda: api.get_status_jobs_job_id_get(job),
                settings,
            )
        ]
        for count in JOB_COUNTS:
            timings.append(
                compare(
                    f"GET /jobs?limit={count}: {count:,} jobs ({len(documents.jobs(count)) / 1e3:,.0f} kB)",
                    raw(f"/jobs?limit={count}"),
                    functools.partial(api.get_jobs_jobs_get, limit=count),
                    settings,
                )
            )
        timings.append(
            compare(
                f"GET /jobs/{{id}}/results: {RESULT_COUNT:,} outputs ({len(documents.results) / 1e3:,.0f} kB)",
                raw(f"/jobs/{job}/results"),
                lambda: api.get_result_jobs_job_id_results_get(job),
                settings,
            )
        )
        return timings
    finally:
        api_client.close()
        pool.clear()


def decode_scenario(body: bytes, settings: Settings) -> Timing:
    adapter = type_adapter(JobListInput)
    return compare(
        f"decode only, {BIG_LIST:,} jobs: json.loads vs validate_json",
        lambda: json.loads(body),
        lambda: adapter.validate_json(body),
        settings,
    )


# --- profiles ----------------------------------------------------------------------------------------
def profile_text(func: Call, title: str, top: int = 10) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    func()
    profiler.disable()
    out = io.StringIO()
    out.write(f"\n=== {title}: top {top} by cumulative time ===\n")
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def profiles(url: str, documents: Documents) -> str:
    body = documents.jobs(BIG_LIST)
    adapter = type_adapter(JobListInput)
    adapter.validate_json(body)
    texts = [profile_text(lambda: adapter.validate_json(body), f"decode of the {BIG_LIST:,}-job list")]
    with ApiClient(Configuration(host=url)) as api_client:
        api = JobsApi(api_client)
        job = job_id(0)
        api.get_status_jobs_job_id_get(job)

        def statuses() -> None:
            for _ in range(PROFILE_STATUS_CALLS):
                api.get_status_jobs_job_id_get(job)

        texts.append(profile_text(statuses, f"{PROFILE_STATUS_CALLS:,} calls of get_status_jobs_job_id_get"))
    return "".join(texts)


# --- the report --------------------------------------------------------------------------------------
@dataclass
class Report:
    environment: Dict[str, str]
    mode: str
    timings: List[Timing] = field(default_factory=list)
    memory: Optional[Memory] = None
    imports: List[ImportTime] = field(default_factory=list)
    elapsed_seconds: float = 0.0


def environment() -> Dict[str, str]:
    import pydantic

    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(terse=True),
        "cpus": str(os.cpu_count()),
        PACKAGE: getattr(client_package, "__version__", "?"),
        "urllib3": importlib.metadata.version("urllib3"),
        "pydantic": pydantic.VERSION,
    }


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:]))
        return "  ".join((first, *rest)).rstrip()

    return "\n".join([line(headers), line(["-" * width for width in widths]), *map(line, rows)])


def _mib(size: Optional[int]) -> str:
    return "n/a" if size is None else f"{size / 2**20:.1f} MiB"


def _times(ratio: Optional[float]) -> str:
    return "-" if ratio is None else f"{ratio:.2f}x"


def render(report: Report) -> str:
    env = report.environment
    parts = [
        f"{PACKAGE} {env[PACKAGE]} | urllib3 {env['urllib3']} | pydantic {env['pydantic']} | "
        f"{env['implementation']} {env['python']} | {env['platform']} | {env['cpus']} CPUs | {report.mode} run",
        "",
        "Time per call (best of runs; the ratio is client / baseline: 1.00x = as fast, 2.00x = twice the time)",
        _table(
            ("scenario", "urllib3+json µs", "client µs", "client/baseline"),
            [(t.scenario, f"{t.baseline_us:,.1f}", f"{t.client_us:,.1f}", _times(t.ratio)) for t in report.timings],
        ),
    ]
    if report.memory is not None:
        memory = report.memory
        rows = [("peak traced by tracemalloc", _mib(memory.baseline_peak_bytes), _mib(memory.client_peak_bytes),
                 _times(memory.ratio))]  # fmt: skip
        if memory.client_rss_growth_bytes is not None:
            rows.append(
                (
                    "growth of the peak RSS (fresh process)",
                    _mib(memory.baseline_rss_growth_bytes),
                    _mib(memory.client_rss_growth_bytes),
                    _times(memory.rss_ratio),
                )
            )
        parts += ["", f"Memory: {memory.scenario}", _table(("measure", "json.loads", "client", "client/json"), rows)]
    if report.imports:
        parts += [
            "",
            f"Import: wall time of `python -c STATEMENT`, best of runs (ratios against `{IMPORT_BASELINE}`; "
            "net = after subtracting `pass`)",
            _table(
                ("statement", "ms", "ratio", "net ratio"),
                [(i.statement, f"{i.best_ms:.1f}", _times(i.ratio), _times(i.net_ratio)) for i in report.imports],
            ),
        ]
    parts += ["", f"Total time of the benchmark: {report.elapsed_seconds:.1f} s"]
    return "\n".join(parts)


def run(settings: Settings, mode: str, with_rss: bool, progress: Callable[[str], None]) -> Tuple[Report, Documents]:
    started = time.perf_counter()
    report = Report(environment=environment(), mode=mode)
    progress("generating the documents")
    documents = Documents()
    for count in JOB_COUNTS:
        documents.jobs(count)
    with serving(documents) as url:
        progress(f"timing the network scenarios against {url}")
        report.timings = network_scenarios(url, documents, settings)
    progress("timing the decoding")
    big = documents.jobs(BIG_LIST)
    report.timings.append(decode_scenario(big, settings))
    progress("measuring memory")
    report.memory = measure_memory(big, settings, with_rss)
    progress("measuring import time")
    report.imports = measure_imports(settings)
    report.elapsed_seconds = time.perf_counter() - started
    return report, documents


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer and shorter runs (a smoke test)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of tables")
    parser.add_argument("--profile", action="store_true", help="also print cProfile's top entries of the hot paths")
    parser.add_argument("--no-rss", action="store_true", help="skip the resident-size measurement (subprocesses)")
    parser.add_argument("--rss-probe", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_probe:
        print(rss_probe(*args.rss_probe))
        return 0

    def progress(message: str) -> None:
        print(f"... {message}", file=sys.stderr, flush=True)

    settings, mode = (QUICK, "quick") if args.quick else (FULL, "full")
    report, documents = run(settings, mode, with_rss=not args.no_rss, progress=progress)
    if args.json:
        print(json.dumps(asdict(report), indent=2))
    else:
        print(render(report))
    if args.profile:
        with serving(documents) as url:
            print(profiles(url, documents), file=sys.stderr if args.json else sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
