"""InlineOrRefDataInput: every result value the standard allows is read as the right kind, written back
exactly, and invalid values raise the package's ApiValueError."""

from __future__ import annotations

import copy
import json
from typing import Any, Dict, Optional, Tuple

import pydantic
import pytest
from hypothesis import given, settings

from unity_sps_ogc_processes_api_python_client.exceptions import (
    ApiTypeError,
    ApiValueError,
    OpenApiException,
)
from unity_sps_ogc_processes_api_python_client.models.bbox import Bbox
from unity_sps_ogc_processes_api_python_client.models.inline_or_ref_data_input import InlineOrRefDataInput
from unity_sps_ogc_processes_api_python_client.models.link import Link
from unity_sps_ogc_processes_api_python_client.models.qualified_input_value_input import QualifiedInputValueInput

from .ogc_strategies import exact, has_infinity, kinds_of, result_values, results_maps, values_of

Results = pydantic.TypeAdapter(Dict[str, InlineOrRefDataInput])

# kind of value -> (type of actual_instance, the anyof_schema_<n>_validator views that show it)
EXPECTED: Dict[str, Tuple[type, Tuple[int, ...]]] = {
    "bbox": (Bbox, (1,)),
    "array": (list, (2,)),
    "boolean": (bool, (3,)),
    "number": (float, (4,)),
    "integer": (int, (4, 5)),
    "string": (str, (6,)),
    "link": (Link, (7,)),
    "qualified": (QualifiedInputValueInput, (8,)),
    "object": (dict, ()),
}

