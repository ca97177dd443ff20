"""The errors of waiting for a job: it failed, it was dismissed, or the wait ran out of time."""

from __future__ import annotations

from typing import List, Optional

from ..exceptions import OpenApiException
from ..models.status_info import StatusInfo

__all__ = ["JobError", "JobFailedError", "JobDismissedError", "JobTimeoutError"]


class JobError(OpenApiException):
    """A job did not end as hoped; ``status_info`` is its last known status, ``job_id`` its id.

    ``status`` stays the HTTP status of the base class (``None``: the HTTP calls succeeded).
    """

    def __init__(self, message: str, status_info: Optional[StatusInfo]) -> None:
        super().__init__(message)
        self.status_info = status_info
        self.job_id: Optional[str] = status_info.job_id if status_info is not None else None


class JobFailedError(JobError):
    """The job failed. ``reason`` is what the server said about why, in one line: the status's ``message``
    and ``exception``, and the problem details the results endpoint gives for a failed job (``details``,
    as received). ``str(error)`` shows it."""

    def __init__(self, status_info: StatusInfo, details: Optional[object] = None) -> None:
        reason = _reason(status_info, details)
        what = f"job {status_info.job_id} {status_info.status.value}"
        super().__init__(f"{what}: {reason}" if reason else what, status_info)
        self.details = details
        self.reason = reason or None


class JobDismissedError(JobFailedError):
    """The job was dismissed (cancelled) before it ended."""


class JobTimeoutError(JobError):
    """The wait ran out of time; the job keeps running on the server (``status_info`` is its last status)."""

    def __init__(self, job_id: str, seconds: float, status_info: Optional[StatusInfo]) -> None:
        last = f" (last status: {status_info.status.value})" if status_info is not None else ""
        super().__init__(f"job {job_id} did not end within {seconds:g} s{last}", status_info)
        self.job_id = job_id
        self.seconds = seconds


def _reason(status_info: StatusInfo, details: Optional[object]) -> str:
    """The distinct things the server said about the failure, joined: message, exception, problem details."""
    texts: List[str] = []
    for text in (status_info.message, _problem_text(status_info.exception), _problem_text(details)):
        if text and not any(text in known for known in texts):
            texts = [known for known in texts if known not in text] + [text]
    return "; ".join(texts)


def _problem_text(problem: Optional[object]) -> str:
    if problem is None:
        return ""
    fields = problem.to_dict() if callable(getattr(problem, "to_dict", None)) else problem  # type: ignore[attr-defined]
    if not isinstance(fields, dict):
        return str(fields)
    head = fields.get("title") or fields.get("code") or fields.get("type")
    tail = fields.get("detail") or fields.get("description")
    return ": ".join(str(part) for part in (head, tail) if part)
