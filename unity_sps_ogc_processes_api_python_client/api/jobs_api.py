# mypy: disable-error-code="empty-body"
# (operation bodies are declarations: @operation supplies the behaviour)
"""JobsApi: the status, results, list and dismissal of jobs (OGC API - Processes 1.0, Part 1)."""

from __future__ import annotations

import datetime
from typing import Dict, Optional, Sequence, Tuple, Union

from typing_extensions import Unpack

from ..models.http_validation_error import HTTPValidationError
from ..models.inline_or_ref_data_input import InlineOrRefDataInput
from ..models.job_list_input import JobListInput
from ..models.problem_details import ProblemDetails
from ..models.status_code import StatusCode
from ..models.status_info import StatusInfo
from ._operation import (
    BaseApi,
    Endpoint,
    Param,
    RequestOptions,
    datetime_or_interval,
    non_negative_int,
    one_or_many_texts,
    operation,
    positive_int,
    text,
)
from ._responses import DISMISSED

__all__ = ["JobsApi"]

JOB_ID = {"job_id": Param("jobId", text)}
_ERRORS = {404: ProblemDetails, 422: HTTPValidationError, 500: ProblemDetails}
DISMISS = Endpoint("DELETE", "/jobs/{jobId}", {200: DISMISSED, **_ERRORS})
JOB_LIST = Endpoint("GET", "/jobs", {200: JobListInput, 404: ProblemDetails})
RESULTS = Endpoint("GET", "/jobs/{jobId}/results", {200: Dict[str, InlineOrRefDataInput], **_ERRORS})
STATUS = Endpoint("GET", "/jobs/{jobId}", {200: StatusInfo, **_ERRORS})

Instant = Union[str, datetime.datetime]
Interval = Union[Instant, Tuple[Optional[Instant], Optional[Instant]]]


class JobsApi(BaseApi):
    """The jobs of the server: list them, read their status and results, dismiss them."""

    @operation(DISMISS, path_params=JOB_ID)
    def dismiss_jobs_job_id_delete(self, job_id: str, **options: Unpack[RequestOptions]) -> StatusInfo:
        """cancel a job execution, remove a finished job

        Cancel a job execution and remove it from the jobs list. For more information, see
        [Section 14](https://docs.ogc.org/is/18-062r2/18-062r2.html#Dismiss).

        :param job_id: local identifier of a job (required)
        :return: the status of the dismissed job
        """

    dismiss_jobs_job_id_delete_with_http_info = dismiss_jobs_job_id_delete.with_http_info
    dismiss_jobs_job_id_delete_without_preload_content = dismiss_jobs_job_id_delete.without_preload_content

    @operation(
        JOB_LIST,
        query={
            "limit": Param("limit", positive_int),
            "process_id": Param("processID", one_or_many_texts),
            "status": Param("status", one_or_many_texts),
            "type": Param("type", one_or_many_texts),
            "datetime": Param("datetime", datetime_or_interval),
            "min_duration": Param("minDuration", non_negative_int),
            "max_duration": Param("maxDuration", non_negative_int),
        },
    )
    def get_jobs_jobs_get(
        self,
        limit: Optional[int] = None,
        process_id: Optional[Union[str, Sequence[str]]] = None,
        status: Optional[Union[str, StatusCode, Sequence[Union[str, StatusCode]]]] = None,
        type: Optional[Union[str, Sequence[str]]] = None,
        datetime: Optional[Interval] = None,
        min_duration: Optional[int] = None,
        max_duration: Optional[int] = None,
        **options: Unpack[RequestOptions],
    ) -> JobListInput:
        """retrieve the list of jobs.

        Lists available jobs. For more information, see
        [Section 12](https://docs.ogc.org/is/18-062r2/18-062r2.html#Job_list).
        Without arguments this is ``GET /jobs``; each filter of the standard's job list is optional
        (a server that does not support a filter may ignore it).

        :param limit: the largest number of jobs in the page (>= 1)
        :param process_id: only jobs of this process (or these processes): ``processID``
        :param status: only jobs in this status (or these statuses); sent as repeated parameters
        :param type: only jobs of this type (``process``)
        :param datetime: an RFC 3339 instant, or a ``(start, end)`` interval (``None`` = open end)
        :param min_duration: only jobs that ran at least this many seconds: ``minDuration``
        :param max_duration: only jobs that ran at most this many seconds: ``maxDuration``
        :return: a page of jobs and the links to the other pages
        """

    get_jobs_jobs_get_with_http_info = get_jobs_jobs_get.with_http_info
    get_jobs_jobs_get_without_preload_content = get_jobs_jobs_get.without_preload_content

    @operation(RESULTS, path_params=JOB_ID, headers={"prefer": Param("Prefer", text)})
    def get_result_jobs_job_id_results_get(
        self, job_id: str, prefer: Optional[str] = None, **options: Unpack[RequestOptions]
    ) -> Dict[str, InlineOrRefDataInput]:
        """retrieve the result(s) of a job

        Lists available results of a job. In case of a failure, lists exceptions instead. For more
        information, see [Section 7.11](https://docs.ogc.org/is/18-062r2/18-062r2.html#sc_retrieve_job_results).

        :param job_id: local identifier of a job (required)
        :param prefer: sent as the ``Prefer`` header: ``return=minimal`` asks for links to large
            results, ``return=representation`` for a self-contained response
        :return: the results, by output identifier
        """

    get_result_jobs_job_id_results_get_with_http_info = get_result_jobs_job_id_results_get.with_http_info
    get_result_jobs_job_id_results_get_without_preload_content = (
        get_result_jobs_job_id_results_get.without_preload_content
    )

    @operation(STATUS, path_params=JOB_ID)
    def get_status_jobs_job_id_get(self, job_id: str, **options: Unpack[RequestOptions]) -> StatusInfo:
        """retrieve the status of a job

        Shows the status of a job. For more information, see
        [Section 7.10](https://docs.ogc.org/is/18-062r2/18-062r2.html#sc_retrieve_status_info).

        :param job_id: local identifier of a job (required)
        :return: the status of the job
        """

    get_status_jobs_job_id_get_with_http_info = get_status_jobs_job_id_get.with_http_info
    get_status_jobs_job_id_get_without_preload_content = get_status_jobs_job_id_get.without_preload_content