STANDARD_RESULTS: Dict[str, Any] = {
    "out1": "text",
    "out2": {"href": "http://x/y.tif", "type": "image/tiff"},
    "out3": {"value": {"a": 1}, "mediaType": "application/json"},
    "out4": {"bbox": [1, 2, 3, 4], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
    "out5": [1, 2, 3],
    "out6": 3.5,
    "out7": True,
}
STANDARD_KINDS = {"out1": "string", "out2": "link", "out3": "qualified", "out4": "bbox", "out5": "array",
                  "out6": "number", "out7": "boolean"}  # fmt: skip

FULL_LINK = {"href": "http://x/y.tif", "rel": "enclosure", "type": "image/tiff", "title": "t", "hreflang": "en",
             "length": 1024, "templated": False}  # fmt: skip


def views(value: InlineOrRefDataInput) -> Dict[int, Optional[Any]]:
    return {n: getattr(value, f"anyof_schema_{n}_validator") for n in range(1, 9)}


def check_kind(value: InlineOrRefDataInput, kind: str, raw: Any) -> None:
    """``actual_instance`` is of the kind's type, only its views are set, and it writes ``raw`` back."""
    expected_type, shown_by = EXPECTED[kind]
    assert type(value.actual_instance) is expected_type, (kind, value.actual_instance)
    for n, view in views(value).items():
        if n in shown_by:
            assert view is value.actual_instance, n
        else:
            assert view is None, n
    if kind == "qualified":
        assert exact(value.actual_instance.value) == exact(raw["value"])
    if kind in ("link", "bbox", "qualified"):
        assert exact(value.actual_instance.to_dict()) == exact(raw)
    if kind in ("string", "integer", "number", "boolean", "array", "object"):
        assert exact(value.actual_instance) == exact(raw)
    assert exact(value.to_dict()) == exact(raw)
    assert exact(json.loads(value.to_json())) == exact(raw)


# --- generated values ---------------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(result_values())
def test_generated_values_have_the_right_kind_and_round_trip(drawn: Tuple[str, Any]) -> None:
    kind, raw = drawn
    original = copy.deepcopy(raw)
    read = [InlineOrRefDataInput.from_json(json.dumps(raw)), InlineOrRefDataInput.from_json(json.dumps(raw).encode())]
    given_in_python = [
        lambda: InlineOrRefDataInput.from_dict(raw),
        lambda: InlineOrRefDataInput(raw),
        lambda: InlineOrRefDataInput(actual_instance=raw),
    ]
    if kind in ("number", "array", "object") and has_infinity(raw):
        for build in given_in_python:  # an infinity given in Python is refused (it is no JSON number) ...
            with pytest.raises(ApiValueError, match="not a JSON number"):
                build()
    else:
        read += [build() for build in given_in_python]
    for value in read:  # ... but read from JSON (1e400) it is kept, and written back as 1e400
        assert isinstance(value, InlineOrRefDataInput)
        check_kind(value, kind, original)
    assert exact(raw) == exact(original)  # reading does not change the caller's value


@settings(max_examples=100, deadline=None)
@given(results_maps())
def test_generated_results_map_is_decoded_in_one_pass(drawn: Dict[str, Tuple[str, Any]]) -> None:
    document = values_of(drawn)
    results = Results.validate_json(json.dumps(document).encode())
    assert set(results) == set(document)
    for name, kind in kinds_of(drawn).items():
        assert isinstance(results[name], InlineOrRefDataInput)
        check_kind(results[name], kind, document[name])
    assert exact({name: value.to_dict() for name, value in results.items()}) == exact(document)
    if not has_infinity(document):  # a plain TypeAdapter writes infinities as null (pydantic's default)
        assert exact(Results.dump_python(results, mode="json")) == exact(document)
        assert exact(json.loads(Results.dump_json(results))) == exact(document)
        assert exact({name: value.to_dict() for name, value in Results.validate_python(document).items()}) == exact(
            document
        )


# --- the values of the standard -----------------------------------------------------------------------
def test_standard_results_document() -> None:
    results = Results.validate_json(json.dumps(STANDARD_RESULTS).encode())
    for name, kind in STANDARD_KINDS.items():
        check_kind(results[name], kind, STANDARD_RESULTS[name])
    link = results["out2"].anyof_schema_7_validator
    assert link is not None and (link.href, link.type, link.rel) == ("http://x/y.tif", "image/tiff", None)
    qualified = results["out3"].anyof_schema_8_validator
    assert qualified is not None and qualified.value == {"a": 1} and qualified.media_type == "application/json"
    bbox = results["out4"].anyof_schema_1_validator
    assert bbox is not None and bbox.bbox == [1, 2, 3, 4] and bbox.crs == STANDARD_RESULTS["out4"]["crs"]
    assert exact(Results.dump_python(results, mode="json")) == exact(STANDARD_RESULTS)
    one_by_one = {name: InlineOrRefDataInput.from_json(json.dumps(value)) for name, value in STANDARD_RESULTS.items()}
    assert exact({name: value.to_dict() for name, value in one_by_one.items()}) == exact(STANDARD_RESULTS)


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("", "string"),
        ("3", "string"),
        (0, "integer"),
        (-(2**70), "integer"),
        (0.0, "number"),
        (3.0, "number"),
        (-1.5e-300, "number"),
        (False, "boolean"),
        (True, "boolean"),
        ([], "array"),
        ([{"href": "h"}, {"value": 1}, None], "array"),
        ({"bbox": [1.5, 2, 3, 4], "crs": "http://www.opengis.net/def/crs/EPSG/0/4326"}, "bbox"),
        ({"bbox": [1, 2, 0, 3, 4, 10], "crs": {"uri": "http://www.opengis.net/def/crs/OGC/0/CRS84h"}}, "bbox"),
        ({"bbox": [1, 2, 3, 4], "crs": {"wkt": 'GEOGCS["WGS 84"]'}}, "bbox"),
        ({"bbox": [1, 2, 3, 4]}, "bbox"),
        ({"href": "h"}, "link"),
        (FULL_LINK, "link"),
        ({"value": {"a": {"b": [1, {"c": None}]}, "d": {}}, "mediaType": "application/json"}, "qualified"),
        ({"value": "aGVsbG8=", "encoding": "base64", "mediaType": "text/plain"}, "qualified"),
        ({"value": [1, "a", {"b": 2}], "schema": {"type": "array"}}, "qualified"),
        ({"value": None, "schema": "http://x/schema.json"}, "qualified"),
        ({"value": 1.0}, "qualified"),
        ({"type": "Point", "coordinates": [7.5, 51.9]}, "object"),
        ({}, "object"),
        ({"href": None, "rel": "self"}, "object"),
        ({"bbox": "1,2,3,4"}, "object"),
    ],
)
def test_each_kind_of_value(raw: Any, kind: str) -> None:
    for value in (InlineOrRefDataInput.from_json(json.dumps(raw)), InlineOrRefDataInput(raw)):
        check_kind(value, kind, raw)


def test_object_values_of_qualified_values_survive() -> None:
    raw = {"value": {"type": "FeatureCollection", "features": [{"id": 1, "properties": {"a": [1, 2]}}]},
           "mediaType": "application/geo+json", "schema": {"type": "object"}}  # fmt: skip
    value = InlineOrRefDataInput.from_json(json.dumps(raw))
    qualified = value.actual_instance
    assert isinstance(qualified, QualifiedInputValueInput)
    assert qualified.value == raw["value"] and qualified.value != {}
    assert qualified.var_schema == {"type": "object"}
    assert value.to_dict() == raw
    assert value.to_dict()["value"]["features"][0]["properties"] == {"a": [1, 2]}


