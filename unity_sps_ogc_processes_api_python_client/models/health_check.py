from __future__ import annotations

from ._base import OgcModel
from .execute import AnyJson

__all__ = ["HealthCheck"]


class HealthCheck(OgcModel):
    """The answer of the server's health check (``GET /health``): ``status`` (any JSON, such as
    ``"OK"``) and whatever else the server reports, kept as extra members."""

    status: AnyJson = None
