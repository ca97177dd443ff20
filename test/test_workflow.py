"""Client and Job against local servers: waiting (backoff, deadline, transient trouble, failures, progress,
Ctrl-C), paging in every style (offset, token, Link header, loops, empty last pages), client-side filters."""

from __future__ import annotations

import json
import signal
import threading
import time
import urllib.parse
from typing import Any, Dict, List, Optional

import pytest

from unity_sps_ogc_processes_api_python_client import (
    ApiConnectionError,
    ApiValueError,
    Client,
    Job,
    JobDismissedError,
    JobFailedError,
    JobTimeoutError,
    NotFoundException,
    PollPolicy,
    ServiceException,
    StatusInfo,
)

from .conftest import Serve, status
from .keepalive_server import RawRequest, Reply, answer

FAST = PollPolicy(first=0.01, factor=1.5, max_interval=0.05, jitter=0.1, max_failures=8)


def body(document: Any) -> bytes:
    return json.dumps(document).encode()


def job_status(state: str, **changes: Any) -> bytes:
    return body(status(jobID="j1", status=state, **changes))


class Script:
    """A job that runs through the given statuses, one per poll (the last one repeats)."""

    def __init__(self, *answers: Reply) -> None:
        self.answers = list(answers)
        self.polls = 0
        self.times: List[float] = []

    def __call__(self, request: RawRequest) -> Reply:
        if request.target.startswith("/jobs/j1/results"):
            return answer(400, body({"code": "InvalidParameterValue", "description": "Cannot process without a name"}))
        if request.method == "DELETE":
            return answer(200, job_status("dismissed"))
        self.times.append(time.monotonic())
        self.polls += 1
        return self.answers[min(self.polls, len(self.answers)) - 1]


def test_wait_polls_soon_then_less_often_and_returns_the_final_status(serve: Serve) -> None:
    script = Script(*[answer(200, job_status("running", progress=n)) for n in range(0, 100, 10)],
                    answer(200, job_status("successful", progress=100)))  # fmt: skip
    server = serve(script)
    seen: List[StatusInfo] = []
    policy = PollPolicy(first=0.02, factor=2.0, max_interval=0.2, jitter=0.0)
    with Client(server.url, poll=policy) as client:
        started = time.monotonic()
        final = client.job("j1").wait(timeout=30, progress=seen.append)
    assert final.status.value == "successful"
    assert script.times[0] - started < 0.5  # a job never looked at is looked at at once
    gaps = [b - a for a, b in zip(script.times, script.times[1:])]
    assert gaps[0] < 0.1 and max(gaps) < 0.35 and gaps[-1] > gaps[0]
    assert [s.progress for s in seen] == [*range(0, 100, 10), 100]  # each change once


def test_the_callback_gets_only_statuses_that_differ(serve: Serve) -> None:
    same = answer(200, job_status("running", progress=50, message="half"))
    server = serve(Script(same, same, same, answer(200, job_status("successful"))))
    seen: List[str] = []
    with Client(server.url, poll=FAST) as client:
        client.job("j1").wait(timeout=10, progress=lambda s: seen.append(s.status.value))
    assert seen == ["running", "successful"]


def test_wait_rides_out_busy_answers_and_broken_connections(serve: Serve) -> None:
    def broken(sock: Any) -> bool:
        return False  # closed without an answer

    script = Script(answer(200, job_status("running")), answer(503, b"{}", Retry_After="0"), broken,
                    answer(502, b"<html>bad gateway</html>", "text/html"), answer(429, b"{}"), broken,
                    answer(200, job_status("successful")))  # fmt: skip
    server = serve(script)
    with Client(server.url, poll=FAST, retries=0) as client:
        assert client.job("j1").wait(timeout=20).status.value == "successful"
    assert script.polls == 7


def test_wait_gives_up_after_too_many_failures_in_a_row(serve: Serve) -> None:
    server = serve(Script(answer(200, job_status("running")), answer(503, b"{}")))
    policy = PollPolicy(first=0.01, max_interval=0.02, max_failures=3)
    with Client(server.url, poll=policy, retries=0) as client, pytest.raises(ServiceException) as caught:
        client.job("j1").wait(timeout=20)
    assert caught.value.status == 503
    assert len(server.requests) == 1 + 4


