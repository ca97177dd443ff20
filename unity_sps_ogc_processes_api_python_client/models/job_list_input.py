from __future__ import annotations

from typing import List, Optional

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
