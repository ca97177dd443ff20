"""The API methods are plain functions, as in 2.0.1: introspection, help(), Sphinx and mock autospec see them."""

from __future__ import annotations

import inspect
import pydoc
import textwrap
import types
import typing
from typing import Any, Dict, Iterator, List, Optional, Tuple
from unittest import mock

import pytest
from pytest_httpserver import HTTPServer
from typing_extensions import Unpack

import unity_sps_ogc_processes_api_python_client as ogc
from unity_sps_ogc_processes_api_python_client.api import _operation, jobs_api
from unity_sps_ogc_processes_api_python_client.api._operation import RequestOptions
from unity_sps_ogc_processes_api_python_client.rest import UrllibResponse

from .test_surface import OPTIONS, SURFACE

SUFFIXES = ("", "_with_http_info", "_without_preload_content")
VARIANTS = [
    pytest.param(class_name, operation, suffix, parameters, id=f"{class_name}.{operation}{suffix}")
    for class_name, operations in SURFACE.items()
    for operation, parameters in operations.items()
    for suffix in SUFFIXES
]
STATUS = "get_status_jobs_job_id_get"


@pytest.fixture
def offline_api() -> Iterator[ogc.JobsApi]:
    """An API whose methods are mocked in each test: nothing is sent."""
    with ogc.ApiClient(ogc.Configuration(host="http://127.0.0.1:9")) as client:
        yield ogc.JobsApi(client)


# --- read from the class, every variant is a plain function ----------------------------------------------
@pytest.mark.parametrize(("class_name", "operation", "suffix", "parameters"), VARIANTS)
def test_every_variant_is_a_plain_function(class_name: str, operation: str, suffix: str, parameters: List[str]) -> None:
    api_class = getattr(ogc, class_name)
    name = operation + suffix
    method = getattr(api_class, name)
    assert type(method) is types.FunctionType
    assert inspect.getattr_static(api_class, name) is method
    assert inspect.isfunction(method) and inspect.isroutine(method)
    assert method.__name__ == name
    assert method.__qualname__ == f"{class_name}.{name}"
    assert method.__module__ == api_class.__module__
    assert method.__doc__ and method.__doc__ == getattr(api_class, operation).__doc__
    bound = getattr(api_class(ogc.ApiClient(ogc.Configuration())), name)
    assert isinstance(bound, types.MethodType) and bound.__func__ is method


@pytest.mark.parametrize(("class_name", "operation", "suffix", "parameters"), VARIANTS)
def test_signature_starts_at_self_then_the_parameters_then_the_options(
    class_name: str, operation: str, suffix: str, parameters: List[str]
) -> None:
    signature = inspect.signature(getattr(getattr(ogc, class_name), operation + suffix))
    assert list(signature.parameters) == ["self", *parameters, *OPTIONS]
    for name in parameters:
        assert signature.parameters[name].annotation is not inspect.Parameter.empty, name
    for name in OPTIONS:  # the per-call options are named keywords, as in 2.0.1 (so a misspelling is refused)
        assert signature.parameters[name].kind is inspect.Parameter.KEYWORD_ONLY
    assert signature.parameters["_host_index"].default == 0
    assert all(signature.parameters[name].default is None for name in OPTIONS[:-1])


def test_signatures_carry_defaults_and_resolvable_annotations() -> None:
    signature = inspect.signature(ogc.JobsApi.get_jobs_jobs_get)
    assert [p.default for p in list(signature.parameters.values())[1:8]] == [None] * 7
    hints = typing.get_type_hints(ogc.JobsApi.get_status_jobs_job_id_get)
    assert hints["job_id"] is str
    assert hints["return"] is ogc.StatusInfo
    assert hints["_request_timeout"] == typing.get_type_hints(RequestOptions)["_request_timeout"]
    info = typing.get_type_hints(ogc.JobsApi.get_result_jobs_job_id_results_get_with_http_info)
    assert info["return"] == ogc.ApiResponse[Dict[str, ogc.InlineOrRefDataInput]]
    assert info["prefer"] == Optional[str]
    raw = typing.get_type_hints(ogc.ProcessesApi.get_processes_processes_get_without_preload_content)
    assert raw["return"] is UrllibResponse


def test_help_lists_the_methods_with_their_docs() -> None:
    rendered = pydoc.render_doc(ogc.JobsApi, renderer=pydoc.plaintext)
    # one line of words: Python 3.13 writes long signatures over several lines, in a "|" margin
    text = " ".join(" ".join(line.lstrip(" |") for line in rendered.splitlines()).split()).replace("( ", "(")
    assert "Operation object" not in text
    for operation in SURFACE["JobsApi"]:
        for suffix in SUFFIXES:
            assert f"{operation}{suffix}(self, " in text, operation + suffix
    assert "get_status_jobs_job_id_get(self, job_id: str, *, _request_timeout" in text
    assert "retrieve the status of a job" in text
    assert ":param job_id: local identifier of a job (required)" in text


def test_docstring_of_the_variant_is_the_operations() -> None:
    assert (
        ogc.JobsApi.get_status_jobs_job_id_get_with_http_info.__doc__ == ogc.JobsApi.get_status_jobs_job_id_get.__doc__
    )
    assert "retrieve the status of a job" in (ogc.JobsApi.get_status_jobs_job_id_get.__doc__ or "")


