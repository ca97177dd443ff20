"""Decoding a results document (``Dict[str, InlineOrRefDataInput]``) from JSON: every output gets the branch its
JSON shape names and writes back exactly the JSON received, and an output shaped like a model that is not a
valid one is refused with that model's error, as when each value is read on its own."""

from __future__ import annotations

import copy
import gc
import json
import pickle
import uuid
from typing import Any, Dict, Optional, Tuple, Type

import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from unity_sps_ogc_processes_api_python_client import (
    ApiResponseValidationError,
    ApiTypeError,
    ApiValueError,
    JobsApi,
)
from unity_sps_ogc_processes_api_python_client._gc import without_collection
from unity_sps_ogc_processes_api_python_client.api_client import type_adapter
from unity_sps_ogc_processes_api_python_client.models.bbox import Bbox
from unity_sps_ogc_processes_api_python_client.models.inline_or_ref_data_input import InlineOrRefDataInput
from unity_sps_ogc_processes_api_python_client.models.link import Link
from unity_sps_ogc_processes_api_python_client.models.qualified_input_value_input import QualifiedInputValueInput

from .ogc_strategies import exact, json_values, uris

ResultsMap = Dict[str, InlineOrRefDataInput]


def decode(body: Any) -> Dict[str, InlineOrRefDataInput]:
    """As the client decodes a results response."""
    text = body if isinstance(body, (str, bytes)) else json.dumps(body)
    results: Dict[str, InlineOrRefDataInput] = without_collection(type_adapter(ResultsMap).validate_json, text)
    return results


def expected_type(raw: Any) -> type:
    """The branch of a JSON value, by the table of InlineOrRefDataInput (written out again here)."""
    if isinstance(raw, dict):
        if isinstance(raw.get("href"), str):
            return Link
        if "value" in raw:
            return QualifiedInputValueInput
        if isinstance(raw.get("bbox"), list):
            return Bbox
    return type(raw)


def views(value: InlineOrRefDataInput) -> Tuple[Any, ...]:
    return tuple(getattr(value, f"anyof_schema_{n}_validator") for n in range(1, 9))


# --- a document shaped like the benchmark's: 1,000 outputs of every kind ---------------------------------
def result_value(index: int) -> Any:
    kind = index % 6
    if kind == 0:
        return f"granule {index:04d} processed: 1284 tiles, 0 warnings"
    if kind == 1:
        return index * 1.25 + 0.001 if index % 12 == 1 else index * 37
    if kind == 2:
        return {
            "href": f"http://localhost:5000/jobs/{uuid.uuid5(uuid.NAMESPACE_URL, 'job')}/outputs/tile_{index:04d}.tif",
            "type": "image/tiff; application=geotiff",
            "rel": "http://www.opengis.net/def/rel/iana/1.0/enclosure",
            "title": f"tile {index}",
        }
    if kind == 3:
        return {
            "value": {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [-118.17 + index / 1e4, 34.2 - index / 1e4]},
                "properties": {"name": f"station {index}", "score": index % 97, "valid": index % 2 == 0},
            },
            "mediaType": "application/geo+json",
        }
    if kind == 4:
        west, south = -120.0 + index / 100, 33.0 + index / 200
        return {
            "bbox": [round(west, 4), round(south, 4), round(west + 0.5, 4), round(south + 0.4, 4)],
            "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
        }
    return {"value": f"checksum-{index:08x}", "mediaType": "text/plain"}


def test_a_thousand_outputs_of_every_kind() -> None:
    body = json.dumps({f"output_{index:04d}": result_value(index) for index in range(1000)}).encode()
    received = json.loads(body)
    results = decode(body)
    assert list(results) == list(received)
    kinds = set()
    for name, value in results.items():
        assert type(value) is InlineOrRefDataInput
        assert type(value.actual_instance) is expected_type(received[name]), name
        assert exact(value.to_dict()) == exact(received[name]), name
        kinds.add(type(value.actual_instance))
    assert kinds == {str, int, float, Link, QualifiedInputValueInput, Bbox}
    link = results["output_0002"].actual_instance
    assert isinstance(link, Link) and link.title == "tile 2" and link.rel is not None
    geo = results["output_0003"].actual_instance
    assert isinstance(geo, QualifiedInputValueInput) and geo.media_type == "application/geo+json"
    assert geo.value["properties"] == {"name": "station 3", "score": 3, "valid": False}
    box = results["output_0004"].actual_instance
    assert isinstance(box, Bbox) and box.crs == "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    assert exact(box.bbox) == exact(received["output_0004"]["bbox"])


