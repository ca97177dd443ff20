"""The process models: landing page, conformance, process list and description, execute requests,
application packages. Every payload is read and written back exactly (no member added or emptied)."""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, List, Tuple

import pytest
from hypothesis import HealthCheck as Health
from hypothesis import given, settings
from hypothesis import strategies as st

from unity_sps_ogc_processes_api_python_client import models
from unity_sps_ogc_processes_api_python_client.exceptions import ApiTypeError, ApiValueError
from unity_sps_ogc_processes_api_python_client.models.bbox import Bbox
from unity_sps_ogc_processes_api_python_client.models.conf_classes import ConfClasses
from unity_sps_ogc_processes_api_python_client.models.enumeration import Enumeration
from unity_sps_ogc_processes_api_python_client.models.execute import Execute
from unity_sps_ogc_processes_api_python_client.models.execute_workflows import ExecuteWorkflows
from unity_sps_ogc_processes_api_python_client.models.health_check import HealthCheck
from unity_sps_ogc_processes_api_python_client.models.inline_or_ref_data_input import InlineOrRefDataInput
from unity_sps_ogc_processes_api_python_client.models.input_description_input import InputDescriptionInput
from unity_sps_ogc_processes_api_python_client.models.job_control_options import JobControlOptions
from unity_sps_ogc_processes_api_python_client.models.landing_page import LandingPage
from unity_sps_ogc_processes_api_python_client.models.link import Link
from unity_sps_ogc_processes_api_python_client.models.metadata_input import MetadataInput
from unity_sps_ogc_processes_api_python_client.models.ogcapppkg import Ogcapppkg
from unity_sps_ogc_processes_api_python_client.models.output_description_input import OutputDescriptionInput
from unity_sps_ogc_processes_api_python_client.models.process_input import ProcessInput
from unity_sps_ogc_processes_api_python_client.models.process_list import ProcessList
from unity_sps_ogc_processes_api_python_client.models.process_list_input import ProcessListInput
from unity_sps_ogc_processes_api_python_client.models.process_summary import ProcessSummary
from unity_sps_ogc_processes_api_python_client.models.process_summary_input import ProcessSummaryInput
from unity_sps_ogc_processes_api_python_client.models.qualified_input_value_input import QualifiedInputValueInput
from unity_sps_ogc_processes_api_python_client.models.subscriber import Subscriber

BASE = "http://localhost:5000"


def exact(value: Any) -> str:
    """A text that tells apart what == does not (1, 1.0 and true; 0.0 and -0.0)."""
    return json.dumps(value, sort_keys=True)


def process_links(process_id: str) -> List[Dict[str, Any]]:
    """The links pygeoapi adds to each process (description, job list, execution)."""
    url = f"{BASE}/processes/{process_id}"
    return [
        {"type": "text/html", "rel": "canonical", "title": "information",
         "href": "https://example.org/process", "hreflang": "en-US"},
        {"type": "application/json", "rel": "self", "href": f"{url}?f=json",
         "title": "Process description as JSON", "hreflang": "en-US"},
        {"type": "text/html", "rel": "alternate", "href": f"{url}?f=html",
         "title": "Process description as HTML", "hreflang": "en-US"},
        {"type": "text/html", "rel": "http://www.opengis.net/def/rel/ogc/1.0/job-list",
         "href": f"{BASE}/jobs?f=html", "title": "Jobs list as HTML", "hreflang": "en-US"},
        {"type": "application/json", "rel": "http://www.opengis.net/def/rel/ogc/1.0/job-list",
         "href": f"{BASE}/jobs?f=json", "title": "Jobs list as JSON", "hreflang": "en-US"},
        {"type": "application/json", "rel": "http://www.opengis.net/def/rel/ogc/1.0/execute",
         "href": f"{url}/execution?f=json", "title": "Execution for this process as JSON", "hreflang": "en-US"},
    ]  # fmt: skip


