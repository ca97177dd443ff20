"""JobsApi over real sockets against a local HTTP server: requests sent, answers decoded, errors typed."""

from __future__ import annotations

import datetime
import json
import logging
import re
from typing import Any, Dict, List

import pydantic
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import unity_sps_ogc_processes_api_python_client as ogc
from unity_sps_ogc_processes_api_python_client import (
    ApiClient,
    ApiDecodeError,
    ApiException,
    ApiResponseValidationError,
    ApiTypeError,
    ApiValueError,
    Configuration,
    JobsApi,
    OpenApiException,
    StatusCode,
)
from unity_sps_ogc_processes_api_python_client.models.bbox import Bbox
from unity_sps_ogc_processes_api_python_client.models.link import Link
from unity_sps_ogc_processes_api_python_client.models.qualified_input_value_input import QualifiedInputValueInput

from .conftest import JOB_ID, STATUS, status

TOKEN = "s3cr3t-t0ken-value"


def raw_uris(httpserver: HTTPServer) -> List[str]:
    """The request targets exactly as they arrived on the wire."""
    return [request.environ["RAW_URI"] for request, _ in httpserver.log]


# --- the four operations ----------------------------------------------------------------------------
def test_status_is_decoded_into_status_info(httpserver: HTTPServer, api: JobsApi) -> None:
    httpserver.expect_request(
        f"/jobs/{JOB_ID}", method="GET", headers={"Accept": "application/json"}
    ).respond_with_json(STATUS)
    job = api.get_status_jobs_job_id_get(JOB_ID)
    assert isinstance(job, ogc.StatusInfo)
    assert job.job_id == JOB_ID
    assert job.status is StatusCode.SUCCESSFUL
    assert job.status.value == "successful"
    assert job.finished == datetime.datetime(2026, 11, 28, 10, 6, 10, 108625, tzinfo=datetime.timezone.utc)
    assert job.links is not None and job.links[0].rel == "http://www.opengis.net/def/rel/ogc/1.0/results"
    assert job.to_dict() == STATUS  # nothing lost, not even pygeoapi's extra "parameters": null


def test_plain_job_list_is_get_jobs_without_query(httpserver: HTTPServer, api: JobsApi) -> None:
    body = {"jobs": [STATUS, status(jobID="b", status="running", finished=None)], "links": []}
    httpserver.expect_request("/jobs", method="GET").respond_with_json(body)
    jobs = api.get_jobs_jobs_get()
    assert raw_uris(httpserver) == ["/jobs"]
    assert [job.job_id for job in jobs.jobs] == [JOB_ID, "b"]
    assert jobs.to_dict() == body


def test_job_list_filters_are_sent_as_the_standard_names(httpserver: HTTPServer, api: JobsApi) -> None:
    httpserver.expect_request("/jobs").respond_with_json({"jobs": [], "links": []})
    api.get_jobs_jobs_get(
        limit=5,
        process_id="echo",
        status=["running", StatusCode.ACCEPTED],
        type="process",
        datetime=(datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc), None),
        min_duration=1,
        max_duration=60,
    )
    assert raw_uris(httpserver) == [
        "/jobs?limit=5&processID=echo&status=running&status=accepted&type=process"
        "&datetime=2026-01-01T00%3A00%3A00%2B00%3A00%2F..&minDuration=1&maxDuration=60"
    ]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"limit": 0}, ApiValueError),
        ({"limit": "5"}, ApiTypeError),
        ({"limit": True}, ApiTypeError),
        ({"min_duration": -1}, ApiValueError),
        ({"status": 3}, ApiTypeError),
        ({"datetime": datetime.datetime(2026, 1, 1)}, ApiValueError),  # naive: no time zone
        ({"datetime": ("a", "b", "c")}, ApiValueError),
    ],
)
def test_bad_job_list_arguments_are_refused_before_sending(
    httpserver: HTTPServer, api: JobsApi, kwargs: Dict[str, Any], error: type
) -> None:
    with pytest.raises(error):
        api.get_jobs_jobs_get(**kwargs)
    assert httpserver.log == []


