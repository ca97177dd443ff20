"""The package surface: lazy exports, the 2.0.1 import paths, and what `import *` brings."""

from __future__ import annotations

import ast
import importlib
import pathlib
import re
import subprocess
import sys
from typing import ClassVar, Dict

import pytest

import unity_sps_ogc_processes_api_python_client as ogc

PACKAGE = pathlib.Path(ogc.__file__).parent


def type_checking_imports(init: pathlib.Path) -> Dict[str, str]:
    """name -> module of the imports under `if TYPE_CHECKING:` in an __init__.py."""
    names: Dict[str, str] = {}
    for node in ast.walk(ast.parse(init.read_text())):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                for alias in statement.names:
                    names[alias.asname or alias.name] = "." * statement.level + (statement.module or "")
    return names


@pytest.mark.parametrize("package", [".models", ".api"])
def test_lazy_exports_match_the_names_type_checkers_see(package: str) -> None:
    module = importlib.import_module(ogc.__name__ + package)
    init = pathlib.Path(module.__file__ or "")
    assert type_checking_imports(init) == module._EXPORTS
    for name in module._EXPORTS:
        assert getattr(module, name) is not None
    assert set(module.__all__) == set(module._EXPORTS) - {"Exception"}


def test_top_level_exports_every_api_model_and_exception() -> None:
    from unity_sps_ogc_processes_api_python_client import api, exceptions, models, workflow

    expected = set(api.__all__) | set(models._EXPORTS) | set(exceptions.__all__) | set(workflow.__all__)
    expected |= {"ApiClient", "ApiResponse", "Configuration", "RetryPolicy", "Campaign", "CampaignError"}
    expected |= {"CampaignLockedError"}
    assert set(ogc._EXPORTS) == expected
    for name in api.__all__:
        assert getattr(ogc, name) is getattr(api, name)
    for name in models._EXPORTS:
        assert getattr(ogc, name) is getattr(models, name)
    for name in workflow.__all__:
        assert getattr(ogc, name) is getattr(workflow, name)


def test_import_is_cheap() -> None:
    code = (
        "import sys, unity_sps_ogc_processes_api_python_client as p; "
        "print(sorted(m for m in ('pydantic', 'urllib3', 'unity_sps_ogc_processes_api_python_client.api_client') "
        "if m in sys.modules))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"


def test_star_import_does_not_shadow_builtin_exception() -> None:
    namespace: Dict[str, object] = {}
    exec("from unity_sps_ogc_processes_api_python_client import *", namespace)
    exec("from unity_sps_ogc_processes_api_python_client.models import *", namespace)
    assert "Exception" not in namespace
    assert "JobsApi" in namespace and "StatusInfo" in namespace


def test_version_is_a_compatible_release_of_2_0_1() -> None:
    # SDKs built on the generated client pin ">=2.0.1,<3.0.0"; this client keeps its surface, so it must match.
    assert re.fullmatch(r"\d+\.\d+\.\d+", ogc.__version__), ogc.__version__
    release = tuple(int(part) for part in ogc.__version__.split("."))
    assert (2, 0, 1) <= release < (3,), ogc.__version__


def test_2_0_1_import_paths() -> None:
    from unity_sps_ogc_processes_api_python_client.api.jobs_api import JobsApi
    from unity_sps_ogc_processes_api_python_client.api_client import ApiClient
    from unity_sps_ogc_processes_api_python_client.api_response import ApiResponse
    from unity_sps_ogc_processes_api_python_client.configuration import Configuration
    from unity_sps_ogc_processes_api_python_client.exceptions import ApiException as FromExceptions
    from unity_sps_ogc_processes_api_python_client.models.exception import Exception as ProblemException
    from unity_sps_ogc_processes_api_python_client.models.inline_or_ref_data_input import InlineOrRefDataInput
    from unity_sps_ogc_processes_api_python_client.models.job_list import JobList
    from unity_sps_ogc_processes_api_python_client.models.job_list_input import JobListInput
    from unity_sps_ogc_processes_api_python_client.models.status_info import StatusInfo
    from unity_sps_ogc_processes_api_python_client.rest import ApiException, RESTClientObject, RESTResponse

    assert ApiException is FromExceptions is ogc.ApiException
    assert ProblemException is ogc.ProblemDetails is ogc.Exception
    assert JobList is JobListInput
    assert (JobsApi, ApiClient, ApiResponse, Configuration, StatusInfo, InlineOrRefDataInput) == (
        ogc.JobsApi, ogc.ApiClient, ogc.ApiResponse, ogc.Configuration, ogc.StatusInfo, ogc.InlineOrRefDataInput,
    )  # fmt: skip
    assert RESTClientObject and RESTResponse


def test_every_exception_has_status_and_body() -> None:
    """The values, not just the names: an instance of every class carries the status and body it was given
    (``None`` for caller errors, where nothing was sent)."""
    from unity_sps_ogc_processes_api_python_client import exceptions

    class Response:  # what ApiException.from_response reads of an HTTP answer
        status, reason, data = 0, "R", b'{"title": "t\xc3\xa9"}'
        headers: ClassVar[Dict[str, str]] = {"Content-Type": "application/json; charset=utf-8"}

    for name in exceptions.__all__:
        error_class = getattr(exceptions, name)
        assert issubclass(error_class, ogc.OpenApiException), name
        if issubclass(error_class, exceptions.ApiException):
            Response.status = {"ApiException": 418, "ServiceException": 503}.get(name, 0) or next(
                code for code, cls in exceptions._BY_STATUS.items() if cls is error_class
            )
            error = exceptions.ApiException.from_response(http_resp=Response(), body=None, data=None)
            assert type(error) is error_class, name
            assert (error.status, error.reason, error.body) == (Response.status, "R", '{"title": "t\u00e9"}'), name
        elif name in ("OpenApiException", "ApiTypeError", "ApiValueError", "ApiAttributeError", "ApiKeyError"):
            error = error_class("message")
            assert (error.status, error.body, error.headers) == (None, None, None), name
        else:  # transport and decoding errors
            error = error_class("message", url="http://h/x", status=207, headers=Response.headers, raw_body=b"\xc3\xa9")
            assert (error.status, error.body, error.raw_body, error.url) == (
                207,
                "\u00e9",
                b"\xc3\xa9",
                "http://h/x",
            ), name


def test_caller_errors_are_also_builtin_errors() -> None:
    assert issubclass(ogc.ApiValueError, ValueError)
    assert issubclass(ogc.ApiTypeError, TypeError)
    assert issubclass(ogc.ApiKeyError, KeyError)
    assert issubclass(ogc.ApiAttributeError, AttributeError)
    assert str(ogc.ApiKeyError("no such key", ["a", 0])) == "no such key at ['a'][0]"


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = ogc.NoSuchThing  # type: ignore[attr-defined]
