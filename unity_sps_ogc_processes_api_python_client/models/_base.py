"""What every model shares: wire names, kept unknown fields, exact round-trips, typed errors."""

from __future__ import annotations

import datetime as _dt
import json
import pprint
from typing import Any, Dict, Optional, Type, TypeVar, Union

from pydantic import BaseModel, ConfigDict, PlainSerializer, ValidationError, WrapValidator
from pydantic_core import core_schema
from typing_extensions import Annotated

from ..exceptions import ApiValueError

__all__ = ["OgcModel", "DateTime", "WireDateTime", "model_error"]

M = TypeVar("M", bound="OgcModel")


class WireDateTime(_dt.datetime):
    """A ``datetime`` that remembers the text it was read from, so it is written back unchanged
    (``2026-01-02T03:04:05Z`` stays that, instead of becoming ``2026-01-02T03:04:05+00:00``)."""

    __slots__ = ("wire",)
    wire: str

    def __reduce_ex__(self, protocol: Any) -> Any:
        # copies and pickles keep the text too (datetime's own reduction would drop it)
        base = _dt.datetime(
            self.year, self.month, self.day, self.hour, self.minute, self.second, self.microsecond, self.tzinfo,
            fold=self.fold,
        )  # fmt: skip
        return _restore_wire_datetime, (base, getattr(self, "wire", None))


def _restore_wire_datetime(base: _dt.datetime, wire: Optional[str]) -> _dt.datetime:
    if wire is None:
        return base
    kept = WireDateTime(
        base.year, base.month, base.day, base.hour, base.minute, base.second, base.microsecond, base.tzinfo,
        fold=base.fold,
    )  # fmt: skip
    kept.wire = wire
    return kept


def _keep_wire_text(value: Any, handler: core_schema.ValidatorFunctionWrapHandler) -> Any:
    if isinstance(value, str):
        # fast path: the C parser, which builds the subclass directly (3.9/3.10 do not read "Z")
        try:
            fast = WireDateTime.fromisoformat(value[:-1] + "+00:00" if value[-1:] in ("Z", "z") else value)
        except ValueError:
            fast = None
        if fast is not None and fast.tzinfo is not None:
            fast.wire = value
            return fast
    parsed = handler(value)
    if isinstance(value, str) and type(parsed) is _dt.datetime:
        kept = WireDateTime(
            parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute, parsed.second,
            parsed.microsecond, parsed.tzinfo, fold=parsed.fold,
        )  # fmt: skip
        kept.wire = value
        return kept
    return parsed


def _wire_text(value: _dt.datetime) -> str:
    wire: Optional[str] = getattr(value, "wire", None)
    return wire if wire is not None else value.isoformat()


#: An RFC 3339 date-time: a ``datetime`` in Python, its original text on the wire.
DateTime = Annotated[_dt.datetime, WrapValidator(_keep_wire_text), PlainSerializer(_wire_text, when_used="json")]


def model_error(model: Union[str, type], error: ValidationError) -> ApiValueError:
    """A pydantic validation error as this package's :class:`ApiValueError` (a ``ValueError``)."""
    name = model if isinstance(model, str) else model.__name__
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in error.errors(include_url=False)[:5]
    )
    more = error.error_count() - 5
    return ApiValueError(f"invalid {name}: {problems}" + (f" (and {more} more)" if more > 0 else ""))


class OgcModel(BaseModel):
    """Base of the payload models.

    - attributes are snake_case, the JSON names (``jobID``) are aliases; both are accepted;
    - fields the model does not know are kept (``model_extra``) and written back;
    - ``to_dict()``/``to_json()`` emit exactly what was set or received: no injected ``null``;
    - invalid input raises :class:`~unity_sps_ogc_processes_api_python_client.exceptions.ApiValueError`.
    """

    model_config = ConfigDict(
        populate_by_name=True,
        extra="allow",
        validate_assignment=True,
        protected_namespaces=(),
    )

    def __init__(self, /, **data: Any) -> None:  # positional-only self: a member may be named "self"
        try:
            super().__init__(**data)
        except ValidationError as error:
            raise model_error(type(self), error) from None

    # Tells pydantic that this __init__ only converts errors, so validation may skip it: otherwise
    # pydantic calls it in Python for every nested model (halving decoding speed, nesting messages).
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    def __setattr__(self, name: str, value: Any) -> None:
        try:
            super().__setattr__(name, value)
        except ValidationError as error:
            raise model_error(type(self), error) from None

    def to_dict(self) -> Dict[str, Any]:
        """The JSON object (wire names), with only the fields that were set or received."""
        data: Dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_unset=True)
        return data

    def to_json(self) -> str:
        """The JSON text of :meth:`to_dict`."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def to_str(self) -> str:
        """A readable multi-line form of :meth:`to_dict`."""
        return pprint.pformat(self.to_dict())

    @classmethod
    def from_dict(cls: Type[M], obj: Optional[Dict[str, Any]]) -> Optional[M]:
        """The model of a JSON object (``None`` gives ``None``, as in generated clients)."""
        if obj is None:
            return None
        try:
            return cls.model_validate(obj)
        except ValidationError as error:
            raise model_error(cls, error) from None

    @classmethod
    def from_json(cls: Type[M], json_str: Union[str, bytes]) -> Optional[M]:
        """The model of a JSON text, validated in one pass."""
        try:
            return cls.model_validate_json(json_str)
        except ValidationError as error:
            raise model_error(cls, error) from None