# --- mock autospec, the way SDKs test the code that calls this client ------------------------------------
def test_patch_object_with_autospec_records_calls_and_checks_arguments(offline_api: ogc.JobsApi) -> None:
    status = ogc.StatusInfo.from_dict({"jobID": "j1", "status": "running", "type": "process"})
    with mock.patch.object(ogc.JobsApi, STATUS, autospec=True, return_value=status) as patched:
        assert offline_api.get_status_jobs_job_id_get("j1", _request_timeout=5.0) is status
        patched.assert_called_once_with(offline_api, "j1", _request_timeout=5.0)
        with pytest.raises(TypeError):
            offline_api.get_status_jobs_job_id_get(jobid="j1")  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            offline_api.get_status_jobs_job_id_get("j1", "j2")  # type: ignore[call-arg]
        with pytest.raises(TypeError):
            offline_api.get_status_jobs_job_id_get("j1", _request_timout=5.0)  # type: ignore[call-arg]
        assert patched.call_count == 1
    assert type(inspect.getattr_static(ogc.JobsApi, STATUS)) is types.FunctionType  # restored


def test_patch_object_with_autospec_refuses_an_unknown_keyword_on_an_all_optional_method(
    offline_api: ogc.JobsApi,
) -> None:
    with mock.patch.object(ogc.JobsApi, "get_jobs_jobs_get_with_http_info", autospec=True) as patched:
        offline_api.get_jobs_jobs_get_with_http_info(limit=5, status=["running"])
        patched.assert_called_once_with(offline_api, limit=5, status=["running"])
        with pytest.raises(TypeError):
            offline_api.get_jobs_jobs_get_with_http_info(limt=5)  # type: ignore[call-arg]


def test_patch_by_dotted_path_with_autospec(offline_api: ogc.JobsApi) -> None:
    other = ogc.JobsApi(offline_api.api_client)
    target = "unity_sps_ogc_processes_api_python_client.api.jobs_api.JobsApi.get_status_jobs_job_id_get"
    with mock.patch(target, autospec=True) as patched:
        assert jobs_api.JobsApi.get_status_jobs_job_id_get is patched
        offline_api.get_status_jobs_job_id_get("j2")
        other.get_status_jobs_job_id_get(job_id="j3")
        assert patched.call_args_list == [mock.call(offline_api, "j2"), mock.call(other, job_id="j3")]
        with pytest.raises(TypeError):
            offline_api.get_status_jobs_job_id_get()  # type: ignore[call-arg]
        assert patched.call_count == 2


def test_create_autospec_of_an_instance_checks_arguments() -> None:
    fake = mock.create_autospec(ogc.JobsApi, instance=True)
    fake.get_status_jobs_job_id_get.return_value = "a status"
    assert fake.get_status_jobs_job_id_get("j1") == "a status"
    fake.get_status_jobs_job_id_get.assert_called_once_with("j1")
    fake.dismiss_jobs_job_id_delete_without_preload_content(job_id="j1", _headers={"X": "1"})
    fake.dismiss_jobs_job_id_delete_without_preload_content.assert_called_once_with(job_id="j1", _headers={"X": "1"})
    bad_calls: List[Tuple[str, Tuple[Any, ...], Dict[str, Any]]] = [
        (STATUS, (), {}),
        (STATUS, ("j1", "j2"), {}),
        (STATUS, (), {"jobid": "j1"}),
        ("get_jobs_jobs_get", (), {"limt": 1}),
        ("get_result_jobs_job_id_results_get_with_http_info", ("j1",), {"_request_timout": 1}),
    ]
    for name, args, kwargs in bad_calls:
        with pytest.raises(TypeError):
            getattr(fake, name)(*args, **kwargs)
    with pytest.raises(AttributeError):
        fake.get_status  # noqa: B018  (not a method of the class)


@pytest.mark.parametrize("class_name", list(SURFACE))
def test_create_autospec_of_every_class(class_name: str) -> None:
    fake = mock.create_autospec(getattr(ogc, class_name), instance=True)
    for operation, parameters in SURFACE[class_name].items():
        for suffix in SUFFIXES:
            method = getattr(fake, operation + suffix)
            method(*[f"value of {p}" for p in parameters], _request_timeout=1.0)
            method.assert_called_once_with(*[f"value of {p}" for p in parameters], _request_timeout=1.0)
            with pytest.raises(TypeError):
                method(*parameters, "one too many")


# --- the example of the _operation module docstring is true ----------------------------------------------
def test_the_declaration_example_of_the_operation_module_works(httpserver: HTTPServer) -> None:
    doc = _operation.__doc__ or ""
    example = textwrap.dedent(doc.split("::\n", 1)[1].split("\n\nThe body")[0])
    namespace: Dict[str, Any] = {
        **{name: getattr(_operation, name) for name in ("BaseApi", "Endpoint", "Param", "RequestOptions", "text")},
        "operation": _operation.operation,
        "Unpack": Unpack,
        "StatusInfo": ogc.StatusInfo,
        "ProblemDetails": ogc.ProblemDetails,
        "__name__": "example",
    }
    exec(compile(example, "the _operation docstring", "exec"), namespace)
    example_api = namespace["JobsApi"]
    assert type(example_api.get_status_jobs_job_id_get) is types.FunctionType
    httpserver.expect_request("/jobs/j1").respond_with_json({"jobID": "j1", "status": "running", "type": "process"})
    with ogc.ApiClient(ogc.Configuration(host=httpserver.url_for(""))) as client:
        api = example_api(client)
        assert api.get_status_jobs_job_id_get("j1").job_id == "j1"
        assert api.get_status_jobs_job_id_get_with_http_info("j1").status_code == 200
