"""Link, ProblemDetails, Bbox and QualifiedInputValueInput round trips; wire and snake_case names; the
2.0.1 names (models.exception.Exception, JobList) and what a star import brings."""

from __future__ import annotations

import builtins
import copy
import json
import math
from typing import Any, Callable, Dict, Type

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unity_sps_ogc_processes_api_python_client.exceptions import ApiValueError
from unity_sps_ogc_processes_api_python_client.models._base import OgcModel
from unity_sps_ogc_processes_api_python_client.models.bbox import Bbox
from unity_sps_ogc_processes_api_python_client.models.execute200_response_input import Execute200ResponseInput
from unity_sps_ogc_processes_api_python_client.models.inline_or_ref_data_input import InlineOrRefDataInput
from unity_sps_ogc_processes_api_python_client.models.job_list import JobList
from unity_sps_ogc_processes_api_python_client.models.job_list_input import JobListInput
from unity_sps_ogc_processes_api_python_client.models.link import Link
from unity_sps_ogc_processes_api_python_client.models.problem_details import ProblemDetails
from unity_sps_ogc_processes_api_python_client.models.qualified_input_value_input import QualifiedInputValueInput
from unity_sps_ogc_processes_api_python_client.models.status_info import StatusInfo

from .ogc_strategies import bboxes, exact, links, problem_details, qualified_values

MODELS_AND_DOCUMENTS = st.one_of(
    links().map(lambda document: (Link, document)),
    problem_details().map(lambda document: (ProblemDetails, document)),
    bboxes().map(lambda document: (Bbox, document)),
    qualified_values().map(lambda document: (QualifiedInputValueInput, document)),
)


@settings(max_examples=200, deadline=None)
@given(MODELS_AND_DOCUMENTS)
def test_generated_documents_round_trip_exactly(drawn: Any) -> None:
    model, document = drawn
    original = copy.deepcopy(document)
    from_json = model.from_json(json.dumps(document))
    assert isinstance(from_json, model)
    assert exact(from_json.to_dict()) == exact(original)
    assert exact(json.loads(from_json.to_json())) == exact(original)
    from_dict = model.from_dict(document)
    assert from_dict is not None and exact(from_dict.to_dict()) == exact(original)
    assert exact(model.from_json(from_json.to_json()).to_dict()) == exact(original)
    known = {field.alias or name for name, field in model.model_fields.items()}
    assert from_json.model_extra == {name: value for name, value in original.items() if name not in known}
    assert document == original


# --- wire names and snake_case names ------------------------------------------------------------------
def test_snake_case_and_wire_names_are_both_accepted() -> None:
    by_name = StatusInfo(job_id="a", status="accepted", process_id="p")  # type: ignore[arg-type]
    by_wire = StatusInfo.model_validate({"jobID": "a", "status": "accepted", "processID": "p"})
    by_wire_keywords = StatusInfo(jobID="a", status="accepted", processID="p")  # type: ignore[arg-type, call-arg]
    for status in (by_name, by_wire, by_wire_keywords):
        assert (status.job_id, status.process_id) == ("a", "p")
        assert status.to_dict() == {"jobID": "a", "status": "accepted", "processID": "p"}
        assert json.loads(status.to_json()) == {"jobID": "a", "status": "accepted", "processID": "p"}
    assert by_name == by_wire == by_wire_keywords
    assert by_name.model_extra == {} and by_wire.model_extra == {}


def test_to_dict_uses_the_wire_names() -> None:
    qualified = QualifiedInputValueInput(value=[1], media_type="application/json", var_schema={"type": "array"})
    assert qualified.to_dict() == {"value": [1], "mediaType": "application/json", "schema": {"type": "array"}}
    read = QualifiedInputValueInput.model_validate({"value": 1, "mediaType": "text/plain", "schema": "http://s"})
    assert (read.media_type, read.var_schema) == ("text/plain", "http://s")
    assert read.to_dict() == {"value": 1, "mediaType": "text/plain", "schema": "http://s"}
    by_snake = QualifiedInputValueInput.model_validate({"value": 1, "media_type": "text/plain"})
    assert by_snake.to_dict() == {"value": 1, "mediaType": "text/plain"}


