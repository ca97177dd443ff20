from __future__ import annotations

from ._open_enum import OpenStrEnum

__all__ = ["StatusCode"]


class StatusCode(OpenStrEnum):
    """The status of a job: an *open* enum.

    The five members are the values of OGC API - Processes 1.0. A value outside them (``"cancelled"``,
    Part 4's ``"created"``, a server's ``"succeeded"``) does not fail: ``StatusCode("cancelled")`` is a
    member too, created on first sight, whose ``.value`` is the raw string and whose ``.name`` is its
    upper-case form. Every member is a ``str``, so ``status == "cancelled"`` works for both kinds;
    :attr:`is_standard` tells them apart.
    """

    ACCEPTED = "accepted"
    RUNNING = "running"
    SUCCESSFUL = "successful"
    FAILED = "failed"
    DISMISSED = "dismissed"

    @property
    def is_terminal(self) -> bool:
        """Whether the job will not change any more (successful, failed, dismissed)."""
        return self in (StatusCode.SUCCESSFUL, StatusCode.FAILED, StatusCode.DISMISSED)
