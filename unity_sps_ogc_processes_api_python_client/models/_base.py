"""What every model shares: wire names, kept unknown fields, exact round-trips, typed errors, valid JSON, and
the one mechanism by which received documents are read tolerantly.

Tolerance, in one place: a member whose received value the standard does not allow (``"progress": "100"``,
a date-time that is not RFC 3339, an integer ``jobID``) is stored as a :class:`Received` value, which keeps
the JSON as it came (written back unchanged) and the readable form its attribute shows (``100``, ``None``,
``"123"``). Values given in Python (to the constructor, or assigned) are checked strictly instead.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import pprint
import re
import sys
from typing import (
    Any,
    Callable,
    ClassVar,
    Dict,
    FrozenSet,
    Generator,
    Iterable,
    List,
    Optional,
    Set,
    Tuple,
    Type,
    TypeVar,
    Union,
)

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationError
from pydantic.fields import FieldInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, PydanticOmit, core_schema
from typing_extensions import Annotated, Literal, get_args

from .._gc import without_collection
from ..exceptions import ApiValueError

__all__ = [
    "OgcModel",
    "DateTime",
    "WireDateTime",
    "Received",
    "Tolerant",
    "parse_date_time",
    "share_fields_set",
    "json_text",
    "model_error",
]

M = TypeVar("M", bound="OgcModel")


# --- valid JSON text ----------------------------------------------------------------------------------
def json_text(value: Any) -> str:
    """The JSON text of a JSON value given as Python, always valid JSON.

    A number beyond the range of a float was read as an infinity (Python reads ``1e400`` so): it is written
    as ``1e400`` / ``-1e400``, which reads back as the same float. NaN has no JSON form:
    :class:`ApiValueError` says where it is.
    """
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:  # an infinity or a NaN somewhere (rare): written piece by piece
        out: List[str] = []
        _write_json(value, "", out)
        return "".join(out)


def _write_json(value: Any, where: str, out: List[str]) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value):
            raise ApiValueError(f"{'at ' + where + ': ' if where else ''}NaN has no JSON form")
        out.append("1e400" if value > 0 else "-1e400")
    elif isinstance(value, dict):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            name = key if isinstance(key, str) else json.dumps({key: 0})[2:-5]  # the key as json.dumps writes it
            out.append(", " if index else "")
            out.append(json.dumps(name, ensure_ascii=False) + ": ")
            _write_json(item, f"{where}.{name}" if where else name, out)
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for index, item in enumerate(value):
            out.append(", " if index else "")
            _write_json(item, f"{where}[{index}]", out)
        out.append("]")
    else:
        out.append(json.dumps(value, ensure_ascii=False, allow_nan=False))


def _same_json(first: Any, second: Any) -> bool:
    """Whether two JSON values are the same JSON (``1``, ``1.0``, ``true`` and ``"1"`` all differ)."""
    return json.dumps(first, sort_keys=True, default=repr) == json.dumps(second, sort_keys=True, default=repr)


# --- tolerance: received values kept as they came -----------------------------------------------------
class Received:
    """A member received in a form the standard does not allow, read tolerantly instead of refused.

    :attr:`raw` is the JSON value as it came: ``to_dict()`` / ``to_json()`` write it back unchanged.
    :attr:`value` is what the attribute shows: a readable form of the same thing (``100`` for the text
    ``"100"``), or ``None`` when there is none (a date-time that is not one). The model's
    ``tolerated_values`` lists the raw values by attribute name.
    """

    __slots__ = ("raw", "value")

    def __init__(self, raw: Any, value: Any) -> None:
        self.raw = raw
        self.value = value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Received):
            return NotImplemented
        return _same_json(self.raw, other.raw) and bool(self.value == other.value)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Received(raw={self.raw!r}, value={self.value!r})"

    def __reduce__(self) -> Tuple[Any, ...]:
        return Received, (self.raw, self.value)


#: The validation context of values given in Python (constructor, assignment): checked strictly.
_GIVEN_IN_PYTHON: Dict[str, bool] = {"given in Python": True}


def _is_json(value: Any) -> bool:
    """Whether a value may have come from a JSON document (its own type; members are not looked at)."""
    return value is None or type(value) in (str, int, float, bool, list, dict)


def _write_received(value: Any, info: core_schema.SerializationInfo) -> Any:
    """A :class:`Received` value: the raw JSON in JSON mode, the readable form in Python mode."""
    if type(value) is Received:
        return value.raw if info.mode_is_json() else value.value
    return value


class _Tolerance:
    """Base of the ``Annotated`` markers whose fields may hold a :class:`Received` value."""


class Tolerant(_Tolerance):
    """``Annotated`` marker: a received value that the annotated (standard) type refuses is passed to
    ``read``, which returns its :class:`Received` form (or raises ``PydanticCustomError``); a value given in
    Python is refused with ``expected``.

    The standard type is validated first, natively: only odd values reach Python code.
    """

    def __init__(self, read: Callable[[Any], Received], expected: str) -> None:
        self.read = read
        self.expected = expected

    def _fallback(self, value: Any, info: core_schema.ValidationInfo) -> Received:
        if info.context is _GIVEN_IN_PYTHON or not _is_json(value):
            raise PydanticCustomError("tolerant", "")  # replaced by the union's message (expected)
        return self.read(value)

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        received = core_schema.with_info_plain_validator_function(
            self._fallback,
            serialization=core_schema.plain_serializer_function_ser_schema(_write_received, info_arg=True),
            metadata={"pydantic_js_functions": [_omit_from_json_schema]},
        )
        return core_schema.union_schema(
            [handler(source), received],
            mode="left_to_right",
            custom_error_type="tolerant",
            custom_error_message=f"Input should be {self.expected}",
        )


def _omit_from_json_schema(schema: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
    raise PydanticOmit


# --- RFC 3339 date-times -------------------------------------------------------------------------------
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


# RFC 3339 section 5.6 (with a space allowed for the T, as its note allows) and the range of each part. This
# decides what is a date-time, the same on every Python version; never datetime.fromisoformat, whose grammar
# grew in 3.11 (week dates, basic format) and which reads naive times.
_RFC3339 = re.compile(
    r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[Tt ]([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)"
    r"(?:\.([0-9]+))?(?:[Zz]|([+-])([01][0-9]|2[0-3]):([0-5][0-9]))"
)
# The same grammar narrowed to the common forms (no leap second, 0, 3 or 6 fraction digits, "Z" or an
# offset), which every Python version's fromisoformat reads alike and fast (3.9 and 3.10 once "Z" is
# written "+00:00"). The other forms are read by parts.
_is_common = re.compile(
    r"[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(?:\.[0-9]{3}(?:[0-9]{3})?)?(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
).fullmatch
if sys.version_info >= (3, 11):
    _from_common = WireDateTime.fromisoformat
else:

    def _from_common(text: str) -> WireDateTime:
        return WireDateTime.fromisoformat(text[:-1] + "+00:00" if text[-1] == "Z" else text)


_UTC = _dt.timezone.utc


def parse_date_time(text: str) -> Optional[WireDateTime]:
    """The instant of an RFC 3339 date-time text (an aware ``datetime`` that keeps the text in ``.wire``),
    or ``None`` if the text is not one.

    ``YYYY-MM-DD``, ``T``/``t``/space, ``hh:mm:ss``, an optional fraction of any length (truncated to
    microseconds, never rounded), ``Z``/``z``/``+hh:mm``/``-hh:mm`` (``-00:00`` reads as UTC). A leap second
    (``:60``) reads as ``:59.999999`` of the same minute.
    """
    if _is_common(text) is not None:
        try:
            parsed = _from_common(text)
        except ValueError:  # a day that does not exist (2026-02-30)
            return None
        parsed.wire = text
        return parsed
    return _parse_by_parts(text)


def _parse_by_parts(text: str) -> Optional[WireDateTime]:
    match = _RFC3339.fullmatch(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, sign, offset_hours, offset_minutes = match.groups()
    microsecond = int(fraction[:6].ljust(6, "0")) if fraction else 0
    if second == "60":  # a leap second: the last microsecond of its minute
        second, microsecond = "59", 999_999
    zone = _UTC
    if sign is not None and (offset_hours != "00" or offset_minutes != "00"):
        offset = _dt.timedelta(hours=int(offset_hours), minutes=int(offset_minutes))
        zone = _dt.timezone(-offset if sign == "-" else offset)
    try:
        parsed = WireDateTime(int(year), int(month), int(day), int(hour), int(minute), int(second), microsecond, zone)
    except ValueError:  # 0000-01-01, 2026-02-30
        return None
    parsed.wire = text
    return parsed


def _read_date_time(value: Any, info: core_schema.ValidationInfo) -> Any:
    if isinstance(value, str):
        parsed = parse_date_time(str(value))
        if parsed is not None:
            return parsed
    elif isinstance(value, _dt.datetime):
        return _aware(value)
    if info.context is _GIVEN_IN_PYTHON or not _is_json(value):
        raise PydanticCustomError(
            "date_time", "Input should be an RFC 3339 date-time (2026-01-02T03:04:05Z) or an aware datetime"
        )
    return Received(value, None)  # received: not a date-time, kept as it came


def _aware(value: _dt.datetime) -> _dt.datetime:
    offset = value.utcoffset()
    if offset is None:
        raise PydanticCustomError("date_time", "Input should be an aware datetime: a naive one has no time zone")
    if offset % _dt.timedelta(minutes=1):
        raise PydanticCustomError("date_time", "Input should have a UTC offset of whole minutes (RFC 3339)")
    return value


def _write_date_time(value: Any, info: core_schema.SerializationInfo) -> Any:
    if type(value) is str:  # received text not read yet: written back as it came; in Python, its instant
        return value if info.mode_is_json() else _settled_date_time(value)
    if type(value) is Received:
        return value.raw if info.mode_is_json() else value.value
    if not info.mode_is_json():
        return value
    wire: Optional[str] = getattr(value, "wire", None)
    return wire if wire is not None else value.isoformat()


def _settled_date_time(text: str) -> Any:
    """What a date-time received as ``text`` holds once read: its instant, or a :class:`Received` value."""
    parsed = parse_date_time(text)
    return parsed if parsed is not None else Received(text, None)


def _received_as_is(value: Any) -> Received:
    return Received(value, None)


class _DateTimeSchema(_Tolerance):
    """Read from JSON, a string is kept as its text and read on first use of the attribute (see
    :class:`_ReadOnUse`): a page of jobs that is only counted, filtered or written back parses no date.
    Other JSON values are kept as :class:`Received` values. From Python values (constructor, assignment,
    ``from_dict``), the date-time is read at once, as :func:`_read_date_time` says."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        received = core_schema.union_schema(
            [core_schema.str_schema(), core_schema.no_info_plain_validator_function(_received_as_is)],
            mode="left_to_right",
        )
        return core_schema.json_or_python_schema(
            json_schema=received,
            python_schema=core_schema.with_info_plain_validator_function(_read_date_time),
            serialization=core_schema.plain_serializer_function_ser_schema(_write_date_time, info_arg=True),
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"type": "string", "format": "date-time"}


