"""Shared fixtures: a client wired to a local HTTP server (pytest-httpserver) on 127.0.0.1."""

from __future__ import annotations

import copy
import pathlib
import socket
import socketserver
import ssl
import struct
import threading
from typing import Any, Callable, Dict, Iterator, List, Optional, Set, Tuple

import pytest
import trustme
from pytest_httpserver import HTTPServer

from unity_sps_ogc_processes_api_python_client import ApiClient, Configuration, JobsApi, RetryPolicy

from .keepalive_server import KeepAliveServer, RawRequest, Reply
from .pygeoapi_server import PygeoapiServer, ensure_pygeoapi

JOB_ID = "55c44b44-eb13-11f1-be2d-02fc00000001"

# A job status exactly as pygeoapi 0.21 sends it (with its extra "parameters": null).
STATUS: Dict[str, Any] = {
    "type": "process",
    "processID": "hello-world",
    "jobID": JOB_ID,
    "status": "successful",
    "message": "Job complete",
    "progress": 100,
    "parameters": None,
    "created": "2026-11-28T10:06:10.103002Z",
    "started": "2026-11-28T10:06:10.103016Z",
    "finished": "2026-11-28T10:06:10.108625Z",
    "updated": "2026-11-28T10:06:10.108694Z",
    "links": [
        {
            "href": f"http://127.0.0.1:5000/jobs/{JOB_ID}/results?f=json",
            "rel": "http://www.opengis.net/def/rel/ogc/1.0/results",
            "type": "application/json",
            "title": "Results of job as JSON",
        }
    ],
}


def status(**changes: Any) -> Dict[str, Any]:
    """A copy of STATUS with some members changed."""
    result = copy.deepcopy(STATUS)
    result.update(changes)
    return result


# Fast retries, so fault tests stay quick; the Retry-After cap stays at its default (5 s).
FAST_RETRIES = RetryPolicy(max_retries=2, backoff_factor=0.01, backoff_max=0.05)


@pytest.fixture(scope="session")
def pygeoapi_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real pygeoapi (OGC API - Processes) on 127.0.0.1, one for the whole session."""
    bin_dir = ensure_pygeoapi()
    workdir: pathlib.Path = tmp_path_factory.mktemp("pygeoapi")
    with PygeoapiServer(bin_dir, workdir) as server:
        yield server.url


@pytest.fixture
def config(httpserver: HTTPServer) -> Configuration:
    return Configuration(host=httpserver.url_for("/"), retries=FAST_RETRIES, connect_timeout=2, read_timeout=5)


@pytest.fixture
def api_client(config: Configuration) -> Iterator[ApiClient]:
    with ApiClient(config) as client:
        yield client


@pytest.fixture
def api(api_client: ApiClient) -> JobsApi:
    return JobsApi(api_client)


class MisbehavingServer:
    """A TCP server on 127.0.0.1 whose every connection is handled by ``behaviour(sock)``.

    For faults an HTTP server library will not produce: resets, garbage, silence before the headers.
    """

    def __init__(self, behaviour: Callable[[socket.socket], None]) -> None:
        self.behaviour = behaviour
        self.connections = 0
        self.release = threading.Event()  # silent behaviours wait on this; set at teardown
        server = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                server.connections += 1
                server.behaviour(self.request)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def close(self) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()


def read_request_head(sock: socket.socket) -> bytes:
    """Read up to the end of the request headers (enough for GET and DELETE)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def reset_connection(sock: socket.socket) -> None:
    """Close with SO_LINGER 0: the peer sees a TCP reset, not an orderly end."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


@pytest.fixture
def misbehaving() -> Iterator[Callable[[Callable[[socket.socket], None]], MisbehavingServer]]:
    servers: List[MisbehavingServer] = []

    def start(behaviour: Callable[[socket.socket], None]) -> MisbehavingServer:
        servers.append(MisbehavingServer(behaviour))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


class LocalCA:
    """A certificate authority made for the test session (trustme), its certificate saved as a PEM file."""

    def __init__(self, directory: pathlib.Path) -> None:
        self.authority = trustme.CA()
        self.directory = directory
        self.ca_file = str(directory / "ca.pem")  # for Configuration.ssl_ca_cert
        self.authority.cert_pem.write_to_path(self.ca_file)
        self._issued = 0

    def server_context(
        self, *, require_client_cert: bool = False, maximum_version: Optional[ssl.TLSVersion] = None
    ) -> ssl.SSLContext:
        """A server context with a certificate for 127.0.0.1 and localhost, optionally asking for a client's."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        if require_client_cert:
            context.verify_mode = ssl.CERT_REQUIRED
            self.authority.configure_trust(context)
        if maximum_version is not None:
            context.maximum_version = maximum_version
        return context

    def client_certificate(self, *, combined: bool = False) -> Tuple[str, Optional[str]]:
        """(cert_file, key_file) of a new client certificate; ``combined`` puts the key in cert_file."""
        self._issued += 1
        issued = self.authority.issue_cert(f"client{self._issued}@example.org")
        cert_file = self.directory / f"client{self._issued}.pem"
        if combined:
            issued.private_key_and_cert_chain_pem.write_to_path(str(cert_file))
            return str(cert_file), None
        key_file = self.directory / f"client{self._issued}.key"
        issued.cert_chain_pems[0].write_to_path(str(cert_file))
        issued.private_key_pem.write_to_path(str(key_file))
        return str(cert_file), str(key_file)


@pytest.fixture(scope="session")
def local_ca(tmp_path_factory: pytest.TempPathFactory) -> LocalCA:
    """One certificate authority for the session's TLS servers and client certificates."""
    return LocalCA(tmp_path_factory.mktemp("ca"))


Serve = Callable[[Callable[[RawRequest], Reply]], KeepAliveServer]


@pytest.fixture
def serve() -> Iterator[Serve]:
    """Start keep-alive servers (``serve(respond)``) that answer each request with ``respond(request)``."""
    servers: List[KeepAliveServer] = []

    def start(respond: Callable[[RawRequest], Reply]) -> KeepAliveServer:
        servers.append(KeepAliveServer(respond))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def all_job_ids(api_client: ApiClient) -> Set[str]:
    """Every job id of a server, read page by page with the API classes (pygeoapi caps ``limit`` at 100,
    and the session's pygeoapi holds the jobs of every test)."""
    from unity_sps_ogc_processes_api_python_client import JobListInput

    answer = JobsApi(api_client).get_jobs_jobs_get_with_http_info(limit=100)
    ids: Set[str] = set()
    while answer.data is not None and answer.data.jobs:
        ids |= {job.job_id for job in answer.data.jobs}
        following = [link.href for link in answer.data.links or [] if link.rel == "next"]
        if not following:
            break
        answer = api_client.get_link(following[0], JobListInput)
    return ids
