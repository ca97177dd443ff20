from __future__ import annotations

from typing import Any, Iterable, List, Optional, Tuple

from . import _html
from ._base import OgcModel
from .link import Link
from .status_info import StatusInfo

__all__ = ["JobListInput"]


class JobListInput(OgcModel):
    """A page of the job list: ``jobs`` and the ``links`` to other pages (``next``, ``prev``).

    ``links`` is required by the standard but optional here, because some servers leave it out;
    members such as ``numberMatched`` are kept as extra fields.
    """

    jobs: List[StatusInfo]
    links: Optional[List[Link]] = None

    def __repr_args__(self) -> Iterable[Tuple[Optional[str], Any]]:
        return _html.job_list_args(self)  # the jobs counted by status, not listed

    def _repr_html_(self) -> str:
        """In a notebook: the jobs counted by status and a table of them (the first 50)."""
        return _html.job_list_html(self.jobs, self.links)
