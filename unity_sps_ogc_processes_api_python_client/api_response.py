"""What an ``*_with_http_info`` call returns: the decoded data plus the HTTP facts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Mapping, Optional, TypeVar

__all__ = ["ApiResponse"]

T = TypeVar("T")


@dataclass(frozen=True)
class ApiResponse(Generic[T]):
    """API response object: ``status_code``, ``headers``, ``data`` (decoded) and ``raw_data`` (bytes)."""

    status_code: int
    data: T
    raw_data: bytes
    headers: Optional[Mapping[str, str]] = None
