from __future__ import annotations

from typing import Any, Dict, List, Optional, Union

from ..exceptions import ApiTypeError, ApiValueError
from ._json import check_json
from ._union import BranchView, UnionWrapper
from .inline_or_ref_data_input import InlineOrRefDataInput

__all__ = ["Execute200ResponseInput"]


class Execute200ResponseInput(UnionWrapper):
    """The answer of a synchronous execution (status 200), in the form the server gave it.

    ========================================== =============================================================
    answer                                     ``actual_instance`` (and the 2.0.1 view that holds it)
    ========================================== =============================================================
    JSON object (results map, or a document    ``Dict[str, InlineOrRefDataInput]`` (``anyof_schema_1_validator``);
    such as ``{"outputs": ...}``)              an object whose values do not fit is kept as a ``dict``
                                               (``anyof_schema_7_validator``)
    JSON array                                 ``list`` (``anyof_schema_2_validator``)
    JSON boolean / string                      ``bool`` (``_3_``) / ``str`` (``_4_``)
    JSON number                                ``float`` or ``int`` (``_5_``; integers also ``_6_``)
    a body that is not JSON (an image, CSV)    ``bytes``, with its Content-Type in :attr:`media_type`
    ========================================== =============================================================

    The views are read-only and ``None`` when the answer is of another kind, as in 2.0.1: SDK code that
    reads ``anyof_schema_2_validator`` of a JSON-list answer keeps working.
    """

    #: the Content-Type of an answer that was not JSON (``None`` for JSON answers)
    media_type: Optional[str] = None
    any_of_schemas = ("Dict[str, Execute200ResponseInputAnyOfValue]", "List[object]", "bool", "float", "int",
                      "object", "str")  # fmt: skip

    def __init__(self, *args: Any, media_type: Optional[str] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.media_type = media_type

    @classmethod
    def _classify(cls, value: Any, trusted: bool) -> Any:
        if isinstance(value, dict):
            try:
                return {key: InlineOrRefDataInput.wrap(item, trusted) for key, item in value.items()}
            except ApiValueError:  # e.g. a value shaped like a link that is not one: keep the object as it is
                return value if trusted else check_json(value)
        if value is None or isinstance(value, (bool, str, int, bytes)):
            return value
        if isinstance(value, (list, float)):
            return value if trusted else check_json(value)
        raise ApiTypeError(f"not a JSON value or bytes: {type(value).__name__}")

    @property
    def anyof_schema_1_validator(self) -> Optional[Dict[str, InlineOrRefDataInput]]:
        value = self.actual_instance
        if isinstance(value, dict) and all(isinstance(item, InlineOrRefDataInput) for item in value.values()):
            return value
        return None

    anyof_schema_2_validator = BranchView[List[Any]](list)
    anyof_schema_3_validator = BranchView[bool](bool)
    anyof_schema_4_validator = BranchView[str](str)
    anyof_schema_5_validator = BranchView[Union[float, int]](int, float)
    anyof_schema_6_validator = BranchView[int](int)

    @property
    def anyof_schema_7_validator(self) -> Optional[Dict[str, Any]]:
        return None if self.anyof_schema_1_validator is not None else self._is(dict)

    @property
    def anyof_schema_8_validator(self) -> Optional[str]:
        return None  # 2.0.1's second str branch: strings are already held by anyof_schema_4_validator

    @property
    def outputs(self) -> Any:
        """The ``outputs`` member of a document answer (``{"outputs": ...}``) as plain JSON, else None."""
        value = self.to_dict()
        return value.get("outputs") if isinstance(value, dict) else None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Execute200ResponseInput):
            return NotImplemented
        return super().__eq__(other) and self.media_type == other.media_type

    def __repr__(self) -> str:
        media = f", media_type={self.media_type!r}" if self.media_type else ""
        return f"Execute200ResponseInput(actual_instance={self.actual_instance!r}{media})"
