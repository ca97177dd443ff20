from __future__ import annotations

from typing import Optional

from pydantic import Field

from ._base import OgcModel

__all__ = ["Subscriber"]


class Subscriber(OgcModel):
    """The callback URIs of an execute request (conformance class *callback*): ``successUri``
    (required), ``inProgressUri`` and ``failedUri``. Other members are kept."""

    success_uri: str = Field(alias="successUri")
    in_progress_uri: Optional[str] = Field(default=None, alias="inProgressUri")
    failed_uri: Optional[str] = Field(default=None, alias="failedUri")
