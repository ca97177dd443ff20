"""Each call finds the pool of its origin without parsing its URL again; the requests that go out are the
ones urllib3's own parsing would send, and a pool closed or dropped is found again."""

from __future__ import annotations

import gzip
import json
import time
from typing import List

import pytest
import urllib3

from unity_sps_ogc_processes_api_python_client import ApiClient, Configuration, JobsApi
from unity_sps_ogc_processes_api_python_client.rest import RESTClientObject

from .conftest import STATUS, Serve
from .keepalive_server import RawRequest, answer

BODY = json.dumps(STATUS).encode()


def ok(request: RawRequest) -> bytes:
    return answer(200, BODY)


@pytest.mark.parametrize(
    "target",
    [
        "/jobs/plain-id?f=json&limit=3",
        "/jobs/a%2fb",  # a lower-case escape: urllib3 writes it in upper case
        "/jobs/with space",  # encoded by urllib3
        "/a/../jobs/./x",  # dot segments: removed by urllib3
        "/jobs/x#fragment",  # never sent
        "/jobs/caf\u00e9?q=\u00e9",
        "/jobs/x?a=%zz",
    ],
)
def test_the_request_target_is_the_one_urllib3_sends(serve: Serve, target: str) -> None:
    server = serve(ok)
    expected_server = serve(ok)
    with ApiClient(Configuration(host=server.url)) as client:
        assert client.rest_client.request("GET", server.url + target).status == 200
    with urllib3.PoolManager() as pool:
        pool.request("GET", expected_server.url + target)
    assert [r.target for r in server.requests] == [r.target for r in expected_server.requests]


def test_a_closed_client_finds_its_pool_again(serve: Serve) -> None:
    server = serve(ok)
    client = ApiClient(Configuration(host=server.url))
    api = JobsApi(client)
    assert api.get_status_jobs_job_id_get("a").job_id == STATUS["jobID"]
    client.close()
    assert api.get_status_jobs_job_id_get("a").job_id == STATUS["jobID"]
    client.close()
    assert server.connections == 2


def test_more_origins_than_pools_are_served_in_turn(serve: Serve) -> None:
    servers = [serve(ok) for _ in range(7)]  # the manager keeps 4 pools: the others are closed and dropped
    rest = RESTClientObject(Configuration(host=servers[0].url))
    try:
        for _ in range(3):
            for server in servers:
                assert rest.request("GET", server.url + "/jobs/x").status == 200
        for server in servers:
            assert len(server.requests) == 3
        time.sleep(0.2)  # (the servers see closed connections on their next read)
        assert sum(server.open_now for server in servers) <= 4  # only the manager's pools keep connections
    finally:
        rest.close()


def test_a_host_urllib3_normalises_takes_its_way(serve: Serve) -> None:
    server = serve(ok)
    upper = server.url.replace("http://", "HTTP://")
    requests: List[str] = []
    with ApiClient(Configuration(host=server.url)) as client:
        for url in (upper + "/jobs/x", server.url + "/jobs/y"):
            requests.append(str(client.rest_client.request("GET", url).status))
    assert requests == ["200", "200"] and [r.target for r in server.requests] == ["/jobs/x", "/jobs/y"]


def test_a_compressed_body_is_read_whole(serve: Serve) -> None:
    """A compressed body has all arrived before it is all decoded: it is read to its end."""
    page = {"jobs": [dict(STATUS, jobID=f"job-{index}") for index in range(3_000)], "links": []}
    packed = gzip.compress(json.dumps(page).encode())
    server = serve(
        lambda request: answer(200, packed, Content_Encoding="gzip") if request.target == "/jobs" else ok(request)
    )
    assert len(packed) < 1 << 16 < len(json.dumps(page))  # arrives in one read, decodes to many
    with ApiClient(Configuration(host=server.url)) as client:
        jobs = JobsApi(client).get_jobs_jobs_get().jobs
        assert len(jobs) == 3_000 and jobs[-1].job_id == "job-2999"
        assert JobsApi(client).get_status_jobs_job_id_get("x").job_id == STATUS["jobID"]  # the connection is fine
    assert server.connections == 1
