"""Job: one job of a server — its status, waiting for its end with progress, its results and outputs."""

from __future__ import annotations

import contextlib
import html
import time
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from ..exceptions import ApiException, ApiValueError, OpenApiException
from ..models.inline_or_ref_data_input import InlineOrRefDataInput
from ..models.status_code import StatusCode
from ..models.status_info import StatusInfo
from .errors import JobDismissedError, JobFailedError, JobTimeoutError
from .polling import PollPolicy, is_transient, retry_after
from .progress import Progress, describe, reporter_for
from .results import Results

if TYPE_CHECKING:
    import os

    from .client import Client

__all__ = ["Job"]


class Job:
    """A job of the server: ``client.execute(...)`` and ``client.job(id)`` make them.

    ``status`` is the last status known (``None`` before the first look); :meth:`refresh` asks again.
    """

    def __init__(
        self,
        client: Client,
        job_id: str,
        status: Optional[StatusInfo] = None,
        results: Optional[Dict[str, InlineOrRefDataInput]] = None,
    ) -> None:
        if not isinstance(job_id, str) or not job_id:
            raise ApiValueError(f"a job id must be a non-empty string, not {job_id!r}")
        self.client = client
        self.id = job_id
        self.status = status
        self._results = None if results is None else Results(results)

    def __repr__(self) -> str:
        shown = describe(self.status) if self.status is not None else "status not fetched"
        return f"<Job {self.id}: {shown}>"

    def _repr_html_(self) -> str:
        """A notebook shows the live status of a job that has not ended (it is fetched on display)."""
        if self.status is None or not self.status.status.is_terminal:
            try:
                self.refresh()
            except OpenApiException as error:
                return f"<b>Job {html.escape(self.id)}</b>: status unavailable ({html.escape(str(error))})"
        assert self.status is not None
        return self.status._repr_html_() if hasattr(self.status, "_repr_html_") else html.escape(repr(self))

    # --- status ---------------------------------------------------------------------------------------
    def refresh(self, *, _request_timeout: Optional[float] = None) -> StatusInfo:
        """Fetch the status of the job now; it becomes :attr:`status`."""
        options: Dict[str, Any] = {} if _request_timeout is None else {"_request_timeout": _request_timeout}
        self.status = self.client.jobs_api.get_status_jobs_job_id_get(self.id, **options)
        return self.status

    def wait(
        self,
        timeout: Optional[float] = None,
        progress: Progress = False,
        *,
        poll: Optional[PollPolicy] = None,
        cancel_on_interrupt: bool = False,
    ) -> StatusInfo:
        """Wait until the job ends; return its final status when it succeeded.

        :param timeout: seconds to wait at most (the job keeps running after a :class:`JobTimeoutError`).
        :param progress: ``True`` shows a bar (notebook or terminal) or a line per change (logs); a
            function is called with each status that differs from the last.
        :param poll: when to poll (default: the client's policy: soon at first, then less and less often).
        :param cancel_on_interrupt: on Ctrl-C, dismiss the job before re-raising ``KeyboardInterrupt``.
        :raises JobFailedError: the job failed; ``str(error)`` says why, as far as the server said.
        :raises JobDismissedError: the job was dismissed.
        :raises JobTimeoutError: ``timeout`` passed first.
        """
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or
                                    not 0 < timeout < float("inf")):  # fmt: skip
            raise ApiValueError(f"timeout must be a finite number of seconds > 0, or None, not {timeout!r}")
        reporter = reporter_for(progress)
        try:
            final = self._poll_until_done(timeout, poll or self.client.poll, reporter.update)
        except KeyboardInterrupt:
            if cancel_on_interrupt:
                with contextlib.suppress(OpenApiException):  # interrupted all the same
                    self.dismiss(_request_timeout=10)
            raise
        finally:
            reporter.close()
        return self._outcome(final)

    def _poll_until_done(self, timeout: Optional[float], policy: PollPolicy, show: Any) -> StatusInfo:
        deadline = None if timeout is None else time.monotonic() + timeout
        intervals = policy.intervals()
        failures = 0
        shown: Optional[Dict[str, Any]] = None
        status = self.status
        wait = 0.0 if status is None else next(intervals)  # a job never looked at: look now
        while True:
            if status is not None:
                key = status.to_dict()
                if key != shown:
                    shown = key
                    show(status)
                if status.status.is_terminal:
                    return status
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise JobTimeoutError(self.id, float(timeout or 0), status)
                wait = min(wait, left)
            time.sleep(wait)  # monotonic deadlines: a sleeping laptop neither times out nor stops polling
            limit = None if deadline is None else max(0.5, deadline - time.monotonic())
            try:
                status = self.refresh(_request_timeout=limit)
                failures = 0
                wait = next(intervals)
            except OpenApiException as error:
                failures += 1
                if not is_transient(error) or failures > policy.max_failures:
                    raise
                wait = max(retry_after(error) or 0.0, next(intervals))

    def _outcome(self, status: StatusInfo) -> StatusInfo:
        if status.status == StatusCode.SUCCESSFUL:
            return status
        if status.status == StatusCode.DISMISSED:
            raise JobDismissedError(status)
        raise JobFailedError(status, self._failure_details())

    def _failure_details(self) -> Optional[object]:
        """What the results endpoint says of a failed job (pygeoapi puts the reason there)."""
        try:
            self.client.jobs_api.get_result_jobs_job_id_results_get(self.id, _request_timeout=30)
        except ApiException as error:
            return error.data if error.data is not None else (error.body or None)
        except OpenApiException:
            return None
        return None

    # --- results ----------------------------------------------------------------------------------------
    def results(self) -> Results:
        """The results of the job, by output id (fetched once; a synchronous execution gave them already)."""
        if self._results is None:
            self._results = Results(self.client.jobs_api.get_result_jobs_job_id_results_get(self.id))
        return self._results

    def download(self, target: Union[str, os.PathLike[str]], **options: Any) -> List[Any]:
        """Write every output of the job to files in ``target`` (created if needed); return their paths.

        Links are streamed to disk (resuming an interrupted transfer when the server allows it); inline
        values are written as JSON, text or bytes. See :func:`~.download.download_results`.
        """
        from .download import download_results

        return download_results(self.client.api_client, self.results(), target, **options)

    def dismiss(self, *, _request_timeout: Optional[float] = None) -> StatusInfo:
        """Cancel the job, or remove a finished one; return the status the server answered."""
        options: Dict[str, Any] = {} if _request_timeout is None else {"_request_timeout": _request_timeout}
        self.status = self.client.jobs_api.dismiss_jobs_job_id_delete(self.id, **options)
        return self.status
