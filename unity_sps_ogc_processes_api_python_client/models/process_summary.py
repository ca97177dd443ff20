"""``ProcessSummary``: the 2.0.1 name of :class:`ProcessSummaryInput` (same class)."""

from __future__ import annotations

from .process_summary_input import ProcessSummaryInput

ProcessSummary = ProcessSummaryInput

__all__ = ["ProcessSummary"]
