"""Open enums: the values a standard lists as members, and any other value kept, not refused."""

from __future__ import annotations

from enum import Enum
from typing import Any, Type, TypeVar

import pydantic_core

from ..exceptions import ApiValueError

__all__ = ["OpenStrEnum"]

E = TypeVar("E", bound="OpenStrEnum")


class OpenStrEnum(str, Enum):
    """A string enum that accepts values outside its members.

    An unknown value becomes a member on first sight (one object per value, so ``is`` works): its
    ``.value`` is the raw string, its ``.name`` follows the members' naming rule, and
    :attr:`is_standard` is ``False``. Every member is a ``str``, so ``member == "raw-value"`` works.
    """

    @classmethod
    def _member_name(cls, value: str) -> str:
        """The ``.name`` of a member created for ``value``."""
        return value.upper()

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if not isinstance(value, str):
            raise ApiValueError(f"a {cls.__name__} is a string, not {type(value).__name__}")
        member = str.__new__(cls, value)
        member._name_ = cls._member_name(value)
        member._value_ = value
        # setdefault is atomic, so two threads meeting a new value at once still share one member
        return cls._value2member_map_.setdefault(value, member)

    @property
    def is_standard(self) -> bool:
        """Whether the value is one of the members the standard lists."""
        return type(self).__members__.get(self._name_) is self

    def __str__(self) -> str:
        return str(self._value_)

    @classmethod
    def from_json(cls: Type[E], json_str: str) -> E:
        """The member of a JSON string (``'"running"'``)."""
        try:
            value = pydantic_core.from_json(json_str)
        except ValueError as error:
            raise ApiValueError(f"invalid JSON: {error}") from None
        return cls(value)