def test_a_permanent_error_is_raised_at_once(serve: Serve) -> None:
    server = serve(Script(answer(404, body({"code": "NoSuchJob", "description": "job not found"}))))
    with Client(server.url, poll=FAST) as client, pytest.raises(NotFoundException):
        client.job("j1").wait(timeout=10)
    assert len(server.requests) == 1


def test_a_job_that_never_ends_times_out_on_time(serve: Serve) -> None:
    server = serve(Script(answer(200, job_status("running", progress=42))))
    policy = PollPolicy(first=0.05, factor=3, max_interval=5)  # intervals that would overshoot the deadline
    with Client(server.url, poll=policy) as client:
        job = client.job("j1")
        started = time.monotonic()
        with pytest.raises(JobTimeoutError) as caught:
            job.wait(timeout=1.0)
        elapsed = time.monotonic() - started
    assert 1.0 <= elapsed < 1.4, elapsed
    assert caught.value.status_info is not None and caught.value.status_info.progress == 42
    assert "did not end within 1 s (last status: running)" in str(caught.value)


def test_a_failed_job_says_why(serve: Serve) -> None:
    server = serve(Script(answer(200, job_status("running")),
                          answer(200, job_status("failed", message="Error executing process"))))  # fmt: skip
    with Client(server.url, poll=FAST) as client, pytest.raises(JobFailedError) as caught:
        client.job("j1").wait(timeout=10)
    error = caught.value
    assert error.status_info is not None and error.status_info.status.value == "failed"
    assert str(error) == (
        "job j1 failed: Error executing process; InvalidParameterValue: Cannot process without a name"
    )
    assert error.reason is not None and "Cannot process without a name" in error.reason


def test_a_dismissed_job_raises(serve: Serve) -> None:
    server = serve(Script(answer(200, job_status("dismissed", message="Job dismissed"))))
    with Client(server.url, poll=FAST) as client, pytest.raises(JobDismissedError, match="dismissed"):
        client.job("j1").wait(timeout=10)


def test_ctrl_c_dismisses_the_job_when_asked(serve: Serve) -> None:
    script = Script(answer(200, job_status("running")))
    server = serve(script)

    def interrupt() -> None:
        while script.polls < 2:
            time.sleep(0.01)
        signal.raise_signal(signal.SIGINT)

    with Client(server.url, poll=FAST) as client:
        threading.Thread(target=interrupt, daemon=True).start()
        with pytest.raises(KeyboardInterrupt):
            client.job("j1").wait(timeout=10, cancel_on_interrupt=True)
    assert server.requests[-1].method == "DELETE"


def test_ctrl_c_leaves_the_job_running_by_default(serve: Serve) -> None:
    script = Script(answer(200, job_status("running")))
    server = serve(script)
    threading.Timer(0.2, signal.raise_signal, (signal.SIGINT,)).start()
    with Client(server.url, poll=FAST) as client, pytest.raises(KeyboardInterrupt):
        client.job("j1").wait(timeout=10)
    assert {r.method for r in server.requests} == {"GET"}


def test_progress_true_writes_one_line_per_change_when_not_a_terminal(
    serve: Serve, capsys: pytest.CaptureFixture[str]
) -> None:
    server = serve(Script(answer(200, job_status("running", progress=10, message="tile 1")),
                          answer(200, job_status("running", progress=10, message="tile 1")),
                          answer(200, job_status("successful", progress=100, message="done"))))  # fmt: skip
    with Client(server.url, poll=FAST) as client:
        client.job("j1").wait(timeout=10, progress=True)
    assert capsys.readouterr().err.splitlines() == [
        "job j1: running 10% tile 1",
        "job j1: successful 100% done",
    ]


# --- execute ------------------------------------------------------------------------------------------------
def describe(options: List[str]) -> bytes:
    return body({"id": "p", "version": "1", "jobControlOptions": options, "inputs": {}, "outputs": {}})


