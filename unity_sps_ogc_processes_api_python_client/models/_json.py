"""JSON values given as Python: the check that they have a JSON form, and their JSON."""

from __future__ import annotations

import math
from enum import Enum
from typing import Any, TypeVar

from ..exceptions import ApiTypeError, ApiValueError
from ._base import OgcModel

__all__ = ["check_json", "to_json_value"]

J = TypeVar("J")


def check_json(value: J, where: str = "") -> J:
    """``value`` itself, if it can be written as JSON (models of this package included, at any depth);
    else :class:`ApiTypeError` / :class:`ApiValueError` saying where it cannot."""
    at = f"at {where}: " if where else ""
    if isinstance(value, float) and not math.isfinite(value):
        raise ApiValueError(f"{at}{value!r} is not a JSON number")
    if isinstance(value, Enum):
        check_json(value.value, where)
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ApiTypeError(f"{at}object keys must be strings, not {type(key).__name__}")
            check_json(item, f"{where}.{key}" if where else key)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            check_json(item, f"{where}[{index}]")
    elif not (
        value is None
        or isinstance(value, (str, int, float, OgcModel))  # bool is an int
        or callable(getattr(value, "to_dict", None))  # the anyOf wrappers (InlineOrRefDataInput, ...)
    ):
        raise ApiTypeError(
            f"{at}a {type(value).__name__} is not a JSON value "
            "(give a str, number, bool, None, list, dict or a model of this package)"
        )
    return value


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
