from __future__ import annotations

from typing import Any, Dict, List, Literal, Optional, Union

from pydantic import Field, StrictBool, StrictInt

from ._base import OgcModel
from .metadata_input import MetadataInput

__all__ = ["InputDescriptionInput"]


class InputDescriptionInput(OgcModel):
    """The description of one input of a process (an entry of ``inputs`` in a process description).

    - ``schema`` (``var_schema``): the JSON schema of a value, kept exactly as received (an object, or
      ``true``/``false``); required by the standard, optional here so that one incomplete input does
      not make a whole process description unreadable;
    - ``minOccurs``/``maxOccurs``: how many values the input takes; ``maxOccurs`` is an integer or
      ``"unbounded"``; when left out, both mean 1;
    - ``valuePassing``: ``"byValue"`` and/or ``"byReference"``.

    Other members (``additionalParameters``, a server's own) are kept.
    """

    title: Optional[str] = None
    description: Optional[str] = None
    keywords: Optional[List[str]] = None
    metadata: Optional[List[MetadataInput]] = None
    var_schema: Optional[Union[Dict[str, Any], StrictBool]] = Field(default=None, alias="schema")
    min_occurs: Optional[StrictInt] = Field(default=None, alias="minOccurs")
    max_occurs: Optional[Union[StrictInt, Literal["unbounded"]]] = Field(default=None, alias="maxOccurs")
    value_passing: Optional[List[str]] = Field(default=None, alias="valuePassing")
