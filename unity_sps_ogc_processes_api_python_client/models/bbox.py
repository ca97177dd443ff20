from __future__ import annotations

from typing import Any, Dict, List, Optional, Union

from pydantic import StrictFloat, StrictInt

from ._base import OgcModel

__all__ = ["Bbox"]


class Bbox(OgcModel):
    """A bounding box: 4 or 6 numbers in ``bbox`` and its ``crs``, a URI string (1.0) or an object
    such as ``{"uri": ...}``, ``{"wkt": ...}`` (later drafts)."""

    bbox: List[Union[StrictInt, StrictFloat]]
    crs: Optional[Union[str, Dict[str, Any]]] = None
