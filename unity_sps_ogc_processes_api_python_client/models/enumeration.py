from __future__ import annotations

from typing import List

from ._base import OgcModel

__all__ = ["Enumeration"]


class Enumeration(OgcModel):
    """A list of allowed values: ``type`` (``"enum"``) and the values in ``enum``."""

    type: str
    enum: List[str]
