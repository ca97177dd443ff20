"""ProcessesApi, DRUApi, the informational APIs and DefaultApi over real sockets (local HTTP server)."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import unity_sps_ogc_processes_api_python_client as ogc
from unity_sps_ogc_processes_api_python_client import ApiClient, StatusCode

from .conftest import STATUS

EXECUTE_PATH = "/processes/echo/execution"
REQUEST: Dict[str, Any] = {
    "inputs": {
        "text": "hi",
        "number": 3,
        "object": {"a": {"b": [1, 2]}},  # 2.0.1 sent object inputs as {} or null
        "array": [1, "two"],
        "bbox": {"bbox": [1, 2, 3, 4], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
        "qualified": {"value": {"x": 1}, "mediaType": "application/json"},
        "link": {"href": "http://127.0.0.1/data.tif", "type": "image/tiff"},
    },
    "outputs": {"echo": {"transmissionMode": "value"}},
    "response": "document",
    "subscriber": {"successUri": "http://127.0.0.1/ok"},
}


@pytest.fixture
def processes(api_client: ApiClient) -> ogc.ProcessesApi:
    return ogc.ProcessesApi(api_client)


def sent_json(httpserver: HTTPServer) -> Any:
    return json.loads(httpserver.log[-1][0].get_data())


# --- execute: synchronous ------------------------------------------------------------------------------
def test_execute_sends_the_request_exactly_as_given(httpserver: HTTPServer, processes: ogc.ProcessesApi) -> None:
    httpserver.expect_request(
        EXECUTE_PATH, method="POST", headers={"Content-Type": "application/json"}
    ).respond_with_json({"echo": "hi"})
    answer = processes.execute_processes_process_id_execution_post("echo", execute_workflows=REQUEST)
    assert sent_json(httpserver) == REQUEST
    assert isinstance(answer, ogc.Execute200ResponseInput)
    assert answer.to_dict() == {"echo": "hi"}


def test_execute_request_models_are_sent_without_injected_nulls(
    httpserver: HTTPServer, processes: ogc.ProcessesApi
) -> None:
    httpserver.expect_request(EXECUTE_PATH, method="POST").respond_with_json({"echo": "hi"})
    processes.execute_processes_process_id_execution_post(
        "echo", execute_workflows=ogc.ExecuteWorkflows.from_dict(REQUEST)
    )
    assert sent_json(httpserver) == REQUEST
    processes.execute_processes_process_id_execution_post("echo", execute_workflows=ogc.Execute(inputs={"a": {"b": 1}}))
    assert sent_json(httpserver) == {"inputs": {"a": {"b": 1}}}


def test_execute_passes_prefer_and_response_through(httpserver: HTTPServer, processes: ogc.ProcessesApi) -> None:
    httpserver.expect_request(
        EXECUTE_PATH, method="POST", query_string="response=raw", headers={"Prefer": "respond-async, wait=10"}
    ).respond_with_json({"echo": "hi"})
    processes.execute_processes_process_id_execution_post(
        "echo", response="raw", prefer="respond-async, wait=10", execute_workflows={"inputs": {}}
    )
    assert len(httpserver.log) == 1


@pytest.mark.parametrize(
    ("body", "view"),
    [
        ({"echo": "Hello", "n": 1}, "anyof_schema_1_validator"),
        ({"outputs": [{"id": "echo", "value": "Hello"}]}, "anyof_schema_1_validator"),
        ([{"id": "echo", "value": "Hello"}], "anyof_schema_2_validator"),
        (True, "anyof_schema_3_validator"),
        ("Hello", "anyof_schema_4_validator"),
        (2.5, "anyof_schema_5_validator"),
    ],
)
def test_sync_json_answers_fill_the_2_0_1_views(
    httpserver: HTTPServer, processes: ogc.ProcessesApi, body: Any, view: str
) -> None:
    httpserver.expect_request(EXECUTE_PATH, method="POST").respond_with_json(body)
    answer = processes.execute_processes_process_id_execution_post("echo", execute_workflows={"inputs": {}})
    assert isinstance(answer, ogc.Execute200ResponseInput)
    assert answer.to_dict() == body
    assert getattr(answer, view) is not None
    others = [f"anyof_schema_{n}_validator" for n in range(1, 9) if f"anyof_schema_{n}_validator" != view]
    assert all(getattr(answer, other) is None for other in others if other != "anyof_schema_6_validator")
    if view == "anyof_schema_2_validator":  # what SDK code reads from a JSON-list answer
        assert answer.anyof_schema_2_validator == body
        assert answer.actual_instance == body


def test_document_answer_outputs(httpserver: HTTPServer, processes: ogc.ProcessesApi) -> None:
    httpserver.expect_request(EXECUTE_PATH, method="POST").respond_with_json({"outputs": {"echo": {"value": "hi"}}})
    answer = processes.execute_processes_process_id_execution_post("echo", execute_workflows={"inputs": {}})
    assert isinstance(answer, ogc.Execute200ResponseInput)
    assert answer.outputs == {"echo": {"value": "hi"}}


def test_raw_output_that_is_not_json_stays_bytes(httpserver: HTTPServer, processes: ogc.ProcessesApi) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"
    httpserver.expect_request(EXECUTE_PATH, method="POST").respond_with_data(png, content_type="image/png")
    answer = processes.execute_processes_process_id_execution_post("echo", response="raw", execute_workflows={})
    assert isinstance(answer, ogc.Execute200ResponseInput)
    assert answer.actual_instance == png
    assert answer.media_type == "image/png"


def test_raw_text_output_is_not_decoded_by_force(httpserver: HTTPServer, processes: ogc.ProcessesApi) -> None:
    body = "a,b\n1,2\n".encode("utf-16")
    httpserver.expect_request(EXECUTE_PATH, method="POST").respond_with_data(
        body, content_type="text/csv; charset=utf-16"
    )
    answer = processes.execute_processes_process_id_execution_post("echo", execute_workflows={})
    assert isinstance(answer, ogc.Execute200ResponseInput)
    assert answer.actual_instance == body
    assert answer.media_type == "text/csv; charset=utf-16"


def test_sync_answer_labelled_json_but_broken_is_a_decode_error(
    httpserver: HTTPServer, processes: ogc.ProcessesApi
) -> None:
    httpserver.expect_request(EXECUTE_PATH, method="POST").respond_with_data("{oops", content_type="application/json")
    with pytest.raises(ogc.ApiDecodeError) as caught:
        processes.execute_processes_process_id_execution_post("echo", execute_workflows={})
    assert caught.value.body == "{oops"


# --- execute: asynchronous -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status_code", "body"),
    [
        (201, "null"),  # pygeoapi 0.21
        (201, ""),
        (201, json.dumps({"jobID": "job-1", "type": "process", "status": "accepted"})),  # pygeoapi 0.24
        (202, json.dumps({"type": "process", "status": "running", "progress": 10})),
        (201, json.dumps({**STATUS, "jobID": "job-1", "status": "accepted", "extra": [1]})),
    ],
)
def test_async_answer_becomes_a_status(
    httpserver: HTTPServer, processes: ogc.ProcessesApi, status_code: int, body: str
) -> None:
    location = httpserver.url_for("/jobs/job-1")
    httpserver.expect_request(EXECUTE_PATH, method="POST", headers={"Prefer": "respond-async"}).respond_with_data(
        body, status=status_code, content_type="application/json",
        headers={"Location": location, "Preference-Applied": "respond-async"},
    )  # fmt: skip
    created = processes.execute_processes_process_id_execution_post(
        "echo", prefer="respond-async", execute_workflows={"inputs": {}}
    )
    assert isinstance(created, ogc.StatusInfo)
    assert created.job_id == "job-1"
    sent = json.loads(body) if body.strip() else None
    expected_status = sent.get("status", "accepted") if isinstance(sent, dict) else "accepted"
    assert created.status == expected_status
    if isinstance(sent, dict):  # everything the server said is kept
        assert {k: v for k, v in created.to_dict().items() if k in sent} == sent


def test_async_answer_headers_are_visible(httpserver: HTTPServer, processes: ogc.ProcessesApi) -> None:
    httpserver.expect_request(EXECUTE_PATH, method="POST").respond_with_data(
        "null", status=201, headers={"Location": "http://127.0.0.1/jobs/j%2F1", "Preference-Applied": "respond-async"}
    )
    info = processes.execute_processes_process_id_execution_post_with_http_info(
        "echo", prefer="respond-async", execute_workflows={}
    )
    assert info.status_code == 201
    assert info.headers is not None and info.headers["Preference-Applied"] == "respond-async"
    assert isinstance(info.data, ogc.StatusInfo)
    assert info.data.job_id == "j/1"
    assert info.data.status is StatusCode.ACCEPTED


def test_async_answer_naming_no_job_is_a_validation_error(httpserver: HTTPServer, processes: ogc.ProcessesApi) -> None:
    httpserver.expect_request(EXECUTE_PATH, method="POST").respond_with_data("null", status=201)
    with pytest.raises(ogc.ApiResponseValidationError) as caught:
        processes.execute_processes_process_id_execution_post("echo", execute_workflows={})
    assert caught.value.status == 201 and caught.value.body == "null"


def test_see_other_is_not_followed_and_exposes_location(httpserver: HTTPServer, processes: ogc.ProcessesApi) -> None:
    httpserver.expect_request(EXECUTE_PATH, method="POST").respond_with_response(
        Response(status=303, headers={"Location": "http://127.0.0.1/jobs/j1/results"})
    )
    info = processes.execute_processes_process_id_execution_post_with_http_info("echo", execute_workflows={})
    assert info.status_code == 303 and info.data is None
    assert info.headers is not None and info.headers["Location"] == "http://127.0.0.1/jobs/j1/results"
    assert len(httpserver.log) == 1


def test_unknown_process_is_not_found(httpserver: HTTPServer, processes: ogc.ProcessesApi) -> None:
    httpserver.expect_request("/processes/nope/execution", method="POST").respond_with_json(
        {"code": "NoSuchProcess", "type": "NoSuchProcess", "description": "identifier not found"}, status=404
    )
    with pytest.raises(ogc.NotFoundException) as caught:
        processes.execute_processes_process_id_execution_post("nope", execute_workflows={})
    assert "NoSuchProcess" in str(caught.value)


def test_execute_is_never_retried(httpserver: HTTPServer, processes: ogc.ProcessesApi) -> None:
    httpserver.expect_request(EXECUTE_PATH, method="POST").respond_with_json(
        {}, status=503, headers={"Retry-After": "0"}
    )
    with pytest.raises(ogc.ServiceException):
        processes.execute_processes_process_id_execution_post("echo", execute_workflows={})
    assert len(httpserver.log) == 1


# --- processes, landing page, conformance, API, health --------------------------------------------------
def test_process_list_and_description(httpserver: HTTPServer, processes: ogc.ProcessesApi) -> None:
    summary = {
        "id": "echo",
        "version": "0.1.0",
        "title": "Echo",
        "jobControlOptions": ["sync-execute", "async-execute"],
        "outputTransmission": ["value"],
        "links": [{"href": "http://127.0.0.1/processes/echo", "rel": "self"}],
    }
    echo_input = {
        "title": "Echo",
        "schema": {"type": "string", "enum": ["Echo"]},
        "minOccurs": 1,
        "maxOccurs": 1,
        "metadata": None,
        "keywords": ["echo"],
    }
    echo_output = {"schema": {"type": "object", "contentMediaType": "application/json"}}
    description = {**summary, "inputs": {"echoInput": echo_input}, "outputs": {"echoOutput": echo_output}}
    listing = {"processes": [summary], "links": [{"href": "http://127.0.0.1/processes", "rel": "self"}]}
    httpserver.expect_request("/processes", query_string="limit=5").respond_with_json(listing)
    httpserver.expect_request("/processes/echo").respond_with_json(description)
    got_list = processes.get_processes_processes_get(limit=5)
    assert got_list.to_dict() == listing
    assert got_list.processes[0].id == "echo"
    got = processes.get_process_description_processes_process_id_get("echo")
    assert got.to_dict() == description
    assert got.inputs is not None and "echoInput" in got.inputs


@pytest.mark.parametrize(
    ("call", "path", "body"),
    [
        (lambda c: ogc.LandingPageApi(c).get_landing_page_get(f="json"), "/",
         {"title": "pygeoapi", "links": [{"href": "http://127.0.0.1/", "rel": "self"}], "extra": {"x": 1}}),
        (lambda c: ogc.ConformanceApi(c).get_conformance_conformance_get(),
         "/conformance", {"conformsTo": ["http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core"]}),
        (lambda c: ogc.HealthApi(c).get_health_health_get(), "/health", {"status": "UP", "checks": []}),
        (lambda c: ogc.APIApi(c).get_api_processes_api_processes_list_get(), "/api/processes-list",
         {"type": "enum", "enum": ["echo", "hello-world"]}),
        (lambda c: ogc.DefaultApi(c).landing_page_get(), "/", {"links": []}),
        (lambda c: ogc.DefaultApi(c).conformance_declaration_conformance_get(), "/conformance", {"conformsTo": []}),
        (lambda c: ogc.DefaultApi(c).process_list_processes_get(), "/processes", {"processes": [], "links": []}),
        (lambda c: ogc.DefaultApi(c).job_list_jobs_get(), "/jobs", {"jobs": [STATUS], "links": []}),
        (lambda c: ogc.DefaultApi(c).status_jobs_job_id_get("j1"), "/jobs/j1", STATUS),
        (lambda c: ogc.DefaultApi(c).get_health_health_get(), "/health", {"status": "UP"}),
    ],
)  # fmt: skip
def test_informational_endpoints_round_trip(
    httpserver: HTTPServer, api_client: ApiClient, call: Any, path: str, body: Dict[str, Any]
) -> None:
    httpserver.expect_request(path, method="GET").respond_with_json(body)
    assert call(api_client).to_dict() == body


def test_api_definition_is_any_json(httpserver: HTTPServer, api_client: ApiClient) -> None:
    document = {"openapi": "3.0.2", "paths": {"/jobs": {}}}
    httpserver.expect_request("/api", query_string="f=json").respond_with_json(document)
    assert ogc.APIApi(api_client).get_api_api_get(f="json") == document


def test_default_api_results_and_dismiss(httpserver: HTTPServer, api_client: ApiClient) -> None:
    httpserver.expect_request("/jobs/j1/results").respond_with_json({"echo": {"value": {"a": 1}}})
    httpserver.expect_request("/jobs/j1", method="DELETE").respond_with_json({"jobID": "j1", "status": "dismissed"})
    default = ogc.DefaultApi(api_client)
    assert default.results_jobs_job_id_results_get("j1")["echo"].to_dict() == {"value": {"a": 1}}
    assert default.dismiss_jobs_job_id_delete("j1").status is StatusCode.DISMISSED


def test_default_api_execute_takes_the_request_as_execute(httpserver: HTTPServer, api_client: ApiClient) -> None:
    httpserver.expect_request(EXECUTE_PATH, method="POST").respond_with_data(
        "null", status=201, headers={"Location": "http://127.0.0.1/jobs/j9"}
    )
    created = ogc.DefaultApi(api_client).execute_processes_process_id_execution_post(
        "echo", {"inputs": {"a": 1}}, _headers={"Prefer": "respond-async"}
    )
    assert isinstance(created, ogc.StatusInfo) and created.job_id == "j9"
    assert sent_json(httpserver) == {"inputs": {"a": 1}}
    assert httpserver.log[-1][0].headers["Prefer"] == "respond-async"


# --- DRU (Part 2) ---------------------------------------------------------------------------------------
CWL = "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: echo\n"


def test_deploy_a_cwl_document_with_its_media_type(httpserver: HTTPServer, api_client: ApiClient) -> None:
    def handler(request: Request) -> Response:
        assert request.headers["Content-Type"] == "application/cwl+yaml"
        assert request.get_data(as_text=True) == CWL
        return Response(status=201, headers={"Location": "http://127.0.0.1/processes/echo"})

    httpserver.expect_request("/processes", method="POST", query_string="w=wf1").respond_with_handler(handler)
    info = ogc.DRUApi(api_client).deploy_processes_post_with_http_info(w="wf1", ogcapppkg=CWL)
    assert info.status_code == 201 and info.data is None
    assert info.headers is not None and info.headers["Location"].endswith("/processes/echo")


def test_deploy_an_application_package_as_json(httpserver: HTTPServer, api_client: ApiClient) -> None:
    package = {"processDescription": {"id": "echo", "version": "1.0.0", "inputs": {}, "outputs": {}},
               "executionUnit": {"type": "docker", "image": "alpine:3", "extra": {"k": [1]}}}  # fmt: skip
    httpserver.expect_request(
        "/processes", method="POST", headers={"Content-Type": "application/json"}
    ).respond_with_json({"id": "echo", "version": "1.0.0"}, status=201)
    answer = ogc.DRUApi(api_client).deploy_processes_post(ogcapppkg=ogc.Ogcapppkg.from_dict(package))
    assert sent_json(httpserver) == package
    assert answer == {"id": "echo", "version": "1.0.0"}


def test_content_type_can_be_chosen(httpserver: HTTPServer, api_client: ApiClient) -> None:
    httpserver.expect_request(
        "/processes/echo", method="PUT", headers={"Content-Type": "application/cwl"}
    ).respond_with_data("", status=204)
    assert ogc.DRUApi(api_client).replace_processes_process_id_put("echo", CWL, _content_type="application/cwl") is None


def test_undeploy_with_force(httpserver: HTTPServer, api_client: ApiClient) -> None:
    httpserver.expect_request("/processes/echo", method="DELETE", query_string="force=true").respond_with_data(
        "", status=204
    )
    assert ogc.DRUApi(api_client).undeploy_processes_process_id_delete("echo", force=True) is None
    assert ogc.DefaultApi(api_client).undeploy_process_processes_process_id_delete("echo", force=True) is None
    with pytest.raises(ogc.ApiTypeError):
        ogc.DRUApi(api_client).undeploy_processes_process_id_delete("echo", force="yes")  # type: ignore[arg-type]


def test_deploy_conflict_is_typed(httpserver: HTTPServer, api_client: ApiClient) -> None:
    httpserver.expect_request("/processes", method="POST").respond_with_json({"title": "exists"}, status=409)
    with pytest.raises(ogc.ConflictException):
        ogc.DefaultApi(api_client).deploy_process_processes_post({"processDescription": {}, "executionUnit": {}})


def test_an_answer_that_is_not_a_results_map_rebuilds_from_its_json(
    httpserver: HTTPServer, processes: ogc.ProcessesApi
) -> None:
    body = {"r": {"href": "x", "hreflang": 5}}  # shaped like a link, but not one: kept as an object
    httpserver.expect_request(EXECUTE_PATH, method="POST").respond_with_json(body)
    answer = processes.execute_processes_process_id_execution_post("echo", execute_workflows={})
    assert isinstance(answer, ogc.Execute200ResponseInput)
    assert answer.anyof_schema_7_validator == body and answer.anyof_schema_1_validator is None
    assert ogc.Execute200ResponseInput.from_json(answer.to_json()) == answer
    assert ogc.Execute200ResponseInput.from_dict(answer.to_dict()) == answer


def test_raw_answers_differ_by_media_type() -> None:
    png = ogc.Execute200ResponseInput(b"abc", media_type="image/png")
    assert png == ogc.Execute200ResponseInput(b"abc", media_type="image/png")
    assert png != ogc.Execute200ResponseInput(b"abc", media_type="text/plain")
