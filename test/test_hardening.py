"""The promises of the transport core, each reproduced over a real socket: released connections, no
second try once an answer started (but for GET), case-insensitive headers, deadlines for whole calls,
undeclared 2xx, checked bodies, credentials kept to their origin, typed caller errors, host userinfo,
permanent failures not retried, Retry-After dates in UTC, non-JSON 201 answers, logging settings."""

from __future__ import annotations

import decimal
import email.utils
import json
import logging
import os
import socket
import time
from typing import Any, Callable, Dict, Iterator

import pytest

import unity_sps_ogc_processes_api_python_client as ogc
from unity_sps_ogc_processes_api_python_client import (
    ApiClient,
    ApiConnectionError,
    ApiIncompleteResponseError,
    ApiTimeoutError,
    ApiTooManyRedirectsError,
    ApiTypeError,
    ApiValueError,
    Configuration,
    DRUApi,
    JobsApi,
    OpenApiException,
    ProcessesApi,
    RetryPolicy,
)
from unity_sps_ogc_processes_api_python_client.retry import parse_retry_after

from .conftest import Serve, status
from .keepalive_server import RawRequest, Reply, answer

FAST = RetryPolicy(max_retries=2, backoff_factor=0.01, backoff_max=0.05)
STATUS_BODY = json.dumps(status(jobID="x")).encode()
OK = answer(200, STATUS_BODY)


def client(url: str, **settings: Any) -> ApiClient:
    config = Configuration(host=url, retries=settings.pop("retries", FAST), connect_timeout=2, read_timeout=5)
    for name, value in settings.items():
        setattr(config, name, value)
    return ApiClient(config)


# --- 1. a malformed Retry-After never escapes, and every response goes back to the pool --------------------
@pytest.mark.parametrize("retry_after", [b"\xb2", b"1e3", b"-1", b"9" * 400, b"Sun, 99 Foo 2026", b"\xff\xfe"])
@pytest.mark.parametrize("retries", [0, 2])
def test_malformed_retry_after_is_ignored(serve: Serve, retry_after: bytes, retries: int) -> None:
    reply = answer(503, b'{"title": "busy"}').replace(b"\r\n\r\n", b"\r\nRetry-After: " + retry_after + b"\r\n\r\n", 1)
    server = serve(lambda request: reply)
    with client(server.url, retries=RetryPolicy(max_retries=retries, backoff_factor=0.001)) as api_client:
        for _ in range(3):  # GET (retried when allowed) and POST (never)
            with pytest.raises(ogc.ServiceException) as caught:
                JobsApi(api_client).get_status_jobs_job_id_get("x")
            assert caught.value.status == 503
            with pytest.raises(ogc.ServiceException):
                ProcessesApi(api_client).execute_processes_process_id_execution_post(
                    "echo", execute_workflows={"inputs": {}}
                )
    posts = [r for r in server.requests if r.method == "POST"]
    assert len(posts) == 3
    assert len(server.requests) == 3 * (retries + 1) + 3
    assert server.connections == 1  # every answer, retried or raised, went back to the pool


@pytest.mark.parametrize(
    "reply",
    [
        answer(404, b'{"title": "gone"}'),
        answer(500, b"<html>oops</html>", "text/html"),
        answer(200, b"<html>not json</html>", "text/html"),
        answer(200, b'{"jobID": 1}'),
        answer(503, b"{}", Retry_After="0"),
        answer(302, b"", Location="/jobs/x"),
        answer(400, b"x" * 200_000, "text/plain"),
    ],
    ids=["404", "500-html", "200-html", "200-invalid", "503-retried", "redirect-loop", "large-error"],
)
def test_every_response_goes_back_to_the_pool(serve: Serve, reply: bytes) -> None:
    server = serve(lambda request: reply)
    with client(server.url, connection_pool_maxsize=1) as api_client:
        for _ in range(4):
            with pytest.raises(OpenApiException):
                JobsApi(api_client).get_status_jobs_job_id_get("x", _request_timeout=5)
    assert len(server.requests) >= 4
    assert server.connections == 1


