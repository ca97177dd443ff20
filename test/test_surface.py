"""The public surface of the 2.0.1 client, pinned: every API class, method and parameter name."""

from __future__ import annotations

import inspect
from typing import Dict, List

import pytest

import unity_sps_ogc_processes_api_python_client as ogc

OPTIONS = ["_request_timeout", "_request_auth", "_content_type", "_headers", "_host_index"]

SURFACE: Dict[str, Dict[str, List[str]]] = {
    "JobsApi": {
        "dismiss_jobs_job_id_delete": ["job_id"],
        "get_jobs_jobs_get": ["limit", "process_id", "status", "type", "datetime", "min_duration", "max_duration"],
        "get_result_jobs_job_id_results_get": ["job_id", "prefer"],
        "get_status_jobs_job_id_get": ["job_id"],
    },
    "ProcessesApi": {
        "get_processes_processes_get": ["limit"],
        "get_process_description_processes_process_id_get": ["process_id"],
        "execute_processes_process_id_execution_post": ["process_id", "response", "prefer", "execute_workflows"],
    },
    "LandingPageApi": {"get_landing_page_get": ["f"]},
    "ConformanceApi": {"get_conformance_conformance_get": ["f"]},
    "HealthApi": {"get_health_health_get": []},
    "APIApi": {"get_api_api_get": ["f"], "get_api_processes_api_processes_list_get": ["f"]},
    "DRUApi": {
        "deploy_processes_post": ["w", "ogcapppkg"],
        "replace_processes_process_id_put": ["process_id", "ogcapppkg"],
        "undeploy_processes_process_id_delete": ["process_id", "force"],
    },
    "DefaultApi": {
        "conformance_declaration_conformance_get": [],
        "deploy_process_processes_post": ["process_input"],
        "dismiss_jobs_job_id_delete": ["job_id"],
        "execute_processes_process_id_execution_post": ["process_id", "execute"],
        "get_health_health_get": [],
        "job_list_jobs_get": [],
        "landing_page_get": [],
        "process_description_processes_process_id_get": ["process_id"],
        "process_list_processes_get": [],
        "results_jobs_job_id_results_get": ["job_id"],
        "status_jobs_job_id_get": ["job_id"],
        "undeploy_process_processes_process_id_delete": ["process_id", "force"],
    },
}


@pytest.mark.parametrize(
    ("class_name", "method", "parameters"),
    [(cls, method, params) for cls, methods in SURFACE.items() for method, params in methods.items()],
)
def test_operation_and_its_variants(class_name: str, method: str, parameters: List[str]) -> None:
    api_class = getattr(ogc, class_name)
    assert api_class is getattr(ogc.api, class_name)
    api = api_class(ogc.ApiClient(ogc.Configuration()))
    for name in (method, f"{method}_with_http_info", f"{method}_without_preload_content"):
        signature = inspect.signature(getattr(api, name))
        assert list(signature.parameters) == parameters + OPTIONS, name  # the per-call options come last
    assert list(ogc.api._operation.RequestOptions.__annotations__) == OPTIONS


def test_no_public_method_is_left_unpinned() -> None:
    for class_name, methods in SURFACE.items():
        public = {name for name in dir(getattr(ogc, class_name)) if not name.startswith("_")} - {"api_client"}
        expected = {f"{m}{suffix}" for m in methods for suffix in ("", "_with_http_info", "_without_preload_content")}
        assert public == expected, class_name


def test_api_classes_default_to_the_default_client() -> None:
    assert ogc.JobsApi().api_client is ogc.ApiClient.get_default()
