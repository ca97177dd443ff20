from __future__ import annotations

from typing import List

from pydantic import Field

from ._base import OgcModel

__all__ = ["ConfClasses"]


class ConfClasses(OgcModel):
    """The conformance declaration (``GET /conformance``): the URIs of the conformance classes the
    server implements, in ``conformsTo``."""

    conforms_to: List[str] = Field(alias="conformsTo")