def test_a_streamed_error_is_read_and_released(serve: Serve) -> None:
    server = serve(lambda request: answer(404, b'{"title": "gone"}'))
    with client(server.url, connection_pool_maxsize=1) as api_client:
        for _ in range(3):
            with pytest.raises(ogc.NotFoundException) as caught:
                JobsApi(api_client).get_status_jobs_job_id_get_without_preload_content("x")
            assert caught.value.body == '{"title": "gone"}'
    assert server.connections == 1


# --- 2. once a status line arrived, only GET/HEAD go again ----------------------------------------------
def cut_short(status_code: int, body: bytes) -> Callable[[RawRequest], Reply]:
    def respond(request: RawRequest) -> Reply:
        def write(sock: socket.socket) -> bool:
            sock.sendall(answer(status_code, body)[: -len(body) // 2])
            return False  # close: the answer is cut short

        return write

    return respond


@pytest.mark.parametrize(
    "call",
    [
        lambda c: JobsApi(c).dismiss_jobs_job_id_delete("x"),
        lambda c: DRUApi(c).undeploy_processes_process_id_delete("echo"),
        lambda c: DRUApi(c).replace_processes_process_id_put("echo", ogcapppkg={"processDescription": {}}),
        lambda c: ProcessesApi(c).execute_processes_process_id_execution_post("echo", execute_workflows={}),
    ],
    ids=["dismiss", "undeploy", "replace", "execute"],
)
def test_an_answer_cut_short_is_not_sent_again(serve: Serve, call: Callable[[ApiClient], Any]) -> None:
    body = json.dumps(status(jobID="x", status="dismissed")).encode()
    server = serve(cut_short(200, body))
    with client(server.url) as api_client, pytest.raises(ApiIncompleteResponseError) as caught:
        call(api_client)
    assert len(server.requests) == 1  # the change may have happened: never a second request
    assert caught.value.status == 200
    assert caught.value.raw_body is not None and len(caught.value.raw_body) > 0
    assert body.startswith(caught.value.raw_body)


@pytest.mark.parametrize(
    "head", [b"Content-Length: 2\r\nContent-Length: 3\r\n", b"Content-Length: x\r\n", b"Content-Length: -1\r\n"]
)
def test_an_answer_with_an_unusable_head_is_not_sent_again(serve: Serve, head: bytes) -> None:
    server = serve(lambda request: lambda sock: (sock.sendall(b"HTTP/1.1 200 OK\r\n" + head + b"\r\n{}"), False)[1])
    with client(server.url) as api_client, pytest.raises(OpenApiException):
        JobsApi(api_client).dismiss_jobs_job_id_delete("x")
    assert len(server.requests) == 1


def test_a_get_answer_cut_short_is_fetched_again(serve: Serve) -> None:
    server = serve(cut_short(200, STATUS_BODY))
    with client(server.url) as api_client, pytest.raises(ApiIncompleteResponseError):
        JobsApi(api_client).get_status_jobs_job_id_get("x")
    assert len(server.requests) == 3


@pytest.mark.parametrize("fault", ["reset", "503", "silence"])
def test_post_is_never_sent_twice(serve: Serve, fault: str) -> None:
    def respond(request: RawRequest) -> Reply:
        if fault == "503":
            return answer(503, b"{}", Retry_After="0")
        if fault == "silence":
            return lambda sock: (time.sleep(0.6), False)[1]
        return lambda sock: False  # closed without an answer

    server = serve(respond)
    with client(server.url, read_timeout=0.3) as api_client, pytest.raises(OpenApiException):
        ProcessesApi(api_client).execute_processes_process_id_execution_post("echo", execute_workflows={"inputs": {}})
    assert [r.method for r in server.requests] == ["POST"]


# --- 3. header names are case-insensitive ---------------------------------------------------------------
def test_a_call_header_replaces_the_same_header_in_any_case(serve: Serve) -> None:
    server = serve(lambda request: OK)
    with client(server.url, access_token="configured") as api_client:
        api_client.set_default_header("x-trace", "default")
        JobsApi(api_client).get_status_jobs_job_id_get(
            "x", _headers={"authorization": "Bearer b", "accept": "application/geo+json", "X-TRACE": "call"}
        )
    request = server.requests[0]
    assert request.header("Authorization") == ["Bearer b"]
    assert request.header("Accept") == ["application/geo+json"]
    assert request.header("X-Trace") == ["call"]


def test_request_auth_replaces_a_configured_header_in_any_case(serve: Serve) -> None:
    server = serve(lambda request: OK)
    with client(server.url, access_token="configured") as api_client:
        JobsApi(api_client).get_status_jobs_job_id_get(
            "x", _request_auth={"in": "header", "key": "authorization", "value": "Bearer per-call"}
        )
    assert server.requests[0].header("Authorization") == ["Bearer per-call"]


# --- 4. a number is a deadline for the whole call -------------------------------------------------------
def drip(head: bytes, body: bytes, every: float) -> Callable[[RawRequest], Reply]:
    def respond(request: RawRequest) -> Reply:
        def write(sock: socket.socket) -> bool:
            for i in range(len(head + body)):
                sock.sendall((head + body)[i : i + 1])
                time.sleep(every)
            return False

        return write

    return respond


@pytest.mark.parametrize("phase", ["body", "headers"])
def test_a_dripping_server_cannot_hold_a_call_past_its_deadline(serve: Serve, phase: str) -> None:
    head = answer(200, STATUS_BODY)[: -len(STATUS_BODY)]
    if phase == "headers":
        server = serve(drip(head, STATUS_BODY, 0.05))
    else:
        server = serve(
            lambda request: lambda sock: (sock.sendall(head), drip(b"", STATUS_BODY, 0.05)(request)(sock))[1]
        )
    with client(server.url) as api_client:
        started = time.monotonic()
        with pytest.raises(ApiTimeoutError) as caught:
            JobsApi(api_client).get_status_jobs_job_id_get("x", _request_timeout=1.0)
        elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 1.5, elapsed
    assert "deadline of 1 s" in str(caught.value)
    assert len(server.requests) == 1  # not retried: the deadline is spent


def test_the_deadline_covers_retries_and_waits(serve: Serve) -> None:
    server = serve(lambda request: answer(503, b"{}", Retry_After="1"))
    policy = RetryPolicy(max_retries=10, retry_after_max=5)
    with client(server.url, retries=policy) as api_client:
        started = time.monotonic()
        with pytest.raises(ogc.ServiceException):
            JobsApi(api_client).get_status_jobs_job_id_get("x", _request_timeout=2.5)
        elapsed = time.monotonic() - started
    assert elapsed < 2.5
    assert len(server.requests) == 3  # waits of 1 s fit twice in 2.5 s, not a third time


def test_no_backoff_outlives_the_deadline(serve: Serve) -> None:
    server = serve(lambda request: lambda sock: False)  # every connection closed without an answer
    policy = RetryPolicy(max_retries=5, backoff_factor=0.8, backoff_max=5)  # waits of 0.4-0.8 s, 0.8-1.6 s, ...
    with client(server.url, retries=policy) as api_client:
        started = time.monotonic()
        with pytest.raises(ApiConnectionError):
            JobsApi(api_client).get_status_jobs_job_id_get("x", _request_timeout=1.0)
        elapsed = time.monotonic() - started
    assert elapsed < 1.0
    assert 1 <= len(server.requests) <= 2


def test_a_configured_deadline_applies_to_every_call(serve: Serve) -> None:
    server = serve(drip(answer(200, STATUS_BODY)[: -len(STATUS_BODY)], STATUS_BODY, 0.05))
    with client(server.url, timeout=0.5) as api_client:
        for _ in range(2):
            started = time.monotonic()
            with pytest.raises(ApiTimeoutError):
                JobsApi(api_client).get_status_jobs_job_id_get("x")
            assert time.monotonic() - started < 1.0


def test_a_pair_keeps_its_per_phase_meaning(serve: Serve) -> None:
    # every byte comes within the read timeout of 0.5 s: the call takes as long as the server drips
    body = STATUS_BODY[:200] if len(STATUS_BODY) > 200 else STATUS_BODY
    server = serve(drip(answer(200, body)[: -len(body)], body, 0.002))
    with client(server.url) as api_client:
        started = time.monotonic()
        with pytest.raises(OpenApiException):  # the body is cut to 200 bytes: not a whole status
            JobsApi(api_client).get_status_jobs_job_id_get("x", _request_timeout=(1, 0.5))
    assert len(server.requests) == 1
    assert time.monotonic() - started > 0.5


def test_the_deadline_does_not_outlive_its_call(serve: Serve) -> None:
    # a connection handed back to the pool must never be cut by the alarm of an earlier call
    server = serve(lambda request: OK)
    with client(server.url) as api_client:
        for _ in range(5):
            JobsApi(api_client).get_status_jobs_job_id_get("x", _request_timeout=0.3)
        time.sleep(0.4)
        JobsApi(api_client).get_status_jobs_job_id_get("x")
    assert server.connections == 1


# --- 5. an undeclared 2xx keeps its body --------------------------------------------------------------------
@pytest.mark.parametrize("code", [203, 206, 226])
def test_an_undeclared_2xx_is_decoded_as_the_success_type(serve: Serve, code: int) -> None:
    jobs = json.dumps({"jobs": [status(jobID="a")], "links": []}).encode()
    server = serve(lambda request: answer(code, jobs if request.target.startswith("/jobs?") or
                                          request.target == "/jobs" else STATUS_BODY))  # fmt: skip
    with client(server.url) as api_client:
        assert JobsApi(api_client).get_status_jobs_job_id_get("x").job_id == "x"
        assert JobsApi(api_client).get_jobs_jobs_get().jobs[0].job_id == "a"
        info = JobsApi(api_client).get_status_jobs_job_id_get_with_http_info("x")
    assert info.status_code == code and info.data is not None


# --- 6. one check for every body ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("inputs", "error"),
    [
        ({"x": float("nan")}, ApiValueError),
        ({"x": float("inf")}, ApiValueError),
        ({"x": decimal.Decimal("1.10")}, ApiTypeError),
        ({"x": {1, 2}}, ApiTypeError),
        ({"x": b"bytes"}, ApiTypeError),
        ({1: "non-string key"}, ApiTypeError),
    ],
)
def test_a_body_without_a_json_form_is_refused_before_sending(serve: Serve, inputs: Any, error: type) -> None:
    server = serve(lambda request: OK)
    with client(server.url) as api_client, pytest.raises(error) as caught:
        ProcessesApi(api_client).execute_processes_process_id_execution_post(
            "echo", execute_workflows={"inputs": inputs}
        )
    assert "inputs" in str(caught.value)
    assert server.requests == []


def test_a_body_that_contains_itself_is_refused(serve: Serve) -> None:
    server = serve(lambda request: OK)
    loop: Dict[str, Any] = {}
    loop["self"] = loop
    deep: Any = []
    for _ in range(5000):
        deep = [deep]
    with client(server.url) as api_client:
        processes = ProcessesApi(api_client)
        with pytest.raises(ApiValueError, match="contains itself"):
            processes.execute_processes_process_id_execution_post("echo", execute_workflows={"inputs": loop})
        with pytest.raises(ApiValueError, match="nested too deeply"):
            processes.execute_processes_process_id_execution_post("echo", execute_workflows={"inputs": {"d": deep}})
    assert server.requests == []


def test_a_value_used_twice_is_not_a_loop(serve: Serve) -> None:
    server = serve(lambda request: answer(201, b"", Location="/jobs/j1"))
    shared = {"a": 1}
    with client(server.url) as api_client:
        ProcessesApi(api_client).execute_processes_process_id_execution_post(
            "echo", execute_workflows={"inputs": {"one": shared, "two": [shared, shared]}}
        )
    assert json.loads(server.requests[0].body) == {"inputs": {"one": {"a": 1}, "two": [{"a": 1}, {"a": 1}]}}


# --- 7. credentials never cross origins -----------------------------------------------------------------
def test_a_redirect_to_another_origin_drops_every_credential(serve: Serve) -> None:
    target = serve(lambda request: OK)
    source = serve(lambda request: answer(307, b"", Location=target.url + "/moved/jobs/x"))
    with client(source.url, access_token="t0ken") as api_client:
        api_client.cookie = "session=s3cret"
        api_client.configuration.api_key = {"X-API-Key": "k3y"}
        JobsApi(api_client).get_status_jobs_job_id_get("x", _headers={"Proxy-Authorization": "Basic cHJveHk="})
        JobsApi(api_client).get_status_jobs_job_id_get(
            "x", _request_auth={"in": "header", "key": "X-Custom-Token", "value": "per-call"}
        )
    first, second = source.requests
    assert first.header("Authorization") == ["Bearer t0ken"] and first.header("Cookie") == ["session=s3cret"]
    assert first.header("X-API-Key") == ["k3y"] and first.header("Proxy-Authorization")
    assert second.header("X-Custom-Token") == ["per-call"]
    for request in target.requests:
        for name in ("Authorization", "Cookie", "X-API-Key", "Proxy-Authorization", "X-Custom-Token"):
            assert request.header(name) == [], name
    assert len(target.requests) == 2


def test_a_redirect_within_the_origin_keeps_the_credentials(serve: Serve) -> None:
    server = serve(lambda request: answer(301, b"", Location="/moved/jobs/x") if request.target == "/jobs/x" else OK)
    with client(server.url, access_token="t0ken") as api_client:
        api_client.cookie = "session=s3cret"
        JobsApi(api_client).get_status_jobs_job_id_get("x")
    assert server.requests[1].target == "/moved/jobs/x"
    assert server.requests[1].header("Authorization") == ["Bearer t0ken"]
    assert server.requests[1].header("Cookie") == ["session=s3cret"]


def test_post_does_not_follow_redirects(serve: Serve) -> None:
    server = serve(lambda request: answer(303, b"", Location="/jobs/j1"))
    with client(server.url) as api_client:
        info = ProcessesApi(api_client).execute_processes_process_id_execution_post_with_http_info(
            "echo", execute_workflows={}
        )
    assert info.status_code == 303 and info.headers["Location"] == "/jobs/j1"
    assert [r.method for r in server.requests] == ["POST"]


# --- 8. caller mistakes are typed errors of this package ---------------------------------------------------
@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"_request_timeout": float("inf")}, ApiValueError),
        ({"_request_timeout": float("nan")}, ApiValueError),
        ({"_request_timeout": (1, float("inf"))}, ApiValueError),
        ({"_request_timeout": "5"}, ApiValueError),
        ({"_request_auth": {"in": "header"}}, ApiValueError),
        ({"_request_auth": {"in": "body", "key": "k", "value": "v"}}, ApiValueError),
        ({"_request_auth": "Bearer x"}, ApiTypeError),
        ({"_headers": "X: y"}, ApiTypeError),
        ({"_headers": {"X": "a\r\nInjected: 1"}}, ApiValueError),
        ({"_headers": {"Bad Name": "v"}}, ApiValueError),
    ],
)
def test_unusable_options_are_package_errors(serve: Serve, options: Dict[str, Any], error: type) -> None:
    server = serve(lambda request: OK)
    with client(server.url) as api_client, pytest.raises(error):
        JobsApi(api_client).get_status_jobs_job_id_get("x", **options)
    assert server.requests == []


