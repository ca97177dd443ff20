from __future__ import annotations

from typing import Any, Dict, List, Optional, Union

from pydantic import Field, StrictBool

from ._base import OgcModel
from .metadata_input import MetadataInput

__all__ = ["OutputDescriptionInput"]


class OutputDescriptionInput(OgcModel):
    """The description of one output of a process (an entry of ``outputs`` in a process description).

    ``schema`` (``var_schema``) is the JSON schema of the output, kept exactly as received (an object,
    or ``true``/``false``); required by the standard, optional here for tolerance. Other members are
    kept.
    """

    title: Optional[str] = None
    description: Optional[str] = None
    keywords: Optional[List[str]] = None
    metadata: Optional[List[MetadataInput]] = None
    var_schema: Optional[Union[Dict[str, Any], StrictBool]] = Field(default=None, alias="schema")