#: An RFC 3339 date-time, for a field of an :class:`OgcModel`: its attribute is an aware ``datetime`` (a
#: :class:`WireDateTime` when read from text, which is written back unchanged). Received, a value that is not
#: one is kept as a :class:`Received` value whose attribute shows ``None``; given in Python, it is refused, and
#: so is a naive ``datetime``. Text received in JSON is read when the attribute is first used.
DateTime = Annotated[_dt.datetime, _DateTimeSchema()]


def _carries(annotation: Any, kind: type) -> bool:
    """Whether an annotation (at any depth: ``Optional[DateTime]``) carries a marker of ``kind``."""
    return any(isinstance(arg, kind) or _carries(arg, kind) for arg in get_args(annotation))


class _Shown:
    """The attribute of a member that may hold a :class:`Received` value: it shows the readable form.
    (Assignments go through :meth:`OgcModel.__setattr__`, validated; ``__set__`` only stores.)"""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: Optional[OgcModel], owner: Optional[type] = None) -> Any:
        if obj is None:
            raise AttributeError(self.name)  # as for any field of a pydantic model read from its class
        try:
            value = obj.__dict__[self.name]
        except KeyError:
            raise AttributeError(self.name) from None
        return value.value if type(value) is Received else value

    def __set__(self, obj: OgcModel, value: Any) -> None:
        obj.__dict__[self.name] = value


