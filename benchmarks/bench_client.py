"""Speed and memory of the client, side by side with raw urllib3 + json, minimal pydantic models and the
published 2.0.1 client, all measured in the same run.

    python benchmarks/bench_client.py                 # the full run (about a minute on 2 cores)
    python benchmarks/bench_client.py --quick         # fewer and shorter runs (a smoke test, < 20 s)
    python benchmarks/bench_client.py --v201 PYTHON   # also the 2.0.1 client, from its own environment
    python benchmarks/bench_client.py --json          # the results as one JSON document on stdout
    python benchmarks/bench_client.py --profile       # also cProfile's top entries for the hot paths

A local HTTP/1.1 server (keep-alive, Content-Length) runs in a background thread on 127.0.0.1 and serves
pygeoapi-shaped documents generated before anything is measured. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import functools
import importlib.metadata
import io
import json
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

import urllib3
from _documents import (
    BIG_LIST,
    DECODE,
    JOB_COUNTS,
    PAGE_SIZE,
    PAGED,
    RESULT_COUNT,
    RESULTS,
    STATUS,
    Documents,
    job_id,
    job_list,
    list_key,
    page_url,
    sized_host,
    to_body,
)
from _measure import FULL, QUICK, Best, Call, Settings, best_of, peak_rss_bytes, statement_times, traced_peak
from _minimal import (
    MinimalBbox,
    MinimalJobList,
    MinimalLink,
    MinimalQualifiedValue,
    MinimalStatus,
    job_list_adapter,
    results_adapter,
    status_adapter,
)
from _report import (
    CLIENT,
    FIRST_USE,
    IMPORT_BARE,
    IMPORT_DEPENDENCIES,
    MINIMAL,
    RAW,
    V201,
    ImportTime,
    Memory,
    Paging,
    Report,
    Timing,
    render,
    targets,
)
from _server import serving
from bench_campaign import poll_round

import unity_sps_ogc_processes_api_python_client as client_package
from unity_sps_ogc_processes_api_python_client import (
    ApiClient,
    Bbox,
    Client,
    Configuration,
    InlineOrRefDataInput,
    JobListInput,
    JobsApi,
    Link,
    QualifiedInputValueInput,
    StatusInfo,
)

PACKAGE = client_package.__name__
HERE = os.path.dirname(os.path.abspath(__file__))
PROFILE_STATUS_CALLS = 2_000
FIRST_USE_DOC = json.dumps(
    {
        "jobID": job_id(0),
        "status": "running",
        "type": "process",
        "created": "2026-11-28T10:06:10.103002Z",
        "links": [{"href": "http://localhost:5000/jobs", "rel": "up", "type": "application/json"}],
    },
    separators=(",", ":"),
)
IMPORT_PACKAGE = f"import {PACKAGE}"
IMPORT_FIRST_USE = (
    f"import {PACKAGE} as p; c = p.ApiClient(p.Configuration(host='http://127.0.0.1:1')); p.JobsApi(c); "
    f"p.StatusInfo.from_json({FIRST_USE_DOC!r})"
)
#: the floor of any client built on pydantic models: the dependencies, and a minimal status model defined and
#: used once (pydantic imports most of itself when the first model class is made, not at ``import pydantic``)
IMPORT_MINIMAL_MODEL = "\n".join(
    [
        "import urllib3, dateutil, typing_extensions, json, datetime, typing",
        "from pydantic import BaseModel",
        "class Link(BaseModel):",
        "    href: str",
        "    rel: typing.Optional[str] = None",
        "    type: typing.Optional[str] = None",
        "class Status(BaseModel):",
        "    jobID: str",
        "    status: str",
        "    type: typing.Optional[str] = None",
        "    created: typing.Optional[datetime.datetime] = None",
        "    links: typing.Optional[typing.List[Link]] = None",
        f"Status.model_validate_json({FIRST_USE_DOC!r})",
    ]
)
IMPORT_STATEMENTS = {
    "bare interpreter": IMPORT_BARE,
    "the four dependencies": IMPORT_DEPENDENCIES,
    "dependencies + a minimal model, first use": IMPORT_MINIMAL_MODEL,
    "import the package": IMPORT_PACKAGE,
    FIRST_USE: IMPORT_FIRST_USE,
}


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise RuntimeError(f"the benchmark is not measuring what it claims: {what}")


def size(body: bytes) -> str:
    count = len(body)
    return f"{count} B" if count < 1000 else f"{count / 1e3:,.0f} kB" if count < 1e6 else f"{count / 1e6:.1f} MB"


def timing(key: str, scenario: str, best: Mapping[str, Best]) -> Timing:
    return Timing(
        key=key,
        scenario=scenario,
        us={side: result.seconds * 1e6 for side, result in best.items()},
        iterations={side: result.iterations for side, result in best.items()},
    )


# --- the network scenarios ---------------------------------------------------------------------------
def check_answers(api: JobsApi, pool: urllib3.PoolManager, url: str, documents: Documents) -> None:
    """Every side gets what the scenarios claim, before anything is timed."""

    def get(target: str) -> bytes:
        return pool.request("GET", url + target).data

    job = job_id(0)
    expect(500 < len(documents.status) < 1000, f"a status of about 730 bytes, not {len(documents.status)}")
    status = api.get_status_jobs_job_id_get(job)
    expect(isinstance(status, StatusInfo) and status.job_id == job and len(status.links or ()) == 2, "a status")
    expect(json.loads(get(f"/jobs/{job}"))["jobID"] == job, "a raw status")
    minimal = status_adapter().validate_json(get(f"/jobs/{job}"))
    expect(minimal.jobID == job and isinstance(minimal.finished, datetime.datetime), "a minimal status")
    expect(len(minimal.links or ()) == 2 and isinstance((minimal.links or [])[0], MinimalLink), "minimal links")
    for count in JOB_COUNTS:
        page = api.get_jobs_jobs_get(limit=count)
        expect(isinstance(page, JobListInput) and len(page.jobs) == count, f"a list of {count} jobs")
        expect(all(isinstance(item, StatusInfo) for item in page.jobs), f"a list of {count} statuses")
        expect(len(json.loads(get(f"/jobs?limit={count}"))["jobs"]) == count, f"a raw list of {count} jobs")
        minimal_page = job_list_adapter().validate_json(get(f"/jobs?limit={count}"))
        expect(
            isinstance(minimal_page, MinimalJobList) and len(minimal_page.jobs) == count, f"a minimal list of {count}"
        )
        expect(all(isinstance(item, MinimalStatus) for item in minimal_page.jobs), f"{count} minimal statuses")
        sized = json.loads(pool.request("GET", f"{sized_host(url, count)}/jobs").data)
        expect(len(sized["jobs"]) == count, f"the list of {count} jobs for 2.0.1")
    results = api.get_result_jobs_job_id_results_get(job)
    expect(len(results) == RESULT_COUNT, f"{RESULT_COUNT} results")
    kinds = {type(value.actual_instance) for value in results.values() if isinstance(value, InlineOrRefDataInput)}
    expect({str, int, float, Link, QualifiedInputValueInput, Bbox} == kinds, f"results of every kind, not {kinds}")
    expect(len(json.loads(get(f"/jobs/{job}/results"))) == RESULT_COUNT, f"{RESULT_COUNT} raw results")
    minimal_results = results_adapter().validate_json(get(f"/jobs/{job}/results"))
    minimal_kinds = {type(value) for value in minimal_results.values()}
    expected = {str, int, float, MinimalLink, MinimalQualifiedValue, MinimalBbox}
    expect(len(minimal_results) == RESULT_COUNT and minimal_kinds == expected, f"minimal results, not {minimal_kinds}")


def network_scenarios(url: str, documents: Documents, settings: Settings) -> List[Timing]:
    pool = urllib3.PoolManager()
    api_client = ApiClient(Configuration(host=url))
    api = JobsApi(api_client)
    try:
        check_answers(api, pool, url, documents)
        job = job_id(0)

        def sides(target: str, decode: Callable[[bytes], object], client: Call) -> Dict[str, Call]:
            full = url + target
            return {
                RAW: lambda: json.loads(pool.request("GET", full).data),
                MINIMAL: lambda: decode(pool.request("GET", full).data),
                CLIENT: client,
            }

        scenarios: List[Tuple[str, str, Dict[str, Call]]] = [
            (
                STATUS,
                f"GET one status ({size(documents.status)})",
                sides(f"/jobs/{job}", status_adapter().validate_json, lambda: api.get_status_jobs_job_id_get(job)),
            ),
        ]
        for count in JOB_COUNTS:
            list_call = functools.partial(api.get_jobs_jobs_get, limit=count)
            scenarios.append(
                (
                    list_key(count),
                    f"GET {count:,} jobs ({size(documents.jobs(count))})",
                    sides(f"/jobs?limit={count}", job_list_adapter().validate_json, list_call),
                )
            )
        scenarios.append(
            (
                RESULTS,
                f"GET results: {RESULT_COUNT:,} outputs ({size(documents.results)})",
                sides(
                    f"/jobs/{job}/results",
                    results_adapter().validate_json,
                    lambda: api.get_result_jobs_job_id_results_get(job),
                ),
            )
        )
        return [timing(key, scenario, best_of(calls, settings)) for key, scenario, calls in scenarios]
    finally:
        api_client.close()
        pool.clear()


def decode_scenario(body: bytes, settings: Settings) -> Timing:
    """Decoding the 10,000-job body, without the network: the client through its public entry point."""
    adapter = job_list_adapter()
    decoded = JobListInput.from_json(body)
    expect(decoded is not None and len(decoded.jobs) == BIG_LIST, f"a decoded list of {BIG_LIST} jobs")
    expect(len(adapter.validate_json(body).jobs) == BIG_LIST, f"a minimal decoded list of {BIG_LIST} jobs")
    del decoded
    sides: Dict[str, Call] = {
        RAW: lambda: json.loads(body),
        MINIMAL: lambda: adapter.validate_json(body),
        CLIENT: lambda: JobListInput.from_json(body),
    }
    return timing(DECODE, f"decode only: {BIG_LIST:,} jobs ({size(body)})", best_of(sides, settings))


# --- memory ------------------------------------------------------------------------------------------
def listing_peaks(url: str, settings: Settings) -> Dict[str, int]:
    """The tracemalloc peak of listing 10,000 jobs over the network: request, body and decode."""
    pool = urllib3.PoolManager()
    adapter = job_list_adapter()
    full = f"{url}/jobs?limit={BIG_LIST}"
    try:
        with ApiClient(Configuration(host=url)) as api_client:
            api = JobsApi(api_client)
            sides: Dict[str, Call] = {
                RAW: lambda: json.loads(pool.request("GET", full).data),
                MINIMAL: lambda: adapter.validate_json(pool.request("GET", full).data),
                CLIENT: lambda: api.get_jobs_jobs_get(limit=BIG_LIST),
            }
            for call in sides.values():
                call()  # warm: connections and decoders exist before the measurement
            return {side: min(traced_peak(call) for _ in range(settings.memory_runs)) for side, call in sides.items()}
    finally:
        pool.clear()


def _decoders() -> Dict[str, Callable[[bytes], object]]:
    return {RAW: json.loads, MINIMAL: job_list_adapter().validate_json, CLIENT: JobListInput.from_json}


def rss_probe(kind: str, path: str) -> int:
    """(In a fresh process.) How much the peak resident size grows while ``path`` is decoded."""
    with open(path, "rb") as source:
        body = source.read()
    decode = _decoders()[kind]
    decode(to_body(job_list(1)))  # builds the decoder, outside of the measurement
    before = peak_rss_bytes()
    result = decode(body)
    growth = peak_rss_bytes() - before
    del result
    return growth


def rss_growth(body: bytes) -> Dict[str, Optional[int]]:
    """``rss_probe`` of each in-process side, each in a subprocess; None where it cannot be measured."""
    if sys.platform == "win32":
        return dict.fromkeys(_decoders())
    with tempfile.TemporaryDirectory(prefix="bench-client-") as directory:
        path = os.path.join(directory, "jobs.json")
        with open(path, "wb") as target:
            target.write(body)
        growth: Dict[str, Optional[int]] = {}
        for kind in _decoders():
            command = [sys.executable, os.path.abspath(__file__), "--rss-probe", kind, path]
            growth[kind] = int(subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip())
        return growth


# --- paging ------------------------------------------------------------------------------------------
def _next_link(links: Any) -> Optional[str]:
    for link in links or ():
        if link.get("rel") == "next":
            return str(link["href"])
    return None


def paging_scenario(url: str, documents: Documents, settings: Settings) -> Paging:
    """Every job of a list of ``paged_jobs`` served in pages of 1,000, three ways."""
    total = settings.paged_jobs
    documents.build_pages(url, total)  # every page, before anything is measured
    pool = urllib3.PoolManager()
    adapter = job_list_adapter()
    first = page_url(url, PAGE_SIZE)
    client = Client(url + PAGED)

    def page_walker(
        decode: Callable[[bytes], Any], jobs: Callable[[Any], Any], next_of: Callable[[Any], Optional[str]]
    ) -> Callable[[Optional[int]], int]:
        """Count the jobs of the first ``pages`` pages (all with None), following ``next`` links."""

        def pages_of(pages: Optional[int] = None) -> int:
            count, fetched = 0, 0
            next_url: Optional[str] = first
            while next_url is not None and fetched != pages:
                page = decode(pool.request("GET", next_url).data)
                fetched += 1
                for _job in jobs(page):
                    count += 1
                next_url = next_of(page)
            return count

        return pages_of

    raw = page_walker(json.loads, lambda page: page["jobs"], lambda page: _next_link(page.get("links")))
    minimal = page_walker(
        adapter.validate_json,
        lambda page: page.jobs,
        lambda page: next((link.href for link in page.links or () if link.rel == "next"), None),
    )

    def client_jobs(pages: Optional[int] = None) -> int:
        limit = None if pages is None else pages * PAGE_SIZE
        return sum(1 for _job in client.jobs(page_size=PAGE_SIZE, max_items=limit))

    walks: Dict[str, Callable[[Optional[int]], int]] = {RAW: raw, MINIMAL: minimal, CLIENT: client_jobs}
    one_page: Dict[str, Call] = {
        RAW: lambda: json.loads(pool.request("GET", first).data),
        MINIMAL: lambda: adapter.validate_json(pool.request("GET", first).data),
        CLIENT: lambda: client.jobs_api.get_jobs_jobs_get(limit=PAGE_SIZE),
    }
    try:
        counted: Dict[str, int] = {}
        peaks: Dict[str, int] = {}
        page_peaks: Dict[str, int] = {}
        for side, walk in walks.items():
            expect(walk(2) == min(2 * PAGE_SIZE, total), f"{side}: two pages of jobs")  # warm: two pages
            page_peaks[side] = min(traced_peak(one_page[side]) for _ in range(settings.memory_runs))

            def whole(walk: Callable[[Optional[int]], int] = walk, side: str = side) -> None:
                counted[side] = walk(None)

            peaks[side] = traced_peak(whole)
            expect(counted[side] == total, f"{side}: {total:,} jobs, not {counted[side]:,}")

        def checked(walk: Callable[[Optional[int]], int], side: str) -> Call:
            def run() -> None:
                count = walk(None)
                expect(count == total, f"{side}: {total:,} jobs, not {count:,}")

            return run

        best = best_of(
            {side: checked(walk, side) for side, walk in walks.items()}, settings, runs=settings.paging_runs, once=True
        )
    finally:
        client.close()
        pool.clear()
        documents.pages = {}
    return Paging(
        jobs=total,
        page_size=PAGE_SIZE,
        runs=settings.paging_runs,
        seconds={side: result.seconds for side, result in best.items()},
        counted=counted,
        peak_bytes=peaks,
        page_peak_bytes=page_peaks,
    )


# --- the 2.0.1 client --------------------------------------------------------------------------------
def run_v201(python: str, url: str, settings: Settings) -> Dict[str, Any]:
    """The 2.0.1 worker's answer: it runs in ``python``'s environment, against the server at ``url``."""
    command = [python, "-I", os.path.join(HERE, "_v201_worker.py"), url, json.dumps(asdict(settings))]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the 2.0.1 worker failed (exit status {done.returncode}): {' '.join(command[:3])}")
    answer: Dict[str, Any] = json.loads(done.stdout)
    return answer


def merge_v201(report: Report, answer: Mapping[str, Any], python: str) -> None:
    for row in report.timings:
        outcome = answer["times"].get(row.key)
        if outcome is None:
            continue
        if "raises" in outcome:
            row.raises[V201] = outcome["raises"]
        else:
            row.us[V201] = outcome["us"]
            row.iterations[V201] = outcome["iterations"]
            row.v201_raw_us = outcome["raw_us"]
    if report.memory is not None:
        report.memory.listing_peak_bytes[V201] = answer["listing_peak_bytes"]
    report.v201 = {"python": python, **{name: answer[name] for name in ("version", "urllib3", "pydantic")}}


# --- import time -------------------------------------------------------------------------------------
def measure_imports(settings: Settings, v201: Optional[str]) -> List[ImportTime]:
    """Wall time of ``python -I -c STATEMENT`` for each interpreter; ratios net of a bare interpreter,
    against importing the dependencies in the same interpreter."""
    pythons = {CLIENT: sys.executable, **({V201: v201} if v201 else {})}
    commands = [(python, statement) for python in pythons.values() for statement in IMPORT_STATEMENTS.values()]
    measured = statement_times(commands, settings.import_runs)
    best = {
        side: {statement: measured[python, statement] for statement in IMPORT_STATEMENTS.values()}
        for side, python in pythons.items()
    }
    rows = []
    for name, statement in IMPORT_STATEMENTS.items():
        net: Dict[str, Optional[float]] = {}
        if statement not in (IMPORT_BARE, IMPORT_DEPENDENCIES):
            for side, seconds in best.items():
                base = seconds[IMPORT_DEPENDENCIES] - seconds[IMPORT_BARE]
                net[side] = (seconds[statement] - seconds[IMPORT_BARE]) / base if base > 0 else None
        milliseconds = {side: seconds[statement] * 1e3 for side, seconds in best.items()}
        rows.append(ImportTime(name, statement, milliseconds, net))
    return rows


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
    JobListInput.from_json(body)
    texts = [profile_text(lambda: JobListInput.from_json(body), f"JobListInput.from_json, {BIG_LIST:,} jobs")]
    with ApiClient(Configuration(host=url)) as api_client:
        api = JobsApi(api_client)
        job = job_id(0)
        api.get_status_jobs_job_id_get(job)

        def statuses() -> None:
            for _ in range(PROFILE_STATUS_CALLS):
                api.get_status_jobs_job_id_get(job)

        texts.append(profile_text(statuses, f"{PROFILE_STATUS_CALLS:,} calls of get_status_jobs_job_id_get"))
    return "".join(texts)


# --- the run -----------------------------------------------------------------------------------------
def environment() -> Dict[str, str]:
    import pydantic

    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(terse=True),
        "cpus": str(os.cpu_count()),
        "package": PACKAGE,
        "version": getattr(client_package, "__version__", "?"),
        "urllib3": importlib.metadata.version("urllib3"),
        "pydantic": pydantic.VERSION,
    }


def run(
    settings: Settings, mode: str, with_rss: bool, v201: Optional[str], progress: Callable[[str], None]
) -> Tuple[Report, Documents]:
    started = time.perf_counter()
    report = Report(environment=environment(), mode=mode)
    progress("generating the documents")
    documents = Documents()
    big = documents.jobs(BIG_LIST)
    with serving(documents) as url:
        progress(f"timing the network scenarios against {url}")
        report.timings = network_scenarios(url, documents, settings)
        progress("timing the decoding")
        report.timings.append(decode_scenario(big, settings))
        progress("measuring the memory of a listing")
        peaks = listing_peaks(url, settings)
        report.memory = Memory(f"listing {BIG_LIST:,} jobs ({size(big)})", {**peaks, V201: None})
        if v201:
            progress(f"timing the 2.0.1 client ({v201})")
            merge_v201(report, run_v201(v201, url, settings), v201)
        progress(f"generating and paging through {settings.paged_jobs:,} jobs")
        report.paging = paging_scenario(url, documents, settings)
    if with_rss:
        progress("measuring the resident size (fresh processes)")
        report.memory.decode_rss_growth_bytes = rss_growth(big)
    progress("measuring the campaign loop")
    campaign = poll_round(settings.campaign_active, settings.campaign_seconds, settings.campaign_raw_requests)
    expect(campaign.active == settings.campaign_active and campaign.polls > 0, f"a campaign polling, not {campaign}")
    report.campaign = campaign
    progress("measuring import time")
    report.imports = measure_imports(settings, v201)
    report.targets = targets(report)
    report.elapsed_seconds = time.perf_counter() - started
    return report, documents


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer and shorter runs (a smoke test)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of tables")
    parser.add_argument("--profile", action="store_true", help="also print cProfile's top entries of the hot paths")
    parser.add_argument("--no-rss", action="store_true", help="skip the resident-size measurement (subprocesses)")
    parser.add_argument(
        "--v201",
        metavar="PYTHON",
        default=os.environ.get("OGC_BENCH_V201_PYTHON") or None,
        help="the interpreter of a virtual environment with the 2.0.1 client installed "
        "(default: $OGC_BENCH_V201_PYTHON; without it the 2.0.1 column shows -)",
    )
    parser.add_argument("--rss-probe", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rss_probe:
        print(rss_probe(*args.rss_probe))
        return 0

    def progress(message: str) -> None:
        print(f"... {message}", file=sys.stderr, flush=True)

    settings, mode = (QUICK, "quick run") if args.quick else (FULL, "full run")
    if args.quick:
        mode += f" (paging over {settings.paged_jobs:,} jobs, not {FULL.paged_jobs:,})"
    report, documents = run(settings, mode, with_rss=not args.no_rss, v201=args.v201, progress=progress)
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
