"""Campaign: many jobs of one or more processes, run with bounded concurrency from a journal.

What happens in each crash window (the journal is committed before every step that acts on the server):

- killed before a row is marked ``submitting``: the row is still ``pending`` and is submitted on the next run;
- killed after ``submitting`` was committed and before the job id was: the request may or may not have
  reached the server. The next run looks for the job on the server (a job of that process, created after
  the submission, that no row has): exactly one such job is adopted; otherwise the row becomes ``unknown``
  and is not submitted again unless ``retry(state="unknown")`` says so (a duplicate job costs money);
- killed after the job id was committed: the next run polls that job;
- killed after a row ended but before its outputs were downloaded: the next run downloads them.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import statistics
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Union

from ..api._responses import job_id_from_location
from ..exceptions import ApiException, ApiValueError, OpenApiException
from ..models._json import check_json, to_json_value
from ..models.status_info import StatusInfo
from ..workflow.errors import JobFailedError
from ..workflow.job import Job
from ..workflow.polling import PollPolicy, is_transient, retry_after
from .journal import ACTIVE, FINAL, CampaignError, Journal, Row, check_key
from .lock import RunLock
from .progress import CampaignProgress

if TYPE_CHECKING:
    from ..workflow.client import Client

__all__ = ["Campaign", "Summary"]

RowCallback = Callable[[Row], Any]
BUSY = frozenset({429, 503})  # the server says it is at its limit: nothing was processed


@dataclass
class Summary:
    """Rows by state, and the durations (seconds, submission to end) of the successful ones."""

    counts: Dict[str, int]
    durations: List[float] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> bool:
        """Whether no row will change any more without ``retry`` (every row final or unknown)."""
        return all(state in (*FINAL, "unknown") for state, n in self.counts.items() if n)

    def duration_stats(self) -> Dict[str, float]:
        if not self.durations:
            return {}
        return {"min": self.durations[0], "median": statistics.median(self.durations), "max": self.durations[-1]}

    def __str__(self) -> str:
        counts = ", ".join(f"{state} {n}" for state, n in self.counts.items()) or "no rows"
        stats = self.duration_stats()
        times = (
            f"; durations {stats['min']:.1f}/{stats['median']:.1f}/{stats['max']:.1f} s (min/median/max)"
            if stats
            else ""
        )
        return f"{self.total} rows: {counts}{times}"


class _Active:
    """A job being watched: when to poll it next, and how the interval grows."""

    __slots__ = ("intervals", "job_id", "next_poll", "state")

    def __init__(self, policy: PollPolicy, job_id: str, state: str) -> None:
        self.intervals = policy.intervals()
        self.next_poll = time.monotonic() + next(self.intervals)
        self.job_id, self.state = job_id, state


class Campaign:
    """Many jobs, run from a journal (a SQLite file) that survives any crash: see the module's notes.

    ``client`` is the server the jobs run on (``Client.campaign(path)`` passes it); a campaign opened with
    ``None`` reads, adds to, retries and exports its journal without a server, and cannot ``run``.
    """

    def __init__(self, client: Optional[Client], path: Union[str, os.PathLike[str]]) -> None:
        self.client = client
        self.journal = Journal(path)
        self.path = self.journal.path

    def close(self) -> None:
        self.journal.close()

    def __enter__(self) -> Campaign:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Campaign {self.path}: {self.summary()}>"

    # --- adding work ------------------------------------------------------------------------------------------
    def add(
        self,
        process_id: str,
        inputs: Optional[Mapping[str, Any]] = None,
        *,
        key: Optional[str] = None,
        outputs: Optional[Mapping[str, Any]] = None,
        response: Optional[str] = None,
    ) -> bool:
        """Add one job to run; ``key`` names it (default: a digest of the process and inputs). Adding the
        same key again is a no-op (``False``); the same key for other work raises :class:`CampaignError`."""
        return self.add_many(process_id, [inputs or {}], key=(lambda _: key) if key is not None else None,
                             outputs=outputs, response=response) == 1  # fmt: skip

    def add_many(
        self,
        process_id: str,
        inputs: Iterable[Mapping[str, Any]],
        *,
        key: Union[None, str, Callable[[Mapping[str, Any]], str]] = None,
        outputs: Optional[Mapping[str, Any]] = None,
        response: Optional[str] = None,
    ) -> int:
        """Add many jobs of one process in one transaction; ``key`` is a function of the inputs, the name
        of an input whose value is the key, or ``None`` for a digest. Returns how many were new."""
        if not isinstance(process_id, str) or not process_id:
            raise ApiValueError(f"process_id must be a non-empty string, not {process_id!r}")
        options = {name: value for name, value in (("outputs", outputs), ("response", response)) if value is not None}
        options_text = _canonical(check_json(to_json_value(options), "options"))
        rows = []
        for item in inputs:
            if not isinstance(item, Mapping):
                raise ApiValueError(f"inputs must be mappings of input ids to values, not {type(item).__name__}")
            inputs_text = _canonical(check_json(to_json_value(dict(item)), "inputs"))
            if key is None:
                name = hashlib.sha256(f"{process_id}\n{inputs_text}\n{options_text}".encode()).hexdigest()[:20]
            elif isinstance(key, str):
                if key not in item:
                    raise ApiValueError(f"the inputs {inputs_text[:80]} have no {key!r} to use as the key")
                name = str(item[key])
            else:
                name = key(item)
            rows.append((check_key(name), process_id, inputs_text, options_text))
        return self.journal.add(rows)

    # --- reading ------------------------------------------------------------------------------------------------
    def summary(self) -> Summary:
        return Summary(self.journal.counts(), self.journal.durations())

    def rows(self, state: Union[None, str, Iterable[str]] = None) -> Iterator[Row]:
        """The rows (in the order they were added), optionally those in a state (or states)."""
        states = [state] if isinstance(state, str) else list(state) if state is not None else None
        return self.journal.rows(states)

    def export(self, path: Union[str, os.PathLike[str]]) -> int:
        """Write every row to ``.csv`` or ``.jsonl`` (by the suffix); returns how many."""
        from .export import export_rows

        return export_rows(self.journal.rows(), os.fspath(path))

    def retry(self, state: Union[str, Iterable[str]] = "failed", max_attempts: int = 3) -> int:
        """Make the rows in ``state`` pending again (their job id and error go to their history), unless they
        have been tried ``max_attempts`` times. Returns how many will be submitted again."""
        states = [state] if isinstance(state, str) else list(state)
        if any(s in ("pending", "submitting", *ACTIVE) for s in states):
            raise ApiValueError(f"only rows that ended (or are unknown) can be retried, not {states}")
        with RunLock(self.path):
            moved = 0
            for row in list(self.journal.rows(states)):
                if row.attempts >= max_attempts:
                    continue
                history = [*row.history, {"job_id": row.job_id, "state": row.state, "error": row.error,
                                          "submitted": row.submitted, "finished": row.finished}]  # fmt: skip
                self.journal.update(row.key, state="pending", job_id=None, error=None, finished=None, results=None,
                                    history=history)  # fmt: skip
                moved += 1
            return moved

    # --- running --------------------------------------------------------------------------------------------------
    def run(
        self,
        max_parallel: int = 4,
        timeout: Optional[float] = None,
        progress: Any = False,
        download: Union[None, str, os.PathLike[str]] = None,
        *,
        on_done: Optional[RowCallback] = None,
        on_failed: Optional[RowCallback] = None,
        poll: Optional[PollPolicy] = None,
    ) -> Summary:
        """Run the campaign until every row is final (or unknown), or ``timeout`` seconds pass; resumable.

        At most ``max_parallel`` jobs are on the server at once; their statuses are polled with the
        backoff of ``Job.wait``. A server that answers 429/503 slows the whole campaign down; transient
        errors never fail a row. ``download`` stores each successful job's outputs under
        ``<download>/<key>/``. ``on_done``/``on_failed`` are called with each row that ends.
        """
        if isinstance(max_parallel, bool) or not isinstance(max_parallel, int) or max_parallel < 1:
            raise ApiValueError(f"max_parallel must be a whole number >= 1, not {max_parallel!r}")
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or
                                    not 0 < timeout < float("inf")):  # fmt: skip
            raise ApiValueError(f"timeout must be a finite number of seconds > 0, or None, not {timeout!r}")
        client = self.client
        if client is None:
            raise CampaignError(f"the campaign {self.path} was opened without a client: running it needs a server "
                                "(open it with Client(url).campaign(path))")  # fmt: skip
        with RunLock(self.path):
            runner = _Runner(self, client, max_parallel, timeout, download, on_done, on_failed, poll or client.poll)
            with CampaignProgress(progress, self) as shown:
                runner.run(shown)
        return self.summary()

    def _repr_html_(self) -> str:
        summary = self.summary()
        cells = "".join(f"<td>{html.escape(state)}</td><td>{n}</td>" for state, n in summary.counts.items())
        failures = list(self.journal.rows(["failed", "unknown"], limit=5))
        rows = "".join(f"<tr><td>{html.escape(r.key)}</td><td>{html.escape(r.state)}</td>"
                       f"<td>{html.escape(r.error or '')}</td></tr>" for r in failures)  # fmt: skip
        failed = f"<table><tr><th>key</th><th>state</th><th>error</th></tr>{rows}</table>" if rows else ""
        return (f"<div><b>Campaign</b> {html.escape(self.path)}: {summary.total} rows"
                f"<table><tr>{cells}</tr></table>{failed}</div>")  # fmt: skip


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _state_of(status: StatusInfo) -> str:
    value = status.status.value
    return value if value in (*ACTIVE, *FINAL) else "running"  # an odd status: not done yet


class _Runner:
    def __init__(
        self,
        campaign: Campaign,
        client: Client,
        max_parallel: int,
        timeout: Optional[float],
        download: Union[None, str, os.PathLike[str]],
        on_done: Optional[RowCallback],
        on_failed: Optional[RowCallback],
        policy: PollPolicy,
    ) -> None:
        self.campaign, self.client, self.journal = campaign, client, campaign.journal
        self.max_parallel, self.download, self.policy = max_parallel, download, policy
        self.on_done, self.on_failed = on_done, on_failed
        self.deadline = None if timeout is None else time.monotonic() + timeout
        self.active: Dict[str, _Active] = {}
        self.slow_until = 0.0  # the server said it is busy: no request before this moment
        self.busy_wait = 0.0
        self.no_more_pending = False

    def run(self, shown: Any) -> None:
        self._reconcile()
        for row in self.journal.rows(ACTIVE):
            if row.job_id is not None:
                self.active[row.key] = _Active(self.policy, row.job_id, row.state)
        self._download_missing()
        shown.update()
        while True:
            if self.deadline is not None and time.monotonic() >= self.deadline:
                return
            changed = self._submit_some() + self._poll_due()
            if changed:
                shown.update()
            if not self.active and self.no_more_pending:
                return
            self._sleep()

    # --- the steps --------------------------------------------------------------------------------------------------
    def _submit_some(self) -> int:
        submitted = 0
        while len(self.active) < self.max_parallel and time.monotonic() >= self.slow_until:
            row = next(self.journal.rows(["pending"], limit=1), None)
            if row is None:
                self.no_more_pending = True
                break
            self.no_more_pending = False
            self._submit(row)
            submitted += 1
        return submitted

    def _submit(self, row: Row) -> None:
        try:  # before the row is marked: asking how the process runs changes nothing on the server
            mode = row.options.get("mode") or self.client.execution_mode(row.process)
        except OpenApiException as error:
            self._submission_failed(row, error, sent=False)
            return
        options = {name: value for name, value in row.options.items() if name != "mode"}
        self.journal.update(row.key, state="submitting", attempts=row.attempts + 1, submitted=time.time(), error=None)
        try:
            job = self.client.execute(row.process, row.inputs, mode=mode, **options)
        except OpenApiException as error:
            self._submission_failed(row, error)
            return
        self._calm()
        self._record(row.key, job.id, job.status, job)

    def _submission_failed(self, row: Row, error: OpenApiException, sent: Optional[bool] = None) -> None:
        """What a failed submission means for its row: refused (failed), not processed (pending, and the
        campaign slows down), processed as far as the job's id (adopted), or nobody knows (unknown)."""
        text = f"{type(error).__name__}: {error}"
        status = error.status if isinstance(error, ApiException) else None
        job_id = _job_id_in(error)
        if job_id is not None:  # the answer broke after the server said where the job is
            self._record(row.key, job_id, None, None)
        elif status is not None and 400 <= status < 500 and status not in BUSY:
            self.journal.update(row.key, state="failed", finished=time.time(), error=text)  # refused: no job
            self._ended(row.key, self.on_failed)
        elif status in BUSY or sent is False or getattr(error, "request_sent", None) is False:
            self.journal.update(row.key, state="pending", attempts=row.attempts, error=text)
            self._slow_down(error)
        else:  # may or may not have reached the server: never submitted again on our own
            self.journal.update(row.key, state="unknown", error=f"the submission may or may not have reached the "
                                f"server ({text}); retry(state='unknown') submits it again")  # fmt: skip

    def _record(self, key: str, job_id: str, status: Optional[StatusInfo], job: Optional[Job]) -> None:
        state = _state_of(status) if status is not None else "accepted"
        self.journal.update(key, state="accepted" if state in FINAL else state, job_id=job_id)
        if state in FINAL and status is not None:  # a synchronous run: ended already
            self._finish(key, job_id, status, job)
        else:
            self.active[key] = _Active(self.policy, job_id, state)

    def _poll_due(self) -> int:
        changed = 0
        now = time.monotonic()
        for key in [k for k, a in self.active.items() if a.next_poll <= now]:
            if time.monotonic() < self.slow_until:
                break
            watched = self.active[key]
            try:  # the job id is kept in memory for the active rows: no journal read per poll
                status = self.client.jobs_api.get_status_jobs_job_id_get(watched.job_id)
            except OpenApiException as error:
                changed += self._poll_failed(key, watched, error)
                continue
            self._calm()
            state = _state_of(status)
            if state in FINAL:
                del self.active[key]
                self._finish(key, watched.job_id, status, None)
                changed += 1
            else:
                if state != watched.state:
                    self.journal.update(key, state=state)
                    watched.state = state
                    changed += 1
                watched.next_poll = time.monotonic() + next(watched.intervals)
        return changed

    def _poll_failed(self, key: str, watched: _Active, error: OpenApiException) -> int:
        if isinstance(error, ApiException) and error.status == 404:
            del self.active[key]
            forgotten = f"the server no longer knows job {watched.job_id} (404): it may have run"
            self.journal.update(key, state="unknown", error=forgotten)
            return 1
        if is_transient(error) and isinstance(error, ApiException) and error.status in BUSY:
            self._slow_down(error)
        watched.next_poll = time.monotonic() + next(watched.intervals)  # transient or not: never fails a row
        return 0

    def _finish(self, key: str, job_id: str, status: StatusInfo, job: Optional[Job]) -> None:
        state = _state_of(status)
        now = time.time()
        if state == "successful":
            self.journal.update(key, state="successful", finished=now, error=None)
            self._download_row(key, job or Job(self.client, job_id, status))
            self._ended(key, self.on_done)
            return
        job = job or Job(self.client, job_id, status)
        reason = JobFailedError(status, job._failure_details() if state == "failed" else None).reason
        self.journal.update(key, state=state, finished=now, error=reason or state)
        self._ended(key, self.on_failed)

    def _download_row(self, key: str, job: Job) -> None:
        if self.download is None:
            return
        from ..workflow.download import safe_file_name

        try:
            paths = job.download(os.path.join(os.fspath(self.download), safe_file_name(key)))
        except OpenApiException as error:  # kept for the next run; the row stays successful
            self.journal.update(key, error=f"download failed: {type(error).__name__}: {error}")
            return
        self.journal.update(key, results=[os.fspath(path) for path in paths], error=None)

    def _download_missing(self) -> None:
        """Rows that ended successfully while their outputs were not written yet (a crash, a failed download)."""
        if self.download is None:
            return
        for row in list(self.journal.rows(["successful"])):
            if row.results is None and row.job_id is not None:
                self._download_row(row.key, Job(self.client, row.job_id))

    def _ended(self, key: str, callback: Optional[RowCallback]) -> None:
        if callback is not None:
            row = self.journal.get(key)
            if row is not None:
                callback(row)

    def _reconcile(self) -> None:
        """Rows left in ``submitting`` by a crash: adopt their job when the server has exactly one candidate."""
        for row in list(self.journal.rows(["submitting"])):
            known = self.journal.job_ids()
            since = (row.submitted or 0) - 2.0  # a little room for clocks that differ
            try:
                candidates = [status for status in self.client.jobs(process_id=row.process)
                              if status.job_id not in known and status.created is not None
                              and _timestamp(status.created) >= since]  # fmt: skip
            except OpenApiException as error:
                candidates, why = [], f"the job list could not be read ({error})"
            else:
                why = f"{len(candidates)} job(s) of {row.process} created since then that no row has"
            if len(candidates) == 1:
                self._record(row.key, candidates[0].job_id, candidates[0], None)
                continue
            self.journal.update(row.key, state="unknown", error=f"the submission was interrupted; {why}: "
                                "retry(state='unknown') submits it again")  # fmt: skip

    # --- pacing -----------------------------------------------------------------------------------------------------
    def _slow_down(self, error: OpenApiException) -> None:
        asked = retry_after(error)
        self.busy_wait = min(self.policy.max_interval, max(self.policy.first, self.busy_wait * 2))
        self.slow_until = time.monotonic() + (asked if asked is not None else self.busy_wait)

    def _calm(self) -> None:
        self.busy_wait = 0.0

    def _sleep(self) -> None:
        """Until the next poll is due, or a row may be submitted, never past a busy server's wish or the deadline."""
        now = time.monotonic()
        wake = min((watched.next_poll for watched in self.active.values()), default=now + 1.0)
        if not self.no_more_pending and len(self.active) < self.max_parallel:
            wake = min(wake, now)
        wake = max(wake, self.slow_until)
        if self.deadline is not None:
            wake = min(wake, self.deadline)
        time.sleep(min(1.0, max(0.0, wake - now)))


def _timestamp(moment: Any) -> float:
    try:
        return float(moment.timestamp())
    except (AttributeError, TypeError, ValueError, OverflowError):
        return float("-inf")


def _job_id_in(error: OpenApiException) -> Optional[str]:
    """The job id of a created job whose answer broke off (201/202 with a Location)."""
    if error.status in (201, 202) and error.headers is not None:
        return job_id_from_location(error.headers.get("Location"))
    return None
