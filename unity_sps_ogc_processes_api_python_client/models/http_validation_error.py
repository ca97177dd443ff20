from __future__ import annotations

from typing import List, Optional

from ._base import OgcModel
from .validation_error import ValidationError

__all__ = ["HTTPValidationError"]


class HTTPValidationError(OgcModel):
    """The body of a 422 answer: the list of problems in ``detail``."""

    detail: Optional[List[ValidationError]] = None