# --- constructor forms --------------------------------------------------------------------------------
def test_constructor_forms() -> None:
    text = InlineOrRefDataInput("x")
    assert text.actual_instance == "x" and text.anyof_schema_6_validator == "x" and text.to_dict() == "x"

    link = Link(href="h")
    by_instance = InlineOrRefDataInput(actual_instance=link)
    assert by_instance.actual_instance is link and by_instance.anyof_schema_7_validator is link
    assert by_instance.to_dict() == {"href": "h"}

    by_view = InlineOrRefDataInput(anyof_schema_1_validator=Bbox(bbox=[1, 2, 3, 4]))
    assert isinstance(by_view.anyof_schema_1_validator, Bbox) and by_view.to_dict() == {"bbox": [1, 2, 3, 4]}

    qualified = QualifiedInputValueInput(value={"a": 1}, media_type="application/json")
    wrapped = InlineOrRefDataInput(qualified)
    assert wrapped.anyof_schema_8_validator is qualified
    assert wrapped.to_dict() == {"value": {"a": 1}, "mediaType": "application/json"}

    from_json = InlineOrRefDataInput.from_json('{"href": "h", "rel": "self"}')
    from_dict = InlineOrRefDataInput.from_dict({"href": "h", "rel": "self"})
    assert isinstance(from_json.actual_instance, Link) and isinstance(from_dict.actual_instance, Link)
    assert from_json == from_dict and from_json.to_dict() == {"href": "h", "rel": "self"}
    assert InlineOrRefDataInput.from_json("42").anyof_schema_5_validator == 42
    assert Results.validate_python({"a": wrapped})["a"] is wrapped


# --- invalid values -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"href": "h", "rel": 5}, "rel"),
        ({"href": "h", "title": ["t"]}, "title"),
        ({"bbox": ["a", "b", "c", "d"]}, "bbox"),
        ({"bbox": [True, 2, 3, 4]}, "bbox"),
        ({"bbox": [1, 2, 3, 4], "crs": 4326}, "crs"),
        ({"value": 1, "mediaType": 5}, "mediaType"),
        ({"value": 1, "schema": 5}, "schema"),
        ({"value": 1, "encoding": {"base": 64}}, "encoding"),
    ],
)
def test_invalid_values_raise_api_value_error(raw: Any, message: str) -> None:
    for read in (
        lambda: InlineOrRefDataInput.from_json(json.dumps(raw)),
        lambda: InlineOrRefDataInput.from_dict(raw),
        lambda: InlineOrRefDataInput(raw),
    ):
        with pytest.raises(ApiValueError, match=message) as caught:
            read()
        assert isinstance(caught.value, OpenApiException)
        assert not isinstance(caught.value, pydantic.ValidationError)


@pytest.mark.parametrize("text", ["not json", "", "{", b"\xff\xfe"])
def test_invalid_json_raises_api_value_error(text: Any) -> None:
    with pytest.raises(ApiValueError, match="JSON"):
        InlineOrRefDataInput.from_json(text)


def test_what_has_no_json_form_raises_api_type_error() -> None:
    with pytest.raises(ApiTypeError, match="not a JSON value"):
        InlineOrRefDataInput(object())
    with pytest.raises(ApiTypeError, match="not a JSON value"):
        InlineOrRefDataInput(("a", "b"))
    with pytest.raises(ApiTypeError, match="unexpected"):
        InlineOrRefDataInput(value="x")
    with pytest.raises(ApiValueError, match="one value"):
        InlineOrRefDataInput("x", "y")


# --- values built in Python ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("built", "expected"),
    [
        ([Link(href="http://x/a.tif", type="image/tiff"), Link(href="http://x/b.tif")],
         [{"href": "http://x/a.tif", "type": "image/tiff"}, {"href": "http://x/b.tif"}]),
        ([QualifiedInputValueInput(value={"a": 1}, media_type="application/json"), 2],
         [{"value": {"a": 1}, "mediaType": "application/json"}, 2]),
        ({"area": Bbox(bbox=[1, 2, 3, 4])}, {"area": {"bbox": [1, 2, 3, 4]}}),
        ([InlineOrRefDataInput("x"), [Link(href="h")]], ["x", [{"href": "h"}]]),
    ],
)  # fmt: skip
def test_models_inside_arrays_and_objects_are_written_as_json(built: Any, expected: Any) -> None:
    value = InlineOrRefDataInput(built)
    assert exact(value.to_dict()) == exact(expected)
    assert json.loads(value.to_json()) == expected
    assert exact(Results.dump_python({"out": value}, mode="json")) == exact({"out": expected})


@pytest.mark.parametrize("built", [[object()], {"a": object()}, [1, {"b": {1, 2}}]])
def test_what_has_no_json_form_inside_an_array_or_object_is_refused(built: Any) -> None:
    with pytest.raises(ApiTypeError, match="not a JSON value"):
        InlineOrRefDataInput(built)