class _ReadOnUse(_Shown):
    """The attribute of a date-time member: text received in JSON is kept as it came and read here, on
    first use (the instant, or a :class:`Received` value, then replaces the text)."""

    __slots__ = ()

    def __get__(self, obj: Optional[OgcModel], owner: Optional[type] = None) -> Any:
        if obj is not None and type(obj.__dict__.get(self.name)) is str:
            obj.__dict__[self.name] = _settled_date_time(obj.__dict__[self.name])
        return super().__get__(obj, owner)


# --- errors --------------------------------------------------------------------------------------------
def model_error(model: Union[str, type], error: ValidationError) -> ApiValueError:
    """A pydantic validation error as this package's :class:`ApiValueError` (a ``ValueError``)."""
    name = model if isinstance(model, str) else model.__name__
    problems = []
    for e in error.errors(include_url=False)[:5]:
        location = [str(part) for part in e["loc"]]
        member = (e.get("ctx") or {}).get("member")  # a member missing from an object, named by its model
        if member:
            location.append(str(member))
        problems.append(f"{'.'.join(location) or '(root)'}: {e['msg']}")
    more = error.error_count() - 5
    return ApiValueError(f"invalid {name}: {'; '.join(problems)}" + (f" (and {more} more)" if more > 0 else ""))