@pytest.mark.parametrize(("options", "prefer"), [(["sync-execute", "async-execute"], ["respond-async"]),
                                                  (["sync-execute"], []), ([], [])])  # fmt: skip
def test_execute_auto_runs_async_when_the_process_allows_it(
    serve: Serve, options: List[str], prefer: List[str]
) -> None:
    def respond(request: RawRequest) -> Reply:
        if request.method == "GET":
            return answer(200, describe(options))
        if request.header("Prefer"):
            return answer(201, b"", Location="/jobs/a1")
        return answer(200, body({"out": {"value": 42}}), Location="/jobs/s1")

    server = serve(respond)
    with Client(server.url) as client:
        job = client.execute("p", {"x": 1}, outputs={"out": {}}, response="document")
    post = server.requests[-1]
    assert post.header("Prefer") == prefer
    assert json.loads(post.body) == {"inputs": {"x": 1}, "outputs": {"out": {}}, "response": "document"}
    if prefer:
        assert job.id == "a1" and job.status is not None and job.status.status.value == "accepted"
    else:  # synchronous: the results are there without another request
        before = len(server.requests)
        assert job.id == "s1" and job.results()["out"].to_dict() == {"value": 42}
        assert job.status is not None and job.status.status.value == "successful"
        assert len(server.requests) == before


def test_execute_with_an_explicit_mode_does_not_describe_the_process(serve: Serve) -> None:
    server = serve(lambda request: answer(201, b"", Location="/jobs/a1"))
    with Client(server.url) as client:
        assert client.execute("p", mode="async").id == "a1"
    assert [r.method for r in server.requests] == ["POST"]


def test_a_raw_synchronous_output_is_kept_exactly(serve: Serve) -> None:
    png = bytes(range(256))
    server = serve(lambda request: answer(200, png, "image/png"))
    with Client(server.url) as client:
        results = client.execute("p", mode="sync").results()
    value = results["result"].to_dict()
    assert value["mediaType"] == "image/png" and value["encoding"] == "base64"
    assert __import__("base64").b64decode(value["value"]) == png


# --- paging -------------------------------------------------------------------------------------------------
def jobs_page(ids: List[str], links: Optional[List[Dict[str, str]]] = None) -> bytes:
    return body({"jobs": [status(jobID=i, processID="echo") for i in ids], "links": links or []})


def paged(total: int, size: int, style: str) -> Any:
    """A job list of ``total`` jobs served in pages of ``size``, linked in the given style."""

    def respond(request: RawRequest) -> Reply:
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(request.target).query))
        start = {
            "offset": int(query.get("offset", 0)),
            "page": (int(query.get("page", 1)) - 1) * size,
            "token": int(query.get("token", "t0")[1:]),
            "link-header": int(query.get("skip", 0)),
        }[style]
        ids = [f"job-{n}" for n in range(start, min(start + size, total))]
        following = start + size
        nxt = {"offset": f"/jobs?offset={following}&limit={size}", "page": f"/jobs?page={following // size + 1}",
               "token": f"http://{request.header('Host')[0]}/jobs?token=t{following}",
               "link-header": f"/jobs?skip={following}"}[style]  # fmt: skip
        last_full = following >= total and style == "offset"  # pygeoapi: the last full page links to an empty one
        more = following < total or last_full
        if style == "link-header":
            extra = {"Link": f'<{nxt}>; rel="next", </jobs>; rel="first"'} if more else {}
            return answer(200, jobs_page(ids), **extra)
        links = [{"href": nxt, "rel": "next", "type": "application/json"}] if more else []
        return answer(200, jobs_page(ids, links))

    return respond


@pytest.mark.parametrize("style", ["offset", "page", "token", "link-header"])
@pytest.mark.parametrize("total", [0, 1, 5, 23])
def test_every_job_exactly_once_across_pages(serve: Serve, style: str, total: int) -> None:
    server = serve(paged(total, 5, style))
    with Client(server.url) as client:
        ids = [job.job_id for job in client.jobs(page_size=5)]
    assert ids == [f"job-{n}" for n in range(total)]
    assert server.requests[0].target == "/jobs?limit=5"