# The hello-world process description as pygeoapi serves it (GET /processes/hello-world?f=json).
HELLO_WORLD: Dict[str, Any] = {
    "version": "0.2.0",
    "id": "hello-world",
    "title": "Hello World",
    "description": "An example process that takes a name as input, and echoes it back as output. "
    "Intended to demonstrate a simple process with a single literal input.",
    "keywords": ["hello world", "example", "echo"],
    "links": process_links("hello-world"),
    "inputs": {
        "name": {
            "title": "Name",
            "description": "The name of the person or entity that you wish tobe echoed back as an output",
            "schema": {"type": "string"},
            "minOccurs": 1,
            "maxOccurs": 1,
            "metadata": None,
            "keywords": ["full name", "personal"],
        },
        "message": {
            "title": "Message",
            "description": "An optional message to echo as well",
            "schema": {"type": "string"},
            "minOccurs": 0,
            "maxOccurs": 1,
            "metadata": None,
            "keywords": ["message"],
        },
    },
    "outputs": {
        "echo": {
            "title": "Hello, world",
            "description": 'A "hello world" echo with the name and (optional) message submitted for processing',
            "schema": {"type": "object", "contentMediaType": "application/json"},
        }
    },
    "example": {"inputs": {"name": "World", "messsage": "An optional message."}},
    "jobControlOptions": ["sync-execute", "async-execute"],
    "outputTransmission": ["value"],
}


def summary_of(description: Dict[str, Any]) -> Dict[str, Any]:
    """The entry of the process list for a description (pygeoapi drops inputs, outputs, example)."""
    return {key: value for key, value in description.items() if key not in ("inputs", "outputs", "example")}


# A richer description: both metadata shapes, "unbounded", valuePassing, a schema with $ref/oneOf/const,
# a boolean schema, additionalParameters and a server's own members.
RICH_PROCESS: Dict[str, Any] = {
    "id": "ndvi",
    "version": "1.4.0",
    "title": "NDVI",
    "metadata": [
        {"href": "https://example.org/ndvi.html", "rel": "about", "type": "text/html", "role": "documentation",
         "title": "Algorithm", "hreflang": "en"},
        {"role": "license", "title": "License", "lang": "en", "value": "CC-BY-4.0"},
        {"role": "provenance", "value": {"author": "EO team", "year": 2024, "tags": ["a", "b"]}},
    ],
    "additionalParameters": {"parameters": [{"name": "queue", "value": ["long"]}]},
    "jobControlOptions": ["async-execute", "dismiss"],
    "outputTransmission": ["value", "reference"],
    "inputs": {
        "scenes": {
            "title": "Scenes",
            "schema": {
                "type": "array",
                "items": {"oneOf": [{"type": "string", "format": "uri"}, {"$ref": "#/definitions/stac-item"}]},
                "minItems": 1,
                "default": [],
            },
            "minOccurs": 1,
            "maxOccurs": "unbounded",
            "valuePassing": ["byValue", "byReference"],
        },
        "area": {
            "schema": {"type": "object", "required": ["bbox"], "properties": {"bbox": {"type": "array"}},
                       "format": "ogc-bbox", "additionalProperties": False},
            "maxOccurs": 1,
        },
        "scale": {"schema": {"type": "number", "minimum": 0.0, "maximum": 1e3, "const": -0.0}},
        "anything": {"schema": True, "x-ui": {"widget": "json"}},
    },
    "outputs": {
        "ndvi": {"schema": {"type": "string", "contentMediaType": "image/tiff; application=geotiff"},
                 "metadata": [{"role": "unit", "value": "1"}]},
        "stats": {"schema": False, "keywords": []},
    },
    "links": [{"href": f"{BASE}/processes/ndvi", "rel": "self"}],
    "x-server": {"queue": "default", "priority": 3},
}  # fmt: skip

PROCESS_LIST: Dict[str, Any] = {
    "processes": [summary_of(HELLO_WORLD), summary_of(RICH_PROCESS), {"id": "no-version", "links": []}],
    "links": [
        {"type": "application/json", "rel": "self", "title": "This document as JSON",
         "href": f"{BASE}/processes?f=json"},
        {"type": "application/ld+json", "rel": "alternate", "title": "This document as RDF (JSON-LD)",
         "href": f"{BASE}/processes?f=jsonld"},
        {"type": "text/html", "rel": "alternate", "title": "This document as HTML", "href": f"{BASE}/processes?f=html"},
    ],
}  # fmt: skip

