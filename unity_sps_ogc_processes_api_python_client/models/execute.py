from __future__ import annotations

from typing import Any, Dict, Optional

from pydantic import AfterValidator, PlainSerializer
from typing_extensions import Annotated

from ._base import OgcModel
from ._json import check_json, to_json_value
from .subscriber import Subscriber

__all__ = ["Execute"]


def _checked_json(value: Any) -> Any:
    return check_json(value)  # one argument: pydantic 2.6 would pass its ValidationInfo as check_json's "where"


#: Any JSON value, given as plain Python (``dict``, ``list``, ``str``, numbers, ``bool``, ``None``) or
#: holding models of this package (:class:`Bbox`, :class:`QualifiedInputValueInput`, :class:`Link`,
#: :class:`InlineOrRefDataInput`, a nested :class:`ExecuteWorkflows`, ...) at any depth. It is kept as
#: given and written as JSON with wire names; anything that has no JSON form fails at once.
AnyJson = Annotated[Any, AfterValidator(_checked_json), PlainSerializer(to_json_value)]


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