def test_max_items_stops_early(serve: Serve) -> None:
    server = serve(paged(100, 10, "offset"))
    with Client(server.url) as client:
        assert len(list(client.jobs(page_size=10, max_items=25))) == 25
    assert len(server.requests) == 3


@pytest.mark.parametrize(
    "links",
    [
        [{"href": "/jobs", "rel": "next"}],  # the first page again: a page we have seen
        [{"href": "/jobs?limit=2", "rel": "next"}],  # itself
    ],
)
def test_a_loop_of_pages_ends(serve: Serve, links: List[Dict[str, str]]) -> None:
    server = serve(lambda request: answer(200, jobs_page(["a", "b"], links)))
    with Client(server.url) as client:
        assert [job.job_id for job in client.jobs(page_size=2)] == ["a", "b"]
    assert len(server.requests) <= 3


def test_a_longer_loop_of_pages_ends(serve: Serve) -> None:
    pages = {"/jobs": (["a"], "/jobs?p=2"), "/jobs?p=2": (["b"], "/jobs?p=3"), "/jobs?p=3": (["c"], "/jobs?p=2")}

    def respond(request: RawRequest) -> Reply:
        ids, nxt = pages[request.target]
        return answer(200, jobs_page(ids, [{"href": nxt, "rel": "next"}]))

    server = serve(respond)
    with Client(server.url) as client:
        assert [job.job_id for job in client.jobs()] == ["a", "b", "c"]  # p=3 links back to p=2
    assert len(server.requests) == 3


def test_a_server_that_ignores_paging_parameters_ends(serve: Serve) -> None:
    counter = {"n": 0}

    def respond(request: RawRequest) -> Reply:
        counter["n"] += 1
        return answer(200, jobs_page(["a", "b"], [{"href": f"/jobs?page={counter['n'] + 1}", "rel": "next"}]))

    server = serve(respond)
    with Client(server.url) as client:
        assert [job.job_id for job in client.jobs()] == ["a", "b"]
    assert len(server.requests) == 2


def test_items_repeated_from_the_page_before_are_yielded_once(serve: Serve) -> None:
    pages = {"/jobs": (["a", "b", "c"], "/jobs?p=2"), "/jobs?p=2": (["c", "d", "e"], "/jobs?p=3"),
             "/jobs?p=3": (["f"], None)}  # fmt: skip

    def respond(request: RawRequest) -> Reply:
        ids, nxt = pages[request.target]
        return answer(200, jobs_page(ids, [{"href": nxt, "rel": "next"}] if nxt else []))

    server = serve(respond)
    with Client(server.url) as client:
        assert [job.job_id for job in client.jobs()] == ["a", "b", "c", "d", "e", "f"]


def test_filters_go_to_the_server_and_are_applied_on_the_client_too(serve: Serve) -> None:
    jobs = [
        status(jobID="1", status="running", processID="echo"),
        status(jobID="2", status="failed", processID="echo"),
        status(jobID="3", status="running", processID="other"),
        status(jobID="4", status="accepted", processID="echo"),
    ]
    server = serve(lambda request: answer(200, body({"jobs": jobs, "links": []})))  # ignores every filter
    with Client(server.url) as client:
        ids = [job.job_id for job in client.jobs(status=["running", "accepted"], process_id="echo")]
    assert ids == ["1", "4"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(server.requests[0].target).query)
    assert query == {"status": ["running", "accepted"], "processID": ["echo"]}


def test_credentials_do_not_follow_a_next_link_to_another_origin(serve: Serve) -> None:
    other = serve(lambda request: answer(200, jobs_page(["c"])))
    first = serve(
        lambda request: answer(200, jobs_page(["a", "b"], [{"href": other.url + "/jobs?p=2", "rel": "next"}]))
    )
    with Client(first.url, access_token="t0ken") as client:
        assert [job.job_id for job in client.jobs()] == ["a", "b", "c"]
    assert first.requests[0].header("Authorization") == ["Bearer t0ken"]
    assert other.requests[0].header("Authorization") == []


