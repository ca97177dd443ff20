from __future__ import annotations

from typing import List, Optional

from ._base import OgcModel
from .link import Link
from .process_summary_input import ProcessSummaryInput

__all__ = ["ProcessListInput"]


class ProcessListInput(OgcModel):
    """The process list (``GET /processes``): the ``processes`` and the ``links`` of the list.

    ``links`` is required by the standard but optional here, because some servers leave it out;
    other members (``numberMatched``, ...) are kept.
    """

    processes: List[ProcessSummaryInput]
    links: Optional[List[Link]] = None
