"""Whatever a server answers, the caller sees a result of the operation's type or an error of this package -
never a bare urllib3, json, pydantic or Unicode exception - and never waits past its deadline. Hypothesis
generates the answers; real local servers send them.

- decoded answers (status, body, Content-Type, Location) through pytest-httpserver, without retries;
- whole HTTP answers as raw bytes, sent by a raw TCP server: random statuses, ``Retry-After``, ``Location``,
  ``Content-Type``, ``Content-Encoding`` and ``Content-Length`` values, interim answers, truncated answers,
  kept-alive, closed and stale connections, with retries on and a deadline on every call. The server
  counts the requests: a POST is sent exactly once, and no other request that changes something is sent
  again after its status line arrived (except after a busy status or a redirect, as the retry policy
  allows; never after 303 See Other). A success is a value of the operation's success type; a status error
  carries the status of the last answer; no socket is left for the garbage collector to close;
- the answers that once broke one of these promises, each as its own test.
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
import re
import socket
import socketserver
import string
import threading
import time
import zlib
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pytest
import urllib3.util.connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import unity_sps_ogc_processes_api_python_client as ogc
from unity_sps_ogc_processes_api_python_client import (
    ApiClient,
    ApiException,
    Configuration,
    OpenApiException,
    RetryPolicy,
    StatusInfo,
)
from unity_sps_ogc_processes_api_python_client.models.execute200_response_input import Execute200ResponseInput
from unity_sps_ogc_processes_api_python_client.models.inline_or_ref_data_input import InlineOrRefDataInput
from unity_sps_ogc_processes_api_python_client.models.job_list_input import JobListInput

from .conftest import STATUS

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
# bodies: random bytes, random JSON, and near-misses of the real documents
near_misses = st.builds(
    lambda base, key, value: json.dumps({**base, key: value}),
    st.sampled_from([STATUS, {"jobs": [STATUS], "links": []}, {"processes": [], "links": []}]),
    st.sampled_from(["jobID", "status", "links", "jobs", "progress", "created", "processes", "href"]),
    json_values,
).map(str.encode)
bodies = st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()) | near_misses
content_types = st.sampled_from(
    ["application/json", "application/problem+json", "text/html", "text/plain; charset=latin-1",
     "application/json; charset=utf-16", "application/json; charset=nonsense", "image/png", ""]
)  # fmt: skip
statuses = st.sampled_from([200, 201, 202, 204, 301, 303, 400, 401, 404, 409, 418, 422, 500, 503])

CALLS: Dict[str, Callable[[ApiClient], Any]] = {
    "status": lambda c: ogc.JobsApi(c).get_status_jobs_job_id_get("x"),
    "jobs": lambda c: ogc.JobsApi(c).get_jobs_jobs_get(),
    "results": lambda c: ogc.JobsApi(c).get_result_jobs_job_id_results_get("x"),
    "execute": lambda c: ogc.ProcessesApi(c).execute_processes_process_id_execution_post("p", execute_workflows={}),
    "processes": lambda c: ogc.ProcessesApi(c).get_processes_processes_get(),
    "deploy": lambda c: ogc.DRUApi(c).deploy_processes_post(ogcapppkg="cwlVersion: v1.2"),
}


@settings(
    max_examples=300,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    body=bodies,
    content_type=content_types,
    status=statuses,
    call=st.sampled_from(sorted(CALLS)),
    location=st.sampled_from([None, "http://127.0.0.1/jobs/j1", "", "::::"]),
)
def test_any_answer_gives_a_result_or_a_package_error(
    httpserver: HTTPServer, body: bytes, content_type: str, status: int, call: str, location: Any
) -> None:
    def handler(request: Request) -> Response:
        headers = {"Location": location} if location is not None else {}
        response = Response(body, status=status, headers=headers)
        if content_type:
            response.headers["Content-Type"] = content_type
        else:
            del response.headers["Content-Type"]
        return response

    httpserver.clear()
    httpserver.expect_request(re.compile(".*")).respond_with_handler(handler)
    config = Configuration(host=httpserver.url_for("/"), retries=0)
    with ApiClient(config) as client:
        caught = None
        try:
            CALLS[call](client)
        except OpenApiException as error:  # any other exception fails the test
            caught = error
    if caught is not None:
        assert_error_values(caught, status)


def assert_error_values(caught: OpenApiException, last_status: Any) -> None:
    """The error carries what was received: the values, not just the attribute names (which every
    exception class has)."""
    assert str(caught)  # printable, and says something
    if isinstance(caught, ApiException):  # a status error: the status of the last answer, its text
        assert caught.status == last_status and isinstance(caught.status, int)
        assert isinstance(caught.body, str)
    else:
        assert caught.status is None or caught.status == last_status or caught.status < 200
        raw = getattr(caught, "raw_body", None)
        assert (caught.body is None) == (raw is None)  # the text of the bytes that arrived, if any
        if raw is not None:
            assert isinstance(caught.body, str) and (caught.body == "") == (raw == b"")


# --- whole answers as raw bytes, over a raw TCP server, with retries on -----------------------------------
FUZZ_RETRIES = RetryPolicy(max_retries=2, backoff_factor=0.001, backoff_max=0.01, retry_after_max=0.05)
CALL_DEADLINE = 5.0
MAX_REDIRECTS = 5  # rest.MAX_REDIRECTS
#: statuses after which a request that changes something may be sent again: busy (the retry policy)
#: and redirects (the same request to the new address; GET after 303 See Other)
RESEND_STATUSES = frozenset(FUZZ_RETRIES.statuses) | {301, 302, 303, 307, 308}
STATUSES = [200, 201, 202, 203, 204, 206, 301, 302, 303, 307, 308, 400, 401, 404, 409, 429, 500, 502, 503, 504]
REASONS = [b"OK", b"", b"Whatever It Is", b"\xb2\xe9t\xe9 \xff", b"Service Unavailable"]


#: what the server does with the connection after an answer
KEEP = "keep"  # serve the next request on it (keep-alive)
CLOSE = "close"  # close it, the end of the answer and of the connection arriving together
STALE = "stale"  # keep it, but close it when the next request arrives, without answering (an idle timeout)


@dataclass(frozen=True)
class Answer:
    """One HTTP answer as it goes on the wire: ``raw[:cut]``, then the connection is kept, closed or goes
    stale (``then``; only answers whose end the client can find keep their connection)."""

    status: int
    head: bytes
    body: bytes
    cut: Optional[int]
    then: str
    #: an interim answer sent first (``100 Continue``)
    interim: bytes = b""

    @property
    def raw(self) -> bytes:
        whole = self.interim + self.head + self.body
        return whole if self.cut is None else whole[: self.cut]

    @property
    def status_line_sent(self) -> bool:
        """Whether the status line of the final answer went out whole."""
        return self.cut is None or self.cut >= len(self.interim) + self.head.index(b"\r\n") + 2


@dataclass(frozen=True)
class Seen:
    """A request the server read completely, and its answer (None: dropped without one)."""

    method: str
    target: str
    port: int
    answer: Optional[Answer]


@dataclass
class Script:
    """The answers of one example: the n-th answered request gets the n-th answer (the last one repeats)."""

    answers: List[Answer]
    seen: List[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, method: str, target: str, port: int) -> Answer:
        with self.lock:
            answered = sum(1 for seen in self.seen if seen.answer is not None)
            answer = self.answers[min(answered, len(self.answers) - 1)]
            self.seen.append(Seen(method, target, port, answer))
            return answer

    def drop(self, method: str, target: str, port: int) -> None:
        with self.lock:
            self.seen.append(Seen(method, target, port, None))


def read_request(sock: socket.socket, buffer: bytes) -> Tuple[Optional[Tuple[str, str]], bytes]:
    """(method, target) of the next request on ``sock`` and the bytes after it; None when the client left."""
    while b"\r\n\r\n" not in buffer:
        chunk = sock.recv(65536)
        if not chunk or not (buffer + chunk)[:1].isalpha():  # gone, or not HTTP (a TLS handshake)
            return None, b""
        buffer += chunk
    head, buffer = buffer.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    method, target = lines[0].split(" ")[:2]
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    while len(buffer) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None, b""
        buffer += chunk
    return (method, target), buffer[length:]


def send_and_close(sock: socket.socket, data: bytes) -> None:
    """Send ``data`` and end the connection so that the end arrives with the last bytes (Linux: the FIN rides
    on the last segment), not a moment later: whether the client sees the connection closed before it
    reuses it must not depend on thread scheduling."""
    cork = getattr(socket, "TCP_CORK", None)
    if cork is not None:
        sock.setsockopt(socket.IPPROTO_TCP, cork, 1)
    sock.sendall(data)
    sock.shutdown(socket.SHUT_WR)
    if cork is not None:
        sock.setsockopt(socket.IPPROTO_TCP, cork, 0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


#: a port where nothing listens
CLOSED_PORT = free_port()


class ScriptedServers:
    """Two raw HTTP/1.1 servers on 127.0.0.1 (the second is another origin, for redirects) that answer
    from the current :class:`Script`."""

    def __init__(self) -> None:
        self.script = Script([])
        self._servers = [self._serve() for _ in range(2)]

    def _serve(self) -> socketserver.ThreadingTCPServer:
        owner = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                script = owner.script  # the example this connection belongs to
                sock: socket.socket = self.request
                sock.settimeout(CALL_DEADLINE * 2)
                port = int(sock.getsockname()[1])
                buffer = b""
                stale = False
                try:
                    while True:
                        request, buffer = read_request(sock, buffer)
                        if request is None:
                            return
                        if stale:
                            script.drop(request[0], request[1], port)
                            return
                        answer = script.answer(request[0], request[1], port)
                        if answer.then == CLOSE:
                            send_and_close(sock, answer.raw)
                            return
                        sock.sendall(answer.raw)
                        stale = answer.then == STALE
                except OSError:  # the client left
                    return

        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    def url(self, index: int) -> str:
        return f"http://127.0.0.1:{self._servers[index].server_address[1]}"

    def run(self, answers: List[Answer]) -> Script:
        self.script = Script(answers)
        return self.script

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def scripted() -> Iterator[ScriptedServers]:
    servers = ScriptedServers()
    yield servers
    servers.close()


# --- header values ----------------------------------------------------------------------------------------
_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def http_date(form: str, offset: int) -> bytes:
    """Now + ``offset`` seconds as an HTTP date in one of its three forms (RFC 9110 5.6.7)."""
    moment = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=offset)
    clock = f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    day, month = _DAYS[moment.weekday()], _MONTHS[moment.month - 1]
    if form == "imf":
        text = f"{day}, {moment.day:02d} {month} {moment.year} {clock} GMT"
    elif form == "rfc850":
        text = f"{_WEEKDAYS[moment.weekday()]}, {moment.day:02d}-{month}-{moment.year % 100:02d} {clock} GMT"
    else:  # asctime
        text = f"{day} {month} {moment.day:2d} {clock} {moment.year}"
    return text.encode()


def header_safe(value: bytes) -> bool:
    return b"\r" not in value and b"\n" not in value


retry_afters = st.one_of(
    st.none(),
    st.sampled_from(
        [b"0", b"1", b"0.5", b"-1", b"", b" 0 ", b"\xb2", b"\xd9\xa3", b"1e3", b"inf", b"NaN", b"+1", b"0x10",
         b"9" * 30, b"1" * 400, b"Thu, 01 Jan 1970 00:00:00 GMT", b"Fri, 31 Dec 9999 23:59:59 GMT",
         b"Mon, 00 Jan 0000 00:00:00 GMT", b"Sun, 06 Nov 1994 08:49:37 GMT", b"Sunday, 06-Nov-94 08:49:37 GMT",
         b"Sun Nov  6 08:49:37 1994", b"Sun, 06 Nov 1994 08:49:37 +2500", b"Sun, 06 Nov 1994 99:99:99 GMT",
         b"tomorrow", b"0, 0", b"\xff\xfe"]
    ),
    st.integers(-(10**30), 10**30).map(lambda n: str(n).encode()),
    st.builds(http_date, st.sampled_from(["imf", "rfc850", "asctime"]), st.integers(-(10**9), 10**9)),
    st.binary(max_size=16).filter(header_safe),
)  # fmt: skip
media_types = st.one_of(
    st.none(),
    st.sampled_from(
        [b"application/json", b"application/json; charset=utf-8", b"application/problem+json", b"text/html",
         b"text/plain", b"text/plain; charset=latin-1", b"application/json; charset=utf-16",
         b"application/json; charset=nonsense", b"application/json; charset=", b'application/json; charset="utf-8"',
         b"application/json; charset", b"application/json;;;", b"application/geo+json; charset=US-ASCII",
         b"application/json; charset=idna", b"application/json; charset=undefined", b"text/plain; charset=punycode",
         b"text/plain; charset=utf-7", b"application/json; charset=hex", b"image/png", b"", b"\xb2/\xff",
         b"APPLICATION/JSON", b"multipart/mixed; boundary=x"]
    ),
    st.binary(max_size=24).filter(header_safe),
)  # fmt: skip


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-15)
    return packer.compress(data) + packer.flush()


#: (Content-Encoding, what is done to the body): real encodings, lies and unknown tokens
ENCODINGS: List[Tuple[Optional[bytes], Callable[[bytes], bytes]]] = [
    (None, bytes),
    (b"gzip", gzip.compress),
    (b"gzip", bytes),  # not gzip at all
    (b"gzip", lambda b: gzip.compress(b)[:-6]),  # gzip cut short
    (b"GZIP", gzip.compress),
    (b"x-gzip", gzip.compress),
    (b"deflate", zlib.compress),
    (b"deflate", _raw_deflate),
    (b"deflate", bytes),
    (b"br", bytes),
    (b"zstd", bytes),
    (b"compress", bytes),
    (b"identity", bytes),
    (b"gzip, deflate", lambda b: zlib.compress(gzip.compress(b))),
    (b"gzip, gzip", lambda b: gzip.compress(gzip.compress(b))),
    (b"gzip, br", bytes),
    (b"x-unknown-token", bytes),
    (b"", bytes),
    (b"\xb2", bytes),
]
#: how the end of the body is told: exact, lies, garbage, chunked
FRAMINGS = ["exact", "exact", "absent", "short", "long", "non-numeric", "negative", "huge", "duplicate-same",
            "duplicate-different", "list", "chunked", "chunked-broken", "chunked-and-length", "many-headers",
            "long-header"]  # fmt: skip


def locations(servers: ScriptedServers) -> st.SearchStrategy[Optional[bytes]]:
    """Locations to this server, another port, a closed port, and unusable ones; never off 127.0.0.1."""
    here, other = servers.url(0), servers.url(1)
    closed = f"http://127.0.0.1:{CLOSED_PORT}"
    fixed = [
        f"{here}/jobs/j2", f"{other}/jobs/j2", f"{closed}/jobs/j2", "/jobs/j2", "j2", "../x", "?page=2", "#top",
        "", " ", "http://[::1", "http://[::1]:1/x", "http://127.0.0.1:99999/x", "http://127.0.0.1:-1/x",
        "http://127.0.0.1:port/x", "http://", "https://", "ftp://127.0.0.1/x", "mailto:a@127.0.0.1",
        "javascript:alert(1)", "http:j2", f"//{other[len('http://'):]}/jobs/j2", f"https://{other[7:]}/jobs/j2",
        f"{here.replace('127.0.0.1', 'localhost')}/jobs/j2", f"http://user:pw@{other[7:]}/x", f"{here}/%zz/%",
        "/" + "a" * 5000,
    ]  # fmt: skip
    relative = st.text(alphabet=string.ascii_letters + string.digits + "-._~%/?=&#;", max_size=30)
    return st.one_of(
        st.none(),
        st.sampled_from([location.encode() for location in fixed] + [b"\xb2", b"http://127.0.0.1:\xb2/", b"/\xff"]),
        relative.map(lambda path: ("/" + path.lstrip("/")).encode()),
    )


VALID_BODIES = [
    json.dumps(STATUS).encode(),
    json.dumps({"jobs": [STATUS], "links": []}).encode(),
    json.dumps({"out": {"value": 1}, "map": {"href": "http://127.0.0.1/x.tif", "type": "image/tiff"}}).encode(),
    json.dumps({"jobID": "j9", "status": "accepted"}).encode(),
    json.dumps({"title": "busy", "detail": "try again"}).encode(),
    json.dumps({"detail": [{"loc": ["body"], "msg": "bad"}]}).encode(),
    b"null",
    b"",
    b"\xef\xbb\xbf{}",
    json.dumps({"jobs": [STATUS] * 300, "links": []}).encode(),  # bigger than one read
]


def _chunked(body: bytes, pieces: int) -> bytes:
    size = max(1, -(-len(body) // max(1, pieces)))
    chunks = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for chunk in chunks) + b"0\r\n\r\n"


@st.composite
def answers(draw: st.DrawFn, servers: ScriptedServers) -> Answer:
    status = draw(st.sampled_from(STATUSES))
    headers: List[Tuple[bytes, bytes]] = []
    media_type = draw(media_types)
    if media_type is not None:
        headers.append((b"Content-Type", media_type))
    retry_after = draw(retry_afters)
    if retry_after is not None:
        headers.append((b"Retry-After", retry_after))
    location = draw(locations(servers))
    if location is not None:
        headers.append((b"Location", location))
    body = draw(st.sampled_from(VALID_BODIES) | bodies)
    encoding, encode = draw(st.sampled_from(ENCODINGS))
    body = encode(body)
    if encoding is not None:
        headers.append((b"Content-Encoding", encoding))

    framing = draw(st.sampled_from(FRAMINGS))
    length = len(body)
    if framing in ("exact", "chunked-and-length"):
        headers.append((b"Content-Length", b"%d" % length))
    elif framing == "short":
        headers.append((b"Content-Length", b"%d" % max(0, length - draw(st.integers(1, 10)))))
    elif framing == "long":
        headers.append((b"Content-Length", b"%d" % (length + draw(st.integers(1, 10)))))
    elif framing == "non-numeric":
        value = draw(st.sampled_from([b"abc", b"1e3", b" 12 ", b"0x10", b"+5", b"", b"\xb2", b"12abc", b"1_0"]))
        headers.append((b"Content-Length", value))
    elif framing == "negative":
        headers.append((b"Content-Length", b"-%d" % draw(st.integers(0, 10**6))))
    elif framing == "huge":
        headers.append((b"Content-Length", b"9" * draw(st.integers(10, 40))))
    elif framing == "duplicate-same":
        headers += [(b"Content-Length", b"%d" % length)] * 2
    elif framing == "duplicate-different":
        headers += [(b"Content-Length", b"%d" % length), (b"Content-Length", b"%d" % (length + 1))]
    elif framing == "list":
        headers.append((b"Content-Length", b"%d, %d" % (length, draw(st.sampled_from([length, length + 1])))))
    elif framing == "many-headers":  # more than http.client reads (100)
        headers += [(b"X-Filler-%d" % n, b"x") for n in range(101)] + [(b"Content-Length", b"%d" % length)]
    elif framing == "long-header":  # a line longer than http.client reads (64 KiB)
        headers += [(b"X-Filler", b"x" * 70000), (b"Content-Length", b"%d" % length)]
    if framing.startswith("chunked"):
        headers.append((b"Transfer-Encoding", b"chunked"))
        body = _chunked(body, draw(st.integers(1, 3)))
        if framing == "chunked-broken":
            body = draw(st.sampled_from([b"zz\r\n" + body, body[:-5], body.replace(b"\r\n", b"\n", 1)]))

    # the client finds the end of the answer only when it is framed by an exact length or valid chunks
    # (204 and 304 never have a body); every other answer ends with the connection
    no_body = status in (204, 304)
    framed = (framing in ("exact", "duplicate-same") and not (no_body and body)) or (
        framing == "chunked" and not no_body
    )
    cut = draw(st.none() | st.none() | st.integers(0, 1 << 20))
    then = draw(st.sampled_from([KEEP, CLOSE, STALE])) if framed and cut is None else CLOSE
    if then == CLOSE and draw(st.booleans()):
        headers.append((b"Connection", b"close"))
    reason = draw(st.sampled_from(REASONS))
    version = draw(st.sampled_from([b"HTTP/1.1", b"HTTP/1.1", b"HTTP/1.1", b"HTTP/1.0"]))
    headers = draw(st.permutations(headers))
    head = b"%s %d %s\r\n" % (version, status, reason)
    head += b"".join(name + b": " + value + b"\r\n" for name, value in headers) + b"\r\n"
    interim = draw(st.sampled_from([b"", b"", b"", b"HTTP/1.1 100 Continue\r\n\r\n"]))
    if cut is not None:
        cut = cut % (len(interim) + len(head) + len(body) + 1)
    return Answer(status=status, head=head, body=body, cut=cut, then=then, interim=interim)


# --- operations and the types of their successes -----------------------------------------------------------
def is_json_value(value: Any) -> bool:
    if value is None or isinstance(value, (bool, int, float, str)):
        return True
    if isinstance(value, list):
        return all(is_json_value(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and is_json_value(item) for key, item in value.items())
    return False


def results_or_none(value: Any, status: int) -> bool:
    if value is None:
        return status != 200  # 204, or an undeclared 2xx without a body
    return isinstance(value, dict) and all(
        isinstance(key, str) and isinstance(item, InlineOrRefDataInput) for key, item in value.items()
    )


def execute_answer(value: Any, status: int) -> bool:
    if status in (201, 202):  # asynchronous: the job's status
        return isinstance(value, StatusInfo)
    if status == 303:  # See Other, not followed for a POST: nothing to decode
        return value is None
    return isinstance(value, Execute200ResponseInput)  # 200 and other 2xx: the results, as sent


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    call: Callable[[ApiClient], Any]
    #: whether a value returned after an answer with this status is of the operation's success type
    success: Callable[[Any, int], bool]
    #: the status codes after which a call may succeed
    success_statuses: Tuple[int, ...] = (200, 201, 202, 203, 204, 206)


#: every call has a deadline: whatever the server does, it cannot hang
LIMIT: Dict[str, Any] = {"_request_timeout": CALL_DEADLINE}


OPERATIONS: Dict[str, Operation] = {
    "get_status": Operation(
        "GET", "/jobs/j1", lambda c: ogc.JobsApi(c).get_status_jobs_job_id_get("j1", **LIMIT),
        lambda v, s: isinstance(v, StatusInfo) or (v is None and s != 200),
    ),
    "get_jobs": Operation(
        "GET", "/jobs", lambda c: ogc.JobsApi(c).get_jobs_jobs_get(**LIMIT),
        lambda v, s: isinstance(v, JobListInput) or (v is None and s != 200),
    ),
    "get_results": Operation(
        "GET", "/jobs/j1/results",
        lambda c: ogc.JobsApi(c).get_result_jobs_job_id_results_get("j1", **LIMIT), results_or_none,
    ),
    "execute": Operation(
        "POST", "/processes/p1/execution",
        lambda c: ogc.ProcessesApi(c).execute_processes_process_id_execution_post(
            "p1", execute_workflows={"inputs": {}}, **LIMIT
        ),
        execute_answer, (200, 201, 202, 203, 204, 206, 303),
    ),
    "replace": Operation(
        "PUT", "/processes/p1",
        lambda c: ogc.DRUApi(c).replace_processes_process_id_put("p1", ogcapppkg="cwlVersion: v1.2", **LIMIT),
        lambda v, s: is_json_value(v),
    ),
    "dismiss": Operation(
        "DELETE", "/jobs/j1", lambda c: ogc.JobsApi(c).dismiss_jobs_job_id_delete("j1", **LIMIT),
        lambda v, s: isinstance(v, StatusInfo),
    ),
    "undeploy": Operation(
        "DELETE", "/processes/p1",
        lambda c: ogc.DRUApi(c).undeploy_processes_process_id_delete("p1", **LIMIT),
        lambda v, s: is_json_value(v),
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def client_sockets() -> Iterator[List[socket.socket]]:
    """Every socket the client opens (urllib3 opens them all in ``urllib3.util.connection``), kept until checked."""
    made: List[socket.socket] = []
    connect = urllib3.util.connection.create_connection

    def recording(*args: Any, **kwargs: Any) -> socket.socket:
        sock = connect(*args, **kwargs)
        made.append(sock)
        return sock

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(urllib3.util.connection, "create_connection", recording)
        yield made


def still_open(sockets: List[socket.socket]) -> List[str]:
    """The sockets whose descriptor is still open, described; their descriptors are closed here."""
    assert sockets, "no socket recorded: urllib3 no longer opens them in urllib3.util.connection?"
    found = []
    for sock in sockets:
        if sock.fileno() < 0:
            continue
        if getattr(sock, "_closed", False):  # close() was called, but a makefile() reader still holds it
            found.append(f"port {sock.getsockname()[1]}: closed by its pool, held open by a response never closed")
        else:
            found.append(f"port {sock.getsockname()[1]}: never closed (its pool was not closed)")
        os.close(sock.detach())
    sockets.clear()
    return found


def call_and_check(servers: ScriptedServers, sockets: List[socket.socket], name: str, sequence: List[Answer]) -> None:
    """Call operation ``name`` while the servers answer ``sequence``; check what was sent, what came back, and
    that every socket the client opened is closed once the client is."""
    operation = OPERATIONS[name]
    sockets.clear()
    script = servers.run(sequence)
    config = Configuration(host=servers.url(0), retries=FUZZ_RETRIES)
    started = time.monotonic()
    value: Any = None
    caught: Optional[OpenApiException] = None
    try:
        with ApiClient(config) as client:
            try:
                value = operation.call(client)
            except OpenApiException as error:  # any other exception fails the test
                caught = error
    finally:
        elapsed = time.monotonic() - started
        left = still_open(sockets)  # checked last, so that the promises below are reported first
    with script.lock:
        seen = list(script.seen)

    assert elapsed < CALL_DEADLINE + 1.5, f"the call took {elapsed:.1f} s"
    # what was sent
    assert seen, "the request never arrived"
    assert seen[0].method == operation.method and seen[0].target.split("?")[0] == operation.path
    if operation.method == "POST":
        assert len(seen) == 1, f"POST sent {len(seen)} times"
    assert len(seen) <= (FUZZ_RETRIES.max_retries + 1) * (MAX_REDIRECTS + 1)
    assert {request.method for request in seen} <= {operation.method, "GET"}
    for n, before in enumerate(seen[:-1]):
        if before.method == "GET" or before.answer is None or not before.answer.status_line_sent:
            continue  # nothing changed, or nothing was answered: another try is harmless
        status = before.answer.status
        assert status in RESEND_STATUSES, f"{before.method} sent again after its answer {status} arrived"
        if status == 303:  # done, see the other resource: only GETs may follow
            assert all(later.method == "GET" for later in seen[n + 1 :]), (
                f"{before.method} sent again after its answer 303 See Other arrived"
            )

    # what the caller got
    answered = [request.answer for request in seen if request.answer is not None]
    final = answered[-1] if answered else None
    if caught is None:
        assert final is not None
        assert final.status in operation.success_statuses, f"a {final.status} answer returned {value!r}"
        assert operation.success(value, final.status), f"{name} returned {type(value).__name__} after {final.status}"
    else:
        assert_error_values(caught, final.status if final is not None else None)

    # every connection is closed with the client, whatever the call raised: no socket waits for the garbage
    # collector (which closes it with a ResourceWarning, at a moment nobody chose)
    assert left == [], f"sockets still open after ApiClient.close(): {left}"


@pytest.mark.parametrize("name", sorted(OPERATIONS))
@settings(
    max_examples=60,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_any_raw_answer_gives_a_typed_result_or_a_package_error(
    scripted: ScriptedServers, client_sockets: List[socket.socket], name: str, data: st.DataObject
) -> None:
    sequence = data.draw(st.lists(answers(scripted), min_size=1, max_size=3), label="answers")
    call_and_check(scripted, client_sockets, name, sequence)


def answer(
    status: int, *headers: Tuple[bytes, bytes], body: bytes = b"{}", then: str = CLOSE, length: bool = True
) -> Answer:
    """An answer written out by hand (with an exact Content-Length unless ``length`` is false)."""
    lines = list(headers) + ([(b"Content-Length", b"%d" % len(body))] if length else [])
    head = b"HTTP/1.1 %d Whatever\r\n" % status + b"".join(k + b": " + v + b"\r\n" for k, v in lines) + b"\r\n"
    return Answer(status=status, head=head, body=body, cut=None, then=then)


STATUS_BODY = json.dumps(STATUS).encode()
TWO_LENGTHS = ((b"Content-Length", b"2"), (b"Content-Length", b"3"))


#: answers that once broke a promise of the client, each with the operation that met it
HOSTILE: Dict[str, Tuple[str, List[Answer]]] = {
    "error body in a charset that cannot replace": (
        "get_status", [answer(404, (b"Content-Type", b"text/plain; charset=idna"))]),
    "success body in a charset that decodes nothing": (
        "get_status", [answer(200, (b"Content-Type", b"application/json; charset=undefined"), body=STATUS_BODY)]),
    "two Content-Lengths after a DELETE": ("dismiss", [answer(200, *TWO_LENGTHS, length=False)]),
    "a refused head with Connection: close after a PUT (not sent again, its socket is closed)": (
        "replace", [answer(200, (b"Connection", b"close"), *TWO_LENGTHS, length=False)]),
    "more headers than http.client reads after a PUT": (
        "replace", [answer(200, *((b"X-Filler-%d" % n, b"x") for n in range(101)))]),
    "a header line longer than http.client reads after a DELETE": (
        "undeploy", [answer(200, (b"X-Filler", b"x" * 70000))]),
    "See Other to a closed port after a DELETE": (
        "undeploy", [answer(303, (b"Location", b"http://127.0.0.1:%d/jobs/j2" % CLOSED_PORT))]),
    "See Other on a connection that goes stale after a DELETE": (
        "dismiss", [answer(303, (b"Location", b"/jobs/j2"), then=STALE)]),
    "See Other to a GET whose headers are refused after a PUT": (
        "replace", [answer(303, (b"Location", b"/jobs/j2")), answer(200, *TWO_LENGTHS, length=False)]),
    "a status error the caller still holds when the client closes (its socket is closed)": (
        "get_status", [answer(404, then=KEEP)]),
    "a refused head with Connection: close after a GET (its socket is closed)": (
        "get_status", [answer(200, (b"Connection", b"close"), *TWO_LENGTHS, length=False)]),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_answer_gives_a_typed_result_or_a_package_error(
    scripted: ScriptedServers, client_sockets: List[socket.socket], case: str
) -> None:
    name, sequence = HOSTILE[case]
    call_and_check(scripted, client_sockets, name, sequence)
