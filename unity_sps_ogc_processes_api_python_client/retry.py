"""When to try a request again, and how long to wait first: one small value object."""

from __future__ import annotations

import datetime
import email.utils
import math
import random
import re
import time
from dataclasses import dataclass, field
from typing import FrozenSet, Mapping, Optional

from .exceptions import ApiValueError

__all__ = ["RetryPolicy"]

_DELAY_SECONDS = re.compile(r"[0-9]+", re.ASCII)
# RFC 9110 idempotent methods: sending them twice has the effect of sending them once.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})


@dataclass(frozen=True)
class RetryPolicy:
    """Retries of idempotent requests (never POST) on transport errors and on busy-server statuses.

    :param max_retries: attempts after the first one; 0 turns retrying off.
    :param backoff_factor: the n-th retry waits ``backoff_factor * 2**(n-1)`` seconds (with jitter),
        capped at ``backoff_max``, unless the server sent ``Retry-After``.
    :param retry_after_max: the longest ``Retry-After`` this client waits for. When the server asks
        for longer, the call fails at once with the server's error (its ``Retry-After`` readable in
        ``e.headers``) instead of blocking the caller.
    :param statuses: the response statuses worth another try.
    :param methods: the HTTP methods that may be retried.
    """

    max_retries: int = 2
    backoff_factor: float = 0.5
    backoff_max: float = 8.0
    retry_after_max: float = 5.0
    statuses: FrozenSet[int] = field(default_factory=lambda: frozenset({429, 502, 503, 504}))
    methods: FrozenSet[str] = IDEMPOTENT_METHODS

    def __post_init__(self) -> None:
        unsafe = set(self.methods) - IDEMPOTENT_METHODS
        if unsafe:  # a retried POST would start the job twice
            raise ApiValueError(f"only idempotent methods may be retried, not {', '.join(sorted(unsafe))}")
        if isinstance(self.max_retries, bool) or not isinstance(self.max_retries, int) or self.max_retries < 0:
            raise ApiValueError(f"max_retries must be a whole number >= 0, not {self.max_retries!r}")
        for name in ("backoff_factor", "backoff_max", "retry_after_max"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < math.inf:
                raise ApiValueError(f"{name} must be a finite number >= 0, not {value!r}")

    def allows(self, method: str, attempt: int) -> bool:
        """Whether a request that failed on its ``attempt``-th try (1-based) may be sent again."""
        return attempt <= self.max_retries and method.upper() in self.methods

    def backoff(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` when the server gave no ``Retry-After``."""
        base: float = min(self.backoff_max, self.backoff_factor * (2 ** (attempt - 1)))
        return base * random.uniform(0.5, 1.0)  # jitter, so many clients do not retry in step

    def wait_for_status(self, status: int, headers: Mapping[str, str], attempt: int) -> Optional[float]:
        """Seconds to wait before retrying a response, or ``None`` when it must not be retried."""
        if status not in self.statuses:
            return None
        retry_after = parse_retry_after(headers.get("Retry-After"))
        if retry_after is None:
            return self.backoff(attempt)
        return retry_after if retry_after <= self.retry_after_max else None


def parse_retry_after(value: Optional[str]) -> Optional[float]:
    """``Retry-After`` in seconds: delay-seconds or an HTTP-date (RFC 9110 10.2.3); None if unusable.

    Never raises: a header is data from the network. HTTP dates are UTC, whatever their form (IMF,
    RFC 850 or asctime) or zone label says.
    """
    if not isinstance(value, str):
        return None
    value = value.strip()
    if _DELAY_SECONDS.fullmatch(value):
        seconds = float(value)  # ASCII digits only: "²" passes isdigit() but not float()
        return seconds if math.isfinite(seconds) else None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # asctime and "-0000" dates: RFC 9110 says they are UTC
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    try:
        return max(0.0, moment.timestamp() - time.time())
    except (OverflowError, ValueError, OSError):
        return None
