"""JSON values given as Python: the check that they have a JSON form, and their JSON."""

from __future__ import annotations

import math
from enum import Enum
from typing import Any, Set, TypeVar

from ..exceptions import ApiTypeError, ApiValueError
from ._base import OgcModel

__all__ = ["check_json", "to_json_value"]

J = TypeVar("J")


def check_json(value: J, where: str = "") -> J:
    """``value`` itself, if it can be written as JSON (models of this package included, at any depth);
    else :class:`ApiTypeError` / :class:`ApiValueError` saying where it cannot.

    Refused: NaN and infinities (not JSON numbers), ``Decimal`` (give ``float(d)`` or ``str(d)``: which one
    is the caller's choice), sets, bytes, date-times and other objects, non-string keys, and containers
    that hold themselves.
    """
    try:
        _check(value, where, set())
    except RecursionError:
        raise ApiValueError(f"{_at(where)}the value is nested too deeply to be written as JSON") from None
    return value


def _at(where: str) -> str:
    return f"at {where}: " if where else ""


def _check(value: Any, where: str, open_containers: Set[int]) -> None:
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ApiValueError(f"{_at(where)}{value!r} is not a JSON number")
        return
    if isinstance(value, Enum):
        _check(value.value, where, open_containers)
        return
    if isinstance(value, (dict, list, tuple)):
        if id(value) in open_containers:
            raise ApiValueError(f"{_at(where)}the value contains itself, so it has no JSON form")
        open_containers.add(id(value))
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    raise ApiTypeError(f"{_at(where)}object keys must be strings, not {type(key).__name__}")
                _check(item, f"{where}.{key}" if where else key, open_containers)
        else:
            for index, item in enumerate(value):
                _check(item, f"{where}[{index}]", open_containers)
        open_containers.discard(id(value))
        return
    if isinstance(value, (str, int, OgcModel)) or callable(getattr(value, "to_dict", None)):
        return  # str/int subclasses, models and the anyOf wrappers (InlineOrRefDataInput, ...)
    hint = _HINTS.get(kind.__name__, "give a str, number, bool, None, list, dict or a model of this package")
    raise ApiTypeError(f"{_at(where)}a {kind.__name__} is not a JSON value ({hint})")


_HINTS = {
    "Decimal": "give float(value) for a number, or str(value) to keep every digit",
    "set": "give a list",
    "frozenset": "give a list",
    "bytes": "give text (str), or base64 text for binary data",
    "bytearray": "give text (str), or base64 text for binary data",
    "datetime": "give an RFC 3339 string, e.g. value.isoformat()",
    "date": "give an ISO 8601 string, e.g. value.isoformat()",
}


def to_json_value(value: Any) -> Any:
    """The JSON of a value that may hold models: each model (or anyOf wrapper) becomes its
    ``to_dict()`` (wire names, only what was set), an enum member its value, a tuple a list."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if isinstance(value, dict):
        return {key: to_json_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json_value(item) for item in value]
    if isinstance(value, Enum):
        return to_json_value(value.value)
    if isinstance(value, OgcModel):
        return value.to_dict()
    if isinstance(value, (str, int, float)):
        return value
    to_dict = getattr(value, "to_dict", None)
    return to_json_value(to_dict()) if callable(to_dict) else value
