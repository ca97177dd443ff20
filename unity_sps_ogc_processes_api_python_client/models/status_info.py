from __future__ import annotations

from typing import List, Optional, Union

from pydantic import Field, StrictFloat, StrictInt

from ._base import DateTime, OgcModel
from .link import Link
from .problem_details import ProblemDetails
from .status_code import StatusCode

__all__ = ["StatusInfo"]


class StatusInfo(OgcModel):
    """The status of a job (OGC API - Processes 1.0, ``statusInfo.yaml``).

    Tolerant of real servers: ``status`` is an open :class:`StatusCode`; the date-times may be ``null``;
    ``progress`` may be a float; ``type`` may be missing; unknown members (pygeoapi's ``parameters``)
    are kept.
    """

    job_id: str = Field(alias="jobID")
    status: StatusCode
    type: Optional[str] = None
    process_id: Optional[str] = Field(default=None, alias="processID")
    message: Optional[str] = None
    exception: Optional[ProblemDetails] = None
    created: Optional[DateTime] = None
    started: Optional[DateTime] = None
    finished: Optional[DateTime] = None
    updated: Optional[DateTime] = None
    progress: Optional[Union[StrictInt, StrictFloat]] = None
    links: Optional[List[Link]] = None
