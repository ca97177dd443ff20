"""``JobList``: the 2.0.1 name of :class:`JobListInput` (same class)."""

from __future__ import annotations

from .job_list_input import JobListInput

JobList = JobListInput

__all__ = ["JobList"]
