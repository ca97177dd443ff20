from __future__ import annotations

from typing import Any, Optional

from pydantic import AfterValidator, Field
from typing_extensions import Annotated

from ._base import OgcModel
from .execute import AnyJson
from .process_input import ProcessInput

__all__ = ["Ogcapppkg"]


def _object_or_array(value: Any) -> Any:
    if isinstance(value, (dict, list, tuple, OgcModel)) or callable(getattr(value, "to_dict", None)):
        return value
    raise ValueError(f"executionUnit must be an object or an array, not {type(value).__name__}")


class Ogcapppkg(OgcModel):
    """An application package (OGC API - Processes - Part 2: Deploy, Replace, Undeploy): the body of
    ``POST /processes`` and ``PUT /processes/{processId}``.

    - ``executionUnit`` (``execution_unit``): what runs the process, kept exactly as given: an object
      (a container ``{"type": "docker", "image": ...}``, a link ``{"href": ...}``, a qualified value
      ``{"value": ..., "mediaType": ...}`` holding a CWL document, ...) or an array of those; the models
      of this package (:class:`Link`, :class:`QualifiedInputValueInput`) may be given for them;
    - ``processDescription`` (``process_description``): the description of the process
      (:class:`ProcessInput`), optional when the execution unit carries it.
    """

    execution_unit: Annotated[AnyJson, AfterValidator(_object_or_array)] = Field(alias="executionUnit")
    process_description: Optional[ProcessInput] = Field(default=None, alias="processDescription")
