"""How often to ask a server about something that is not done yet, and which failures to ride out.

Shared by ``Job.wait``, the command line's ``watch`` and campaigns: one schedule, one notion of a
transient failure.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Iterator, Optional

from ..exceptions import (
    ApiConnectionError,
    ApiException,
    ApiTooManyRedirectsError,
    ApiValueError,
    OpenApiException,
)
from ..retry import parse_retry_after

__all__ = ["PollPolicy", "is_transient", "retry_after"]

TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class PollPolicy:
    """When to poll: the first poll after ``first`` seconds, then each interval ``factor`` times the last,
    up to ``max_interval``, each with ``jitter`` (a fraction, spread both ways).

    :param max_failures: how many transient failures in a row (connection errors, timeouts,
        429/502/503/504) are ridden out before the last one is raised.
    """

    first: float = 0.25
    factor: float = 1.5
    max_interval: float = 30.0
    jitter: float = 0.1
    max_failures: int = 8

    def __post_init__(self) -> None:
        for name in ("first", "factor", "max_interval", "jitter"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < float("inf"):
                raise ApiValueError(f"{name} must be a finite number >= 0, not {value!r}")
        if self.factor < 1:
            raise ApiValueError(f"factor must be >= 1, not {self.factor!r}")
        if self.jitter >= 1:
            raise ApiValueError(f"jitter must be < 1, not {self.jitter!r}")
        if isinstance(self.max_failures, bool) or not isinstance(self.max_failures, int) or self.max_failures < 0:
            raise ApiValueError(f"max_failures must be a whole number >= 0, not {self.max_failures!r}")

    def intervals(self) -> Iterator[float]:
        """The waits between polls, endlessly: growing, capped, jittered."""
        base = self.first
        while True:
            yield min(self.max_interval, base) * random.uniform(1 - self.jitter, 1 + self.jitter)
            base = min(self.max_interval, base * self.factor)


def is_transient(error: OpenApiException) -> bool:
    """Whether polling again later may well succeed: a broken or slow connection, a busy server."""
    if isinstance(error, ApiException):
        return error.status in TRANSIENT_STATUSES
    if isinstance(error, ApiTooManyRedirectsError) or getattr(error, "_permanent", False):
        return False
    return isinstance(error, ApiConnectionError)


def retry_after(error: OpenApiException) -> Optional[float]:
    """The seconds a busy server asked to wait (``Retry-After``), if it did."""
    headers = error.headers
    return parse_retry_after(headers.get("Retry-After")) if headers is not None else None
