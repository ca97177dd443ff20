"""What the anyOf wrappers share (``actual_instance`` + the generated-style conversions)."""

from __future__ import annotations

import json
import pprint
from typing import Any, Callable, ClassVar, Dict, Generic, Optional, Tuple, Type, TypeVar, Union, overload

import pydantic_core
from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema
from typing_extensions import get_args, get_origin

from ..exceptions import ApiTypeError, ApiValueError
from ._base import json_text
from ._json import to_json_value

__all__ = ["UnionWrapper", "BranchView", "map_reader"]

W = TypeVar("W", bound="UnionWrapper")
V = TypeVar("V")


class BranchView(Generic[V]):
    """A read-only ``anyof_schema_<n>_validator`` attribute of the 2.0.1 client: ``actual_instance``
    when it is of one of ``kinds`` (booleans are not numbers here), else ``None``."""

    def __init__(self, *kinds: type) -> None:
        self.kinds = kinds

    @overload
    def __get__(self, obj: None, owner: Optional[type] = None) -> BranchView[V]: ...

    @overload
    def __get__(self, obj: UnionWrapper, owner: Optional[type] = None) -> Optional[V]: ...

    def __get__(self, obj: Optional[UnionWrapper], owner: Optional[type] = None) -> Any:
        return self if obj is None else obj._is(self.kinds)

    def __set__(self, obj: UnionWrapper, value: Any) -> None:
        raise AttributeError("the anyof_schema views are read-only: set actual_instance")


def _canonical(value: Any) -> Any:
    """A form in which equal JSON compares equal and ``true``, ``1`` and ``1.0`` do not."""
    if isinstance(value, bytes):
        return value
    return json.dumps(value, sort_keys=True)


