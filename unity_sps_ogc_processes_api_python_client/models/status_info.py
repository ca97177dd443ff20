from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any, Iterable, List, Optional, Tuple, Union

from pydantic import AllowInfNan, Field, Strict, StrictInt, StrictStr, model_validator
from pydantic_core import PydanticCustomError
from typing_extensions import Annotated

from . import _html
from ._base import DateTime, OgcModel, Received, Tolerant, share_fields_set
from .link import Link
from .problem_details import ProblemDetails
from .status_code import StatusCode

__all__ = ["StatusInfo"]

_NUMBER_TEXT = re.compile(r"\s*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*")
_INTEGER_TEXT = re.compile(r"\s*[+-]?[0-9]+\s*")


def _number_in_text(text: str) -> Union[int, float, None]:
    """The number a text writes (``"100"`` -> 100, ``" 42.5 "`` -> 42.5, ``"1e2"`` -> 100.0): an int when it
    has only digits, else a finite float; ``None`` if it writes no number."""
    if _INTEGER_TEXT.fullmatch(text):
        return int(text)
    if _NUMBER_TEXT.fullmatch(text):
        number = float(text)
        return number if math.isfinite(number) else None
    return None


def _received_progress(value: Any) -> Received:
    # a number written as text reads as that number; anything else (other text, true, 1e400) as None
    return Received(value, _number_in_text(value) if isinstance(value, str) else None)


def _received_job_id(value: Any) -> Received:
    if type(value) is int:  # an integer job id reads as its text
        return Received(value, str(value))
    raise PydanticCustomError("tolerant", "")


#: ``jobID``: a string; received, an integer too (read as its text, written back as the number).
JobId = Annotated[StrictStr, Tolerant(_received_job_id, "a string (or, received, an integer)")]
#: ``progress``: a finite integer or float; received, anything else too (see the model's docstring).
Progress = Annotated[
    Union[StrictInt, Annotated[float, Strict(), AllowInfNan(False)]], Tolerant(_received_progress, "a number")
]


class StatusInfo(OgcModel):
    """The status of a job (OGC API - Processes 1.0, ``statusInfo.yaml``).

    Tolerant of real servers: ``status`` is an open :class:`StatusCode`; the date-times may be ``null``;
    ``progress`` may be a float; ``type`` may be missing; unknown members (pygeoapi's ``parameters``)
    are kept. A received document may also hold (each value is written back exactly as received and listed
    in :attr:`tolerated_values`):

    - ``progress`` that is not a finite number: a number written as text (``"100"``) reads as that number
      (an int if it has only digits, else a float); anything else (``"n/a"``, ``true``, ``1e400``) as ``None``;
    - a date-time that is not an RFC 3339 date-time (``""``, ``"2026-11-28"``, a week date): reads as ``None``;
    - an integer ``jobID``: ``job_id`` is its text (``123`` -> ``"123"``);
    - ``id`` instead of ``jobID`` (the 2.0 draft of Part 1, older pygeoapi): ``job_id`` is read from it; ``id``
      stays among the extra members and no ``jobID`` is written.

    A leap second (``23:59:60Z``) is an RFC 3339 date-time: it reads as ``23:59:59.999999``. Values given in
    Python (constructor, assignment) are checked strictly: a naive ``datetime`` is refused.
    """

    if TYPE_CHECKING:  # for type checkers, as for the constructor, the job id is required
        job_id: str = Field(alias="jobID")
    else:  # a received status may name its job with "id" instead (see _job_id_from_id)
        job_id: JobId = Field(default="", alias="jobID")
    status: StatusCode
    type: Optional[str] = None
    process_id: Optional[str] = Field(default=None, alias="processID")
    message: Optional[str] = None
    exception: Optional[ProblemDetails] = None
    created: Optional[DateTime] = None
    started: Optional[DateTime] = None
    finished: Optional[DateTime] = None
    updated: Optional[DateTime] = None
    progress: Optional[Progress] = None
    links: Optional[List[Link]] = None

    @model_validator(mode="after")
    def _job_id_from_id(self) -> StatusInfo:
        if "job_id" in self.__pydantic_fields_set__:
            share_fields_set(self)  # the jobs of a page share one (a quarter of each one's memory)
            return self
        job_id = (self.__pydantic_extra__ or {}).get("id")
        if type(job_id) is str or type(job_id) is int:
            self.__dict__["job_id"] = str(job_id)  # not in the fields set: no jobID is written
            return self
        raise PydanticCustomError("missing", "Field required (or an id member)", {"member": "jobID"})

    def __repr_args__(self) -> Iterable[Tuple[Optional[str], Any]]:
        # short: the job id and status, then what was set or received (key members first)
        return _html.status_args(self)

    def _repr_html_(self) -> str:
        """In a notebook: the status with a progress bar, the message and the times (docs/Notebooks.md)."""
        return _html.status_html(self)
