"""Whatever a server answers, the caller sees a result or an error of this package - never a bare
urllib3, json, pydantic or Unicode exception. Hypothesis generates the answers; a real local HTTP
server sends them."""

from __future__ import annotations

import json
import re
from typing import Any, Callable, Dict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import unity_sps_ogc_processes_api_python_client as ogc
from unity_sps_ogc_processes_api_python_client import ApiClient, Configuration, OpenApiException

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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
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
        assert hasattr(caught, "status") and hasattr(caught, "body")
        assert str(caught)  # printable, and says something
