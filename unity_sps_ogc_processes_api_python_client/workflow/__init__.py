"""The workflow layer: :class:`Client` and :class:`Job` (run, wait with progress, page, download) over the
API classes of this package."""

from .client import Client
from .download import DownloadError
from .errors import JobDismissedError, JobError, JobFailedError, JobTimeoutError
from .job import Job
from .polling import PollPolicy

__all__ = [
    "Client",
    "Job",
    "JobError",
    "JobFailedError",
    "JobDismissedError",
    "JobTimeoutError",
    "PollPolicy",
    "DownloadError",
]