@pytest.mark.parametrize(
    "settings",
    [
        {"read_timeout": float("inf")},
        {"connect_timeout": float("nan")},
        {"timeout": float("inf")},
        {"timeout": 0},
        {"host": "http://[::1"},
        {"host": "http://example.org:port"},
        {"host": "ftp://example.org"},
        {"host": "http://"},
    ],
)
def test_unusable_settings_are_package_errors(settings: Dict[str, Any]) -> None:
    with pytest.raises(ApiValueError):
        Configuration(**settings)


def test_unusable_retry_policies_are_package_errors() -> None:
    for values in ({"backoff_max": float("inf")}, {"retry_after_max": float("nan")}, {"max_retries": -1}):
        with pytest.raises(ApiValueError):
            RetryPolicy(**values)


# --- 9. credentials in the host URL are sent as Basic auth and never shown ------------------------------
def test_userinfo_in_the_host_is_sent_as_basic_auth_and_never_shown(
    serve: Serve, caplog: pytest.LogCaptureFixture
) -> None:
    server = serve(lambda request: answer(503, b"{}") if len(server.requests) == 1 else OK)
    url = server.url.replace("http://", "http://us%40er:pa55%3Aword@")
    caplog.set_level(logging.DEBUG, logger="unity_sps_ogc_processes_api_python_client")
    config = Configuration(host=url, retries=FAST)
    assert config.host == server.url
    with ApiClient(config) as api_client:
        JobsApi(api_client).get_status_jobs_job_id_get("x")
    expected = "Basic " + __import__("base64").b64encode(b"us@er:pa55:word").decode()
    assert [r.header("Authorization") for r in server.requests] == [[expected], [expected]]
    assert "retry 1" in caplog.text
    for text in (repr(config), str(config), caplog.text, repr(api_client)):
        assert "pa55" not in text and "us%40er" not in text


