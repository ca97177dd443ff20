from __future__ import annotations

import json
import pprint
from typing import Any, Dict, List, Optional, Type, TypeVar, Union

import pydantic_core
from pydantic import GetCoreSchemaHandler, ValidationError
from pydantic_core import core_schema

from ..exceptions import ApiTypeError, ApiValueError
from ._base import OgcModel, model_error
from .bbox import Bbox
from .link import Link
from .qualified_input_value_input import QualifiedInputValueInput

__all__ = ["InlineOrRefDataInput"]

M = TypeVar("M", bound=OgcModel)

JsonValue = Union[None, bool, int, float, str, List[Any], Dict[str, Any]]
Instance = Union[JsonValue, Bbox, Link, QualifiedInputValueInput]


def _classify(value: Any) -> Instance:
    """The branch a JSON value belongs to, chosen by its shape (never by trial and error)."""
    if isinstance(value, (Bbox, Link, QualifiedInputValueInput)):
        return value
    if isinstance(value, dict):
        if isinstance(value.get("href"), str):
            return _validated(Link, value)
        if "value" in value:
            return _validated(QualifiedInputValueInput, value)
        if isinstance(value.get("bbox"), list):
            return _validated(Bbox, value)
        return value  # a bare JSON object: kept as it is
    if value is None or isinstance(value, (str, int, float, bool, list)):
        return value
    raise ApiTypeError(f"not a JSON value: {type(value).__name__}")


def _validated(model: Type[M], value: Dict[str, Any]) -> M:
    try:
        return model.model_validate(value)
    except ValidationError as error:
        raise model_error(model, error) from None


class InlineOrRefDataInput:
    """One result (or input) value of a job, in the form its JSON has.

    ``actual_instance`` is, by the shape of the JSON:

    ========================================== =============================================
    JSON                                       ``actual_instance``
    ========================================== =============================================
    object with a string ``href``              :class:`Link`
    object with ``value``                      :class:`QualifiedInputValueInput`
    object with a ``bbox`` array               :class:`Bbox`
    any other object                           ``dict``, as received
    array, string, number, boolean, ``null``   the same Python value
    ========================================== =============================================

    The ``anyof_schema_<n>_validator`` attributes of the 2.0.1 client are read-only views of
    ``actual_instance`` (``None`` when it is of another kind). :meth:`to_dict` returns exactly the JSON
    that was received.
    """

    __slots__ = ("actual_instance",)
    any_of_schemas = (
        "Bbox", "List[object]", "bool", "float", "int", "str", "Link", "QualifiedInputValueInput",
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if len(args) > 1 or (args and kwargs):
            raise ApiValueError("give one value: InlineOrRefDataInput(value) or (actual_instance=value)")
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
        self.actual_instance: Instance = _classify(value)

    # --- the 2.0.1 branch views ---------------------------------------------------------------------
    @property
    def anyof_schema_1_validator(self) -> Optional[Bbox]:
        return self.actual_instance if isinstance(self.actual_instance, Bbox) else None

    @property
    def anyof_schema_2_validator(self) -> Optional[List[Any]]:
        return self.actual_instance if isinstance(self.actual_instance, list) else None

    @property
    def anyof_schema_3_validator(self) -> Optional[bool]:
        return self.actual_instance if isinstance(self.actual_instance, bool) else None

    @property
    def anyof_schema_4_validator(self) -> Optional[Union[float, int]]:
        value = self.actual_instance
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    @property
    def anyof_schema_5_validator(self) -> Optional[int]:
        value = self.actual_instance
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def anyof_schema_6_validator(self) -> Optional[str]:
        return self.actual_instance if isinstance(self.actual_instance, str) else None

    @property
    def anyof_schema_7_validator(self) -> Optional[Link]:
        return self.actual_instance if isinstance(self.actual_instance, Link) else None

    @property
    def anyof_schema_8_validator(self) -> Optional[QualifiedInputValueInput]:
        value = self.actual_instance
        return value if isinstance(value, QualifiedInputValueInput) else None

    # --- conversions --------------------------------------------------------------------------------
    def to_dict(self) -> Any:
        """The JSON value (an object, array, string, number, boolean or ``None``)."""
        value = self.actual_instance
        return value.to_dict() if isinstance(value, OgcModel) else value

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def to_str(self) -> str:
        return pprint.pformat(self.to_dict())

    @classmethod
    def from_dict(cls, obj: Any) -> InlineOrRefDataInput:
        return cls(obj)

    @classmethod
    def from_json(cls, json_str: Union[str, bytes]) -> InlineOrRefDataInput:
        try:
            return cls(pydantic_core.from_json(json_str))
        except ValueError as error:
            if isinstance(error, ApiValueError):
                raise
            raise ApiValueError(f"invalid JSON: {error}") from None

    def __eq__(self, other: object) -> bool:
        if isinstance(other, InlineOrRefDataInput):
            return bool(self.to_dict() == other.to_dict())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like the models

    def __repr__(self) -> str:
        return f"InlineOrRefDataInput(actual_instance={self.actual_instance!r})"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        # Lets pydantic decode a whole results map from bytes in one pass, calling _validate per value.
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(cls.to_dict),
        )

    @classmethod
    def _validate(cls, value: Any) -> InlineOrRefDataInput:
        if isinstance(value, cls):
            return value
        instance = cls.__new__(cls)
        instance.actual_instance = _classify(value)
        return instance