LANDING_PAGE: Dict[str, Any] = {
    "links": [
        {"rel": "about", "type": "text/html", "title": "information", "href": "https://example.org"},
        {"rel": "self", "type": "application/json", "title": "This document as JSON", "href": f"{BASE}?f=json"},
        {"rel": "service-desc", "type": "application/vnd.oai.openapi+json;version=3.0",
         "title": "The OpenAPI definition as JSON", "href": f"{BASE}/openapi"},
        {"rel": "conformance", "type": "application/json", "title": "Conformance", "href": f"{BASE}/conformance"},
        {"rel": "http://www.opengis.net/def/rel/ogc/1.0/processes", "type": "application/json",
         "title": "Processes", "href": f"{BASE}/processes"},
        {"rel": "http://www.opengis.net/def/rel/ogc/1.0/job-list", "type": "application/json", "title": "Jobs",
         "href": f"{BASE}/jobs"},
    ],
    "title": "pygeoapi default instance",
    "description": "pygeoapi provides an API to geospatial data",
}  # fmt: skip

CONFORMANCE: Dict[str, Any] = {
    "conformsTo": [
        "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/ogc-process-description",
        "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/json",
        "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/callback",
    ]
}

CWL = {
    "cwlVersion": "v1.2",
    "$graph": [{"class": "CommandLineTool", "id": "main", "baseCommand": ["echo"],
                "inputs": {"message": {"type": "string", "inputBinding": {"position": 1}}}, "outputs": {}}],
}  # fmt: skip

APP_PACKAGES: List[Dict[str, Any]] = [
    {
        "processDescription": {**HELLO_WORLD, "id": "echo-docker"},
        "executionUnit": {"type": "docker", "image": "ghcr.io/example/echo:1.0", "deployment": "local",
                          "config": {"cpuMin": 2, "memoryMax": 4096, "env": None}},
    },
    {"executionUnit": {"value": CWL, "mediaType": "application/cwl+json"}},
    {
        "processDescription": {"id": "from-cwl", "version": "1"},
        "executionUnit": [{"href": "https://example.org/app.cwl", "type": "application/cwl"},
                          {"value": "cwlVersion: v1.2", "mediaType": "application/cwl+yaml"}],
    },
]  # fmt: skip

