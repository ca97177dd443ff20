"""A whole job lifecycle with this client, against a local pygeoapi (started here) or any server.

    python examples/demo.py                      # installs and starts pygeoapi on 127.0.0.1, then stops it
    python examples/demo.py --url https://example.org/ogcapi --process my-process --inputs '{"x": 1}'

It lists the processes, describes one, executes it asynchronously, waits with progress, fetches the
results and writes them to files, finds the job in the job list, dismisses it and shows that it is gone.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import pathlib
import sys
import tempfile
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


def lifecycle(url: str, process_id: str, inputs: Dict[str, Any], timeout: float, download: pathlib.Path) -> None:
    with ogc.Client(url) as client:
        print(f"1. Server: {url}")
        print(f"2. Processes: {', '.join(process.id for process in client.processes())}")

        description = client.process(process_id)
        print(f"3. '{process_id}' takes inputs: {', '.join(description.inputs or {})}")

        job = client.execute(process_id, inputs=inputs, mode="async")
        print(f"4. Submitted job {job.id} (asynchronously)")

        try:
            final = job.wait(timeout=timeout, progress=True)  # a bar in a terminal, a line per change in a log
            print(f"5. Job {final.status.value}")
            print("6. Results:")
            for output_id, value in job.results().items():
                print(f"   {output_id} = {json.dumps(value.to_dict())}")
            for path in job.download(download):
                print(f"7. Written: {path} ({path.stat().st_size} bytes)")
        except ogc.JobFailedError as error:
            print(f"5. The job failed: {error.reason}")

        mine = [status for status in client.jobs(process_id=process_id) if status.job_id == job.id]
        print(f"8. Our job is in the job list: {bool(mine)}")

        print(f"9. Dismissed: {job.dismiss().status.value}")
        try:
            job.refresh()
            print("10. The job is still there")
        except ogc.NotFoundException as error:
            print(f"10. The job is gone: {error}")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an OGC API - Processes server; default: a local pygeoapi")
    parser.add_argument("--process", default="hello-world", help="the process to execute")
    parser.add_argument("--inputs", default='{"name": "World", "message": "from the demo"}', help="JSON inputs")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for the job")
    parser.add_argument("--download", type=pathlib.Path, help="where to write the outputs; default: a temporary folder")
    args = parser.parse_args(argv)
    inputs = json.loads(args.inputs)
    try:
        with (
            contextlib.nullcontext(args.url) if args.url else local_pygeoapi() as url,
            tempfile.TemporaryDirectory(prefix="ogc-demo-outputs-") as scratch,
        ):
            lifecycle(url, args.process, inputs, args.timeout, args.download or pathlib.Path(scratch))
    except ogc.OpenApiException as error:
        print(f"The demo failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