def _inf_nan_mode() -> Literal["strings", "constants"]:
    # "strings" (recent pydantic): model_dump(mode="json") keeps infinities as floats (to_dict() needs them) and
    # model_dump_json() writes valid JSON; older releases know "constants" only, which keeps the floats too
    annotation = ConfigDict.__annotations__.get("ser_json_inf_nan")
    return "strings" if "strings" in str(annotation) else "constants"


# --- the base model ------------------------------------------------------------------------------------
class _SharedFieldsSet(Set[str]):
    """The set of fields set that many models read from one page share (see :func:`share_fields_set`);
    :meth:`OgcModel.__setattr__` gives a model its own copy before it changes."""


_SHARED_FIELDS_SETS: Dict[FrozenSet[str], _SharedFieldsSet] = {}
_MOST_SHARED_SETS = 256


def share_fields_set(model: OgcModel) -> None:
    """Let ``model`` share its set of fields set with the models that have the same one.

    pydantic gives every model its own ``set`` of the fields that were set: 728 bytes for a status of 11
    members, a quarter of the memory of a job read from a page. Every job of a page has the same set. A
    shared set is never changed: an assignment first gives the model its own copy, and copies of models
    copy it too (pydantic's ``model_copy``)."""
    fields = model.__pydantic_fields_set__
    key = frozenset(fields)
    shared = _SHARED_FIELDS_SETS.get(key)
    if shared is None:
        if len(_SHARED_FIELDS_SETS) >= _MOST_SHARED_SETS:
            return
        shared = _SHARED_FIELDS_SETS.setdefault(key, _SharedFieldsSet(key))
    object.__setattr__(model, "__pydantic_fields_set__", shared)


