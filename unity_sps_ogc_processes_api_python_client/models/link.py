from __future__ import annotations

from typing import Optional

from ._base import OgcModel

__all__ = ["Link"]


class Link(OgcModel):
    """A web link (``href`` with ``rel``, ``type``, ``hreflang``, ``title``; other members are kept)."""

    href: str
    hreflang: Optional[str] = None
    rel: Optional[str] = None
    title: Optional[str] = None
    type: Optional[str] = None
