from __future__ import annotations

from typing import Any, Dict, Optional, Union

from pydantic import Field

from ._base import OgcModel

__all__ = ["QualifiedInputValueInput"]


class QualifiedInputValueInput(OgcModel):
    """A value with its format: ``value`` (any JSON: object, string, array, number, ...) and
    ``mediaType``, ``encoding`` and ``schema`` (a URI string or a JSON schema object).

    ``value`` holds the JSON exactly as received (2.0.1 wrapped it and emptied objects)."""

    value: Any
    media_type: Optional[str] = Field(default=None, alias="mediaType")
    encoding: Optional[str] = None
    var_schema: Optional[Union[str, Dict[str, Any]]] = Field(default=None, alias="schema")
