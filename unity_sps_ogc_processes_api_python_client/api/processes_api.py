# mypy: disable-error-code="empty-body"
# (operation bodies are declarations: @operation supplies the behaviour)
"""ProcessesApi: list and describe processes, and execute them (OGC API - Processes 1.0, Part 1)."""

from __future__ import annotations

from typing import Any, Dict, Optional, Union

from typing_extensions import Unpack

from ..models.execute import Execute
from ..models.execute200_response_input import Execute200ResponseInput
from ..models.execute_workflows import ExecuteWorkflows
from ..models.http_validation_error import HTTPValidationError
from ..models.problem_details import ProblemDetails
from ..models.process_input import ProcessInput
from ..models.process_list_input import ProcessListInput
from ..models.status_info import StatusInfo
from ._operation import BaseApi, Endpoint, Param, RequestOptions, operation, positive_int, text
from ._responses import ASYNC_STATUS, SYNC_RESULTS

__all__ = ["ProcessesApi"]

PROCESS_ID = {"process_id": Param("processId", text)}
_ERRORS = {404: ProblemDetails, 422: HTTPValidationError, 500: ProblemDetails}
PROCESS_LIST = Endpoint("GET", "/processes", {200: ProcessListInput, **_ERRORS})
PROCESS_DESCRIPTION = Endpoint("GET", "/processes/{processId}", {200: ProcessInput, **_ERRORS})
EXECUTE = Endpoint(
    "POST",
    "/processes/{processId}/execution",
    {200: SYNC_RESULTS, 201: ASYNC_STATUS, 202: ASYNC_STATUS, 303: None, **_ERRORS},
)

ExecuteRequest = Union[ExecuteWorkflows, Execute, Dict[str, Any]]
ExecuteAnswer = Union[Execute200ResponseInput, StatusInfo, None]


class ProcessesApi(BaseApi):
    """The processes of the server: list, describe, execute."""

    @operation(PROCESS_LIST, query={"limit": Param("limit", positive_int)})
    def get_processes_processes_get(
        self, limit: Optional[int] = None, **options: Unpack[RequestOptions]
    ) -> ProcessListInput:
        """retrieve the list of available processes

        The list of processes contains a summary of each process the OGC API - Processes offers,
        including the link to a more detailed description of the process. For more information, see
        [Section 7.9](https://docs.ogc.org/is/18-062r2/18-062r2.html#sc_process_list).

        :param limit: the largest number of processes in the answer (>= 1)
        :return: the process summaries and links
        """

    get_processes_processes_get_with_http_info = get_processes_processes_get.with_http_info
    get_processes_processes_get_without_preload_content = get_processes_processes_get.without_preload_content

    @operation(PROCESS_DESCRIPTION, path_params=PROCESS_ID)
    def get_process_description_processes_process_id_get(
        self, process_id: str, **options: Unpack[RequestOptions]
    ) -> ProcessInput:
        """retrieve a process description

        The process description contains information about inputs and outputs and a link to the
        execution-endpoint for the process. For more information, see
        [Section 7.10](https://docs.ogc.org/is/18-062r2/18-062r2.html#sc_process_description).

        :param process_id: the identifier of the process (required)
        :return: the description of the process
        """

    get_process_description_processes_process_id_get_with_http_info = (
        get_process_description_processes_process_id_get.with_http_info
    )
    get_process_description_processes_process_id_get_without_preload_content = (
        get_process_description_processes_process_id_get.without_preload_content
    )

    @operation(
        EXECUTE,
        path_params=PROCESS_ID,
        query={"response": Param("response", text)},
        headers={"prefer": Param("Prefer", text)},
        body="execute_workflows",
    )
    def execute_processes_process_id_execution_post(
        self,
        process_id: str,
        response: Optional[str] = None,
        prefer: Optional[str] = None,
        execute_workflows: Optional[ExecuteRequest] = None,
        **options: Unpack[RequestOptions],
    ) -> ExecuteAnswer:
        """execute a process.

        Create a new job. For more information, see
        [Section 7.11](https://docs.ogc.org/is/18-062r2/18-062r2.html#sc_create_job).

        - **200** (synchronous): an :class:`Execute200ResponseInput` holding the results map, the
          document (``{"outputs": ...}``) or a single raw output (``bytes`` and its ``media_type`` when
          the answer is not JSON);
        - **201** / **202** (asynchronous): the :class:`StatusInfo` of the new job; when the server's
          body is empty, ``null`` or partial, it is completed from the ``Location`` header;
        - **303**: ``None``; the ``Location`` is in the headers of the ``_with_http_info`` variant.

        :param process_id: the identifier of the process (required)
        :param response: ``raw`` or ``document`` (sent as the ``response`` query parameter)
        :param prefer: sent unchanged as the ``Prefer`` header: ``respond-async``, ``wait=10``, ...
        :param execute_workflows: the execute request (inputs, outputs, response, subscriber)
        :return: the results (200), the status of the created job (201/202), or None (303)
        """

    execute_processes_process_id_execution_post_with_http_info = (
        execute_processes_process_id_execution_post.with_http_info
    )
    execute_processes_process_id_execution_post_without_preload_content = (
        execute_processes_process_id_execution_post.without_preload_content
    )
