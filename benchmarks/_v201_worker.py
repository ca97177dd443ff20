"""Times the published 2.0.1 client on the benchmark's scenarios; prints the results as JSON.

    PYTHON -I benchmarks/_v201_worker.py URL SETTINGS_JSON

Started by bench_client.py with the interpreter of a virtual environment where
``unity_sps_ogc_processes_api_python_client==2.0.1`` is installed (``--v201 PYTHON``), against the server
that bench_client.py keeps serving at URL. ``-I`` keeps the current directory and PYTHONPATH out of
``sys.path``: the package imported is 2.0.1's, never the project's (checked below). Same scenarios, same
timing (``_measure.best_of``), same tracemalloc measurement of the 10,000-job listing.
"""

from __future__ import annotations

import functools
import importlib
import importlib.metadata
import json
import os
import sys
from typing import Any, Callable, Dict, Union

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # -I leaves the script's folder out

import urllib3
from _documents import (
    BIG_LIST,
    DECODE,
    JOB_COUNTS,
    RESULT_COUNT,
    RESULTS,
    STATUS,
    job_id,
    list_key,
    sized_host,
)
from _measure import Settings, best_of, traced_peak

PACKAGE = "unity_sps_ogc_processes_api_python_client"
VERSION = "2.0.1"
REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

Outcome = Dict[str, Union[float, int, str]]  # {"us", "iterations", "raw_us"}, or {"raises": "TypeName"}


def load() -> Any:
    """2.0.1's package (untyped here: the type checker only knows the project's package of that name)."""
    version = importlib.metadata.version(PACKAGE)
    package = importlib.import_module(PACKAGE)
    location = os.path.abspath(package.__file__ or "")
    if version != VERSION or os.path.dirname(location) == os.path.join(REPOSITORY, PACKAGE):
        raise SystemExit(f"{sys.executable} imports {PACKAGE} {version} from {location}, not the published {VERSION}")
    return package


def outcome(
    func: Callable[[], object], raw: Callable[[], object], check: Callable[[Any], bool], what: str, settings: Settings
) -> Outcome:
    """The best time per call, or the type of the exception the first call raises. ``raw`` (the same
    request with urllib3 + json.loads, in this process) is timed alternately with it: set against the same
    measured in bench_client.py's process, it shows what running in another process changes."""
    try:
        first = func()
    except Exception as error:
        return {"raises": type(error).__name__}
    if not check(first):
        raise RuntimeError(f"the benchmark is not measuring what it claims: 2.0.1, {what}")
    best = best_of({"raw": raw, "v201": func}, settings)
    return {
        "us": best["v201"].seconds * 1e6,
        "iterations": best["v201"].iterations,
        "raw_us": best["raw"].seconds * 1e6,
    }


def is_list(package: Any, count: int, page: Any) -> bool:
    return isinstance(page, package.JobListInput) and len(page.jobs) == count


def main(url: str, settings: Settings) -> Dict[str, Any]:
    package = load()
    job = job_id(0)
    pool = urllib3.PoolManager()

    def raw(full: str) -> Callable[[], object]:
        return lambda: json.loads(pool.request("GET", full).data)

    times: Dict[str, Outcome] = {}
    api = package.JobsApi(package.ApiClient(package.Configuration(host=url)))  # 2.0.1 has no close()
    times[STATUS] = outcome(
        lambda: api.get_status_jobs_job_id_get(job),
        raw(f"{url}/jobs/{job}"),
        lambda status: isinstance(status, package.StatusInfo) and status.job_id == job,
        "a status",
        settings,
    )
    sized: Dict[int, Any] = {}
    for count in JOB_COUNTS:  # its get_jobs_jobs_get has no limit: a host whose /jobs has ``count`` jobs
        sized[count] = package.JobsApi(package.ApiClient(package.Configuration(host=sized_host(url, count))))
        times[list_key(count)] = outcome(
            sized[count].get_jobs_jobs_get,
            raw(f"{url}/jobs?limit={count}"),
            functools.partial(is_list, package, count),
            f"a list of {count} jobs",
            settings,
        )
    times[RESULTS] = outcome(
        lambda: api.get_result_jobs_job_id_results_get(job),
        raw(f"{url}/jobs/{job}/results"),
        lambda results: len(results) == RESULT_COUNT,
        f"{RESULT_COUNT} results",
        settings,
    )
    body = pool.request("GET", f"{url}/jobs?limit={BIG_LIST}").data
    text = body.decode("utf-8")  # 2.0.1's from_json takes a str
    times[DECODE] = outcome(
        lambda: package.JobListInput.from_json(text),
        lambda: json.loads(body),
        lambda page: len(page.jobs) == BIG_LIST,
        f"a decoded list of {BIG_LIST} jobs",
        settings,
    )
    listing: Union[int, str]
    try:
        listing = min(traced_peak(sized[BIG_LIST].get_jobs_jobs_get) for _ in range(settings.memory_runs))
    except Exception as error:
        listing = f"raises ({type(error).__name__})"
    pool.clear()
    return {
        "version": importlib.metadata.version(PACKAGE),
        "pydantic": importlib.metadata.version("pydantic"),
        "urllib3": importlib.metadata.version("urllib3"),
        "times": times,
        "listing_peak_bytes": listing,
    }


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    print(json.dumps(main(sys.argv[1], Settings(**json.loads(sys.argv[2])))))
