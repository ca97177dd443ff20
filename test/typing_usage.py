"""Checked by mypy --strict (not run): the derived methods keep their types for IDEs and type checkers."""

from typing import Dict

import unity_sps_ogc_processes_api_python_client as ogc
from unity_sps_ogc_processes_api_python_client.models.inline_or_ref_data_input import InlineOrRefDataInput


def typed_calls(api: ogc.JobsApi) -> None:
    status: ogc.StatusInfo = api.get_status_jobs_job_id_get("job", _request_timeout=(1.0, 5.0))
    info: ogc.ApiResponse[ogc.StatusInfo] = api.get_status_jobs_job_id_get_with_http_info("job")
    results: Dict[str, InlineOrRefDataInput] = api.get_result_jobs_job_id_results_get("job", prefer="return=minimal")
    jobs: ogc.JobListInput = api.get_jobs_jobs_get(limit=5, status=["running", ogc.StatusCode.ACCEPTED])
    raw = api.dismiss_jobs_job_id_delete_without_preload_content("job")
    print(status.status.value, info.status_code, results, jobs.jobs, raw.status)


def types_are_not_any(api: ogc.JobsApi, result: InlineOrRefDataInput) -> None:
    # Each line below is a type error on purpose. Should a name degrade to Any (a broken lazy export),
    # the error vanishes and mypy --strict reports the ignore as unused: the lint run fails.
    wrong_status: int = api.get_status_jobs_job_id_get("job")  # type: ignore[assignment]
    wrong_view: int = result.anyof_schema_6_validator  # type: ignore[assignment]
    wrong_answer: int = ogc.ProcessesApi().execute_processes_process_id_execution_post("p")  # type: ignore[assignment]
    print(wrong_status, wrong_view, wrong_answer)


def calls_through_the_class(api: ogc.JobsApi) -> None:
    # Read from the class, an operation takes the instance first (as a mock patched with autospec records it).
    status: ogc.StatusInfo = ogc.JobsApi.get_status_jobs_job_id_get(api, "job", _request_timeout=5.0)
    info: ogc.ApiResponse[ogc.StatusInfo] = ogc.JobsApi.get_status_jobs_job_id_get_with_http_info(api, job_id="job")
    raw = ogc.JobsApi.get_result_jobs_job_id_results_get_without_preload_content(api, "job")
    wrong: int = ogc.JobsApi.get_status_jobs_job_id_get(api, "job")  # type: ignore[assignment]
    ogc.JobsApi.get_jobs_jobs_get(api, limt=5)  # type: ignore[call-arg]
    api.get_status_jobs_job_id_get("job", _request_timout=5.0)  # type: ignore[call-arg]
    print(status.job_id, info.data, raw.status, wrong)
