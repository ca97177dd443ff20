"""The head of an answer is read exactly as http.client reads it: the same fields, values, defects, body
length and connection handling, the same errors, and the same bytes left for the body."""

from __future__ import annotations

import http.client
import io
from typing import Any, Tuple

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from unity_sps_ogc_processes_api_python_client import ApiClient, Configuration, _head

from .conftest import Serve
from .keepalive_server import answer

BODY = b"the body"


class _Socket:
    def __init__(self, data: bytes) -> None:
        self.file = io.BytesIO(data)

    def makefile(self, mode: str) -> io.BytesIO:
        return self.file


class _Ours(http.client.HTTPResponse):
    def begin(self) -> None:
        _head.begin(self)


def read(cls: type, data: bytes, method: str) -> Tuple[Any, ...]:
    """What a response of ``cls`` makes of ``data``: its attributes, or the error it raises."""
    sock = _Socket(data)
    response = cls(sock, method=method)
    try:
        response.begin()
    except Exception as error:
        return ("raised", type(error), str(error))
    message = response.msg
    return (
        response.status, response.reason, response.version, response.chunked, response.length,
        response.will_close, list(message.items()), [type(d) for d in message.defects], message.get_payload(),
        message.get("content-length"), message.get_all("set-cookie"), message["X-Missing"],
        message.get_content_type(), sock.file.read(),
    )  # fmt: skip


def same(data: bytes, method: str = "GET") -> None:
    assert read(_Ours, data, method) == read(http.client.HTTPResponse, data, method), data


NAMES = st.sampled_from(["Content-Type", "content-length", "Transfer-Encoding", "Connection", "Set-Cookie",
                         "X-A", "Keep-Alive", "Location", "x"])  # fmt: skip
ODD_NAMES = st.sampled_from(["", "Bad Name", "Na\xefme", "From", "X\x7fY", "(x)", "A:B"])
VALUES = st.text(st.characters(min_codepoint=0, max_codepoint=255), max_size=12)
USUAL_VALUES = st.sampled_from(["0", "8", "5, 5", "-1", "abc", "chunked", "close", "keep-alive", " 8 ", "gzip\t",
                                "text/plain; charset=utf-8", "\t x"])  # fmt: skip
ENDS = st.sampled_from(["\r\n", "\n"])


@st.composite
def lines(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 9))
    end = draw(ENDS)
    if kind <= 5:
        return f"{draw(NAMES)}:{draw(st.sampled_from(['', ' ', chr(9)]))}{draw(USUAL_VALUES)}{end}"
    if kind == 6:
        return f"{draw(ODD_NAMES)}: {draw(VALUES)}{end}"
    if kind == 7:
        return f"{draw(st.sampled_from([' ', chr(9)]))}{draw(VALUES)}{end}"  # a folded line
    if kind == 8:
        return f"{draw(NAMES)}: {draw(VALUES)}{end}"  # any byte in the value (CR, NUL, Latin-1...)
    return draw(st.sampled_from(["From nobody\r\n", ":x\r\n", "no colon\r\n", "X: a\rb\r\n", "\r"]))


@st.composite
def heads(draw: st.DrawFn) -> bytes:
    status = draw(st.sampled_from(["HTTP/1.1 200 OK", "HTTP/1.0 200 OK", "HTTP/1.1 204 No", "HTTP/1.1 304 x",
                                   "HTTP/1.1 404  Not Found ", "HTTP/2.0 200 OK"]))  # fmt: skip
    prefix = draw(st.sampled_from(["", "HTTP/1.1 100 Continue\r\nX: y\r\n\r\n"]))
    fields = draw(st.lists(lines(), max_size=8))
    end = draw(st.sampled_from(["\r\n", "\n", ""]))
    return (prefix + status + "\r\n" + "".join(fields) + end).encode("latin-1") + BODY


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(heads(), st.sampled_from(["GET", "HEAD"]))
@example(b"HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n" + BODY, "GET")
@example(b"HTTP/1.1 200 OK\r\nContent-Length: 8\r\nContent-Length: 9\r\n\r\n" + BODY, "GET")
@example(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + BODY, "GET")
@example(b"HTTP/1.1 200 OK\r\nX: a\r\n b\r\nContent-Length: 8\r\n\r\n" + BODY, "GET")
@example(b"HTTP/1.1 200 OK\r\nFrom x\r\nContent-Length: 8\r\n\r\n" + BODY, "GET")
@example(b"HTTP/1.1 200 OK\r\nX: \xe9t\xe9\r\n\r\n" + BODY, "GET")
@example(b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n" + BODY, "GET")
@example(b"HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n" + BODY, "HEAD")
def test_a_head_is_read_as_http_client_reads_it(data: bytes, method: str) -> None:
    same(data, method)


@pytest.mark.parametrize(
    "data",
    [
        b"HTTP/1.1 200 OK\r\n" + b"X: y\r\n" * 100 + b"\r\n",  # 100 fields: the most http.client reads
        b"HTTP/1.1 200 OK\r\n" + b"X: y\r\n" * 101 + b"\r\n",  # one too many
        b"HTTP/1.1 200 OK\r\nX: " + b"y" * 70_000 + b"\r\n\r\n",  # a line too long
        b"HTTP/1.1 200 OK\r\nX: y\r\n",  # the head cut short
        b"HTTP/1.1 200 OK\r\n",
        b"",
        b"garbage\r\n\r\n",
    ],
    ids=["100-fields", "101-fields", "long-line", "cut-short", "no-fields", "nothing", "garbage"],
)
def test_limits_and_broken_heads_are_http_clients(data: bytes) -> None:
    same(data)


def test_the_usual_head_gets_the_quick_reading() -> None:
    sock = _Socket(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n" + BODY)
    response = _Ours(sock, method="GET")
    response.begin()
    assert type(response.msg).__name__ == "_Fields" and response.length == 8 and not response.will_close
    odd = _Ours(_Socket(b"HTTP/1.1 200 OK\r\nX: a\r\n folded\r\n\r\n"), method="GET")
    odd.begin()
    assert type(odd.msg) is http.client.HTTPMessage and odd.msg["X"] == "a\r\n folded"


def test_the_client_reads_heads_the_quick_way(serve: Serve) -> None:
    server = serve(lambda request: answer(200, b'{"jobID": "a", "status": "running"}'))
    with ApiClient(Configuration(host=server.url)) as client:
        response = client.rest_client.request("GET", server.url + "/jobs/a")
    head = response.response._original_response  # type: ignore[union-attr]
    assert response.status == 200 and type(head.msg).__name__ == "_Fields"
    assert head.msg.get("content-length") == "35" and response.headers["Content-Type"] == "application/json"