def test_results_send_prefer_and_decode_every_kind_of_value(httpserver: HTTPServer, api: JobsApi) -> None:
    results = {
        "text": "Hello",
        "number": 3.5,
        "integer": 7,
        "flag": True,
        "array": [1, "two", {"three": 3}],
        "bbox": {"bbox": [1, 2, 3, 4], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
        "bbox3d": {"bbox": [1, 2, 0, 3, 4, 10], "crs": {"uri": "http://www.opengis.net/def/crs/EPSG/0/4979"}},
        "link": {"href": "http://127.0.0.1/out.tif", "rel": "result", "type": "image/tiff", "title": "output"},
        "qualified": {"value": {"a": [1, 2], "b": None}, "mediaType": "application/json", "schema": {"type": "object"}},
        "qualified_text": {"value": "aGk=", "mediaType": "text/plain", "encoding": "base64"},
        "object": {"id": "echo", "value2": "Hello World! hi"},
    }
    httpserver.expect_request(
        f"/jobs/{JOB_ID}/results", headers={"Prefer": "return=representation", "Accept": "application/json"}
    ).respond_with_json(results)
    decoded = api.get_result_jobs_job_id_results_get(JOB_ID, prefer="return=representation")
    assert {key: value.to_dict() for key, value in decoded.items()} == results
    kinds = {key: type(value.actual_instance) for key, value in decoded.items()}
    assert kinds == {
        "text": str, "number": float, "integer": int, "flag": bool, "array": list, "bbox": Bbox, "bbox3d": Bbox,
        "link": Link, "qualified": QualifiedInputValueInput, "qualified_text": QualifiedInputValueInput, "object": dict,
    }  # fmt: skip
    qualified = decoded["qualified"].actual_instance
    assert isinstance(qualified, QualifiedInputValueInput)
    assert qualified.value == {"a": [1, 2], "b": None}  # 2.0.1 emptied object values


def test_results_without_prefer_send_no_prefer_header(httpserver: HTTPServer, api: JobsApi) -> None:
    httpserver.expect_request(f"/jobs/{JOB_ID}/results").respond_with_json({"echo": "hi"})
    api.get_result_jobs_job_id_results_get(JOB_ID)
    request = httpserver.log[0][0]
    assert "Prefer" not in request.headers


def test_dismiss_decodes_json_labelled_html(httpserver: HTTPServer, api: JobsApi) -> None:
    # pygeoapi answers DELETE with a JSON body and Content-Type text/html
    dismissed = {"jobID": JOB_ID, "status": "dismissed", "message": "Job dismissed", "progress": 100}
    httpserver.expect_request(f"/jobs/{JOB_ID}", method="DELETE").respond_with_data(
        json.dumps(dismissed), content_type="text/html; charset=utf-8"
    )
    job = api.dismiss_jobs_job_id_delete(JOB_ID)
    assert job.status is StatusCode.DISMISSED
    assert job.to_dict() == dismissed


def test_with_http_info_gives_status_headers_data_and_bytes(httpserver: HTTPServer, api: JobsApi) -> None:
    body = json.dumps(STATUS).encode()
    httpserver.expect_request(f"/jobs/{JOB_ID}").respond_with_data(
        body, content_type="application/json", headers={"X-Request-Id": "r1"}
    )
    response = api.get_status_jobs_job_id_get_with_http_info(JOB_ID)
    assert isinstance(response, ogc.ApiResponse)
    assert response.status_code == 200
    assert response.headers is not None and response.headers["X-Request-Id"] == "r1"
    assert response.raw_data == body
    assert isinstance(response.data, ogc.StatusInfo) and response.data.job_id == JOB_ID


def test_without_preload_content_leaves_the_body_unread(httpserver: HTTPServer, api: JobsApi) -> None:
    httpserver.expect_request(f"/jobs/{JOB_ID}/results").respond_with_json({"echo": "hi"})
    response = api.get_result_jobs_job_id_results_get_without_preload_content(JOB_ID)
    try:
        assert response.status == 200
        assert json.loads(response.read()) == {"echo": "hi"}
    finally:
        response.release_conn()


def test_without_preload_content_still_raises_typed_errors(httpserver: HTTPServer, api: JobsApi) -> None:
    httpserver.expect_request("/jobs/nope").respond_with_json(
        {"code": "NoSuchJob", "type": "NoSuchJob", "description": "nope"}, status=404
    )
    with pytest.raises(ogc.NotFoundException) as caught:
        api.get_status_jobs_job_id_get_without_preload_content("nope")
    assert caught.value.body is not None and "NoSuchJob" in caught.value.body


def test_variants_share_the_declared_signature_and_docs(api: JobsApi) -> None:
    import inspect

    declared = inspect.signature(api.get_result_jobs_job_id_results_get)
    for variant in (
        api.get_result_jobs_job_id_results_get_with_http_info,
        api.get_result_jobs_job_id_results_get_without_preload_content,
    ):
        assert list(inspect.signature(variant).parameters) == list(declared.parameters)
        assert list(declared.parameters)[:3] == ["job_id", "prefer", "_request_timeout"]
        assert variant.__doc__ == api.get_result_jobs_job_id_results_get.__doc__
    assert api.get_status_jobs_job_id_get_with_http_info.__name__ == "get_status_jobs_job_id_get_with_http_info"


# --- HTTP errors ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status_code", "error_class"),
    [
        (400, ogc.BadRequestException),
        (401, ogc.UnauthorizedException),
        (403, ogc.ForbiddenException),
        (404, ogc.NotFoundException),
        (409, ogc.ConflictException),
        (422, ogc.UnprocessableEntityException),
        (429, ogc.TooManyRequestsException),
        (500, ogc.ServiceException),
        (501, ogc.ServiceException),
        (418, ApiException),
    ],
)
def test_error_statuses_map_to_their_exception(
    httpserver: HTTPServer, config: Configuration, status_code: int, error_class: type
) -> None:
    problem = {"type": "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/no-such-job",
               "title": "No such job", "status": status_code, "detail": "job x is unknown"}  # fmt: skip
    httpserver.expect_request("/jobs/x").respond_with_json(
        problem, status=status_code, content_type="application/problem+json"
    )
    config.retries = 0
    with ApiClient(config) as client, pytest.raises(error_class) as caught:
        JobsApi(client).get_status_jobs_job_id_get("x")
    error = caught.value
    assert type(error) is error_class
    assert error.status == status_code
    assert error.body is not None and json.loads(error.body) == problem
    assert error.headers is not None and error.headers["Content-Type"] == "application/problem+json"
    assert error.data is not None and error.data.title == "No such job" and error.data.detail == "job x is unknown"
    assert str(error).startswith(f"({status_code})")
    assert "No such job: job x is unknown" in str(error)
    assert "\n" not in str(error)