class OgcModel(BaseModel):
    """Base of the payload models.

    - attributes are snake_case, the JSON names (``jobID``) are aliases; both are accepted;
    - fields the model does not know are kept (``model_extra``) and written back;
    - ``to_dict()``/``to_json()`` emit exactly what was set or received: no injected ``null``;
    - ``to_json()`` is always valid JSON (a number beyond the range of a float is written ``1e400``);
    - documents (``from_json``, ``from_dict``, the API calls) are read tolerantly where the model says so,
      keeping odd values (:attr:`tolerated_values`); values given in Python are checked strictly;
    - invalid input raises :class:`~unity_sps_ogc_processes_api_python_client.exceptions.ApiValueError`.
    """

    model_config = ConfigDict(
        populate_by_name=True,
        extra="allow",
        validate_assignment=True,
        protected_namespaces=(),
        ser_json_inf_nan=_inf_nan_mode(),
        defer_build=True,  # a model's validator is built when first used: importing the package stays cheap
    )

    #: the names of the fields (attribute names), and those that may hold a :class:`Received` value (their
    #: attributes show its readable form)
    __field_names__: ClassVar[FrozenSet[str]] = frozenset()
    __tolerant_fields__: ClassVar[FrozenSet[str]] = frozenset()
    #: the date-time fields, whose text received in JSON is read on first use
    __read_on_use__: ClassVar[Tuple[str, ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)

        def carries(field: FieldInfo, kind: type) -> bool:
            return any(isinstance(item, kind) for item in field.metadata) or _carries(field.annotation, kind)

        fields = cls.model_fields.items()
        cls.__field_names__ = frozenset(cls.model_fields)
        cls.__tolerant_fields__ = frozenset(name for name, field in fields if carries(field, _Tolerance))
        cls.__read_on_use__ = tuple(name for name, field in fields if carries(field, _DateTimeSchema))
        for name in cls.__tolerant_fields__:
            setattr(cls, name, (_ReadOnUse if name in cls.__read_on_use__ else _Shown)(name))

    def __init__(self, /, **data: Any) -> None:  # positional-only self: a member may be named "self"
        try:
            self.__pydantic_validator__.validate_python(data, self_instance=self, context=_GIVEN_IN_PYTHON)
        except ValidationError as error:
            raise model_error(type(self), error) from None

    # Tells pydantic that this __init__ only converts errors, so validation may skip it: otherwise
    # pydantic calls it in Python for every nested model (halving decoding speed, nesting messages).
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    def __setattr__(self, name: str, value: Any) -> None:
        if type(self.__pydantic_fields_set__) is _SharedFieldsSet:  # copied before it changes
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        try:
            if name in type(self).__field_names__:  # validated strictly: a value given in Python
                self.__pydantic_validator__.validate_assignment(self, name, value, context=_GIVEN_IN_PYTHON)
            else:
                super().__setattr__(name, value)
        except ValidationError as error:
            raise model_error(type(self), error) from None

    @property
    def tolerated_values(self) -> Dict[str, Any]:
        """The members that were received in a form the standard does not allow and read tolerantly: attribute
        name -> the JSON value as received (written back unchanged; the attribute shows its readable form)."""
        self._read_all()
        return {name: value.raw for name, value in self.__dict__.items() if type(value) is Received}

    def _read_all(self) -> None:
        """Read the date-times still kept as received text (see :class:`_ReadOnUse`)."""
        for name in type(self).__read_on_use__:
            getattr(self, name, None)

    def __iter__(self) -> Generator[Tuple[str, Any], None, None]:
        self._read_all()
        for name, value in super().__iter__():
            yield name, value.value if type(value) is Received else value

    def __repr_args__(self) -> Iterable[Tuple[Optional[str], Any]]:
        self._read_all()
        for name, value in super().__repr_args__():
            yield name, value.value if type(value) is Received else value

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OgcModel):  # a date-time read or not is the same value
            self._read_all()
            other._read_all()
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # mutable, as pydantic models are

    def to_dict(self) -> Dict[str, Any]:
        """The JSON object (wire names), with only the fields that were set or received."""
        data: Dict[str, Any] = self.model_dump(mode="json", by_alias=True, exclude_unset=True)
        return data

    def to_json(self) -> str:
        """The JSON text of :meth:`to_dict`: valid JSON (see :func:`json_text`)."""
        return json_text(self.to_dict())

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
            return without_collection(cls.model_validate_json, json_str)
        except ValidationError as error:
            raise model_error(cls, error) from None