# --- problem details ----------------------------------------------------------------------------------
def test_problem_details_keep_pygeoapi_members() -> None:
    document = {"code": "NoSuchJob", "type": "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/no-such-job",
                "description": "job 42 not found"}  # fmt: skip
    problem = ProblemDetails.from_json(json.dumps(document))
    assert problem is not None and problem.type == document["type"]
    assert problem.additional_properties == {"code": "NoSuchJob", "description": "job 42 not found"}
    assert problem.title is None and problem.detail is None
    assert problem.to_dict() == document
    rfc7807 = {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "no job", "instance": "/jobs/42"}
    read = ProblemDetails.from_dict(rfc7807)
    assert read is not None and read.status == 404 and read.additional_properties == {}
    assert read.to_dict() == rfc7807
    with pytest.raises(ApiValueError, match="status"):
        ProblemDetails.from_dict({"status": 404.5})


def test_status_info_exception_is_problem_details() -> None:
    document = {"jobID": "a", "status": "failed", "exception": {"code": "E", "description": "d", "trace": [1]}}
    status = StatusInfo.from_json(json.dumps(document))
    assert status is not None and isinstance(status.exception, ProblemDetails)
    assert status.exception.additional_properties == {"code": "E", "description": "d", "trace": [1]}
    assert status.to_dict() == document


# --- the 2.0.1 names and the star import --------------------------------------------------------------
def test_models_exception_exception_is_problem_details() -> None:
    from unity_sps_ogc_processes_api_python_client.models import exception
    from unity_sps_ogc_processes_api_python_client.models.exception import Exception as ProblemException

    assert ProblemException is ProblemDetails and exception.Exception is ProblemDetails
    assert ProblemException is not builtins.Exception
    assert issubclass(ProblemException, OgcModel)


def test_star_import_keeps_the_builtin_exception() -> None:
    namespace: Dict[str, Any] = {}
    exec("from unity_sps_ogc_processes_api_python_client import *", namespace)
    assert "StatusInfo" in namespace and "ProblemDetails" in namespace and "InlineOrRefDataInput" in namespace
    assert "Exception" not in namespace
    exec("caught = None\ntry:\n    raise KeyError('k')\nexcept Exception as error:\n    caught = error", namespace)
    assert isinstance(namespace["caught"], KeyError)
    models_namespace: Dict[str, Any] = {}
    exec("from unity_sps_ogc_processes_api_python_client.models import *", models_namespace)
    assert "Exception" not in models_namespace and "StatusInfo" in models_namespace


def test_job_list_is_job_list_input() -> None:
    from unity_sps_ogc_processes_api_python_client import models

    assert JobList is JobListInput and models.JobList is JobListInput
    listing = JobList.from_dict({"jobs": [{"jobID": "a", "status": "running"}]})
    assert isinstance(listing, JobListInput) and listing.to_dict() == {"jobs": [{"jobID": "a", "status": "running"}]}


# --- a member named "self" ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("model", "document"),
    [
        (StatusInfo, {"jobID": "a", "status": "running", "self": "http://x/jobs/a"}),
        (Link, {"href": "http://x/jobs/a", "self": True}),
        (ProblemDetails, {"title": "t", "self": None}),
        (JobListInput, {"jobs": [{"jobID": "a", "status": "running", "self": 1}], "self": {"href": "h"}}),
    ],
)
def test_member_named_self_is_kept(model: Type[OgcModel], document: Dict[str, Any]) -> None:
    for read in (model.from_json(json.dumps(document)), model.from_dict(document), model.model_validate(document)):
        assert read is not None and read.to_dict() == document
    assert InlineOrRefDataInput({"href": "h", "self": 1}).to_dict() == {"href": "h", "self": 1}


def test_keyword_named_self_is_an_extra_member() -> None:
    document = {"href": "http://x/jobs/a", "self": True}
    assert Link(**document).to_dict() == document