def test_userinfo_is_not_shown_in_errors() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = Configuration(host=f"http://user:pa55word@127.0.0.1:{port}", retries=0)
    with ApiClient(config) as api_client, pytest.raises(ApiConnectionError) as caught:
        JobsApi(api_client).get_status_jobs_job_id_get("x")
    assert "pa55word" not in str(caught.value) + repr(caught.value) + str(caught.value.url)
    with pytest.raises(ApiValueError) as refused:
        Configuration(host="http://user:pa55word@[::1")
    assert "pa55word" not in str(refused.value)


# --- 10. permanent failures are not retried ---------------------------------------------------------------
def test_a_redirect_loop_is_not_retried(serve: Serve) -> None:
    server = serve(lambda request: answer(302, b"", Location="/jobs/x"))
    policy = RetryPolicy(max_retries=3)
    with client(server.url, retries=policy) as api_client, pytest.raises(ApiTooManyRedirectsError) as caught:
        JobsApi(api_client).get_status_jobs_job_id_get("x")
    assert len(server.requests) == 6  # the request and 5 redirects, once
    assert str(caught.value).startswith("too many redirects")
    assert caught.value.status == 302


# --- 11. Retry-After dates are UTC -------------------------------------------------------------------------
@pytest.fixture
def far_from_utc() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Pacific/Kiritimati"  # UTC+14: a date read as local time is 14 hours off
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


