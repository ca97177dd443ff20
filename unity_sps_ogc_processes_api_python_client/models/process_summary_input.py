from __future__ import annotations

from typing import Any, Iterable, List, Optional, Tuple

from pydantic import Field

from . import _html
from ._base import OgcModel
from .job_control_options import JobControlOptions
from .link import Link
from .metadata_input import MetadataInput

__all__ = ["ProcessSummaryInput"]


class ProcessSummaryInput(OgcModel):
    """A process in the process list (``GET /processes``): its ``id`` and ``version``, its
    description (``title``, ``description``, ``keywords``, ``metadata``), how it may be run
    (``jobControlOptions``, an open :class:`JobControlOptions`), how its outputs may be returned
    (``outputTransmission``: ``"value"``, ``"reference"``) and its ``links``.

    ``version`` is required by the standard but optional here, because some servers leave it out.
    Other members (``additionalParameters``, pygeoapi's ``example``) are kept.
    """

    id: str
    version: Optional[str] = None
    title: Optional[str] = None
    description: Optional[str] = None
    keywords: Optional[List[str]] = None
    metadata: Optional[List[MetadataInput]] = None
    job_control_options: Optional[List[JobControlOptions]] = Field(default=None, alias="jobControlOptions")
    output_transmission: Optional[List[str]] = Field(default=None, alias="outputTransmission")
    links: Optional[List[Link]] = None

    def __repr_args__(self) -> Iterable[Tuple[Optional[str], Any]]:
        return _html.process_args(self)  # id, version, title, how it runs (and the names of inputs, outputs)

    def _repr_html_(self) -> str:
        """In a notebook: the title, id, version and description; a description's inputs and outputs as
        tables."""
        return _html.process_html(self)
