"""One client, many threads, a flaky server: every answer reaches the thread that asked for it, failures are
few and of this package's types, and the pool never holds more connections than its size.

The server is a small raw HTTP/1.1 server with keep-alive (many requests per connection), so connection
reuse is real. It answers 503 at random (some with ``Retry-After: 0``), drops some connections without an
answer (closed or reset) and otherwise answers the status of the job named in the path. It counts the
connections it accepts and how many are open at once.

Run with ``pytest -s test/test_load.py`` to see the figures.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import json
import os
import random
import socket
import struct
import threading
import time
import urllib.parse
from typing import Counter, Iterator, List, Optional, Set, Tuple

import pytest

from unity_sps_ogc_processes_api_python_client import (
    ApiClient,
    ApiConnectionError,
    Configuration,
    JobsApi,
    OpenApiException,
    RetryPolicy,
    ServiceException,
)

from .conftest import status

THREADS = 16
# 16 x 1,000 calls by default; CI runs that size on one Python (see tox.ini) and 16 x 200 on the others
CALLS_PER_THREAD = int(os.environ.get("OGC_LOAD_CALLS_PER_THREAD", "1000"))
POOL_SIZE = 8  # fewer connections than threads: threads wait for a free one
BUSY = 0.20  # share of requests answered 503 (half of them with Retry-After: 0)
DROP = 0.05  # share of requests whose connection is dropped without an answer (half closed, half reset)
RETRIES = RetryPolicy(max_retries=5, backoff_factor=0.001, backoff_max=0.005)

# the status document, with the job id put in at the marker
_BEFORE, _AFTER = json.dumps(status(jobID="\0")).encode().split(b'"\\u0000"')
_BUSY_BODY = json.dumps({"title": "busy", "detail": "try again"}).encode()


class KeepAliveServer:
    """A threaded raw HTTP/1.1 server on 127.0.0.1: one thread per connection, many requests per connection."""

    def __init__(self, busy: float, drop: float, seed: int = 1) -> None:
        self.busy, self.drop, self.seed = busy, drop, seed
        self.accepted = 0  # connections accepted
        self.open = 0  # connections open now
        self.peak = 0  # most connections open at once
        self.answers: Counter[str] = collections.Counter()  # "200", "503", "closed", "reset"
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self._listener.settimeout(0.1)  # so the accepting thread sees the stop flag
        self._threads: List[threading.Thread] = []
        self._connections: Set[socket.socket] = set()
        self._acceptor = threading.Thread(target=self._accept, name="load-server", daemon=True)
        self._acceptor.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with self._lock:
                self.accepted += 1
                self.open += 1
                self.peak = max(self.peak, self.open)
                number = self.accepted
                self._connections.add(conn)
            thread = threading.Thread(target=self._serve, args=(conn, number), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket, number: int) -> None:
        conn.settimeout(60)
        rng = random.Random(self.seed * 1_000_003 + number)
        buffer = b""
        ending = "close"
        try:
            while True:
                while b"\r\n\r\n" not in buffer:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return  # the client closed the connection
                    buffer += chunk
                head, buffer = buffer.split(b"\r\n\r\n", 1)  # GET: no body
                target = head.split(b"\r\n", 1)[0].split(b" ")[1].decode("ascii")
                roll = rng.random()
                if roll < self.drop:
                    ending = "reset" if rng.random() < 0.5 else "closed"
                    self._count(ending)
                    return
                if roll < self.drop + self.busy:
                    retry_after = b"Retry-After: 0\r\n" if rng.random() < 0.5 else b""
                    head = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\n"
                    conn.sendall(head + retry_after + b"Content-Length: %d\r\n\r\n%s" % (len(_BUSY_BODY), _BUSY_BODY))
                    self._count("503")
                    continue
                job_id = urllib.parse.unquote(target.rsplit("/", 1)[1])
                body = _BEFORE + json.dumps(job_id).encode() + _AFTER
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                             % (len(body), body))  # fmt: skip
                self._count("200")
        except OSError:
            pass  # the client went away
        finally:
            with self._lock:  # counted closed before it is: the client may open the next one at once
                self.open -= 1
                self._connections.discard(conn)
            if ending == "reset":  # SO_LINGER 0: the client sees a reset, not an orderly end
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()

    def _count(self, answer: str) -> None:
        with self._lock:
            self.answers[answer] += 1

    def wait_until_all_closed(self, seconds: float) -> int:
        """Poll until the clients closed every connection (or ``seconds`` passed); the number still open."""
        deadline = time.monotonic() + seconds
        while self.open and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.open

    def close(self) -> None:
        self._stopping.set()
        self._acceptor.join(5)
        self._listener.close()
        with self._lock:  # wake the threads still waiting for a request
            for conn in self._connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(5)


@pytest.fixture
def flaky_server() -> Iterator[KeepAliveServer]:
    server = KeepAliveServer(busy=BUSY, drop=DROP)
    yield server
    server.close()


def job_id(thread: int, call: int) -> str:
    """A distinct job id per call, with characters that must be percent-encoded in the path."""
    return f"job {thread:02d}/{call:04d}"


def test_many_threads_share_one_client_against_a_flaky_server(flaky_server: KeepAliveServer) -> None:
    config = Configuration(host=flaky_server.url, retries=RETRIES)
    config.connection_pool_maxsize = POOL_SIZE
    failures: Counter[str] = collections.Counter()
    wrong_answers: List[Tuple[str, Optional[str]]] = []
    foreign: List[str] = []  # exceptions that are not this package's
    lock = threading.Lock()
    start = threading.Barrier(THREADS + 1)

    def worker(api: JobsApi, thread: int) -> None:
        mine: Counter[str] = collections.Counter()
        wrong: List[Tuple[str, Optional[str]]] = []
        try:
            start.wait(30)
            for call in range(CALLS_PER_THREAD):
                asked = job_id(thread, call)
                try:
                    got = api.get_status_jobs_job_id_get(asked).job_id
                except OpenApiException as error:
                    mine[type(error).__name__] += 1
                    continue
                if got != asked:
                    wrong.append((asked, got))
        except BaseException as error:  # collected, so that the main thread fails the test
            foreign.append(repr(error))
        with lock:
            failures.update(mine)
            wrong_answers.extend(wrong)

    with ApiClient(config) as client:
        api = JobsApi(client)
        threads = [threading.Thread(target=worker, args=(api, n), daemon=True) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        start.wait(30)
        started = time.monotonic()
        for thread in threads:
            thread.join(90)
        seconds = time.monotonic() - started
        assert not any(thread.is_alive() for thread in threads), "calls still running after 90 s"
    left_open = flaky_server.wait_until_all_closed(1.0)

    calls = THREADS * CALLS_PER_THREAD
    failed = sum(failures.values())
    answers = flaky_server.answers
    print(
        f"\n{calls} calls by {THREADS} threads over a pool of {POOL_SIZE} in {seconds:.1f} s "
        f"({calls / seconds:.0f} calls/s); failures: {failed} {dict(failures)}; "
        f"server answers: {dict(answers)}; connections accepted: {flaky_server.accepted}, "
        f"at most {flaky_server.peak} open at once, {left_open} still open 1 s after ApiClient.close()"
    )
    assert foreign == []
    assert wrong_answers == [], f"{len(wrong_answers)} answers for another job, e.g. {wrong_answers[:3]}"
    # with 5 retries a call fails only when 6 tries in a row meet a 503 or a drop (about 1 in 4,000)
    assert failed <= calls // 200, f"too many failures: {dict(failures)}"
    kinds = {ServiceException.__name__, ApiConnectionError.__name__, "ApiIncompleteResponseError"}
    assert set(failures) <= kinds, f"unexpected kinds of failure: {dict(failures)}"
    # each 200 the server sent is the answer of exactly one successful call: none lost, none given twice
    assert answers["200"] == calls - failed
    # keep-alive: a new connection only when the server dropped one (and the first ones)
    assert flaky_server.accepted <= answers["closed"] + answers["reset"] + POOL_SIZE
    assert flaky_server.peak <= POOL_SIZE


def test_closing_the_client_closes_every_connection(flaky_server: KeepAliveServer) -> None:
    """``ApiClient.close()`` closes the pooled connections itself, even after calls that met dropped
    connections and busy answers, without waiting for the garbage collector (turned off here, so that
    the test does not depend on when it runs)."""
    config = Configuration(host=flaky_server.url, retries=RETRIES)
    config.connection_pool_maxsize = 4

    def worker(api: JobsApi, thread: int) -> None:
        for call in range(50):
            with contextlib.suppress(OpenApiException):  # the rare call that fails 6 times is not the point
                api.get_status_jobs_job_id_get(job_id(thread, call))

    collecting = gc.isenabled()
    gc.disable()
    try:
        with ApiClient(config) as client:
            api = JobsApi(client)
            threads = [threading.Thread(target=worker, args=(api, n), daemon=True) for n in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            assert flaky_server.open > 0  # kept alive for the next calls
        left_open = flaky_server.wait_until_all_closed(2.0)
    finally:
        if collecting:
            gc.enable()
    assert left_open == 0, f"{left_open} connections still open 2 s after ApiClient.close()"
