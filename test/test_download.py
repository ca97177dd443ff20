"""Downloads of job outputs over real sockets: a local file server that cuts transfers, changes files, is busy
or knows no ranges; every kind of result value; file names from any output id; credentials by origin."""

from __future__ import annotations

import base64
import errno
import hashlib
import http.server
import json
import os
import pathlib
import re
import socket
import tempfile
import threading
import time
import tracemalloc
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Response

from unity_sps_ogc_processes_api_python_client import (
    ApiClient,
    ApiConnectionError,
    ApiDecodeError,
    ApiException,
    ApiIncompleteResponseError,
    ApiTypeError,
    ApiValueError,
    Client,
    Configuration,
    OpenApiException,
    RetryPolicy,
)
from unity_sps_ogc_processes_api_python_client.models.inline_or_ref_data_input import InlineOrRefDataInput
from unity_sps_ogc_processes_api_python_client.workflow.download import (
    MAX_STEM_BYTES,
    DownloadError,
    download_results,
    safe_file_name,
)

from .conftest import FAST_RETRIES

TOKEN = "s3cret-token"
TIFF = "image/tiff; application=geotiff"


# --- a file server that misbehaves on purpose ----------------------------------------------------------------
@dataclass
class File:
    """A file of the server and how it is served."""

    data: bytes
    content_type: str = "application/octet-stream"
    etag: Optional[str] = '"v1"'
    last_modified: Optional[str] = "Mon, 02 Mar 2026 10:00:00 GMT"
    ranges: bool = True  # Accept-Ranges: bytes, and Range honoured
    honour_if_range: bool = True
    cut_after: Optional[int] = None  # bytes of the body sent before the connection is cut ...
    cuts: int = 0  # ... on this many answers
    busy: int = 0  # the first answers are 503 with Retry-After
    retry_after: str = "1"
    changed: Optional[Tuple[bytes, str]] = None  # after the first answer: new bytes and ETag
    chunked: bool = False  # Transfer-Encoding: chunked (no Content-Length)
    max_span: Optional[int] = None  # a Range is answered with at most this many bytes
    requests: List[Dict[str, str]] = field(default_factory=list)  # the headers of each request

    def version(self) -> Tuple[bytes, Optional[str]]:
        if self.changed is not None and len(self.requests) > 1:
            return self.changed
        return self.data, self.etag


class FileServer:
    """A threaded HTTP/1.1 file server on 127.0.0.1 with Range, If-Range, ETag and deliberate faults."""

    def __init__(self) -> None:
        self.files: Dict[str, File] = {}
        self.lock = threading.Lock()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            timeout = 5

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                owner.answer(self)

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that went away

        self.server = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def add(self, path: str, file: File) -> str:
        self.files[path] = file
        return self.url + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def answer(self, handler: http.server.BaseHTTPRequestHandler) -> None:
        file = self.files.get(handler.path)
        if file is None:
            return self.send(handler, 404, {"Content-Type": "application/json"}, b'{"title": "not found"}')
        with self.lock:
            file.requests.append(dict(handler.headers.items()))
            number = len(file.requests)
        if number <= file.busy:
            headers = {"Retry-After": file.retry_after, "Content-Type": "text/plain"}
            return self.send(handler, 503, headers, b"busy")
        data, etag = file.version()
        headers = {"Content-Type": file.content_type}
        if etag:
            headers["ETag"] = etag
        if file.last_modified:
            headers["Last-Modified"] = file.last_modified
        if file.ranges:
            headers["Accept-Ranges"] = "bytes"
        start, status = 0, 200
        asked = re.fullmatch(r"bytes=([0-9]+)-", handler.headers.get("Range", ""))
        if_range = handler.headers.get("If-Range")
        current = if_range in (etag, file.last_modified) or not file.honour_if_range
        if file.ranges and asked and (if_range is None or current):
            start = int(asked.group(1))
            if start >= len(data):
                return self.send(handler, 416, {"Content-Range": f"bytes */{len(data)}"}, b"")
            status = 206
            end = len(data) if file.max_span is None else min(len(data), start + file.max_span)
            headers["Content-Range"] = f"bytes {start}-{end - 1}/{len(data)}"
            data = data[:end]
        cut = file.cut_after if number - file.busy <= file.cuts else None
        self.send(handler, status, headers, memoryview(data)[start:], cut, file.chunked)

    @staticmethod
    def send(
        handler: http.server.BaseHTTPRequestHandler,
        status: int,
        headers: Dict[str, str],
        body: Any,
        cut: Optional[int] = None,
        chunked: bool = False,
    ) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header(
            "Transfer-Encoding" if chunked else "Content-Length", "chunked" if chunked else str(len(body))
        )
        handler.end_headers()
        view = memoryview(body)[: len(body) if cut is None else cut]
        for offset in range(0, len(view), 1 << 16):  # slices of a memoryview: no copies
            piece = view[offset : offset + (1 << 16)]
            if chunked:
                handler.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            else:
                handler.wfile.write(piece)
        if cut is not None:  # the connection breaks before the end of the body
            handler.wfile.flush()
            handler.close_connection = True
            handler.connection.shutdown(socket.SHUT_RDWR)
        elif chunked:
            handler.wfile.write(b"0\r\n\r\n")