# --- numbers beyond the range of a float (1e400) and NaN ----------------------------------------------
INF = float("inf")
# (reader, received JSON text, the JSON text written back, the Python value of a part of it)
NON_FINITE: Dict[str, Any] = {
    "a result value": (InlineOrRefDataInput.from_json, "1e400", "1e400", lambda v: v.actual_instance),
    "a negative result value": (InlineOrRefDataInput.from_json, "-1e400", "-1e400", lambda v: -v.actual_instance),
    "the Infinity token": (InlineOrRefDataInput.from_json, "[Infinity, -Infinity, 1.5]", "[1e400, -1e400, 1.5]",
                           lambda v: v.actual_instance[0]),
    "an object result": (InlineOrRefDataInput.from_json, '{"a": {"b": [1e400]}}', '{"a": {"b": [1e400]}}',
                         lambda v: v.actual_instance["a"]["b"][0]),
    "a qualified value in a result": (InlineOrRefDataInput.from_json, '{"value": 1e400, "mediaType": "text/plain"}',
                                      '{"value": 1e400, "mediaType": "text/plain"}', lambda v: v.actual_instance.value),
    "a bbox in a result": (InlineOrRefDataInput.from_json, '{"bbox": [-1e400, 0, 1e400, 1]}',
                           '{"bbox": [-1e400, 0, 1e400, 1]}', lambda v: v.actual_instance.bbox[2]),
    "a qualified value": (QualifiedInputValueInput.from_json, '{"value": [1, 1e400]}', '{"value": [1, 1e400]}',
                          lambda v: v.value[1]),
    "an extra member of a status": (StatusInfo.from_json, '{"jobID": "a", "status": "running", "x": 1e400}',
                                    '{"jobID": "a", "status": "running", "x": 1e400}', lambda v: v.model_extra["x"]),
    "a nested extra member": (StatusInfo.from_json, '{"jobID": "a", "status": "running", "x": {"y": [-1e400]}}',
                              '{"jobID": "a", "status": "running", "x": {"y": [-1e400]}}',
                              lambda v: -v.model_extra["x"]["y"][0]),
    "a job list": (JobListInput.from_json, '{"jobs": [{"jobID": "a", "status": "running", "x": 1e400}]}',
                   '{"jobs": [{"jobID": "a", "status": "running", "x": 1e400}]}',
                   lambda v: v.jobs[0].model_extra["x"]),
    "a synchronous answer": (Execute200ResponseInput.from_json, '{"out": 1e400}', '{"out": 1e400}',
                             lambda v: v.actual_instance["out"].actual_instance),
}  # fmt: skip


@pytest.mark.parametrize(("read", "text", "written", "part"), NON_FINITE.values(), ids=list(NON_FINITE))
def test_infinite_numbers_are_read_as_inf_and_written_as_valid_json(
    read: Callable[[str], Any], text: str, written: str, part: Callable[[Any], float]
) -> None:
    value = read(text)
    assert part(value) == INF  # read as Python reads 1e400
    assert value.to_json() == written
    json.loads(written, parse_constant=lambda token: pytest.fail(f"{token} is not JSON"))  # valid JSON
    again = read(value.to_json())
    assert part(again) == INF and again.to_json() == written and again == value
    assert exact(value.to_dict()) == exact(json.loads(written))  # to_dict keeps the float inf


@pytest.mark.parametrize(
    ("read", "text"),
    [
        (InlineOrRefDataInput.from_json, "NaN"),
        (InlineOrRefDataInput.from_json, '{"value": [NaN]}'),
        (QualifiedInputValueInput.from_json, '{"value": {"mean": NaN}}'),
        (StatusInfo.from_json, '{"jobID": "a", "status": "running", "stats": {"mean": NaN}}'),
        (StatusInfo.from_json, '{"jobID": "a", "status": "running", "progress": NaN}'),
        (JobListInput.from_json, '{"jobs": [{"jobID": "a", "status": "running", "x": NaN}]}'),
        (Execute200ResponseInput.from_json, '{"out": NaN}'),
    ],
)
def test_nan_is_read_but_has_no_json_form(read: Callable[[str], Any], text: str) -> None:
    value = read(text)  # as Python's json module writes and reads it: the rest of the document stays readable
    assert "nan" in repr(value.to_dict())
    with pytest.raises(ApiValueError, match="NaN") as caught:
        value.to_json()
    assert "no JSON form" in str(caught.value)


def test_the_place_of_a_nan_is_named() -> None:
    status = StatusInfo.from_json('{"jobID": "a", "status": "running", "stats": {"values": [1, NaN]}}')
    assert status is not None and math.isnan(status.model_extra["stats"]["values"][1])
    with pytest.raises(ApiValueError, match=r"at stats\.values\[1\]"):
        status.to_json()


@pytest.mark.skipif(
    StatusInfo.model_config.get("ser_json_inf_nan") != "strings",
    reason="pydantic before 2.8 writes Infinity in model_dump_json, whatever the setting",
)
def test_model_dump_json_writes_valid_json_too() -> None:
    # pydantic's own JSON (to_json() is this package's): infinities and NaN become strings, valid JSON
    status = StatusInfo.from_json('{"jobID": "a", "status": "running", "x": [1e400, NaN]}')
    assert status is not None
    text = status.model_dump_json(by_alias=True, exclude_unset=True)
    json.loads(text, parse_constant=lambda token: pytest.fail(f"{token} is not JSON"))