class UnionWrapper:
    """A value that may take one of several JSON shapes; the branch is chosen by the shape.

    Subclasses define :meth:`_classify` (raw JSON or an instance -> the value kept in
    ``actual_instance``). The constructor accepts the generated-client forms: ``Wrapper(value)``,
    ``Wrapper(actual_instance=value)`` and ``Wrapper(anyof_schema_<n>_validator=value)``.
    """

    __slots__ = ("actual_instance",)
    any_of_schemas: ClassVar[Tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if len(args) > 1 or (args and kwargs):
            raise ApiValueError(f"give one value: {type(self).__name__}(value) or (actual_instance=value)")
        if args:
            value = args[0]
        elif set(kwargs) == {"actual_instance"}:
            value = kwargs["actual_instance"]
        elif len(kwargs) == 1 and next(iter(kwargs)).startswith("anyof_schema_"):
            value = next(iter(kwargs.values()))
        elif not kwargs:
            value = None
        else:
            raise ApiTypeError(f"unexpected arguments: {', '.join(sorted(kwargs))}")
        self.actual_instance: Any = self._classify(value, trusted=False)

    @classmethod
    def _classify(cls, value: Any, trusted: bool) -> Any:
        """The value to keep for ``value``; ``trusted`` when it was just parsed from JSON (so plain
        arrays and objects need no check that they have a JSON form)."""
        raise NotImplementedError

    def _is(self, kind: Union[type, Tuple[type, ...]]) -> Any:
        """``actual_instance`` if it is of ``kind`` (booleans are not numbers here), else None."""
        value = self.actual_instance
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            return None
        return value if isinstance(value, kind) else None

    def to_dict(self) -> Any:
        """The JSON value (an object, array, string, number, boolean or ``None``)."""
        return to_json_value(self.actual_instance)

    def to_json(self) -> str:
        """The JSON text of :meth:`to_dict`: valid JSON (a number beyond the range of a float, read as an
        infinity, is written ``1e400``; a NaN raises :class:`ApiValueError`)."""
        value = self.to_dict()
        if isinstance(value, bytes):
            raise ApiValueError("this value is not JSON: it holds the bytes of a non-JSON answer")
        return json_text(value)

    def to_str(self) -> str:
        return pprint.pformat(self.to_dict())

    @classmethod
    def from_dict(cls: Type[W], obj: Any) -> W:
        return cls(obj)

    @classmethod
    def from_json(cls: Type[W], json_str: Union[str, bytes]) -> W:
        """The value of a JSON text (read as a response is: ``1e400`` is kept, as an infinity)."""
        try:
            value = pydantic_core.from_json(json_str)
        except ValueError as error:
            raise ApiValueError(f"invalid JSON: {error}") from None
        return cls.wrap(value, trusted=True)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, type(self)):
            return bool(_canonical(self.to_dict()) == _canonical(other.to_dict()))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like the models

    def __repr__(self) -> str:
        return f"{type(self).__name__}(actual_instance={self.actual_instance!r})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        # Lets pydantic decode whole documents (a results map) from bytes in one pass. JSON goes to the
        # subclass's reader when it has one (one call per value, no ValidationInfo); values given in Python
        # always go through _classify.
        serialization = core_schema.plain_serializer_function_ser_schema(cls.to_dict)
        python = core_schema.with_info_plain_validator_function(cls._validate)
        read_json = cls._json_reader()
        if read_json is None:
            python["serialization"] = serialization
            return python
        return core_schema.json_or_python_schema(
            json_schema=core_schema.no_info_plain_validator_function(read_json),
            python_schema=python,
            serialization=serialization,
        )

    @classmethod
    def _json_reader(cls: Type[W]) -> Optional[Callable[[Any], W]]:
        """A function doing what ``wrap(value, trusted=True)`` does, faster, for values pydantic has just
        parsed from JSON (only ``dict``, ``list``, ``str``, ``int``, ``float``, ``bool`` and ``None``);
        ``None``: :meth:`wrap` is used. Made from :meth:`_json_map_reader`."""
        read_map = cls._json_map_reader()
        if read_map is None:
            return None
        return lambda value: read_map({"": value})[""]

    @classmethod
    def _json_map_reader(cls: Type[W]) -> Optional[Callable[[Dict[str, Any]], Dict[str, W]]]:
        """The same for every value of a JSON object, in one call (a results document); ``None``: none."""
        return None

    @classmethod
    def _validate(cls: Type[W], value: Any, info: core_schema.ValidationInfo) -> W:
        return cls.wrap(value, trusted=info.mode == "json")

    @classmethod
    def wrap(cls: Type[W], value: Any, trusted: bool = False) -> W:
        """``value`` as an instance (itself if it is one already); see :meth:`_classify`."""
        if isinstance(value, cls):
            return value
        instance = cls.__new__(cls)
        instance.actual_instance = cls._classify(value, trusted)
        return instance


def map_reader(response_type: Any) -> Optional[Callable[[Union[str, bytes]], Dict[str, Any]]]:
    """For ``Dict[str, W]`` where the wrapper ``W`` has a JSON reader: a function that decodes such a
    document (a job's results) as ``TypeAdapter(Dict[str, W]).validate_json`` does, in a fifth less time:
    one parse of the JSON, then the reader over each value. It raises ``ValueError`` for anything else
    than an object of valid values, so that the caller can let the full validation say what is wrong.
    ``None`` for any other type."""
    if get_origin(response_type) is not dict:
        return None
    key_type, value_type = get_args(response_type)
    wrapper = isinstance(value_type, type) and issubclass(value_type, UnionWrapper)
    read_map: Optional[Callable[[Dict[str, Any]], Dict[str, Any]]] = value_type._json_map_reader() if wrapper else None
    if key_type is not str or read_map is None:
        return None

    def decode(source: Union[str, bytes]) -> Dict[str, Any]:
        document = pydantic_core.from_json(source)
        if type(document) is not dict:
            raise ValueError("not a JSON object")
        return read_map(document)

    return decode