# --- each shape, and the shapes that name two branches -----------------------------------------------
SHAPES = [
    ('"text"', str),
    ("0", int),
    ("-7", int),
    ("123456789012345678901234567890", int),
    ("2.5", float),
    ("1.0", float),
    ("-0.0", float),
    ("1e400", float),
    ("-1e400", float),
    ("true", bool),
    ("false", bool),
    ("null", type(None)),
    ("[]", list),
    ('[1, {"href": "http://x/a"}, {"value": 1}]', list),  # models are only chosen at the top
    ("{}", dict),
    ('{"href": "http://x/a"}', Link),
    ('{"href": ""}', Link),
    ('{"href": "http://x/a", "value": 1}', Link),  # a string href wins over value
    ('{"href": "http://x/a", "bbox": [1, 2, 3, 4]}', Link),
    ('{"value": 1, "href": "http://x/a"}', Link),  # whatever the order of the members
    ('{"href": 5, "value": 1}', QualifiedInputValueInput),  # an href that is no string names no link
    ('{"href": null, "value": 1}', QualifiedInputValueInput),
    ('{"href": true}', dict),
    ('{"href": ["http://x/a"]}', dict),
    ('{"value": null}', QualifiedInputValueInput),  # value present, even null
    ('{"value": false, "bbox": [1, 2, 3, 4]}', QualifiedInputValueInput),  # value wins over bbox
    ('{"bbox": [1, 2, 3, 4], "value": {"a": 1}}', QualifiedInputValueInput),
    ('{"value": {"a": 1e400, "b": [true, 1, 1.0]}, "schema": {"type": "object"}}', QualifiedInputValueInput),
    ('{"bbox": [1, 2, 3, 4]}', Bbox),
    ('{"bbox": []}', Bbox),
    ('{"bbox": [1, 2.5, 1e400, -4], "crs": {"uri": "http://x/crs"}, "x-ext": [1]}', Bbox),
    ('{"bbox": "1,2,3,4"}', dict),  # a bbox that is no array names no Bbox
    ('{"bbox": {"west": 1}}', dict),
    ('{"bbox": null}', dict),
    ('{"Href": "http://x/a", "Value": 1, "BBOX": []}', dict),  # names are case-sensitive
    ('{"a": 1, "b": [true, 1.0, 1e400], "c": {"d": null}}', dict),
    ('{"href": 5, "href": "http://x/a"}', Link),  # a name given twice: the last one counts, as in json.loads
    ('{"href": "http://x/a", "href": 5}', dict),
]


@pytest.mark.parametrize(("text", "kind"), SHAPES)
def test_each_shape_gets_its_branch_and_writes_back_what_was_received(text: str, kind: type) -> None:
    received = json.loads(text)
    assert expected_type(received) is kind  # the table above agrees with the documented one
    for results in (decode('{"out": ' + text + "}"), decode(('{"out": ' + text + "}").encode())):
        value = results["out"]
        assert type(value.actual_instance) is kind
        assert exact(value.to_dict()) == exact(received)
        assert exact(json.loads(value.to_json())) == exact(received)
        # the same value read on its own, and given in Python (where the JSON allows it), is the same
        alone = InlineOrRefDataInput.from_json(text)
        assert type(alone.actual_instance) is kind and alone == value
        if "1e400" not in text:
            given = InlineOrRefDataInput(received)
            assert type(given.actual_instance) is kind and given == value


def test_infinities_are_kept_and_written_back_as_1e400() -> None:
    results = decode('{"n": 1e400, "q": {"value": [-1e400]}, "b": {"bbox": [1e400, 0, 1, 2]}}')
    assert results["n"].actual_instance == float("inf")
    assert results["n"].to_json() == "1e400"
    assert json.loads(results["q"].to_json()) == {"value": [float("-inf")]}
    assert "-1e400" in results["q"].to_json()
    assert results["b"].to_json().startswith('{"bbox": [1e400, 0, 1, 2]')


def test_integers_stay_integers_and_floats_floats() -> None:
    results = decode('{"i": 10, "f": 10.0, "big": 100000000000000000000000, "b": {"bbox": [1, 2.0, 3, 4.5]}}')
    assert type(results["i"].actual_instance) is int
    assert type(results["f"].actual_instance) is float
    assert results["big"].actual_instance == 10**23 and type(results["big"].actual_instance) is int
    box = results["b"].actual_instance
    assert isinstance(box, Bbox) and [type(n) for n in box.bbox] == [int, float, int, float]