EXECUTE_REQUESTS: List[Dict[str, Any]] = [
    # what pygeoapi's hello-world expects
    {"inputs": {"name": "World", "message": "An optional message."}},
    # every kind of value, objects included (2.0.1 sent those as {} or null)
    {
        "inputs": {
            "geometry": {"type": "Point", "coordinates": [7.5, 51.9]},
            "feature": {"type": "Feature", "properties": {}, "geometry": None},
            "area": {"bbox": [51.9, 7.0, 52.0, 7.2], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
            "config": {"value": {"threshold": 0.5, "bands": ["B04", "B08"]}, "mediaType": "application/json"},
            "scenes": [{"href": "https://example.org/a.tif", "type": "image/tiff"}, {"href": "https://example.org/b"}],
            "count": 3,
            "ratio": 0.25,
            "whole": 2.0,
            "flag": False,
            "nothing": None,
            "empty": {},
            "list": [],
            "matrix": [[1, 2], [3, 4.5]],
        },
        "outputs": {"ndvi": {"format": {"mediaType": "image/tiff"}, "transmissionMode": "reference"},
                    "stats": {}},
        "response": "document",
        "mode": "async",
        "subscriber": {"successUri": "https://example.org/ok", "inProgressUri": "https://example.org/run",
                       "failedUri": "https://example.org/failed"},
        "processID": "ndvi",
    },
    {"inputs": {}, "outputs": None},
    {},
]  # fmt: skip

WORKFLOW: Dict[str, Any] = {
    "process": "https://example.org/processes/ndvi",
    "inputs": {
        "scenes": {"collection": "https://example.org/collections/sentinel-2"},
        "area": {
            "process": "https://example.org/processes/buffer",
            "inputs": {"geometry": {"type": "Point", "coordinates": [0, 0]}, "distance": {"$input": "d"}},
            "outputs": {"result": {"$output": "buffered"}},
        },
    },
    "outputs": {"ndvi": {"format": {"mediaType": "image/tiff"}}},
    "filter": "cloud_cover < 10",
    "properties": {"ndvi": "(B08 - B04) / (B08 + B04)"},
    "sortBy": ["-datetime"],
    "subscriber": {"successUri": "https://example.org/ok"},
}

ROUND_TRIPS: List[Tuple[type, Dict[str, Any]]] = [
    (LandingPage, LANDING_PAGE),
    (ConfClasses, CONFORMANCE),
    (ProcessListInput, PROCESS_LIST),
    (ProcessSummaryInput, summary_of(HELLO_WORLD)),
    (ProcessInput, HELLO_WORLD),
    (ProcessInput, RICH_PROCESS),
    (InputDescriptionInput, RICH_PROCESS["inputs"]["scenes"]),
    (OutputDescriptionInput, HELLO_WORLD["outputs"]["echo"]),
    (MetadataInput, RICH_PROCESS["metadata"][2]),
    (Subscriber, EXECUTE_REQUESTS[1]["subscriber"]),
    (HealthCheck, {"status": "OK"}),
    (HealthCheck, {"status": {"database": "up", "queue": [1, 2]}, "version": "1.2.3"}),
    (Enumeration, {"type": "enum", "enum": ["sync-execute", "async-execute"]}),
    (ExecuteWorkflows, WORKFLOW),
    *((Ogcapppkg, package) for package in APP_PACKAGES),
    *((Execute, request) for request in EXECUTE_REQUESTS),
    *((ExecuteWorkflows, request) for request in EXECUTE_REQUESTS),
]


@pytest.mark.parametrize(
    ("model", "payload"), ROUND_TRIPS, ids=[f"{m.__name__}-{i}" for i, (m, _) in enumerate(ROUND_TRIPS)]
)
def test_payloads_are_written_back_exactly(model: Any, payload: Dict[str, Any]) -> None:
    original = copy.deepcopy(payload)
    from_dict = model.from_dict(payload)
    from_json = model.from_json(json.dumps(payload))
    assert exact(from_dict.to_dict()) == exact(from_json.to_dict()) == exact(original)
    assert json.loads(from_dict.to_json()) == original
    assert payload == original  # reading does not change the caller's dict
    assert exact(model.from_dict(from_dict.to_dict()).to_dict()) == exact(original)


def test_hello_world_description_is_typed() -> None:
    process = ProcessInput.from_dict(HELLO_WORLD)
    assert process is not None
    assert (process.id, process.version, process.title) == ("hello-world", "0.2.0", "Hello World")
    assert process.job_control_options == [JobControlOptions.SYNC_MINUS_EXECUTE, JobControlOptions.ASYNC_MINUS_EXECUTE]
    assert process.output_transmission == ["value"]
    assert process.links is not None and process.links[-1].rel == "http://www.opengis.net/def/rel/ogc/1.0/execute"
    assert process.inputs is not None and process.outputs is not None
    name = process.inputs["name"]
    assert isinstance(name, InputDescriptionInput)
    assert (name.min_occurs, name.max_occurs, name.var_schema) == (1, 1, {"type": "string"})
    assert name.metadata is None and "metadata" in name.model_fields_set
    assert process.outputs["echo"].var_schema == {"type": "object", "contentMediaType": "application/json"}
    assert process.model_extra == {"example": HELLO_WORLD["example"]}
    assert isinstance(process, ProcessSummaryInput)


def test_rich_description_is_typed() -> None:
    process = ProcessInput.from_dict(RICH_PROCESS)
    assert process is not None and process.inputs is not None and process.metadata is not None
    assert process.inputs["scenes"].max_occurs == "unbounded"
    assert process.inputs["scenes"].value_passing == ["byValue", "byReference"]
    assert process.inputs["anything"].var_schema is True
    link, text, structured = process.metadata
    assert (link.href, link.role, link.hreflang) == ("https://example.org/ndvi.html", "documentation", "en")
    assert (text.role, text.lang, text.value) == ("license", "en", "CC-BY-4.0")
    assert structured.value == {"author": "EO team", "year": 2024, "tags": ["a", "b"]}
    assert JobControlOptions.DISMISS in (process.job_control_options or [])


def test_process_list_is_typed() -> None:
    listing = ProcessList.from_dict(PROCESS_LIST)
    assert isinstance(listing, ProcessListInput)
    assert [p.id for p in listing.processes] == ["hello-world", "ndvi", "no-version"]
    assert listing.processes[2].version is None
    assert "inputs" not in listing.processes[0].to_dict()
    assert ProcessListInput.from_dict({"processes": []}).to_dict() == {"processes": []}  # type: ignore[union-attr]


def test_landing_page_and_conformance() -> None:
    page = LandingPage.from_dict(LANDING_PAGE)
    assert page is not None and page.title == "pygeoapi default instance"
    assert [link.rel for link in page.links][:2] == ["about", "self"]
    conformance = ConfClasses.from_json(json.dumps(CONFORMANCE))
    assert conformance is not None
    assert "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core" in conformance.conforms_to
    assert ConfClasses(conforms_to=["a"]).to_dict() == {"conformsTo": ["a"]}


def test_2_0_1_names() -> None:
    assert ProcessList is ProcessListInput and ProcessSummary is ProcessSummaryInput
    for name in ("LandingPage", "ConfClasses", "ProcessList", "ProcessListInput", "ProcessSummary",
                 "ProcessSummaryInput", "ProcessInput", "InputDescriptionInput", "OutputDescriptionInput",
                 "MetadataInput", "JobControlOptions", "Subscriber", "Execute", "ExecuteWorkflows", "Ogcapppkg",
                 "HealthCheck", "Enumeration"):  # fmt: skip
        assert name in models.__all__
        assert getattr(models, name).__name__ in (name, name + "Input")


# --- JobControlOptions: an open enum ------------------------------------------------------------------
def test_job_control_options_standard_values() -> None:
    assert [option.value for option in JobControlOptions] == ["sync-execute", "async-execute", "dismiss"]
    option = JobControlOptions("async-execute")
    assert option is JobControlOptions.ASYNC_MINUS_EXECUTE and option.is_standard
    text: str = option
    assert text == "async-execute" and str(option) == "async-execute"
    assert JobControlOptions.from_json('"dismiss"') is JobControlOptions.DISMISS


def test_job_control_options_keep_unknown_values() -> None:
    option = JobControlOptions("async-execute-with-priority")
    assert option is JobControlOptions("async-execute-with-priority")  # one member per value
    assert isinstance(option, JobControlOptions) and isinstance(option, str)
    assert option.value == "async-execute-with-priority" and option == "async-execute-with-priority"
    assert option.name == "ASYNC_MINUS_EXECUTE_MINUS_WITH_MINUS_PRIORITY"
    assert not option.is_standard
    assert [member.value for member in JobControlOptions] == ["sync-execute", "async-execute", "dismiss"]

    payload = {"id": "p", "version": "1", "jobControlOptions": ["sync-execute", "my-server-option"]}
    summary = ProcessSummaryInput.from_json(json.dumps(payload))
    assert summary is not None and summary.job_control_options is not None
    assert summary.job_control_options[0] is JobControlOptions.SYNC_MINUS_EXECUTE
    assert summary.job_control_options[1] == "my-server-option"
    assert summary.to_dict() == payload
    with pytest.raises(ApiValueError, match="a JobControlOptions is a string, not int"):
        JobControlOptions(3)


# --- execute requests ---------------------------------------------------------------------------------
def test_execute_with_models_gives_wire_json() -> None:
    request = Execute(
        inputs={
            "bbox": Bbox(bbox=[1, 2, 3, 4]),
            "q": QualifiedInputValueInput(value={"a": 1}, media_type="application/json"),
            "links": [Link(href="https://example.org/a", type="image/tiff"), {"href": "https://example.org/b"}],
            "result": InlineOrRefDataInput({"value": [1, 2], "mediaType": "application/json"}),
            "step": ExecuteWorkflows(process="https://example.org/processes/p", inputs={"x": Bbox(bbox=[0, 0, 1, 1])}),
            "mode": JobControlOptions.ASYNC_MINUS_EXECUTE,
            "pair": (1, "two"),
        },
        outputs={"out": {"format": {"mediaType": "application/json"}, "transmissionMode": "value"}},
        subscriber=Subscriber(success_uri="https://example.org/ok"),
    )
    expected = {
        "inputs": {
            "bbox": {"bbox": [1, 2, 3, 4]},
            "q": {"value": {"a": 1}, "mediaType": "application/json"},
            "links": [{"href": "https://example.org/a", "type": "image/tiff"}, {"href": "https://example.org/b"}],
            "result": {"value": [1, 2], "mediaType": "application/json"},
            "step": {"process": "https://example.org/processes/p", "inputs": {"x": {"bbox": [0, 0, 1, 1]}}},
            "mode": "async-execute",
            "pair": [1, "two"],
        },
        "outputs": {"out": {"format": {"mediaType": "application/json"}, "transmissionMode": "value"}},
        "subscriber": {"successUri": "https://example.org/ok"},
    }
    assert exact(request.to_dict()) == exact(expected)
    assert json.loads(request.to_json()) == expected
    assert json.loads(request.model_dump_json(by_alias=True, exclude_unset=True)) == expected
    assert isinstance(request.inputs and request.inputs["bbox"], Bbox)  # the objects are kept as given
    assert exact(Execute.from_dict(expected).to_dict()) == exact(expected)  # type: ignore[union-attr]


def test_execute_keeps_object_inputs() -> None:
    geometry = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    request = Execute.from_dict({"inputs": {"geometry": geometry, "empty": {}, "none": None}})
    assert request is not None and request.inputs is not None
    assert request.inputs["geometry"] == geometry
    assert request.to_dict() == {"inputs": {"geometry": geometry, "empty": {}, "none": None}}
    assert Execute().to_dict() == {}
    assert Execute(inputs={"a": 1}).to_dict() == {"inputs": {"a": 1}}


def test_execute_assignment_is_validated_and_written() -> None:
    request = Execute()
    request.inputs = {"area": Bbox(bbox=[0.5, 1, 2, 3], crs={"uri": "http://www.opengis.net/def/crs/EPSG/0/4326"})}
    request.response = "raw"
    assert request.to_dict() == {
        "inputs": {"area": {"bbox": [0.5, 1, 2, 3], "crs": {"uri": "http://www.opengis.net/def/crs/EPSG/0/4326"}}},
        "response": "raw",
    }
    with pytest.raises(ApiTypeError, match="not a JSON value"):
        request.inputs = {"when": object()}


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"x": {1, 2}}, "set is not a JSON value"),
        ({"x": {"deep": [1, float("nan")]}}, r"at deep\[1\]: nan is not a JSON number"),
        ({"x": float("inf")}, "inf is not a JSON number"),
        ({"x": {1: "a"}}, "keys must be strings"),
        ({"x": b"bytes"}, "bytes is not a JSON value"),
        ({1: "a"}, "inputs"),
        (["a"], "inputs"),
    ],
)
def test_execute_refuses_what_has_no_json_form(inputs: Any, message: str) -> None:
    # a value of the wrong kind is an ApiTypeError, a wrong value (NaN) an ApiValueError
    with pytest.raises((ApiTypeError, ApiValueError), match=message):
        Execute(inputs=inputs)
    with pytest.raises((ApiTypeError, ApiValueError)):
        ExecuteWorkflows(outputs=inputs)


