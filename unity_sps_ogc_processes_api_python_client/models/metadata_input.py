from __future__ import annotations

from typing import Any, Optional

from ._base import OgcModel

__all__ = ["MetadataInput"]


class MetadataInput(OgcModel):
    """One entry of the ``metadata`` of a process, input or output description.

    The standard allows two shapes, both read by this one model (every member optional, others kept):

    - a link with a ``role``: ``href``, ``rel``, ``type``, ``hreflang``, ``title``, ``role``;
    - a value with a ``role``: ``role``, ``title``, ``lang`` and ``value`` (a string or any JSON,
      kept exactly as received).
    """

    title: Optional[str] = None
    role: Optional[str] = None
    href: Optional[str] = None
    rel: Optional[str] = None
    type: Optional[str] = None
    hreflang: Optional[str] = None
    lang: Optional[str] = None
    value: Any = None