def test_booleans_are_not_numbers() -> None:
    results = decode('{"t": true, "f": false, "one": 1, "zero": 0, "half": 0.5}')
    assert views(results["t"]) == (None, None, True, None, None, None, None, None)
    assert views(results["f"]) == (None, None, False, None, None, None, None, None)
    assert views(results["one"]) == (None, None, None, 1, 1, None, None, None)
    assert views(results["zero"]) == (None, None, None, 0, 0, None, None, None)
    assert views(results["half"]) == (None, None, None, 0.5, None, None, None, None)
    assert type(results["one"].actual_instance) is int and type(results["t"].actual_instance) is bool
    assert results["t"] != results["one"] and results["f"] != results["zero"]
    with pytest.raises(pydantic.ValidationError, match="invalid Bbox"):  # nor are they coordinates
        decode('{"b": {"bbox": [true, 1, 2, 3]}}')


def test_each_branch_is_shown_by_its_view_only() -> None:
    results = decode(
        {"b": {"bbox": [1, 2, 3, 4]}, "a": [1], "s": "x", "l": {"href": "h"}, "q": {"value": 1}, "o": {"k": 1}}
    )
    shown = {name: [n for n, view in enumerate(views(value), 1) if view is not None] for name, value in results.items()}
    assert shown == {"b": [1], "a": [2], "s": [6], "l": [7], "q": [8], "o": []}
    assert results["l"].anyof_schema_7_validator is results["l"].actual_instance


# --- what is refused ---------------------------------------------------------------------------------
INVALID = [
    ('{"href": "http://x/a", "title": 5}', Link, "title"),
    ('{"href": "http://x/a", "rel": ["a"], "value": 1}', Link, "rel"),  # not read as a qualified value instead
    ('{"href": "http://x/a", "type": {}, "bbox": [1, 2, 3, 4]}', Link, "type"),  # nor as a bbox
    ('{"value": 1, "mediaType": 5}', QualifiedInputValueInput, "mediaType"),
    ('{"value": 1, "encoding": [1], "bbox": [1, 2, 3, 4]}', QualifiedInputValueInput, "encoding"),  # not a bbox
    ('{"value": 1, "schema": 5}', QualifiedInputValueInput, "schema"),
    ('{"bbox": ["a", 2, 3, 4]}', Bbox, "bbox.0"),
    ('{"bbox": [1, 2, null, 4]}', Bbox, "bbox.2"),
    ('{"bbox": [1, 2, 3, 4], "crs": 5}', Bbox, "crs"),
]


@pytest.mark.parametrize(("text", "model", "where"), INVALID)
def test_an_invalid_model_is_refused_with_its_error(text: str, model: Type[pydantic.BaseModel], where: str) -> None:
    with pytest.raises(pydantic.ValidationError) as caught:
        decode('{"fine": "x", "bad": ' + text + "}")
    errors = caught.value.errors(include_url=False)
    assert len(errors) == 1
    assert errors[0]["loc"] == ("bad",)
    assert errors[0]["type"] == "value_error"
    assert errors[0]["msg"].startswith(f"Value error, invalid {model.__name__}: {where}")
    # the same message as for the value read on its own
    with pytest.raises(ApiValueError) as alone:
        InlineOrRefDataInput.from_json(text)
    assert errors[0]["msg"] == f"Value error, {alone.value}"
    with pytest.raises(ApiValueError, match=f"invalid {model.__name__}"):
        InlineOrRefDataInput(json.loads(text))


def test_an_invalid_link_in_results_is_a_response_validation_error(httpserver: HTTPServer, api: JobsApi) -> None:
    body = {"ok": {"href": "http://x/a"}, "bad": {"href": "http://x/b", "title": 5}}
    httpserver.expect_request("/jobs/x/results").respond_with_json(body)
    with pytest.raises(ApiResponseValidationError, match=r"bad: Value error, invalid Link: title") as caught:
        api.get_result_jobs_job_id_results_get("x")
    assert caught.value.status == 200
    assert caught.value.errors and caught.value.errors[0]["loc"] == ("bad",)
    assert caught.value.__cause__ is None


def test_results_over_the_api_keep_every_kind(httpserver: HTTPServer, api: JobsApi) -> None:
    body = {f"o{index}": result_value(index) for index in range(12)}
    body["both"] = {"href": "http://x/c", "value": 3}
    httpserver.expect_request("/jobs/x/results").respond_with_json(body)
    results = api.get_result_jobs_job_id_results_get("x")
    assert {name: type(value.actual_instance) for name, value in results.items()} == {
        name: expected_type(raw) for name, raw in body.items()
    }
    assert exact({name: value.to_dict() for name, value in results.items()}) == exact(body)


