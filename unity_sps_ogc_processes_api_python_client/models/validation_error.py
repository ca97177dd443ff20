from __future__ import annotations

from typing import List, Union

from pydantic import StrictInt

from ._base import OgcModel

__all__ = ["ValidationError"]


class ValidationError(OgcModel):
    """One problem of a request the server rejected with 422: where (``loc``), what (``msg``, ``type``)."""

    loc: List[Union[str, StrictInt]]
    msg: str
    type: str
