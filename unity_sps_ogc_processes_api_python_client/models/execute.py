from __future__ import annotations

import math
from enum import Enum
from typing import Any, Dict, Optional

from pydantic import AfterValidator, PlainSerializer
from typing_extensions import Annotated

from ._base import OgcModel
from .subscriber import Subscriber

__all__ = ["Execute"]


def _check_json(value: Any, where: str = "") -> None:
    """Raise ``ValueError`` unless ``value`` can be written as JSON (see :data:`AnyJson`)."""
    at = f"at {where}: " if where else ""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{at}{value!r} is not a JSON number")
    if isinstance(value, Enum):
        _check_json(value.value, where)
        return
    if value is None or isinstance(value, (str, int, float, OgcModel)):  # bool is an int
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"{at}object keys must be strings, not {type(key).__name__}")
            _check_json(item, f"{where}.{key}" if where else key)
        return
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _check_json(item, f"{where}[{index}]")
        return
    if callable(getattr(value, "to_dict", None)):  # the anyOf wrappers (InlineOrRefDataInput, ...)
        return
    raise ValueError(
        f"{at}a {type(value).__name__} is not a JSON value "
        "(give a str, number, bool, None, list, dict or a model of this package)"
    )


def _checked(value: Any) -> Any:
    _check_json(value)
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


#: Any JSON value, given as plain Python (``dict``, ``list``, ``str``, numbers, ``bool``, ``None``) or
#: holding models of this package (:class:`Bbox`, :class:`QualifiedInputValueInput`, :class:`Link`,
#: :class:`InlineOrRefDataInput`, a nested :class:`ExecuteWorkflows`, ...) at any depth. It is kept as
#: given and written as JSON with wire names; anything that has no JSON form fails at once.
AnyJson = Annotated[Any, AfterValidator(_checked), PlainSerializer(to_json_value)]


class Execute(OgcModel):
    """An execute request (the body of ``POST /processes/{processId}/execution``).

    - ``inputs``: the input values by name. Each value is kept exactly as given: plain JSON (a string,
      number, boolean, object or array), a bounding box ``{"bbox": [...], "crs": ...}``, a qualified
      value ``{"value": ..., "mediaType": ...}``, a link ``{"href": ...}``, an array of those, ... or
      the models of this package for them (:class:`Bbox`, :class:`QualifiedInputValueInput`,
      :class:`Link`), which are written with their wire names;
    - ``outputs``: the requested outputs by name (``{"format": {...}, "transmissionMode": ...}``), kept
      the same way;
    - ``response`` (``"raw"`` or ``"document"``) and ``mode`` (``"sync"``, ``"async"``, ``"auto"``):
      members of earlier versions of the standard, still read by some servers;
    - ``subscriber``: the callback URIs (:class:`Subscriber`).

    :meth:`to_dict` gives back exactly the request that was read or built: no member is added, none is
    emptied. Other members (``processID``, a server's own) are kept.
    """

    inputs: Optional[Dict[str, AnyJson]] = None
    outputs: Optional[Dict[str, AnyJson]] = None
    response: Optional[str] = None
    mode: Optional[str] = None
    subscriber: Optional[Subscriber] = None