def test_pygeoapi_error_form_is_readable(httpserver: HTTPServer, api: JobsApi) -> None:
    httpserver.expect_request("/jobs/gone").respond_with_json(
        {"code": "InvalidParameterValue", "type": "InvalidParameterValue", "description": "gone"}, status=404
    )
    with pytest.raises(ogc.NotFoundException) as caught:
        api.get_status_jobs_job_id_get("gone")
    assert caught.value.data.additional_properties == {"code": "InvalidParameterValue", "description": "gone"}
    assert str(caught.value) == "(404) NOT FOUND: InvalidParameterValue: gone"


def test_validation_error_422_is_parsed(httpserver: HTTPServer, api: JobsApi) -> None:
    detail = {"detail": [{"loc": ["path", "jobId"], "msg": "field required", "type": "value_error.missing"}]}
    httpserver.expect_request("/jobs/x").respond_with_json(detail, status=422)
    with pytest.raises(ogc.UnprocessableEntityException) as caught:
        api.get_status_jobs_job_id_get("x")
    assert isinstance(caught.value.data, ogc.HTTPValidationError)
    assert caught.value.data.detail is not None and caught.value.data.detail[0].loc == ["path", "jobId"]
    assert "field required" in str(caught.value)


def test_html_error_page_keeps_body_and_maps_status(httpserver: HTTPServer, api: JobsApi) -> None:
    page = "<!doctype html><title>404 Not Found</title><h1>Not Found</h1>"
    httpserver.expect_request("/jobs/a/b").respond_with_data(page, status=404, content_type="text/html")
    with pytest.raises(ogc.NotFoundException) as caught:
        api.get_status_jobs_job_id_get("a/b")
    assert caught.value.body == page
    assert caught.value.data is None
    assert "Not Found" in str(caught.value)


