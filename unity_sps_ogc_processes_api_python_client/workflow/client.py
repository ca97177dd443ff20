"""Client: run processes and follow their jobs in a few lines, over the API classes of this package."""

from __future__ import annotations

import base64
import weakref
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Mapping, Optional, Sequence, Union

from ..api._responses import job_id_from_location
from ..api.dru_api import DRUApi
from ..api.jobs_api import JobsApi
from ..api.processes_api import ProcessesApi
from ..api_client import ApiClient
from ..configuration import AccessToken, Configuration
from ..exceptions import ApiResponseValidationError, ApiValueError
from ..models.conf_classes import ConfClasses
from ..models.execute200_response_input import Execute200ResponseInput
from ..models.inline_or_ref_data_input import InlineOrRefDataInput
from ..models.job_list_input import JobListInput
from ..models.process_input import ProcessInput
from ..models.process_list_input import ProcessListInput
from ..models.process_summary_input import ProcessSummaryInput
from ..models.status_code import StatusCode
from ..models.status_info import StatusInfo
from ..retry import RetryPolicy
from .job import Job
from .paging import follow_pages
from .polling import PollPolicy

if TYPE_CHECKING:
    import os

    from ..campaign import Campaign

__all__ = ["Client", "MODES"]

MODES = ("auto", "async", "sync")
Statuses = Union[str, StatusCode, Sequence[Union[str, StatusCode]]]


