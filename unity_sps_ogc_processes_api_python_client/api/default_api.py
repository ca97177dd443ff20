# mypy: disable-error-code="empty-body"
# (operation bodies are declarations: @operation supplies the behaviour)
"""DefaultApi: the untagged names of the same endpoints, as existing SDKs call them.

Every operation here shares its endpoint (path, method, responses, decoding) with a tagged twin;
only the method and parameter names differ.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Union

from typing_extensions import Unpack

from ..models.conf_classes import ConfClasses
from ..models.health_check import HealthCheck
from ..models.inline_or_ref_data_input import InlineOrRefDataInput
from ..models.job_list_input import JobListInput
from ..models.landing_page import LandingPage
from ..models.process_input import ProcessInput
from ..models.process_list_input import ProcessListInput
from ..models.status_info import StatusInfo
from ._operation import BaseApi, Param, RequestOptions, boolean, operation
from .conformance_api import CONFORMANCE
from .dru_api import DEPLOY, UNDEPLOY, ApplicationPackage, package_media_type
from .health_api import HEALTH
from .jobs_api import DISMISS, JOB_ID, JOB_LIST, RESULTS, STATUS
from .landing_page_api import LANDING_PAGE
from .processes_api import EXECUTE, PROCESS_DESCRIPTION, PROCESS_ID, PROCESS_LIST, ExecuteAnswer, ExecuteRequest

__all__ = ["DefaultApi"]


class DefaultApi(BaseApi):
    """The 2.0.1 untagged operation names."""

    @operation(CONFORMANCE)
    def conformance_declaration_conformance_get(self, **options: Unpack[RequestOptions]) -> ConfClasses:
        """Same as ``ConformanceApi.get_conformance_conformance_get``."""

    conformance_declaration_conformance_get_with_http_info = conformance_declaration_conformance_get.with_http_info
    conformance_declaration_conformance_get_without_preload_content = (
        conformance_declaration_conformance_get.without_preload_content
    )

    @operation(DEPLOY, body="process_input", body_media_type=package_media_type)
    def deploy_process_processes_post(
        self, process_input: Union[ProcessInput, ApplicationPackage], **options: Unpack[RequestOptions]
    ) -> Any:
        """Same as ``DRUApi.deploy_processes_post`` with the body given as ``process_input``."""

    deploy_process_processes_post_with_http_info = deploy_process_processes_post.with_http_info
    deploy_process_processes_post_without_preload_content = deploy_process_processes_post.without_preload_content

    @operation(DISMISS, path_params=JOB_ID)
    def dismiss_jobs_job_id_delete(self, job_id: str, **options: Unpack[RequestOptions]) -> StatusInfo:
        """Same as ``JobsApi.dismiss_jobs_job_id_delete``."""

    dismiss_jobs_job_id_delete_with_http_info = dismiss_jobs_job_id_delete.with_http_info
    dismiss_jobs_job_id_delete_without_preload_content = dismiss_jobs_job_id_delete.without_preload_content

    @operation(EXECUTE, path_params=PROCESS_ID, body="execute")
    def execute_processes_process_id_execution_post(
        self, process_id: str, execute: ExecuteRequest, **options: Unpack[RequestOptions]
    ) -> ExecuteAnswer:
        """Same as ``ProcessesApi.execute_processes_process_id_execution_post`` with the request as ``execute``
        (pass ``_headers={"Prefer": "respond-async"}`` for an asynchronous execution)."""

    execute_processes_process_id_execution_post_with_http_info = (
        execute_processes_process_id_execution_post.with_http_info
    )
    execute_processes_process_id_execution_post_without_preload_content = (
        execute_processes_process_id_execution_post.without_preload_content
    )

    @operation(HEALTH)
    def get_health_health_get(self, **options: Unpack[RequestOptions]) -> HealthCheck:
        """Same as ``HealthApi.get_health_health_get``."""

    get_health_health_get_with_http_info = get_health_health_get.with_http_info
    get_health_health_get_without_preload_content = get_health_health_get.without_preload_content

    @operation(JOB_LIST)
    def job_list_jobs_get(self, **options: Unpack[RequestOptions]) -> JobListInput:
        """Same as ``JobsApi.get_jobs_jobs_get`` without filters."""

    job_list_jobs_get_with_http_info = job_list_jobs_get.with_http_info
    job_list_jobs_get_without_preload_content = job_list_jobs_get.without_preload_content

    @operation(LANDING_PAGE)
    def landing_page_get(self, **options: Unpack[RequestOptions]) -> LandingPage:
        """Same as ``LandingPageApi.get_landing_page_get``."""

    landing_page_get_with_http_info = landing_page_get.with_http_info
    landing_page_get_without_preload_content = landing_page_get.without_preload_content

    @operation(PROCESS_DESCRIPTION, path_params=PROCESS_ID)
    def process_description_processes_process_id_get(
        self, process_id: str, **options: Unpack[RequestOptions]
    ) -> ProcessInput:
        """Same as ``ProcessesApi.get_process_description_processes_process_id_get``."""

    process_description_processes_process_id_get_with_http_info = (
        process_description_processes_process_id_get.with_http_info
    )
    process_description_processes_process_id_get_without_preload_content = (
        process_description_processes_process_id_get.without_preload_content
    )

    @operation(PROCESS_LIST)
    def process_list_processes_get(self, **options: Unpack[RequestOptions]) -> ProcessListInput:
        """Same as ``ProcessesApi.get_processes_processes_get``."""

    process_list_processes_get_with_http_info = process_list_processes_get.with_http_info
    process_list_processes_get_without_preload_content = process_list_processes_get.without_preload_content

    @operation(RESULTS, path_params=JOB_ID)
    def results_jobs_job_id_results_get(
        self, job_id: str, **options: Unpack[RequestOptions]
    ) -> Dict[str, InlineOrRefDataInput]:
        """Same as ``JobsApi.get_result_jobs_job_id_results_get``."""

    results_jobs_job_id_results_get_with_http_info = results_jobs_job_id_results_get.with_http_info
    results_jobs_job_id_results_get_without_preload_content = results_jobs_job_id_results_get.without_preload_content

    @operation(STATUS, path_params=JOB_ID)
    def status_jobs_job_id_get(self, job_id: str, **options: Unpack[RequestOptions]) -> StatusInfo:
        """Same as ``JobsApi.get_status_jobs_job_id_get``."""

    status_jobs_job_id_get_with_http_info = status_jobs_job_id_get.with_http_info
    status_jobs_job_id_get_without_preload_content = status_jobs_job_id_get.without_preload_content

    @operation(UNDEPLOY, path_params=PROCESS_ID, query={"force": Param("force", boolean)})
    def undeploy_process_processes_process_id_delete(
        self, process_id: str, force: Optional[bool] = None, **options: Unpack[RequestOptions]
    ) -> Any:
        """Same as ``DRUApi.undeploy_processes_process_id_delete``."""

    undeploy_process_processes_process_id_delete_with_http_info = (
        undeploy_process_processes_process_id_delete.with_http_info
    )
    undeploy_process_processes_process_id_delete_without_preload_content = (
        undeploy_process_processes_process_id_delete.without_preload_content
    )