# --- the JSON values of requests, generated ---------------------------------------------------------
Pair = Tuple[Any, Any]  # (the value as Python objects, its JSON)

names = st.text(min_size=1, max_size=10)
uris = st.from_regex(r"https://example\.org/[a-z0-9/]{0,12}", fullmatch=True)
numbers = st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False, allow_infinity=False)
scalars = st.none() | st.booleans() | numbers | st.text(max_size=12)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=10,
)


def same(value: Any) -> Pair:
    return value, value


@st.composite
def bboxes(draw: st.DrawFn) -> Pair:
    corners = draw(st.lists(numbers, min_size=4, max_size=4) | st.lists(numbers, min_size=6, max_size=6))
    crs = draw(st.none() | uris | st.fixed_dictionaries({"uri": uris}) | st.fixed_dictionaries({"wkt": st.text()}))
    wire: Dict[str, Any] = {"bbox": corners}
    if crs is not None:
        wire["crs"] = crs
    return Bbox(**wire), wire


@st.composite
def qualified_values(draw: st.DrawFn) -> Pair:
    wire: Dict[str, Any] = {"value": draw(json_values)}
    for key in draw(st.sets(st.sampled_from(["mediaType", "encoding", "schema"]))):
        wire[key] = draw(st.text(max_size=12)) if key != "schema" else draw(uris | st.just({"type": "object"}))
    python = QualifiedInputValueInput(**wire)
    return python, wire


