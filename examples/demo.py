"""A whole job lifecycle with this client, against a local pygeoapi (started here) or any server.

    python examples/demo.py                      # installs and starts pygeoapi on 127.0.0.1, then stops it
    python examples/demo.py --url https://example.org/ogcapi --process my-process --inputs '{"x": 1}'

It lists the processes, executes one asynchronously, polls the status, fetches the results, finds the
job in the job list, dismisses it and shows that it is gone.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import pathlib
import sys
import tempfile
import time
from typing import Any, Dict, Iterator, Optional

import unity_sps_ogc_processes_api_python_client as ogc

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent


def load_harness() -> Any:
    """The test suite's pygeoapi harness (test/pygeoapi_server.py), loaded by path."""
    path = REPOSITORY / "test" / "pygeoapi_server.py"
    spec = importlib.util.spec_from_file_location("pygeoapi_server", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def local_pygeoapi() -> Iterator[str]:
    """Install (once, cached) and start pygeoapi on 127.0.0.1; yield its URL; stop it."""
    harness = load_harness()
    PygeoapiServer, ensure_pygeoapi = harness.PygeoapiServer, harness.ensure_pygeoapi

    print("Preparing a local pygeoapi server (installed once into .cache/) ...")
    bin_dir = ensure_pygeoapi()
    with (
        tempfile.TemporaryDirectory(prefix="ogc-demo-") as workdir,
        PygeoapiServer(bin_dir, pathlib.Path(workdir)) as server,
    ):
        print(f"pygeoapi is running at {server.url} (pid {server.pid})\n")
        yield server.url
    print("\npygeoapi stopped.")


def wait_for(jobs: ogc.JobsApi, job_id: str, timeout: float) -> ogc.StatusInfo:
    """Poll the status until the job ends, printing each change."""
    deadline = time.monotonic() + timeout
    delay = 0.05
    last: Optional[str] = None
    while True:
        status = jobs.get_status_jobs_job_id_get(job_id)
        line = f"{status.status.value} {status.progress if status.progress is not None else ''}% {status.message or ''}"
        if line != last:
            print(f"   status: {line}")
            last = line
        if status.status.is_terminal:
            return status
        if time.monotonic() > deadline:
            raise TimeoutError(f"job {job_id} did not finish within {timeout} s")
        time.sleep(delay)
        delay = min(delay * 2, 1.0)


def lifecycle(url: str, process_id: str, inputs: Dict[str, Any], timeout: float) -> None:
    with ogc.ApiClient(ogc.Configuration(host=url)) as client:
        processes, jobs = ogc.ProcessesApi(client), ogc.JobsApi(client)

        landing = ogc.LandingPageApi(client).get_landing_page_get()
        print(f"1. Server: {landing.title or url}")

        listing = processes.get_processes_processes_get()
        print(f"2. Processes: {', '.join(p.id for p in listing.processes)}")

        description = processes.get_process_description_processes_process_id_get(process_id)
        print(f"3. '{process_id}' takes inputs: {', '.join(description.inputs or {})}")

        created = processes.execute_processes_process_id_execution_post(
            process_id, prefer="respond-async", execute_workflows={"inputs": inputs}
        )
        assert isinstance(created, ogc.StatusInfo), "the server ran the job synchronously"
        print(f"4. Submitted job {created.job_id} (asynchronously): {created.status.value}")

        final = wait_for(jobs, created.job_id, timeout)
        print(f"5. Job {final.status.value} in {(final.finished - final.created).total_seconds() * 1000:.0f} ms"
              if final.finished and final.created else f"5. Job {final.status.value}")  # fmt: skip

        if final.status is ogc.StatusCode.SUCCESSFUL:
            results = jobs.get_result_jobs_job_id_results_get(created.job_id)
            print("6. Results:")
            for output_id, value in results.items():
                print(f"   {output_id} = {json.dumps(value.to_dict())}")

        listed = jobs.get_jobs_jobs_get(limit=100)
        mine = [job for job in listed.jobs if job.job_id == created.job_id]
        print(f"7. The job list holds {len(listed.jobs)} job(s), ours among them: {bool(mine)}")

        dismissed = jobs.dismiss_jobs_job_id_delete(created.job_id)
        print(f"8. Dismissed: {dismissed.status.value}")

        try:
            jobs.get_status_jobs_job_id_get(created.job_id)
            print("9. The job is still there")
        except ogc.NotFoundException as error:
            print(f"9. The job is gone: {error}")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an OGC API - Processes server; default: a local pygeoapi")
    parser.add_argument("--process", default="hello-world", help="the process to execute")
    parser.add_argument("--inputs", default='{"name": "World", "message": "from the demo"}', help="JSON inputs")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for the job")
    args = parser.parse_args(argv)
    inputs = json.loads(args.inputs)
    try:
        with contextlib.nullcontext(args.url) if args.url else local_pygeoapi() as url:
            lifecycle(url, args.process, inputs, args.timeout)
    except ogc.OpenApiException as error:
        print(f"The demo failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
