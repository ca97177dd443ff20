from __future__ import annotations

from typing import List, Optional

from ._base import OgcModel
from .link import Link

__all__ = ["LandingPage"]


class LandingPage(OgcModel):
    """The landing page of the API (``GET /``): ``title``, ``description``, ``attribution`` and the
    ``links`` to the API definition, the conformance declaration, the processes and the jobs.

    Other members (pygeoapi's, a server's own) are kept.
    """

    title: Optional[str] = None
    description: Optional[str] = None
    attribution: Optional[str] = None
    links: List[Link]
