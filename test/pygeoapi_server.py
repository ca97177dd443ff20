"""A real pygeoapi server (OGC API - Processes) on 127.0.0.1, for the integration tests and the demo.

pygeoapi comes from PyPI into a venv of its own, built once and cached (PYGEOAPI_VENV; PYGEOAPI_PYTHON picks
the interpreter), so its dependencies never mix with the client's and the tests run on any Python. Standard
library only: the demo loads this file by path, without the test extras.

    with PygeoapiServer(ensure_pygeoapi(), workdir) as server: ...  # server.url: http://127.0.0.1:PORT
"""

from __future__ import annotations

import fcntl
import http.client
import json
import os
import pathlib
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from typing import IO, List, Optional

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
# 3.12 first: the newest pygeoapi needs it; 3.11 gets 0.21, which is also fine.
CANDIDATES = ("python3.12", "python3.11", "python3.13", "python3")
MARKER = "pygeoapi-venv-complete"
START_TIMEOUT = 30.0
POLL_INTERVAL = 0.05
# Never route requests to 127.0.0.1 through a proxy from http_proxy and friends.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _interpreter(candidate: str) -> Optional[str]:
    """The real executable behind candidate if it runs and is Python >= 3.10, else None.

    Asking the interpreter resolves pyenv shims: they are on the PATH for every installed version but
    run only the ones PYENV_VERSION selects, and the venv must not depend on that selection.
    """
    code = "import sys; print(sys.version_info >= (3, 10)); print(sys.executable)"
    try:
        answer = subprocess.run([candidate, "-c", code], capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = answer.stdout.split("\n")
    return lines[1] if lines[0] == "True" and lines[1] else None


def find_python() -> str:
    """The interpreter to build the venv with: $PYGEOAPI_PYTHON, else the first usable candidate."""
    override = os.environ.get("PYGEOAPI_PYTHON")
    if override:
        found = _interpreter(override)
        if found is None:
            raise RuntimeError(f"PYGEOAPI_PYTHON={override!r} is not a runnable Python >= 3.10")
        return found
    versions = (pathlib.Path.home() / ".pyenv" / "versions").glob("*/bin")  # newest first: 3.12.10 before 3.12.9
    pyenv = sorted(versions, key=lambda d: [int(n) for n in re.findall(r"\d+", d.parent.name)], reverse=True)
    for name in CANDIDATES:
        for candidate in [shutil.which(name), *(str(d / name) for d in pyenv)]:
            found = _interpreter(candidate) if candidate else None
            if found is not None:
                return found
    raise RuntimeError(f"no Python >= 3.10 found ({', '.join(CANDIDATES)}); set PYGEOAPI_PYTHON")


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _ready(venv: pathlib.Path) -> bool:
    # the python link dangles once the interpreter that built the venv is uninstalled: rebuild then
    return (venv / MARKER).is_file() and (venv / "bin" / "python").exists()


def _build(venv: pathlib.Path) -> None:
    """Build the venv in a sibling directory and rename it into place only once pip succeeded."""
    for stale in venv.parent.glob(f"{venv.name}.build-*"):  # left by a killed build; we hold the lock
        shutil.rmtree(stale, ignore_errors=True)
    staging = pathlib.Path(tempfile.mkdtemp(prefix=f"{venv.name}.build-", dir=venv.parent))
    try:
        python = find_python()
        for command in (
            [python, "-m", "venv", str(staging)],
            [str(staging / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "pygeoapi"],
        ):
            done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if done.returncode != 0:
                raise RuntimeError(f"building the pygeoapi venv failed: {' '.join(command)}\n{_tail(done.stdout)}")
        # Venvs are not relocatable: the scripts in bin/ (pygeoapi, flask, activate) name the staging
        # directory in their shebang or body, so point them at the final one before the rename.
        for script in (staging / "bin").iterdir():
            if script.is_file() and not script.is_symlink():
                body = script.read_bytes()
                if bytes(staging) in body:
                    script.write_bytes(body.replace(bytes(staging), bytes(venv)))
        (staging / MARKER).write_text(f"built with {python}\n")
        if venv.exists():  # incomplete or broken (not _ready): replace it
            shutil.rmtree(venv)
        staging.rename(venv)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def ensure_pygeoapi(cache_dir: pathlib.Path | None = None) -> pathlib.Path:
    """The bin/ directory of a venv with pygeoapi from PyPI, built on first use and then reused."""
    venv = cache_dir or pathlib.Path(os.environ.get("PYGEOAPI_VENV") or REPOSITORY / ".cache" / "pygeoapi-venv")
    venv = venv.absolute()
    if not _ready(venv):
        venv.parent.mkdir(parents=True, exist_ok=True)
        # One builder at a time (parallel tox envs, pytest-xdist): the others wait, then find it built.
        with open(venv.parent / f"{venv.name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not _ready(venv):
                _build(venv)
    return venv / "bin"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# Written as text (no yaml module here); json.dumps() makes the paths double-quoted YAML scalars.
# Keys checked against the config schemas of pygeoapi 0.21 and 0.24 (`limits`, not the removed `limit`).
CONFIG = """\
server:
  bind: {{host: 127.0.0.1, port: {port}}}
  url: {url}
  mimetype: application/json; charset=UTF-8
  encoding: utf-8
  language: en-US
  limits: {{default_items: 10, max_items: 100}}
  map: {{url: "https://tile.openstreetmap.org/{{z}}/{{x}}/{{y}}.png", attribution: OpenStreetMap contributors}}
  # without output_dir pygeoapi keeps no result files and /jobs/{{id}}/results has nothing to serve
  manager: {{name: TinyDB, connection: {jobs}, output_dir: {outputs}}}
logging: {{level: ERROR}}
metadata:
  identification:
    title: pygeoapi default instance
    description: pygeoapi provides an API to geospatial data
    keywords: [geospatial, processes]
    keywords_type: theme
    terms_of_service: https://creativecommons.org/licenses/by/4.0/  # read by openapi generate
    url: https://example.org
  license: {{name: CC-BY 4.0 license, url: "https://creativecommons.org/licenses/by/4.0/"}}
  provider: {{name: pygeoapi test instance, url: "https://pygeoapi.io"}}
  contact: {{name: Tester}}
resources:
  hello-world: {{type: process, processor: {{name: HelloWorld}}}}
  echo: {{type: process, processor: {{name: Echo}}}}
"""


class PygeoapiServer:
    """pygeoapi served by flask in a subprocess on 127.0.0.1, with its config, jobs and log in workdir."""

    def __init__(self, bin_dir: pathlib.Path, workdir: pathlib.Path, port: int | None = None) -> None:
        self.bin_dir = bin_dir
        self.workdir = workdir.absolute()  # the server runs in workdir: relative paths would resolve twice
        self.port = port or free_port()
        self._process: Optional[subprocess.Popen[bytes]] = None
        self._log: Optional[IO[bytes]] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> Optional[int]:
        """The PID of the running server, None when stopped."""
        return self._process.pid if self._process is not None else None

    @property
    def log_path(self) -> pathlib.Path:
        return self.workdir / "pygeoapi.log"

    def start(self) -> None:
        if self._process is not None:
            return
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "outputs").mkdir(exist_ok=True)
        config, openapi = self.workdir / "pygeoapi-config.yml", self.workdir / "pygeoapi-openapi.yml"
        config.write_text(
            CONFIG.format(
                port=self.port,
                url=self.url,
                jobs=json.dumps(str(self.workdir / "jobs.db")),
                outputs=json.dumps(f"{self.workdir / 'outputs'}/"),
            )
        )
        # Passed to the children only, so that servers in one process don't share a config; PYTHONPATH and
        # PYTHONHOME of the caller's environment would leak its packages into the venv.
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        env.update(PYGEOAPI_CONFIG=str(config), PYGEOAPI_OPENAPI=str(openapi))
        generate = [str(self.bin_dir / "pygeoapi"), "openapi", "generate", str(config), "--output-file", str(openapi)]
        done = subprocess.run(generate, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"pygeoapi openapi generate failed:\n{_tail(done.stdout)}")
        # flask itself rather than `pygeoapi serve`, to set every option here: no reloader (it would run the
        # server in a child process that stopping our PID orphans), no debugger, a thread per request.
        serve = [str(self.bin_dir / "flask"), "--app", "pygeoapi.flask_app", "run", "--host", "127.0.0.1"]
        serve += ["--port", str(self.port), "--no-reload", "--no-debugger", "--with-threads"]
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - open while the server runs; stop() closes it
        try:
            self._process = subprocess.Popen(serve, env=env, cwd=self.workdir, stdout=self._log, stderr=self._log)
            self._wait_until_ready(self._process)
        except BaseException:
            self.stop()
            raise

    def _wait_until_ready(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while process.poll() is None and time.monotonic() < deadline:
            try:
                with _OPENER.open(f"{self.url}/conformance?f=json", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (OSError, http.client.HTTPException):  # URLError and HTTPError are OSErrors
                pass  # not listening yet, or not answering yet
            time.sleep(POLL_INTERVAL)
        why = f"exited with {process.returncode}" if process.poll() is not None else f"not ready in {START_TIMEOUT} s"
        log = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        raise RuntimeError(f"pygeoapi on {self.url} {why}; log tail:\n{_tail(log)}")

    def stop(self) -> None:
        """Stop the server this object started (by its PID); does nothing when already stopped."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> PygeoapiServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def main() -> None:
    """Install (if needed), start, list the processes, stop: a check of this harness."""
    began = time.monotonic()
    bin_dir = ensure_pygeoapi()
    print(f"pygeoapi venv: {bin_dir} ({time.monotonic() - began:.1f} s)")
    with tempfile.TemporaryDirectory(prefix="pygeoapi-") as workdir:
        began = time.monotonic()
        with PygeoapiServer(bin_dir, pathlib.Path(workdir)) as server:
            print(f"pygeoapi running at {server.url} (pid {server.pid}, started in {time.monotonic() - began:.1f} s)")
            with _OPENER.open(f"{server.url}/processes?f=json", timeout=10) as answer:
                processes: List[str] = [p["id"] for p in json.load(answer)["processes"]]
            print("processes:", ", ".join(processes))
    print("pygeoapi stopped")


if __name__ == "__main__":
    main()