@st.composite
def links(draw: st.DrawFn) -> Pair:
    wire: Dict[str, Any] = {"href": draw(uris)}
    for key in draw(st.sets(st.sampled_from(["rel", "type", "title", "hreflang"]))):
        wire[key] = draw(st.text(max_size=12))
    if draw(st.booleans()):
        wire["x-extra"] = draw(json_values)
    return Link(**wire), wire


def processes(values: st.SearchStrategy[Pair]) -> st.SearchStrategy[Pair]:
    """A nested process ({"process": uri, "inputs": {...}}): as ExecuteWorkflows or as plain JSON."""

    @st.composite
    def build(draw: st.DrawFn) -> Pair:
        uri = draw(uris)
        items = draw(st.dictionaries(names, values, max_size=3))
        wire = {"process": uri, "inputs": {name: pair[1] for name, pair in items.items()}}
        if draw(st.booleans()):
            return ExecuteWorkflows(process=uri, inputs={name: pair[0] for name, pair in items.items()}), wire
        return same(copy.deepcopy(wire))

    return build()


def arrays(values: st.SearchStrategy[Pair]) -> st.SearchStrategy[Pair]:
    return st.lists(values, max_size=3).map(lambda pairs: ([p[0] for p in pairs], [p[1] for p in pairs]))