@pytest.mark.parametrize(
    "form",
    [
        lambda t: email.utils.formatdate(t, usegmt=True),  # IMF-fixdate
        lambda t: time.strftime("%A, %d-%b-%y %H:%M:%S GMT", time.gmtime(t)),  # RFC 850
        lambda t: time.asctime(time.gmtime(t)),  # asctime: no zone at all
        lambda t: email.utils.formatdate(t).replace("+0000", "-0000"),  # "-0000": UTC, source unknown
    ],
    ids=["imf", "rfc850", "asctime", "minus-zero"],
)
def test_retry_after_dates_are_utc(far_from_utc: None, form: Callable[[float], str]) -> None:
    delay = parse_retry_after(form(time.time() + 30))
    assert delay is not None and 28 <= delay <= 31


@pytest.mark.parametrize("value", ["\u00b2", "1e3", "-1", "9" * 400, "", "  ", "soon", "1.5"])
def test_retry_after_values_that_are_no_delay(value: str) -> None:
    assert parse_retry_after(value) is None


# --- 15. a 201 with text and a Location is a job; an empty dismissal is a success --------------------------
@pytest.mark.parametrize(
    ("body", "content_type"), [(b"Created", "text/plain"), (b"<html><body>Job created</body></html>", "text/html")]
)
def test_a_created_job_answered_with_text_is_built_from_location(serve: Serve, body: bytes, content_type: str) -> None:
    server = serve(lambda request: answer(201, body, content_type, Location="/jobs/j%2F1"))
    with client(server.url) as api_client:
        job = ProcessesApi(api_client).execute_processes_process_id_execution_post(
            "echo", prefer="respond-async", execute_workflows={}
        )
    assert isinstance(job, ogc.StatusInfo)
    assert job.job_id == "j/1" and job.status.value == "accepted"


