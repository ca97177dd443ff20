from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Type, TypeVar, Union

from pydantic import ValidationError

from ..exceptions import ApiTypeError
from . import _html
from ._base import OgcModel, model_error
from ._json import check_json
from ._union import BranchView, UnionWrapper
from .bbox import Bbox
from .link import Link
from .qualified_input_value_input import QualifiedInputValueInput

__all__ = ["InlineOrRefDataInput"]

M = TypeVar("M", bound=OgcModel)
W = TypeVar("W", bound="InlineOrRefDataInput")

JsonValue = Union[None, bool, int, float, str, List[Any], Dict[str, Any]]
Instance = Union[JsonValue, Bbox, Link, QualifiedInputValueInput]


def _validated(model: Type[M], value: Dict[str, Any]) -> M:
    try:
        return model.model_validate(value)
    except ValidationError as error:
        raise model_error(model, error) from None


class InlineOrRefDataInput(UnionWrapper):
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

    __slots__ = ()
    any_of_schemas = (
        "Bbox", "List[object]", "bool", "float", "int", "str", "Link", "QualifiedInputValueInput",
    )  # fmt: skip

    @classmethod
    def _classify(cls, value: Any, trusted: bool) -> Instance:
        """The branch a value belongs to, chosen by its shape (never by trial and error)."""
        if isinstance(value, (Bbox, Link, QualifiedInputValueInput)):
            return value
        if isinstance(value, dict):
            if isinstance(value.get("href"), str):
                return _validated(Link, value)
            if "value" in value:
                return _validated(QualifiedInputValueInput, value)
            if isinstance(value.get("bbox"), list):
                return _validated(Bbox, value)
            return value if trusted else check_json(value)  # a bare JSON object: kept as it is
        if value is None or isinstance(value, (str, int, bool)) or (trusted and isinstance(value, (float, list))):
            return value
        if isinstance(value, (float, list)):
            return check_json(value)
        raise ApiTypeError(f"not a JSON value: {type(value).__name__}")

    @classmethod
    def _json_map_reader(cls) -> Optional[Callable[[Dict[str, Any]], Dict[str, InlineOrRefDataInput]]]:
        # the same branches as _classify, unless a subclass chose others
        own_classify = any(
            "_classify" in vars(klass) for klass in cls.__mro__[: cls.__mro__.index(InlineOrRefDataInput)]
        )
        return None if own_classify else _map_reader(cls)

    # --- the 2.0.1 branch views ---------------------------------------------------------------------
    anyof_schema_1_validator = BranchView[Bbox](Bbox)
    anyof_schema_2_validator = BranchView[List[Any]](list)
    anyof_schema_3_validator = BranchView[bool](bool)
    anyof_schema_4_validator = BranchView[Union[float, int]](int, float)
    anyof_schema_5_validator = BranchView[int](int)
    anyof_schema_6_validator = BranchView[str](str)
    anyof_schema_7_validator = BranchView[Link](Link)
    anyof_schema_8_validator = BranchView[QualifiedInputValueInput](QualifiedInputValueInput)

    def _repr_html_(self) -> str:
        """In a notebook: the value (a link as a link) and its kind."""
        shown, kind = _html.value_html(self.actual_instance)
        return _html.box("value", [f"{shown} <small>({kind})</small>"])


def _map_reader(cls: Type[W]) -> Callable[[Dict[str, Any]], Dict[str, W]]:
    """``cls.wrap(value, trusted=True)`` for each value of an object pydantic has just parsed from JSON (a job's
    results: it runs for every output, so in one loop): the branches of :meth:`InlineOrRefDataInput._classify`,
    tested by exact type (a JSON string is exactly a ``str``, an array exactly a ``list``)."""
    new = object.__new__

    def read_map(document: Dict[str, Any]) -> Dict[str, W]:
        # each model's own validator (model_validate without its Python-level wrapper), looked up once
        link = Link.__pydantic_validator__.validate_python
        qualified = QualifiedInputValueInput.__pydantic_validator__.validate_python
        bbox = Bbox.__pydantic_validator__.validate_python
        read: Dict[str, W] = {}
        for key, value in document.items():
            if type(value) is dict:
                model: Optional[Type[OgcModel]] = None
                try:
                    if type(value.get("href")) is str:
                        model = Link
                        value = link(value)
                    elif "value" in value:
                        model = QualifiedInputValueInput
                        value = qualified(value)
                    elif type(value.get("bbox")) is list:
                        model = Bbox
                        value = bbox(value)
                except ValidationError as error:
                    raise model_error(model or OgcModel, error) from None
            instance: W = new(cls)
            instance.actual_instance = value
            read[key] = instance
        return read

    return read_map
