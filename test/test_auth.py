"""Authentication: Basic, API keys (header, query, prefix, refresh hook), bearer tokens as strings or as
functions (asked again after a 401, once), and secrets that no repr, message or log shows."""

from __future__ import annotations

import base64
import json
import logging
from typing import Any, List

import pytest

from unity_sps_ogc_processes_api_python_client import (
    ApiClient,
    Configuration,
    JobsApi,
    ProcessesApi,
    UnauthorizedException,
)

from .conftest import Serve, status
from .keepalive_server import RawRequest, Reply, answer

OK = answer(200, json.dumps(status(jobID="x")).encode())


def test_basic_auth_from_username_and_password(serve: Serve) -> None:
    server = serve(lambda request: OK)
    config = Configuration(host=server.url, username="ada", password="s3cr:et")
    with ApiClient(config) as client:
        JobsApi(client).get_status_jobs_job_id_get("x")
    expected = "Basic " + base64.b64encode(b"ada:s3cr:et").decode()
    assert server.requests[0].header("Authorization") == [expected]
    assert "s3cr" not in repr(config)


def test_a_bearer_token_wins_over_basic_credentials(serve: Serve) -> None:
    server = serve(lambda request: OK)
    with ApiClient(Configuration(host=server.url, username="u", password="p", access_token="t")) as client:
        JobsApi(client).get_status_jobs_job_id_get("x")
    assert server.requests[0].header("Authorization") == ["Bearer t"]


def test_api_keys_in_a_header_or_the_query_with_prefix_and_refresh_hook(serve: Serve) -> None:
    jobs = answer(200, json.dumps({"jobs": [], "links": []}).encode())
    server = serve(lambda request: jobs if request.target.startswith("/jobs?") else OK)
    config = Configuration(
        host=server.url, api_key={"X-API-Key": "k1", "key": "q1"}, api_key_prefix={"X-API-Key": "Key"}
    )
    config.api_key_in = {"key": "query"}
    refreshed: List[int] = []

    def refresh(configuration: Configuration) -> None:
        refreshed.append(1)
        configuration.api_key["key"] = f"q{len(refreshed)}"

    config.refresh_api_key_hook = refresh
    with ApiClient(config) as client:
        JobsApi(client).get_status_jobs_job_id_get("x")
        JobsApi(client).get_jobs_jobs_get(limit=2)
    first, second = server.requests
    assert first.header("X-API-Key") == ["Key k1"]
    assert "key=q" in first.target and "key=q" in second.target
    assert (first.target.split("key=")[1], second.target.split("key=")[1]) == ("q1", "q2")  # the hook, per request
    assert "limit=2" in second.target
    assert "k1" not in repr(config)


def test_a_token_function_is_asked_for_every_request(serve: Serve) -> None:
    server = serve(lambda request: OK)
    tokens = iter(["one", "two"])
    with ApiClient(Configuration(host=server.url, access_token=lambda: next(tokens))) as client:
        JobsApi(client).get_status_jobs_job_id_get("x")
        JobsApi(client).get_status_jobs_job_id_get("x")
    assert [r.header("Authorization") for r in server.requests] == [["Bearer one"], ["Bearer two"]]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_401_asks_the_token_function_again_and_retries_once(serve: Serve, method: str) -> None:
    def respond(request: RawRequest) -> Reply:
        if request.header("Authorization") == ["Bearer fresh"]:
            return answer(201, b"", Location="/jobs/j1") if request.method == "POST" else OK
        return answer(401, b'{"title": "expired"}')

    server = serve(respond)
    tokens = iter(["stale", "fresh"])
    with ApiClient(Configuration(host=server.url, access_token=lambda: next(tokens))) as client:
        if method == "GET":
            assert JobsApi(client).get_status_jobs_job_id_get("x").job_id == "x"
        else:
            job = ProcessesApi(client).execute_processes_process_id_execution_post("echo", execute_workflows={})
            assert job is not None and job.job_id == "j1"
    assert [r.header("Authorization") for r in server.requests] == [["Bearer stale"], ["Bearer fresh"]]
    assert {r.method for r in server.requests} == {method}


def test_a_second_401_is_raised(serve: Serve) -> None:
    server = serve(lambda request: answer(401, b'{"title": "no"}'))
    calls: List[int] = []

    def token() -> str:
        calls.append(1)
        return f"t{len(calls)}"

    with ApiClient(Configuration(host=server.url, access_token=token)) as client, pytest.raises(UnauthorizedException):
        JobsApi(client).get_status_jobs_job_id_get("x")
    assert len(server.requests) == 2 and len(calls) == 2


def test_a_401_with_a_fixed_token_is_not_retried(serve: Serve) -> None:
    server = serve(lambda request: answer(401, b"{}"))
    with (
        ApiClient(Configuration(host=server.url, access_token="fixed")) as client,
        pytest.raises(UnauthorizedException),
    ):
        JobsApi(client).get_status_jobs_job_id_get("x")
    assert len(server.requests) == 1


def test_secrets_are_never_shown(serve: Serve, caplog: pytest.LogCaptureFixture) -> None:
    server = serve(lambda request: answer(401, b'{"title": "denied"}'))
    caplog.set_level(logging.DEBUG)
    config = Configuration(
        host=server.url.replace("http://", "http://hostuser:h0stpass@"),
        access_token=lambda: "T0KEN",
        api_key={"X-API-Key": "APIK3Y"},
        debug=True,
    )
    config.proxy_headers = {"Proxy-Authorization": "Basic UFJPWFk="}
    seen: List[Any] = [config, config.auth_settings()]
    with ApiClient(config, cookie="session=C00KIE") as client:
        seen.append(client)
        with pytest.raises(UnauthorizedException) as caught:
            JobsApi(client).get_status_jobs_job_id_get("x")
        seen += [caught.value, caught.value.headers, caught.value.body]
    text = " ".join(f"{item!r} {item}" for item in seen) + caplog.text
    for secret in ("T0KEN", "APIK3Y", "C00KIE", "h0stpass", "UFJPWFk"):
        assert secret not in text, secret
    assert server.requests[0].header("Cookie") == ["session=C00KIE"]