# --- unusable 2xx bodies ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html><body>Results</body></html>", "text/html"),
        (b"", "application/json"),
        (b'{"jobID": "x", "status": ', "application/json"),
        (b'{"jobID": "\xff\xfe", "status": "accepted"}', "application/json"),
        (b"\x00\x01\x02", "application/octet-stream"),
    ],
)
def test_undecodable_success_body_is_a_decode_error(
    httpserver: HTTPServer, api: JobsApi, body: bytes, content_type: str
) -> None:
    httpserver.expect_request("/jobs/x").respond_with_data(body, content_type=content_type)
    with pytest.raises(ApiDecodeError) as caught:
        api.get_status_jobs_job_id_get("x")
    assert caught.value.status == 200
    assert caught.value.raw_body == body
    assert caught.value.body == body.decode("utf-8", errors="replace")
    assert not isinstance(caught.value.__cause__, (ValueError, UnicodeError)) or isinstance(
        caught.value.__cause__, OpenApiException
    )


def test_declared_charset_is_honoured(httpserver: HTTPServer, api: JobsApi) -> None:
    body = json.dumps(status(message="Résultat prêt"), ensure_ascii=False).encode("latin-1")
    httpserver.expect_request("/jobs/x").respond_with_data(body, content_type="application/json; charset=iso-8859-1")
    assert api.get_status_jobs_job_id_get("x").message == "Résultat prêt"


@pytest.mark.parametrize(
    "body",
    [
        {"status": "accepted"},  # no jobID
        {"jobID": 5.5, "status": "accepted"},  # an integer jobID is read (as its text), a float is not
        ["not", "an", "object"],
        {"jobID": "x", "status": "accepted", "links": [{"rel": "self"}]},  # link without href
    ],
)
def test_json_of_the_wrong_shape_is_a_validation_error(httpserver: HTTPServer, api: JobsApi, body: Any) -> None:
    httpserver.expect_request("/jobs/x").respond_with_json(body)
    with pytest.raises(ApiResponseValidationError) as caught:
        api.get_status_jobs_job_id_get("x")
    assert caught.value.status == 200
    assert caught.value.body is not None and json.loads(caught.value.body) == body
    assert caught.value.errors
    assert caught.value.__cause__ is None  # no pydantic error chained into the caller's traceback
    assert caught.value.__suppress_context__


def test_results_that_are_not_a_map_are_a_validation_error(httpserver: HTTPServer, api: JobsApi) -> None:
    httpserver.expect_request("/jobs/x/results").respond_with_json([1, 2])
    with pytest.raises(ApiResponseValidationError):
        api.get_result_jobs_job_id_results_get("x")


