"""A results document is decoded by the quick path (one JSON parse, then each value's reader) exactly as the
full validation of ``Dict[str, InlineOrRefDataInput]`` decodes it; anything the quick path does not accept
is decoded (or refused) by the full validation, with its errors."""

from __future__ import annotations

import json
from typing import Any, Dict, Tuple, Union
from unittest import mock

import pydantic
import pytest
import urllib3
from hypothesis import given, settings
from hypothesis import strategies as st

from unity_sps_ogc_processes_api_python_client import InlineOrRefDataInput, api_client
from unity_sps_ogc_processes_api_python_client.api_client import _quick_decoder, decode_json, type_adapter
from unity_sps_ogc_processes_api_python_client.exceptions import OpenApiException
from unity_sps_ogc_processes_api_python_client.rest import RESTResponse

from .ogc_strategies import exact
from .test_results_decoding import outputs, result_value

ResultsMap = Dict[str, InlineOrRefDataInput]


def answer(body: Union[str, bytes], content_type: str = "application/json") -> RESTResponse:
    raw = body.encode() if isinstance(body, str) else body
    resp = urllib3.HTTPResponse(body=b"", headers={"Content-Type": content_type}, status=200, preload_content=False)
    return RESTResponse(resp, raw, "http://127.0.0.1/jobs/x/results")


def both(body: Union[str, bytes]) -> Tuple[Any, Any]:
    """What the client decodes, and what the full validation decodes (or the class and text of the errors)."""

    def outcome(decode: Any) -> Any:
        try:
            results = decode()
        except (OpenApiException, pydantic.ValidationError, ValueError) as error:
            return type(error).__name__, str(error).split(": ", 1)[-1][:200]
        return {name: (type(value.actual_instance), exact(value.to_dict())) for name, value in results.items()}

    client = outcome(lambda: decode_json(answer(body), ResultsMap))
    full = outcome(lambda: decode_json_fully(body))
    return client, full


def decode_json_fully(body: Union[str, bytes]) -> Dict[str, InlineOrRefDataInput]:
    """The full validation, as the client raises its errors (the quick path switched off)."""
    with mock.patch.object(api_client, "_quick_decoder", return_value=None):
        results: Dict[str, InlineOrRefDataInput] = decode_json(answer(body), ResultsMap)
    return results


def test_the_results_type_has_a_quick_path() -> None:
    assert _quick_decoder(ResultsMap) is not None
    assert _quick_decoder(Dict[str, int]) is None and _quick_decoder(InlineOrRefDataInput) is None


def test_a_thousand_outputs_decode_as_the_full_validation_does() -> None:
    body = json.dumps({f"output_{index:04d}": result_value(index) for index in range(1_000)})
    client, full = both(body)
    assert isinstance(client, dict) and len(client) == 1_000 and client == full
    assert client == {
        name: (type(value.actual_instance), exact(value.to_dict()))
        for name, value in type_adapter(ResultsMap).validate_json(body).items()
    }


@pytest.mark.parametrize(
    "body",
    [
        '{"a": {"href": 5, "value": 1}, "b": 1e400, "c": [true, 1, 1.0], "d": null, "a": "again"}',
        '{"bad": {"href": "x", "title": 5}}',  # an invalid Link: the full validation's error
        '{"bad": {"bbox": [1, true]}}',
        '{"bad": {"value": 1, "mediaType": 7}}',
        "[1, 2]",  # not an object
        '"text"',
        "{nope",  # not JSON
        "",
        '{"x": NaN, "y": Infinity}',
    ],
)
def test_odd_documents_decode_or_fail_as_the_full_validation_does(body: str) -> None:
    client, full = both(body)
    assert client == full


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), outputs, max_size=6))
def test_generated_documents_decode_as_the_full_validation_does(document: Dict[str, Any]) -> None:
    client, full = both(json.dumps(document))
    assert client == full


def test_a_body_in_another_charset_takes_the_same_way() -> None:
    body = json.dumps({"name": "caf\u00e9", "link": {"href": "http://x/\u00e9"}}, ensure_ascii=False)
    response = answer(body.encode("latin-1"), "application/json; charset=iso-8859-1")
    results = decode_json(response, ResultsMap)
    assert results["name"].actual_instance == "caf\u00e9" and results["link"].to_dict() == {"href": "http://x/\u00e9"}