def test_values_given_in_python_are_still_checked_strictly() -> None:
    adapter = type_adapter(ResultsMap)
    for no_json_number in (float("inf"), float("nan"), {"a": float("inf")}, [float("nan")]):
        with pytest.raises(pydantic.ValidationError, match="not a JSON number"):
            adapter.validate_python({"out": no_json_number})
    for no_json_value in ({1, 2}, b"bytes", {1: "x"}):
        with pytest.raises(ApiTypeError):
            adapter.validate_python({"out": no_json_value})
    with pytest.raises(pydantic.ValidationError, match="invalid Link"):
        adapter.validate_python({"out": {"href": "h", "title": 5}})
    given = adapter.validate_python({"l": {"href": "h"}, "q": {"value": 1}, "b": {"bbox": [1, 2, 3, 4]}, "n": 1})
    assert [type(value.actual_instance) for value in given.values()] == [Link, QualifiedInputValueInput, Bbox, int]
    link = Link(href="h")
    assert adapter.validate_python({"l": link})["l"].actual_instance is link  # a model given in Python is kept


# --- the same as each value read on its own, for generated documents ----------------------------------
_SHAPE_MEMBERS = {
    "href": uris | st.text(max_size=5) | json_values,
    "value": json_values,
    "bbox": st.lists(st.integers() | st.floats(allow_nan=False), max_size=6) | json_values,
    "mediaType": st.sampled_from(["text/plain", "application/json"]) | json_values,
    "title": st.text(max_size=5) | json_values,
    "crs": uris | st.fixed_dictionaries({"uri": uris}) | json_values,
    "x-ext": json_values,
}
mixed_objects = st.fixed_dictionaries({}, optional=_SHAPE_MEMBERS)  # every combination of the shape members
outputs = mixed_objects | json_values


def read_alone(raw: Any) -> Tuple[Optional[InlineOrRefDataInput], Optional[str]]:
    """The value read on its own (the reference), or the message of its error."""
    try:
        return InlineOrRefDataInput.from_json(json.dumps(raw)), None
    except ApiValueError as error:
        return None, str(error)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), outputs, max_size=6))
def test_generated_documents_decode_as_their_values_read_alone(document: Dict[str, Any]) -> None:
    alone = {name: read_alone(raw) for name, raw in document.items()}
    refused = {name: message for name, (_, message) in alone.items() if message is not None}
    if refused:
        with pytest.raises(pydantic.ValidationError) as caught:
            decode(document)
        errors = caught.value.errors(include_url=False)
        assert {error["loc"][0]: error["msg"] for error in errors} == {
            name: f"Value error, {message}" for name, message in refused.items()
        }
        return
    results = decode(document)
    assert list(results) == list(document)
    for name, raw in document.items():
        reference = alone[name][0]
        assert reference is not None
        value = results[name]
        assert type(value.actual_instance) is type(reference.actual_instance) is expected_type(raw)
        assert exact(value.to_dict()) == exact(raw)
        assert views(value) == views(reference) or value.actual_instance != value.actual_instance  # NaN never
        assert value == reference


# --- the decoded values behave as any other ----------------------------------------------------------
def test_decoded_values_copy_pickle_and_compare() -> None:
    results = decode({f"o{index}": result_value(index) for index in range(6)})
    for name, value in results.items():
        for twin in (copy.copy(value), copy.deepcopy(value), pickle.loads(pickle.dumps(value))):
            assert type(twin) is InlineOrRefDataInput
            assert type(twin.actual_instance) is type(value.actual_instance)
            assert twin == value, name
        assert value == InlineOrRefDataInput(value.to_dict())
        assert value._repr_html_()
        assert repr(value).startswith("InlineOrRefDataInput(actual_instance=")
    assert results["o2"] != results["o3"]


def test_decoding_with_the_collector_running_or_paused_is_the_same() -> None:
    body = json.dumps({f"o{index}": result_value(index) for index in range(60)})
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        running = type_adapter(ResultsMap).validate_json(body)
        paused = decode(body)
        assert gc.isenabled()  # the pause ends with the decoding
    finally:
        if not was_enabled:
            gc.disable()
    assert exact({k: v.to_dict() for k, v in running.items()}) == exact({k: v.to_dict() for k, v in paused.items()})


class Tagged(InlineOrRefDataInput):
    __slots__ = ()


class Custom(InlineOrRefDataInput):
    """A subclass that chooses its own branches: JSON goes through them too."""

    __slots__ = ()

    @classmethod
    def _classify(cls, value: Any, trusted: bool) -> Any:
        return ("custom", value)


def test_subclasses_are_decoded_as_themselves() -> None:
    tagged = pydantic.TypeAdapter(Dict[str, Tagged]).validate_json('{"l": {"href": "h"}, "n": 1}')
    assert all(type(value) is Tagged for value in tagged.values())
    assert isinstance(tagged["l"].actual_instance, Link)
    custom = pydantic.TypeAdapter(Dict[str, Custom]).validate_json('{"l": {"href": "h"}}')
    assert type(custom["l"]) is Custom and custom["l"].actual_instance == ("custom", {"href": "h"})