# --- path parameters ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("job_id", "wire"),
    [
        ("a/b", "a%2Fb"),
        ("a?b=c", "a%3Fb%3Dc"),
        ("a#b", "a%23b"),
        ("100%", "100%25"),
        ("a b", "a%20b"),
        ("jöb-ü", "j%C3%B6b-%C3%BC"),
        (".", "%2E"),
        ("..", "%2E%2E"),
        ("...", "..."),
        ("a..b", "a..b"),
        ("~a-b_c.d", "~a-b_c.d"),
    ],
)
def test_path_parameter_is_one_encoded_segment(httpserver: HTTPServer, api: JobsApi, job_id: str, wire: str) -> None:
    httpserver.expect_request(re.compile(".*")).respond_with_json(status(jobID=job_id))
    assert api.get_status_jobs_job_id_get(job_id).job_id == job_id
    assert raw_uris(httpserver) == [f"/jobs/{wire}"]


@pytest.mark.parametrize(
    ("job_id", "error"), [("", ApiValueError), (None, ApiValueError), (5.0, ApiTypeError), (["a"], ApiTypeError)]
)
def test_unusable_job_id_is_refused(httpserver: HTTPServer, api: JobsApi, job_id: Any, error: type) -> None:
    with pytest.raises(error):
        api.get_status_jobs_job_id_get(job_id)
    assert httpserver.log == []


# --- headers, options -------------------------------------------------------------------------------
@pytest.mark.parametrize("prefer", ["return=minimal\r\nX-Evil: 1", "a\nb", "a\rb", "nul\x00"])
def test_header_with_line_break_is_refused_before_sending(httpserver: HTTPServer, api: JobsApi, prefer: str) -> None:
    with pytest.raises(ApiValueError) as caught:
        api.get_result_jobs_job_id_results_get("x", prefer=prefer)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, OpenApiException)
    assert httpserver.log == []


def test_extra_headers_with_line_breaks_are_refused_too(httpserver: HTTPServer, api: JobsApi) -> None:
    with pytest.raises(ApiValueError):
        api.get_status_jobs_job_id_get("x", _headers={"X-Trace": "a\r\nb"})
    with pytest.raises(ApiValueError):
        api.get_status_jobs_job_id_get("x", _headers={"Bad Name": "a"})
    with pytest.raises(ApiValueError):
        api.get_status_jobs_job_id_get("x", _headers={"X-Name": "ünïcødé ☃"})
    assert httpserver.log == []


def test_per_call_headers_and_content_type_are_sent(httpserver: HTTPServer, api: JobsApi) -> None:
    httpserver.expect_request("/jobs/x", headers={"X-Trace": "t1", "Accept": "application/geo+json"}).respond_with_json(
        status(jobID="x")
    )
    api.get_status_jobs_job_id_get("x", _headers={"X-Trace": "t1", "Accept": "application/geo+json"})
    assert len(httpserver.log) == 1


def test_unknown_options_and_host_index_are_refused(httpserver: HTTPServer, api: JobsApi) -> None:
    with pytest.raises(ApiTypeError):
        api.get_status_jobs_job_id_get("x", _request_timout=3)  # type: ignore[call-arg]
    with pytest.raises(ApiTypeError):
        api.get_status_jobs_job_id_get("x", "y")  # type: ignore[call-arg]
    with pytest.raises(ApiValueError):
        api.get_status_jobs_job_id_get("x", _host_index=1)
    with pytest.raises(ApiValueError):
        api.get_status_jobs_job_id_get("x", _request_timeout=-1)
    with pytest.raises(ApiValueError):
        api.get_status_jobs_job_id_get("x", _request_timeout=(1, 0))
    assert httpserver.log == []


# --- auth ---------------------------------------------------------------------------------------------
def test_bearer_token_is_sent_and_never_shown(
    httpserver: HTTPServer, config: Configuration, caplog: pytest.LogCaptureFixture
) -> None:
    config.access_token = TOKEN
    config.debug = True
    httpserver.expect_request("/jobs/x", headers={"Authorization": f"Bearer {TOKEN}"}).respond_with_json(
        status(jobID="x")
    )
    httpserver.expect_request("/jobs/y").respond_with_json({"title": "denied"}, status=401)
    caplog.set_level(logging.DEBUG)
    try:
        with ApiClient(config) as client:
            api = JobsApi(client)
            api.get_status_jobs_job_id_get("x")
            with pytest.raises(ogc.UnauthorizedException) as caught:
                api.get_status_jobs_job_id_get("y")
            shown = [repr(config), str(config), repr(client), repr(config.auth_settings()), str(caught.value),
                     repr(caught.value), caplog.text]  # fmt: skip
    finally:
        config.debug = False
    assert "/jobs/x -> 200" in caplog.text  # requests are logged ...
    assert all(TOKEN not in text for text in shown)  # ... but the token is nowhere
    assert "***" in repr(config)


