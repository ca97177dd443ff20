"""``ProcessList``: the 2.0.1 name of :class:`ProcessListInput` (same class)."""

from __future__ import annotations

from .process_list_input import ProcessListInput

ProcessList = ProcessListInput

__all__ = ["ProcessList"]
