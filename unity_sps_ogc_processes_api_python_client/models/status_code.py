from __future__ import annotations

from enum import Enum
from typing import Optional

import pydantic_core

__all__ = ["StatusCode"]


class StatusCode(str, Enum):
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

    @classmethod
    def _missing_(cls, value: object) -> Optional[StatusCode]:
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        # one object per value, so `is` comparisons keep working; setdefault is atomic under threads
        return cls._value2member_map_.setdefault(value, member)  # type: ignore[return-value]

    @property
    def is_standard(self) -> bool:
        """Whether the value is one of the five of OGC API - Processes 1.0."""
        return type(self).__members__.get(self._name_) is self

    @property
    def is_terminal(self) -> bool:
        """Whether the job will not change any more (successful, failed, dismissed)."""
        return self in (StatusCode.SUCCESSFUL, StatusCode.FAILED, StatusCode.DISMISSED)

    def __str__(self) -> str:
        return self._value_

    @classmethod
    def from_json(cls, json_str: str) -> StatusCode:
        """The status of a JSON string (``'"running"'``)."""
        return cls(pydantic_core.from_json(json_str))