@pytest.mark.parametrize("location", ["http://[::1", "", "/"])
def test_a_created_job_with_an_unusable_location_is_a_validation_error(serve: Serve, location: str) -> None:
    server = serve(lambda request: answer(201, b"", Location=location))
    with client(server.url) as api_client, pytest.raises(ogc.ApiResponseValidationError, match="names no job"):
        ProcessesApi(api_client).execute_processes_process_id_execution_post("echo", execute_workflows={})


@pytest.mark.parametrize("code", [200, 204])
def test_an_empty_dismissal_is_a_success(serve: Serve, code: int) -> None:
    server = serve(lambda request: answer(code, b"", content_type=""))
    with client(server.url) as api_client:
        dismissed = JobsApi(api_client).dismiss_jobs_job_id_delete("j-1")
    assert isinstance(dismissed, ogc.StatusInfo)
    assert dismissed.job_id == "j-1" and dismissed.status.value == "dismissed"


# --- 16. the logging settings ------------------------------------------------------------------------------
def test_logger_file_and_format_are_honoured(serve: Serve, tmp_path: Any) -> None:
    server = serve(lambda request: OK)
    config = Configuration(host=server.url)
    config.logger_format = "LINE %(levelname)s %(message)s"
    config.logger_file = str(tmp_path / "client.log")
    config.debug = True
    with ApiClient(config) as api_client:
        JobsApi(api_client).get_status_jobs_job_id_get("x")
    config.logger_file = None  # closes the file
    lines = (tmp_path / "client.log").read_text().splitlines()
    assert any(line.startswith("LINE DEBUG GET ") and "/jobs/x -> 200" in line for line in lines), lines