def test_request_auth_replaces_configured_auth_for_one_call(httpserver: HTTPServer, config: Configuration) -> None:
    config.access_token = TOKEN
    httpserver.expect_request("/jobs/x", headers={"Authorization": "Bearer other"}).respond_with_json(status(jobID="x"))
    with ApiClient(config) as client:
        JobsApi(client).get_status_jobs_job_id_get(
            "x", _request_auth={"in": "header", "type": "bearer", "key": "Authorization", "value": "Bearer other"}
        )
    assert len(httpserver.log) == 1


def test_no_token_no_authorization_header(httpserver: HTTPServer, api: JobsApi) -> None:
    httpserver.expect_request("/jobs/x").respond_with_json(status(jobID="x"))
    api.get_status_jobs_job_id_get("x")
    assert "Authorization" not in httpserver.log[0][0].headers


# --- host ---------------------------------------------------------------------------------------------
def test_default_host_is_localhost() -> None:
    assert Configuration().host == "http://localhost"
    assert Configuration(host=None).host == "http://localhost"


@pytest.mark.parametrize("prefix", ["/venue/wps", "/venue/wps/", "/venue/wps//"])
def test_host_path_prefix_is_kept_without_double_slashes(httpserver: HTTPServer, prefix: str) -> None:
    httpserver.expect_request("/venue/wps/jobs/x").respond_with_json(status(jobID="x"))
    config = Configuration(host=httpserver.url_for(prefix))
    with ApiClient(config) as client:
        JobsApi(client).get_status_jobs_job_id_get("x")
    assert raw_uris(httpserver) == ["/venue/wps/jobs/x"]


@pytest.mark.parametrize("host", ["", "localhost:8080", "ftp://example.org", 42])
def test_unusable_host_is_refused(host: Any) -> None:
    with pytest.raises(ApiValueError):
        Configuration(host=host)


def test_handler_sees_user_agent(httpserver: HTTPServer, api: JobsApi) -> None:
    def handler(request: Request) -> Response:
        return Response(json.dumps(status(jobID=request.headers["User-Agent"])), content_type="application/json")

    httpserver.expect_request("/jobs/x").respond_with_handler(handler)
    agent = api.get_status_jobs_job_id_get("x").job_id
    assert agent.startswith("unity-sps-ogc-processes-api-python-client/")


def test_responses_are_decoded_from_bytes_in_one_pass(
    httpserver: HTTPServer, api: JobsApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    from unity_sps_ogc_processes_api_python_client import api_client as api_client_module

    httpserver.expect_request("/jobs").respond_with_json({"jobs": [STATUS], "links": []})
    seen: List[Any] = []
    validate_json = pydantic.TypeAdapter.validate_json

    def spy(adapter: pydantic.TypeAdapter[Any], data: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append((adapter, type(data)))
        return validate_json(adapter, data, *args, **kwargs)

    def no_json_loads(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the response went through json.loads")

    monkeypatch.setattr(pydantic.TypeAdapter, "validate_json", spy)
    monkeypatch.setattr(json, "loads", no_json_loads)
    api.get_jobs_jobs_get()
    api.get_jobs_jobs_get()
    monkeypatch.undo()
    assert [kind for _, kind in seen] == [bytes, bytes]  # the raw body, validated once per call
    assert seen[0][0] is seen[1][0] is api_client_module.type_adapter(ogc.JobListInput)  # one adapter per type