def test_processes_follow_pages_too(serve: Serve) -> None:
    def respond(request: RawRequest) -> Reply:
        if request.target.startswith("/processes?p=2"):
            return answer(200, body({"processes": [{"id": "c", "version": "1"}], "links": []}))
        return answer(200, body({"processes": [{"id": "a", "version": "1"}, {"id": "b", "version": "1"}],
                                 "links": [{"href": "/processes?p=2", "rel": "next"}]}))  # fmt: skip

    server = serve(respond)
    with Client(server.url) as client:
        assert [p.id for p in client.processes(page_size=2)] == ["a", "b", "c"]


def test_a_job_needs_an_id() -> None:
    with Client("http://127.0.0.1:9") as client, pytest.raises(ApiValueError):
        Job(client, "")


def test_client_takes_a_url_or_a_configuration_not_both() -> None:
    from unity_sps_ogc_processes_api_python_client import Configuration

    with pytest.raises(ApiValueError):
        Client("http://a", configuration=Configuration())
    with Client(configuration=Configuration(host="http://b"), timeout=5) as client:
        assert client.url == "http://b" and client.configuration.timeout == 5


def test_wait_refuses_an_unusable_timeout() -> None:
    with Client("http://127.0.0.1:9") as client:
        for value in (0, -1, float("inf"), "10"):
            with pytest.raises(ApiValueError):
                client.job("j").wait(timeout=value)  # type: ignore[arg-type]


def test_an_unreachable_server_is_a_connection_error_after_the_tries() -> None:
    policy = PollPolicy(first=0.01, max_interval=0.02, max_failures=2)
    with Client("http://127.0.0.1:9", poll=policy, retries=0) as client, pytest.raises(ApiConnectionError):
        client.job("j1").wait(timeout=10)


class _Terminal(__import__("io").StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_in_a_terminal_is_one_line_drawn_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    from unity_sps_ogc_processes_api_python_client.workflow import progress

    monkeypatch.setattr(progress, "_installed", lambda module: False)  # the plain bar, whether tqdm is there or not
    stream = _Terminal()
    reporter = progress.reporter_for(True, stream=stream)
    for percent, state in ((10, "running"), (60, "running"), (100, "successful")):
        reporter.update(StatusInfo.model_validate({"jobID": "j1", "status": state, "progress": percent}))
    reporter.close()
    text = stream.getvalue()
    assert text.count("\r") == 3 and text.endswith("\n") and "\n" not in text[:-1]
    assert "job j1 [##..................] running 10%" in text
    assert "[####################] successful 100%" in text


def test_a_page_is_freed_before_the_next_one_is_fetched() -> None:
    """Paging keeps one page in memory: when the next page is asked for, nothing holds the one before
    (its response, body and items), so a long list is read in the memory of one page."""
    import weakref

    from unity_sps_ogc_processes_api_python_client import Link
    from unity_sps_ogc_processes_api_python_client.api_response import ApiResponse
    from unity_sps_ogc_processes_api_python_client.workflow.paging import follow_pages

    class Item:
        def __init__(self, number: int) -> None:
            self.number = number

    alive: List[weakref.ref[Any]] = []
    still_held: List[int] = []

    def page(number: int) -> ApiResponse[Any]:
        items = [Item(number * 10 + index) for index in range(10)]
        links = [Link(rel="next", href=f"http://x/jobs?page={number + 1}")] if number < 5 else []
        response = ApiResponse(status_code=200, data={"items": items, "links": links}, raw_data=b"x" * 1000)
        alive.extend(weakref.ref(thing) for thing in (response, *items))
        return response

    def follow(url: str) -> ApiResponse[Any]:
        still_held.append(sum(ref() is not None for ref in alive))
        return page(int(url.rsplit("=", 1)[1]))

    numbers = [
        item.number
        for item in follow_pages(
            lambda: page(0), follow, lambda data: data["items"], lambda item: item.number, lambda href: href,
            lambda data: data["links"],
        )
    ]  # fmt: skip
    assert numbers == list(range(60))
    # when the next page is fetched, nothing of the page before is alive but the item the caller holds
    assert still_held == [1] * 5
