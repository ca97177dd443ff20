from __future__ import annotations

from ._open_enum import OpenStrEnum

__all__ = ["JobControlOptions"]


class JobControlOptions(OpenStrEnum):
    """How a process may be run (``jobControlOptions`` of a process description): an *open* enum.

    The three members are the values of OGC API - Processes 1.0. A value outside them (a later draft's
    ``"async-execute-with-priority"``, a server's own option) does not fail: ``JobControlOptions("x")``
    is a member too, created on first sight, whose ``.value`` is the raw string and whose ``.name``
    follows the same rule as the standard ones (upper case, ``-`` as ``_MINUS_``). Every member is a
    ``str``, so ``option == "sync-execute"`` works for both kinds; :attr:`is_standard` tells them apart.
    """

    SYNC_MINUS_EXECUTE = "sync-execute"
    ASYNC_MINUS_EXECUTE = "async-execute"
    DISMISS = "dismiss"

    @classmethod
    def _member_name(cls, value: str) -> str:
        return value.upper().replace("-", "_MINUS_")
