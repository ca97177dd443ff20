from __future__ import annotations

from enum import Enum
from typing import Optional

import pydantic_core

__all__ = ["JobControlOptions"]


class JobControlOptions(str, Enum):
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
    def _missing_(cls, value: object) -> Optional[JobControlOptions]:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper().replace("-", "_MINUS_")
        member._value_ = value
        # one object per value, so `is` comparisons keep working; setdefault is atomic under threads
        return cls._value2member_map_.setdefault(value, member)  # type: ignore[return-value]

    @property
    def is_standard(self) -> bool:
        """Whether the value is one of the three of OGC API - Processes 1.0."""
        return type(self).__members__.get(self._name_) is self

    def __str__(self) -> str:
        return self._value_

    @classmethod
    def from_json(cls, json_str: str) -> JobControlOptions:
        """The option of a JSON string (``'"async-execute"'``)."""
        return cls(pydantic_core.from_json(json_str))
