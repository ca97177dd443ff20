"""The 2.0.1 name of :class:`ProblemDetails`: ``from ...models.exception import Exception``."""

from __future__ import annotations

from .problem_details import ProblemDetails

Exception = ProblemDetails  # the name the 2.0.1 client used

__all__ = ["Exception"]