def test_debug_is_per_configuration(serve: Serve, caplog: pytest.LogCaptureFixture) -> None:
    server = serve(lambda request: OK)
    caplog.handler.setLevel(logging.DEBUG)  # shows what reaches it; the loggers' levels stay as they are
    assert logging.getLogger().getEffectiveLevel() == logging.WARNING
    loud, quiet = Configuration(host=server.url + "/loud", debug=True), Configuration(host=server.url + "/quiet")
    quiet.debug = True
    quiet.debug = False  # turning one off leaves the other on
    with ApiClient(loud) as a, ApiClient(quiet) as b:
        JobsApi(a).get_status_jobs_job_id_get("x")
        JobsApi(b).get_status_jobs_job_id_get("x")
    assert "/loud/jobs/x -> 200" in caplog.text
    assert "/quiet/jobs/x" not in caplog.text
    assert logging.getLogger("unity_sps_ogc_processes_api_python_client").level == logging.NOTSET


def test_a_copy_of_a_configuration_logs_on_its_own(tmp_path: Any) -> None:
    config = Configuration(debug=True)
    config.logger_file = str(tmp_path / "a.log")
    Configuration.set_default(config)
    try:
        copied = Configuration.get_default()
    finally:
        Configuration.set_default(None)
    assert copied.debug and copied.logger_file == config.logger_file
    assert copied.logger["package_logger"] is not config.logger["package_logger"]
    copied.debug = False
    assert config.debug


def test_an_html_error_page_is_one_line_of_its_title(serve: Serve) -> None:
    page = (
        b"<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>x</p>"
    )
    server = serve(lambda request: answer(405, page, "text/html; charset=utf-8"))
    with client(server.url) as api_client, pytest.raises(ogc.ApiException) as caught:
        JobsApi(api_client).get_status_jobs_job_id_get("x")
    assert str(caught.value) == "(405) X: 405 Method Not Allowed"
    assert caught.value.body == page.decode()  # the whole page is kept