@pytest.fixture
def files() -> Iterator[FileServer]:
    server = FileServer()
    yield server
    server.close()


@pytest.fixture
def client(files: FileServer) -> Iterator[ApiClient]:
    """An API client whose API is the file server itself (same origin: credentials go there)."""
    with ApiClient(Configuration(host=files.url, retries=FAST_RETRIES, read_timeout=5)) as api_client:
        yield api_client


def payload(size: int, seed: bytes = b"") -> bytes:
    block = hashlib.sha256(seed).digest() * 2048  # 64 KiB, not all alike
    return (block * (size // len(block) + 1))[:size]


def listing(folder: pathlib.Path) -> List[str]:
    return sorted(path.name for path in folder.iterdir())


def results(**values: Any) -> Dict[str, InlineOrRefDataInput]:
    return {key: InlineOrRefDataInput.from_json(json.dumps(value)) for key, value in values.items()}


# --- what is written for each kind of value ---------------------------------------------------------------
def test_every_kind_of_value_is_written(files: FileServer, client: ApiClient, tmp_path: pathlib.Path) -> None:
    tif, nc, geo, raw = payload(1000, b"t"), payload(500, b"n"), b'{"type": "FeatureCollection"}', b"\x00\x01raw"
    files.add("/out/any.tif", File(tif, content_type=TIFF))
    nc_url = files.add("/out/data.nc", File(nc))
    files.add("/out/features", File(geo, content_type="application/geo+json"))
    files.add("/out/blob", File(raw))
    files.add("/out/one", File(b"first", content_type="text/plain"))
    files.add("/out/two", File(b"second", content_type="text/plain"))
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    answer = results(
        raster={"href": "/out/any.tif", "type": TIFF},
        cube={"href": nc_url},  # no type: the extension of its path
        features={"href": f"{files.url}/out/features"},  # no type, no extension: the Content-Type
        blob={"href": "/out/blob"},  # nothing: .bin
        image={"value": base64.encodebytes(png).decode(), "encoding": "base64", "mediaType": "image/png"},
        geometry={"value": {"type": "Point", "coordinates": [1, 2]}, "mediaType": "application/geo+json"},
        table={"value": "a,b\n1,2\n", "mediaType": "text/csv"},
        quoted={"value": "not json", "mediaType": "application/json"},
        area={"bbox": [1, 2, 3, 4], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
        record={"a": 1, "b": [True, None]},
        numbers=[1, 2.5, 3],
        count=3,
        flag=True,
        nothing=None,
        text="Hello World",
        parts=[{"href": "/out/one", "type": "text/plain"}, {"href": "/out/two"}, {"value": 7}],
    )
    paths = download_results(client, answer, tmp_path / "out")
    names = [path.name for path in paths]
    assert names == [
        "raster.tif", "cube.nc", "features.geojson", "blob.bin", "image.png", "geometry.geojson", "table.csv",
        "quoted.json", "area.json", "record.json", "numbers.json", "count.json", "flag.json", "nothing.json",
        "text.txt", "parts-1.txt", "parts-2.txt", "parts-3.json",
    ]  # fmt: skip
    assert all(path.parent == tmp_path / "out" for path in paths)
    content = {path.name: path.read_bytes() for path in paths}
    assert content["raster.tif"] == tif and content["cube.nc"] == nc and content["features.geojson"] == geo
    assert content["blob.bin"] == raw and content["image.png"] == png
    assert json.loads(content["geometry.geojson"]) == {"type": "Point", "coordinates": [1, 2]}
    assert content["table.csv"] == b"a,b\n1,2\n"
    assert json.loads(content["quoted.json"]) == "not json"
    assert json.loads(content["area.json"])["bbox"] == [1, 2, 3, 4]
    assert json.loads(content["record.json"]) == {"a": 1, "b": [True, None]}
    assert json.loads(content["numbers.json"]) == [1, 2.5, 3]
    assert content["count.json"] == b"3" and content["flag.json"] == b"true" and content["nothing.json"] == b"null"
    assert content["text.txt"] == b"Hello World"
    assert (
        content["parts-1.txt"] == b"first" and content["parts-2.txt"] == b"second" and content["parts-3.json"] == b"7"
    )
    assert listing(tmp_path / "out") == sorted(names)  # no .part left


def test_a_qualified_json_text_is_kept_as_it_is(client: ApiClient, tmp_path: pathlib.Path) -> None:
    text = '{"type": "Point",\n "coordinates": [1, 2]}'
    (path,) = download_results(client, results(doc={"value": text, "mediaType": "application/geo+json"}), tmp_path)
    assert path.name == "doc.geojson" and path.read_text() == text


def test_unicode_text_is_written_as_utf8(client: ApiClient, tmp_path: pathlib.Path) -> None:
    (path,) = download_results(client, {"greeting": InlineOrRefDataInput("héllo wörld ✓")}, tmp_path)
    assert path.read_bytes() == "héllo wörld ✓".encode()


def test_plain_json_values_are_accepted_unwrapped(client: ApiClient, tmp_path: pathlib.Path) -> None:
    paths = download_results(client, {"a": {"value": "x"}, "b": [1, 2]}, tmp_path)
    assert [path.name for path in paths] == ["a.txt", "b.json"]


def test_link_is_asked_for_with_its_type(files: FileServer, client: ApiClient, tmp_path: pathlib.Path) -> None:
    file = File(b"x", content_type=TIFF)
    files.add("/r.tif", file)
    download_results(client, results(r={"href": "/r.tif", "type": TIFF}), tmp_path)
    assert file.requests[0]["Accept"].startswith(TIFF + ",")
    assert file.requests[0]["Accept-Encoding"] == "identity"


def test_relative_link_is_resolved_against_the_host_path(files: FileServer, tmp_path: pathlib.Path) -> None:
    files.add("/api/files/a.txt", File(b"below the API"))
    with ApiClient(Configuration(host=files.url + "/api", retries=FAST_RETRIES)) as api_client:
        (path,) = download_results(api_client, results(a={"href": "files/a.txt"}), tmp_path)
    assert path.read_bytes() == b"below the API"


def test_invalid_base64_is_a_decode_error(client: ApiClient, tmp_path: pathlib.Path) -> None:
    with pytest.raises(ApiDecodeError, match="not valid base64"):
        download_results(client, results(b={"value": "@@@", "encoding": "base64"}), tmp_path)
    assert listing(tmp_path) == []


# --- resuming --------------------------------------------------------------------------------------------
def test_a_large_transfer_cut_halfway_is_resumed_in_little_memory(
    files: FileServer, client: ApiClient, tmp_path: pathlib.Path
) -> None:
    size, chunk = 16 << 20, 64 << 10
    data = payload(size, b"large")
    file = files.add("/big.tif", File(data, cut_after=size // 2, cuts=1))
    tracemalloc.start()
    try:
        (path,) = download_results(client, results(big={"href": file, "type": TIFF}), tmp_path, chunk_size=chunk)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert path.stat().st_size == size and path.read_bytes() == data
    requests = files.files["/big.tif"].requests
    assert len(requests) == 2 and "Range" not in requests[0]
    assert requests[1]["Range"] == f"bytes={size // 2}-" and requests[1]["If-Range"] == '"v1"'
    assert peak < 8 * chunk, f"peak memory {peak} bytes for a {size}-byte download"


def test_resume_uses_last_modified_without_an_etag(
    files: FileServer, client: ApiClient, tmp_path: pathlib.Path
) -> None:
    data = payload(300_000)
    file = File(data, etag=None, cut_after=100_000, cuts=1)
    files.add("/f.bin", file)
    (path,) = download_results(client, results(f={"href": "/f.bin"}), tmp_path)
    assert path.read_bytes() == data
    assert file.requests[1]["If-Range"] == file.last_modified and file.requests[1]["Range"] == "bytes=100000-"


def test_a_weak_etag_is_not_used_for_if_range(files: FileServer, client: ApiClient, tmp_path: pathlib.Path) -> None:
    file = File(payload(200_000), etag='W/"weak"', cut_after=50_000, cuts=1)
    files.add("/w.bin", file)
    download_results(client, results(w={"href": "/w.bin"}), tmp_path)
    assert file.requests[1]["If-Range"] == file.last_modified


def test_a_file_changed_between_attempts_is_fetched_again_whole(
    files: FileServer, client: ApiClient, tmp_path: pathlib.Path
) -> None:
    old, new = payload(300_000, b"old"), payload(280_000, b"new")
    file = File(old, cut_after=150_000, cuts=1, changed=(new, '"v2"'), last_modified=None)
    files.add("/c.bin", file)
    (path,) = download_results(client, results(c={"href": "/c.bin"}), tmp_path)
    assert path.read_bytes() == new  # never half old, half new
    assert file.requests[1]["If-Range"] == '"v1"' and len(file.requests) == 2  # the server answered 200


def test_a_server_ignoring_if_range_is_caught_by_the_etag(
    files: FileServer, client: ApiClient, tmp_path: pathlib.Path
) -> None:
    old, new = payload(300_000, b"old"), payload(300_000, b"new")
    file = File(old, cut_after=150_000, cuts=1, changed=(new, '"v2"'), honour_if_range=False, last_modified=None)
    files.add("/i.bin", file)
    (path,) = download_results(client, results(i={"href": "/i.bin"}), tmp_path)
    assert path.read_bytes() == new
    assert [request.get("Range") for request in file.requests] == [None, "bytes=150000-", None]


def test_a_server_without_ranges_is_read_again_from_the_start(
    files: FileServer, client: ApiClient, tmp_path: pathlib.Path
) -> None:
    data = payload(400_000)
    file = File(data, ranges=False, etag=None, last_modified=None, cut_after=200_000, cuts=1)
    files.add("/n.bin", file)
    (path,) = download_results(client, results(n={"href": "/n.bin"}), tmp_path)
    assert path.read_bytes() == data and len(file.requests) == 2


def test_transfers_that_keep_breaking_but_progress_go_on(
    files: FileServer, client: ApiClient, tmp_path: pathlib.Path
) -> None:
    data = payload(1_000_000)
    file = File(data, cut_after=90_000, cuts=20)
    files.add("/p.bin", file)
    (path,) = download_results(client, results(p={"href": "/p.bin"}), tmp_path, max_attempts=2)
    assert path.read_bytes() == data and len(file.requests) == 12


def test_ranges_answered_in_pieces_are_asked_for_until_complete(
    files: FileServer, client: ApiClient, tmp_path: pathlib.Path
) -> None:
    data = payload(100_000)
    file = File(data, cut_after=10_000, cuts=1, max_span=30_000)
    files.add("/m.bin", file)
    (path,) = download_results(client, results(m={"href": "/m.bin"}), tmp_path, max_attempts=1)
    assert path.read_bytes() == data
    assert [request.get("Range") for request in file.requests] == [None, "bytes=10000-", "bytes=40000-", "bytes=70000-"]


def test_a_complete_part_answered_416_is_finished(files: FileServer, client: ApiClient, tmp_path: pathlib.Path) -> None:
    data = payload(100_000)  # chunked: every byte arrives, then the connection breaks before the last chunk
    file = File(data, chunked=True, cut_after=len(data), cuts=1)
    files.add("/e.bin", file)
    (path,) = download_results(client, results(e={"href": "/e.bin"}), tmp_path)
    assert path.read_bytes() == data and file.requests[1]["Range"] == "bytes=100000-"


def test_a_416_for_a_file_that_shrank_starts_over(files: FileServer, client: ApiClient, tmp_path: pathlib.Path) -> None:
    old, new = payload(100_000, b"old"), payload(10_000, b"new")
    file = File(old, cut_after=50_000, cuts=1, changed=(new, '"v2"'), honour_if_range=False)
    files.add("/s.bin", file)
    (path,) = download_results(client, results(s={"href": "/s.bin"}), tmp_path)
    assert path.read_bytes() == new and len(file.requests) == 3


def test_when_the_attempts_run_out_the_transport_error_is_raised(
    files: FileServer, client: ApiClient, tmp_path: pathlib.Path
) -> None:
    file = File(payload(10_000), cut_after=0, cuts=100)
    files.add("/x.bin", file)
    started = time.monotonic()
    with pytest.raises(ApiIncompleteResponseError) as caught:
        download_results(client, results(x={"href": "/x.bin"}), tmp_path, max_attempts=3)
    assert isinstance(caught.value, ApiConnectionError) and len(file.requests) == 3
    assert time.monotonic() - started < 5
    assert listing(tmp_path) == []  # neither the file nor its .part


def test_an_unreachable_link_is_a_connection_error(client: ApiClient, tmp_path: pathlib.Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ApiConnectionError):
        download_results(client, results(x={"href": f"http://127.0.0.1:{port}/x"}), tmp_path, max_attempts=2)
    assert listing(tmp_path) == []


def test_a_busy_server_is_waited_for_as_retry_after_says(files: FileServer, tmp_path: pathlib.Path) -> None:
    file = File(b"worth the wait", busy=1, retry_after="1")
    files.add("/b.txt", file)
    config = Configuration(host=files.url, retries=RetryPolicy(max_retries=0))  # the download's own retries
    started = time.monotonic()
    with ApiClient(config) as api_client:
        (path,) = download_results(api_client, results(b={"href": "/b.txt"}), tmp_path)
    assert 1.0 <= time.monotonic() - started < 4
    assert path.read_bytes() == b"worth the wait" and len(file.requests) == 2


def test_a_retry_after_beyond_the_limit_fails_at_once(
    files: FileServer, client: ApiClient, tmp_path: pathlib.Path
) -> None:
    files.add("/l.txt", File(b"later", busy=100, retry_after="3600"))
    started = time.monotonic()
    with pytest.raises(ApiException) as caught:
        download_results(client, results(l={"href": "/l.txt"}), tmp_path)
    assert caught.value.status == 503 and time.monotonic() - started < 2
    assert listing(tmp_path) == []


def test_a_missing_link_raises_its_status_error(files: FileServer, client: ApiClient, tmp_path: pathlib.Path) -> None:
    with pytest.raises(ApiException) as caught:
        download_results(client, results(gone={"href": "/nowhere.tif"}), tmp_path)
    assert caught.value.status == 404
    assert listing(tmp_path) == []


def test_files_written_before_an_error_stay(files: FileServer, client: ApiClient, tmp_path: pathlib.Path) -> None:
    with pytest.raises(ApiException):
        download_results(client, results(first="kept", second={"href": "/nowhere"}), tmp_path)
    assert listing(tmp_path) == ["first.txt"]


# --- names and places --------------------------------------------------------------------------------------
HOSTILE_IDS = ["../../etc/passwd", "a/b", "/abs/olute", "..\\..\\win", "CON", "nul.txt", "", ".", "..", "x" * 400,
               "résumé", "出力", "a\u202egpj.exe", "tab\there", "line\nbreak", " dots. ", "a:b*c?", "\x00"]  # fmt: skip


def test_hostile_output_ids_stay_inside_the_target(client: ApiClient, tmp_path: pathlib.Path) -> None:
    target = tmp_path / "out"
    paths = download_results(client, {name: InlineOrRefDataInput(name) for name in HOSTILE_IDS}, target)
    assert len(paths) == len(HOSTILE_IDS) == len({path.name.casefold() for path in paths})
    for path, name in zip(paths, HOSTILE_IDS):
        assert path.resolve().parent == target.resolve() and path.read_text() == name
        assert len(path.name.encode()) <= 255
    assert listing(tmp_path) == ["out"] and len(listing(target)) == len(HOSTILE_IDS)
    assert paths[0].name == "_.._etc_passwd.txt" and paths[4].name == "_CON.txt" and paths[6].name == "output.txt"


def test_names_never_collide_within_a_call(client: ApiClient, tmp_path: pathlib.Path) -> None:
    paths = download_results(client, results(**{"a/b": 1, "a_b": 2, "A_B": 3, "a_b-2": 4}), tmp_path)
    assert [path.name for path in paths] == ["a_b.json", "a_b-2.json", "A_B-3.json", "a_b-2-2.json"]
    assert [path.read_text() for path in paths] == ["1", "2", "3", "4"]


def test_existing_files_are_replaced_by_default(client: ApiClient, tmp_path: pathlib.Path) -> None:
    (tmp_path / "a.txt").write_text("old")
    (path,) = download_results(client, results(a="new"), tmp_path)
    assert path.read_text() == "new"


def test_overwrite_false_keeps_an_existing_file(files: FileServer, client: ApiClient, tmp_path: pathlib.Path) -> None:
    (tmp_path / "a.txt").write_text("old")
    (tmp_path / "r.tif").write_text("old raster")
    with pytest.raises(DownloadError) as caught:
        download_results(client, results(a="new"), tmp_path, overwrite=False)
    assert caught.value.errno == errno.EEXIST and isinstance(caught.value, OpenApiException)
    file = File(b"new raster")
    files.add("/r.tif", file)
    with pytest.raises(DownloadError):
        download_results(client, results(r={"href": "/r.tif", "type": TIFF}), tmp_path, overwrite=False)
    assert (tmp_path / "a.txt").read_text() == "old" and (tmp_path / "r.tif").read_text() == "old raster"
    assert listing(tmp_path) == ["a.txt", "r.tif"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_links_in_the_target_are_replaced_never_followed(client: ApiClient, tmp_path: pathlib.Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("untouched")
    target = tmp_path / "out"
    target.mkdir()
    (target / "a.txt").symlink_to(outside)
    (target / "b.txt.part").symlink_to(outside)
    download_results(client, results(a="A", b="B"), target)
    assert outside.read_text() == "untouched"
    assert not (target / "a.txt").is_symlink() and (target / "a.txt").read_text() == "A"
    assert listing(target) == ["a.txt", "b.txt"]


def test_a_disk_error_is_a_download_error_that_keeps_the_oserror(
    files: FileServer, client: ApiClient, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    files.add("/d.bin", File(payload(100_000)))
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DownloadError) as caught:
        download_results(client, results(d={"href": "/d.bin"}), tmp_path)
    error = caught.value
    assert isinstance(error, OSError) and isinstance(error, OpenApiException) and error.errno == errno.ENOSPC
    assert isinstance(error.__cause__, OSError) and "No space left" in str(error) and "d.bin" in str(error)
    assert listing(tmp_path) == []


def test_unusable_targets_and_options_are_caller_errors(client: ApiClient, tmp_path: pathlib.Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(ApiValueError, match="not a folder"):
        download_results(client, results(a=1), tmp_path / "file")
    with pytest.raises(ApiValueError):
        download_results(client, results(a=1), "")
    with pytest.raises(ApiTypeError):
        download_results(client, results(a=1), 3)  # type: ignore[arg-type]
    with pytest.raises(ApiValueError, match="max_attempts"):
        download_results(client, results(a=1), tmp_path, max_attempts=0)
    with pytest.raises(ApiValueError, match="chunk_size"):
        download_results(client, results(a=1), tmp_path, chunk_size=0)
    with pytest.raises(ApiValueError):
        download_results(client, results(a={"href": "ftp://example.org/x"}), tmp_path)
    with pytest.raises(DownloadError):
        download_results(client, results(a=1), tmp_path / "file" / "below")
    assert listing(tmp_path) == ["file"]


def test_a_new_target_folder_is_created(client: ApiClient, tmp_path: pathlib.Path) -> None:
    (path,) = download_results(client, results(a=1), tmp_path / "x" / "y")
    assert path == tmp_path / "x" / "y" / "a.json" and path.read_text() == "1"


# --- credentials by origin ----------------------------------------------------------------------------------
def test_credentials_go_only_to_the_api_origin(
    httpserver: HTTPServer, files: FileServer, tmp_path: pathlib.Path
) -> None:
    httpserver.expect_request("/files/own.txt").respond_with_data(b"own", content_type="text/plain")
    moved = files.add("/moved.txt", File(b"moved"))
    httpserver.expect_request("/files/moved").respond_with_response(Response(status=302, headers={"Location": moved}))
    elsewhere = files.add("/other.txt", File(b"elsewhere"))
    config = Configuration(host=httpserver.url_for("/"), access_token=TOKEN, retries=FAST_RETRIES)
    answer = results(own={"href": "/files/own.txt"}, other={"href": elsewhere}, moved={"href": "/files/moved"})
    with ApiClient(config) as api_client:
        paths = download_results(api_client, answer, tmp_path)
    assert [path.read_bytes() for path in paths] == [b"own", b"elsewhere", b"moved"]
    sent = {request.path: request.headers.get("Authorization") for request, _ in httpserver.log}
    assert sent == {"/files/own.txt": f"Bearer {TOKEN}", "/files/moved": f"Bearer {TOKEN}"}
    seen = files.files["/other.txt"].requests + files.files["/moved.txt"].requests
    assert len(seen) == 2 and TOKEN not in json.dumps(seen)
    assert all("Authorization" not in request for request in seen)


# --- end to end: Job.download through Client --------------------------------------------------------------
def test_job_download_end_to_end(httpserver: HTTPServer, files: FileServer, tmp_path: pathlib.Path) -> None:
    raster = payload(3 << 20, b"raster")
    cut = File(raster, content_type=TIFF, cut_after=1 << 20, cuts=1)
    raster_url = files.add("/results/raster.tif", cut)
    httpserver.expect_request("/files/cube.nc").respond_with_data(b"CDF\x01", content_type="application/x-netcdf")
    answer = {
        "raster": {"href": raster_url, "type": TIFF, "rel": "related"},
        "cube": {"href": "/files/cube.nc", "type": "application/x-netcdf"},
        "summary": {"value": {"pixels": 42}, "mediaType": "application/json"},
        "message": "done",
    }
    httpserver.expect_request("/jobs/j1/results").respond_with_json(answer)
    with Client(httpserver.url_for("/"), access_token=TOKEN, retries=FAST_RETRIES) as client:
        paths = client.job("j1").download(tmp_path / "out")
    assert [pathlib.Path(path).name for path in paths] == ["raster.tif", "cube.nc", "summary.json", "message.txt"]
    assert (tmp_path / "out" / "raster.tif").read_bytes() == raster
    assert (tmp_path / "out" / "cube.nc").read_bytes() == b"CDF\x01"
    assert json.loads((tmp_path / "out" / "summary.json").read_text()) == {"pixels": 42}
    assert len(cut.requests) == 2 and cut.requests[1]["Range"] == f"bytes={1 << 20}-"
    assert all("Authorization" not in request for request in cut.requests)
    cube_request = next(request for request, _ in httpserver.log if request.path == "/files/cube.nc")
    assert cube_request.headers.get("Authorization") == f"Bearer {TOKEN}"


# --- the file name of any output id ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def scratch() -> Iterator[pathlib.Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield pathlib.Path(folder).resolve()


EXTENSIONS = st.sampled_from(["", ".tif", ".json", ".tar.gz", ".bin", "/../x", ".TXT"])


@settings(max_examples=300, deadline=None)
@given(output_id=st.text(alphabet=st.characters(exclude_categories=()), max_size=300), extension=EXTENSIONS)
def test_any_output_id_gives_a_safe_stable_name(scratch: pathlib.Path, output_id: str, extension: str) -> None:
    name = safe_file_name(output_id, extension)
    assert name and name == safe_file_name(output_id, extension)  # never empty, always the same
    assert name not in (".", "..") and "/" not in name and "\\" not in name and "\x00" not in name
    assert name.split(".", 1)[0].upper() not in ("CON", "PRN", "AUX", "NUL")
    assert len(name.encode("utf-8")) <= MAX_STEM_BYTES + 22
    path = scratch / name
    assert path.resolve().parent == scratch
    path.write_bytes(b"")  # a name the file system takes
    path.unlink()


@settings(max_examples=100, deadline=None)
@given(first=st.text(max_size=40), second=st.text(max_size=40))
def test_different_long_ids_keep_different_names(first: str, second: str) -> None:
    long_first, long_second = "x" * 400 + first, "x" * 400 + second
    if long_first != long_second:
        assert safe_file_name(long_first) != safe_file_name(long_second)
