from __future__ import annotations

from typing import Any, Iterable, List, Optional, Tuple

from . import _html
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

    def __repr_args__(self) -> Iterable[Tuple[Optional[str], Any]]:
        return _html.process_list_args(self)  # the processes counted and named

    def _repr_html_(self) -> str:
        """In a notebook: a table of the processes (the first 50)."""
        return _html.process_list_html(self.processes)
