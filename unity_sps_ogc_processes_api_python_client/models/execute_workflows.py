from __future__ import annotations

from typing import Any, Dict, List, Optional, Union

from pydantic import Field

from .execute import Execute

__all__ = ["ExecuteWorkflows"]


class ExecuteWorkflows(Execute):
    """An execute request of OGC API - Processes - Part 3 (Workflows): the members of :class:`Execute`
    and

    - ``process``: the URI of the process, when the request is a step of a workflow;
    - ``filter``, ``properties`` and ``sortBy`` (``sort_by``): the field modifiers applied to the
      result (a CQL2 filter, the properties to keep or derive, the sort order).

    An input value may itself be a nested process, ``{"process": "https://.../processes/x",
    "inputs": {...}}`` (as plain JSON or as an :class:`ExecuteWorkflows`), or a collection
    (``{"collection": ...}``); all are kept exactly as given.
    """

    process: Optional[str] = None
    filter: Optional[Union[str, Dict[str, Any]]] = None
    properties: Optional[Union[Dict[str, Any], List[str]]] = None
    sort_by: Optional[List[str]] = Field(default=None, alias="sortBy")