input_values: st.SearchStrategy[Pair] = st.recursive(
    json_values.map(same) | bboxes() | qualified_values() | links(),
    lambda inner: arrays(inner) | processes(inner),
    max_leaves=8,
)


@st.composite
def execute_requests(draw: st.DrawFn) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """(keyword arguments of Execute, with models inside; the JSON request they must give)."""
    python: Dict[str, Any] = {}
    wire: Dict[str, Any] = {}
    if draw(st.booleans()):
        items = draw(st.dictionaries(names, input_values, max_size=5))
        python["inputs"] = {name: pair[0] for name, pair in items.items()}
        wire["inputs"] = {name: pair[1] for name, pair in items.items()}
    if draw(st.booleans()):
        outputs = draw(
            st.dictionaries(
                names,
                st.fixed_dictionaries(
                    {}, optional={"format": st.fixed_dictionaries({"mediaType": st.text(max_size=10)}),
                                  "transmissionMode": st.sampled_from(["value", "reference"])},
                ) | json_values,
                max_size=3,
            )
        )  # fmt: skip
        python["outputs"], wire["outputs"] = outputs, copy.deepcopy(outputs)
    if draw(st.booleans()):
        python["response"] = wire["response"] = draw(st.sampled_from(["raw", "document"]))
    if draw(st.booleans()):
        python["mode"] = wire["mode"] = draw(st.sampled_from(["sync", "async", "auto"]))
    if draw(st.booleans()):
        subscriber = {"successUri": draw(uris)}
        if draw(st.booleans()):
            subscriber["failedUri"] = draw(uris)
        python["subscriber"], wire["subscriber"] = Subscriber(**subscriber), subscriber
    if draw(st.booleans()):
        python["processID"] = wire["processID"] = draw(st.text(max_size=10))
    return python, wire


@settings(max_examples=150, deadline=None, suppress_health_check=[Health.too_slow])
@given(execute_requests())
def test_generated_execute_requests_round_trip(request: Tuple[Dict[str, Any], Dict[str, Any]]) -> None:
    python, wire = request
    original = copy.deepcopy(wire)
    models_to_check: Tuple[Any, ...] = (Execute, ExecuteWorkflows)
    for model in models_to_check:
        assert exact(model.from_dict(wire).to_dict()) == exact(original)
        assert exact(model.from_json(json.dumps(wire)).to_dict()) == exact(original)
        built = model(**python)
        assert exact(built.to_dict()) == exact(original)
        assert exact(json.loads(built.to_json())) == exact(original)
    assert wire == original


@settings(max_examples=60, deadline=None)
@given(json_values, st.lists(st.text(max_size=6), max_size=3), st.one_of(st.none(), uris))
def test_generated_workflow_requests_round_trip(value: Any, sort_by: List[str], process: Any) -> None:
    nested = {"process": "https://example.org/p", "inputs": {"v": value}}
    wire: Dict[str, Any] = {"inputs": {"v": value, "nested": nested}, "sortBy": sort_by, "properties": sort_by}
    if process is not None:
        wire["process"] = process
    request = ExecuteWorkflows.from_json(json.dumps(wire))
    assert request is not None and request.sort_by == sort_by
    assert exact(request.to_dict()) == exact(wire)