class Client:
    """A connection to one OGC API - Processes server.

    ``Client("https://example.org/ogc", access_token=token)``, or ``Client(configuration=cfg)`` with a
    :class:`Configuration` for everything else (TLS, proxies, timeouts). Use it in a ``with`` block, or
    call :meth:`close`. The generated-style API classes stay available: :attr:`jobs_api`,
    :attr:`processes_api`, :attr:`dru_api` and :attr:`api_client`.
    """

    def __init__(
        self,
        url: Optional[str] = None,
        *,
        access_token: Optional[AccessToken] = None,
        configuration: Optional[Configuration] = None,
        timeout: Optional[float] = None,
        retries: Union[None, int, RetryPolicy] = None,
        poll: Optional[PollPolicy] = None,
    ) -> None:
        if configuration is not None and (url is not None or access_token is not None):
            raise ApiValueError("give either url (and access_token) or configuration, not both")
        if configuration is None:
            configuration = Configuration(host=url, access_token=access_token, retries=retries, timeout=timeout)
        else:
            if timeout is not None:
                configuration.timeout = timeout
            if retries is not None:
                configuration.retries = retries
        self.api_client = ApiClient(configuration)
        self.jobs_api = JobsApi(self.api_client)
        self.processes_api = ProcessesApi(self.api_client)
        self.dru_api = DRUApi(self.api_client)
        self.poll = poll or PollPolicy()
        self._descriptions: Dict[str, ProcessInput] = {}
        self._campaigns: weakref.WeakSet[Campaign] = weakref.WeakSet()

    @property
    def configuration(self) -> Configuration:
        return self.api_client.configuration

    @property
    def url(self) -> str:
        return self.configuration.host

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections, and the journals of the campaigns opened through this client."""
        for campaign in list(self._campaigns):
            campaign.close()
        self.api_client.close()

    def __repr__(self) -> str:
        return f"Client({self.url!r})"

    # --- processes -------------------------------------------------------------------------------------
    def processes(
        self, *, page_size: Optional[int] = None, max_items: Optional[int] = None
    ) -> Iterator[ProcessSummaryInput]:
        """Every process of the server (summaries), following the pages of the list."""
        return follow_pages(
            lambda: self.processes_api.get_processes_processes_get_with_http_info(limit=page_size),
            lambda url: self.api_client.get_link(url, ProcessListInput),
            lambda page: list(page.processes), lambda process: process.id, self.api_client.link_url,
            lambda page: page.links, max_items,
        )  # fmt: skip

    def process(self, process_id: str) -> ProcessInput:
        """The description of a process: its inputs, outputs and how it may be run."""
        description = self.processes_api.get_process_description_processes_process_id_get(process_id)
        self._descriptions[process_id] = description
        return description

    def conformance(self) -> ConfClasses:
        """The conformance classes the server declares."""
        from ..api.conformance_api import ConformanceApi

        return ConformanceApi(self.api_client).get_conformance_conformance_get()

    def deploy(self, package: Any) -> Any:
        """Deploy a process (Part 2): an application package (a model or JSON object) or a CWL document."""
        return self.dru_api.deploy_processes_post(ogcapppkg=package)

    def undeploy(self, process_id: str) -> Any:
        """Undeploy a process (Part 2)."""
        return self.dru_api.undeploy_processes_process_id_delete(process_id)

    # --- execution ------------------------------------------------------------------------------------
    def execute(
        self,
        process_id: str,
        inputs: Optional[Mapping[str, Any]] = None,
        *,
        outputs: Optional[Mapping[str, Any]] = None,
        response: Optional[str] = None,
        subscriber: Optional[Any] = None,
        mode: str = "auto",
    ) -> Job:
        """Run a process; return its :class:`Job`.

        ``mode="auto"`` runs asynchronously when the process allows it (its ``jobControlOptions``), else
        synchronously; ``"async"`` and ``"sync"`` choose. A synchronous run gives a job whose results are
        there without another request (when the server answered with them).
        """
        if mode not in MODES:
            raise ApiValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if inputs is not None and not isinstance(inputs, Mapping):
            raise ApiValueError(f"inputs must be a mapping of input ids to values, not {type(inputs).__name__}")
        body: Dict[str, Any] = {"inputs": dict(inputs or {})}
        for name, value in (("outputs", outputs), ("response", response), ("subscriber", subscriber)):
            if value is not None:
                body[name] = value
        asynchronous = (self.execution_mode(process_id) if mode == "auto" else mode) == "async"
        answer = self.processes_api.execute_processes_process_id_execution_post_with_http_info(
            process_id, prefer="respond-async" if asynchronous else None, execute_workflows=body
        )
        location = answer.headers.get("Location") if answer.headers is not None else None
        data = answer.data
        if isinstance(data, StatusInfo):
            return Job(self, data.job_id, data)
        job_id = job_id_from_location(location)
        if isinstance(data, Execute200ResponseInput):
            results = _results_map(data)
            if job_id is None:
                job_id = "(synchronous)"
            status = StatusInfo.model_validate({"jobID": job_id, "status": "successful", "progress": 100})
            return Job(self, job_id, status, results)
        if job_id is not None:  # 303 See Other, or an answer without a body
            return Job(self, job_id)
        raise ApiResponseValidationError(
            f"the execution of {process_id} answered {answer.status_code} without a job or results",
            status=answer.status_code,
        )

    def execution_mode(self, process_id: str) -> str:
        """``"async"`` when the process may run asynchronously (its ``jobControlOptions``), else ``"sync"``:
        what ``execute(mode="auto")`` does. The description is fetched once per client."""
        description = self._descriptions.get(process_id) or self.process(process_id)
        options = [option.value for option in description.job_control_options or ()]
        return "async" if "async-execute" in options else "sync"  # not declared: maybe no asynchronous runs

    # --- campaigns ------------------------------------------------------------------------------------
    def campaign(self, path: Union[str, os.PathLike[str]]) -> Campaign:
        """The campaign whose journal is the SQLite file ``path`` (created when missing): many jobs, run
        with bounded concurrency, resumable after any crash."""
        from ..campaign import Campaign

        campaign = Campaign(self, path)
        self._campaigns.add(campaign)
        return campaign

    # --- jobs -----------------------------------------------------------------------------------------
    def job(self, job_id: str) -> Job:
        """A :class:`Job` for a job that exists (its status is fetched on first use)."""
        return Job(self, job_id)

    def jobs(
        self,
        *,
        status: Optional[Statuses] = None,
        process_id: Optional[Union[str, Sequence[str]]] = None,
        type: Optional[Union[str, Sequence[str]]] = None,
        page_size: Optional[int] = None,
        max_items: Optional[int] = None,
    ) -> Iterator[StatusInfo]:
        """Every job of the server that matches, each once, across pages (one page in memory at a time).

        The filters go to the server as the standard's query parameters; a server that ignores one is
        filtered on the client too, so only matching jobs come back.
        """
        wanted = _wanted(status), _wanted(process_id), _wanted(type)

        def matches(job: StatusInfo) -> bool:
            statuses, processes, types = wanted
            return ((statuses is None or job.status.value in statuses)
                    and (processes is None or job.process_id in processes)
                    and (types is None or job.type in types))  # fmt: skip

        pages = follow_pages(
            lambda: self.jobs_api.get_jobs_jobs_get_with_http_info(
                limit=page_size, status=status, process_id=process_id, type=type
            ),
            lambda url: self.api_client.get_link(url, JobListInput),
            lambda job_list: list(job_list.jobs), lambda job: job.job_id, self.api_client.link_url,
            lambda job_list: job_list.links,
        )  # fmt: skip
        count = 0
        for job in pages:
            if not matches(job):
                continue
            yield job
            count += 1
            if max_items is not None and count >= max_items:
                return


def _wanted(value: Any) -> Optional[List[str]]:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    return [getattr(item, "value", item) for item in items]


def _results_map(answer: Execute200ResponseInput) -> Dict[str, InlineOrRefDataInput]:
    """The results of a synchronous answer as a results map (a single raw output becomes ``result``)."""
    value = answer.actual_instance
    if isinstance(value, dict) and all(isinstance(v, InlineOrRefDataInput) for v in value.values()):
        return dict(value)
    if isinstance(value, dict) and isinstance(value.get("outputs"), dict):  # a results document
        return {key: InlineOrRefDataInput(item) for key, item in value["outputs"].items()}
    if isinstance(value, bytes):  # a raw output that is not JSON: kept exactly, as a qualified base64 value
        encoded = base64.b64encode(value).decode("ascii")
        qualified = {
            "value": encoded,
            "encoding": "base64",
            "mediaType": answer.media_type or "application/octet-stream",
        }
        return {"result": InlineOrRefDataInput(qualified)}
    return {"result": InlineOrRefDataInput(value)}
