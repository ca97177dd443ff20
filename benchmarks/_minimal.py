"""Minimal plain pydantic models of the documents: what a hand-written typed client would validate.

Default configuration (extra fields ignored, lax mode), the standard's field names as attribute names,
no aliases, no serialisation helpers. Each is used through one ``TypeAdapter(...).validate_json(body)``.
"""

from __future__ import annotations

import datetime
from typing import Any, Dict, List, Optional, Union

from pydantic import BaseModel, TypeAdapter

__all__ = [
    "MinimalBbox",
    "MinimalJobList",
    "MinimalLink",
    "MinimalQualifiedValue",
    "MinimalResult",
    "MinimalResults",
    "MinimalStatus",
    "job_list_adapter",
    "results_adapter",
    "status_adapter",
]


class MinimalLink(BaseModel):
    href: str
    rel: Optional[str] = None
    type: Optional[str] = None
    title: Optional[str] = None
    hreflang: Optional[str] = None


class MinimalStatus(BaseModel):
    jobID: str
    status: str
    type: Optional[str] = None
    processID: Optional[str] = None
    message: Optional[str] = None
    created: Optional[datetime.datetime] = None
    started: Optional[datetime.datetime] = None
    finished: Optional[datetime.datetime] = None
    updated: Optional[datetime.datetime] = None
    progress: Optional[int] = None
    links: Optional[List[MinimalLink]] = None


class MinimalJobList(BaseModel):
    jobs: List[MinimalStatus]
    links: Optional[List[MinimalLink]] = None


class MinimalQualifiedValue(BaseModel):
    """An output given as ``{"value": ..., "mediaType": ...}``: the value stays plain JSON."""

    value: Any
    mediaType: Optional[str] = None


class MinimalBbox(BaseModel):
    bbox: List[float]
    crs: Optional[str] = None


# one output of a results document: an object is a link (href), a qualified value (value) or a bbox (bbox),
# told apart by their required field; anything else is a string or a number
MinimalResult = Union[MinimalLink, MinimalQualifiedValue, MinimalBbox, str, int, float]
MinimalResults = Dict[str, MinimalResult]


def status_adapter() -> TypeAdapter[MinimalStatus]:
    return TypeAdapter(MinimalStatus)


def job_list_adapter() -> TypeAdapter[MinimalJobList]:
    return TypeAdapter(MinimalJobList)


def results_adapter() -> TypeAdapter[MinimalResults]:
    return TypeAdapter(MinimalResults)