# --- application packages -----------------------------------------------------------------------------
def test_ogcapppkg_is_typed_and_accepts_models() -> None:
    package = Ogcapppkg.from_dict(APP_PACKAGES[0])
    assert package is not None and isinstance(package.process_description, ProcessInput)
    assert package.process_description.id == "echo-docker"
    assert package.execution_unit["image"] == "ghcr.io/example/echo:1.0"

    built = Ogcapppkg(
        execution_unit=[Link(href="https://example.org/app.cwl", type="application/cwl"),
                        QualifiedInputValueInput(value="cwlVersion: v1.2", media_type="application/cwl+yaml")],
        process_description=ProcessInput(id="from-cwl", version="1"),
    )  # fmt: skip
    assert exact(built.to_dict()) == exact(APP_PACKAGES[2])
    cwl = Ogcapppkg(execution_unit=QualifiedInputValueInput(value=CWL, media_type="application/cwl+json"))
    assert exact(cwl.to_dict()) == exact(APP_PACKAGES[1])


# --- invalid input: typed errors ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("model", "payload", "field"),
    [
        (ProcessSummaryInput, {"version": "1.0", "title": "no id"}, "id"),
        (ProcessInput, {"id": "p", "inputs": {"x": {"minOccurs": "1"}}}, "minOccurs"),
        (ProcessInput, {"id": "p", "inputs": {"x": {"maxOccurs": "many"}}}, "maxOccurs"),
        (ProcessInput, {"id": "p", "inputs": {"x": {"maxOccurs": 1.5}}}, "maxOccurs"),
        (ProcessInput, {"id": "p", "outputs": {"x": {"schema": "string"}}}, "schema"),
        (ProcessInput, {"id": "p", "jobControlOptions": [1]}, "jobControlOptions"),
        (ProcessListInput, {"links": []}, "processes"),
        (ProcessListInput, {"processes": [{"title": "no id"}]}, "id"),
        (LandingPage, {"title": "no links"}, "links"),
        (ConfClasses, {"conformsTo": "http://a"}, "conformsTo"),
        (Subscriber, {"failedUri": "https://example.org/f"}, "successUri"),
        (Execute, {"subscriber": {}}, "successUri"),
        (Execute, {"inputs": ["a"]}, "inputs"),
        (ExecuteWorkflows, {"sortBy": "id"}, "sortBy"),
        (Ogcapppkg, {"processDescription": {"id": "p"}}, "executionUnit"),
        (Ogcapppkg, {"executionUnit": "docker"}, "executionUnit"),
        (Ogcapppkg, {"executionUnit": {}, "processDescription": {"version": "1"}}, "id"),
        (Enumeration, {"type": "enum"}, "enum"),
        (MetadataInput, {"href": 1}, "href"),
    ],
)
def test_invalid_payloads_raise_api_value_error(model: Any, payload: Dict[str, Any], field: str) -> None:
    with pytest.raises(ApiValueError, match=field) as caught:
        model.from_dict(payload)
    assert isinstance(caught.value, ValueError) and model.__name__ in str(caught.value)
    with pytest.raises(ApiValueError, match=field):
        model.from_json(json.dumps(payload))


def test_invalid_construction_and_assignment_raise_api_value_error() -> None:
    with pytest.raises(ApiValueError, match="id"):
        ProcessSummaryInput(version="1")  # type: ignore[call-arg]
    description = InputDescriptionInput(schema={"type": "string"})
    with pytest.raises(ApiValueError, match="min_occurs"):
        description.min_occurs = "1"  # type: ignore[assignment]
    with pytest.raises(ApiValueError, match="JSON"):
        Execute.from_json(b"{not json")
    with pytest.raises(ApiValueError, match="executionUnit"):
        Ogcapppkg(execution_unit=3)
    assert ProcessInput.from_dict(None) is None


def test_snake_case_names_and_wire_names_are_both_accepted() -> None:
    by_wire = InputDescriptionInput.from_dict({"minOccurs": 0, "maxOccurs": "unbounded", "valuePassing": ["byValue"]})
    by_name = InputDescriptionInput(min_occurs=0, max_occurs="unbounded", value_passing=["byValue"])
    assert by_wire == by_name
    assert by_name.to_dict() == {"minOccurs": 0, "maxOccurs": "unbounded", "valuePassing": ["byValue"]}
    summary = ProcessSummaryInput(id="p", job_control_options=["async-execute"], output_transmission=["reference"])
    assert summary.to_dict() == {"id": "p", "jobControlOptions": ["async-execute"], "outputTransmission": ["reference"]}
    assert ExecuteWorkflows(sort_by=["a"]).to_dict() == {"sortBy": ["a"]}
