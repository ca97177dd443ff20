"""The documentation in docs/: every operation and model has its page, and every Python example runs.

The examples are executed against a local HTTP server that answers like pygeoapi: the host
``"http://localhost"`` of an example (the string literal, as given to ``Configuration``) is replaced by the
address of that server. URLs inside sample JSON (``http://localhost:5000/...``) are data and stay as they are.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from unity_sps_ogc_processes_api_python_client import ApiClient, Configuration, JobsApi, models
from unity_sps_ogc_processes_api_python_client.models._base import OgcModel

from .conftest import JOB_ID, STATUS

DOCS = Path(__file__).resolve().parent.parent / "docs"
JOBS_API_PAGE = DOCS / "JobsApi.md"
#: the host of the examples: "http://localhost" as a whole string literal (either quote)
PLACEHOLDER_HOST = re.compile(r"""(?P<quote>["'])http://localhost/?(?P=quote)""")
VARIANT_SUFFIXES = ("_with_http_info", "_without_preload_content")

#: a job id the example server does not know (answered with pygeoapi's 404)
UNKNOWN_JOB_ID = "no-such-job"

JOB_LIST: Dict[str, Any] = {
    "jobs": [STATUS],
    "links": [
        {"href": "http://127.0.0.1:5000/jobs?f=json", "rel": "self", "type": "application/json",
         "title": "Jobs list as JSON"},
        {"href": "http://127.0.0.1:5000/jobs?f=html", "rel": "alternate", "type": "text/html",
         "title": "Jobs list as HTML"},
    ],
}  # fmt: skip
RESULTS: Dict[str, Any] = {"echo": "Hello World"}
NO_SUCH_JOB: Dict[str, Any] = {"code": "NoSuchJob", "type": "NoSuchJob", "description": "job not found"}

#: what the output of an example that called the server must contain (at least one of them)
PROOFS_OF_A_CALL = (JOB_ID, "successful", "dismissed", "Hello World")
FAILURE_MARKERS = ("Exception when calling", "Traceback (most recent call last)")


# --- the pages ------------------------------------------------------------------------------------------
def page_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


#: pages whose examples need a real OGC API - Processes server: test_docs_apis.py runs them on pygeoapi
PYGEOAPI_PAGES = {
    f"{name}.md"
    for name in (
        "ProcessesApi",
        "DRUApi",
        "LandingPageApi",
        "ConformanceApi",
        "HealthApi",
        "APIApi",
        "DefaultApi",
        "Client",
        "Job",
        "Campaign",
    )
}


def python_blocks() -> List[Tuple[str, int, str]]:
    """(page, index of the block in its page, code) of every ```python block in docs/*.md run here."""
    fence = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
    return [
        (path.name, index, match.group(1))
        for path in sorted(DOCS.glob("*.md"))
        if path.name not in PYGEOAPI_PAGES
        for index, match in enumerate(fence.finditer(page_text(path)))
    ]


BLOCKS = python_blocks()


def jobs_api_public_names() -> List[str]:
    return sorted(name for name in dir(JobsApi) if not name.startswith("_"))


def jobs_api_operations() -> List[str]:
    return [name for name in jobs_api_public_names() if not name.endswith(VARIANT_SUFFIXES)]


def pydantic_fields(cls: Any) -> List[str]:
    return list(cls.model_fields) if isinstance(cls, type) and issubclass(cls, OgcModel) else []


# --- (a) every operation and every model is documented ----------------------------------------------------
def test_the_docs_have_examples() -> None:
    assert JOBS_API_PAGE.is_file()
    assert BLOCKS, "no ```python block found in docs/*.md"


@pytest.mark.parametrize("name", jobs_api_operations())
def test_every_jobs_api_method_has_a_section_and_a_table_row(name: str) -> None:
    text = page_text(JOBS_API_PAGE)
    assert re.search(rf"^# \*\*{re.escape(name)}\*\*$", text, re.MULTILINE), f"no '# **{name}**' heading"
    row = rf"^\[\*\*{re.escape(name)}\*\*\]\(JobsApi\.md#{re.escape(name)}\) \| \*\*(GET|DELETE|POST|PUT)\*\* /"
    assert re.search(row, text, re.MULTILINE), f"{name} is not in the method table"


@pytest.mark.parametrize("name", [n for n in jobs_api_public_names() if n.endswith(VARIANT_SUFFIXES)])
def test_every_jobs_api_variant_is_mentioned(name: str) -> None:
    assert re.search(rf"\b{re.escape(name)}\b", page_text(JOBS_API_PAGE)), f"{name} is not mentioned"


def test_jobs_api_has_no_variant_without_its_method() -> None:
    operations = set(jobs_api_operations())
    for name in jobs_api_public_names():
        for suffix in VARIANT_SUFFIXES:
            if name.endswith(suffix):
                assert name[: -len(suffix)] in operations


@pytest.mark.parametrize("name", models.__all__)
def test_every_model_has_a_page(name: str) -> None:
    cls = getattr(models, name)
    page = DOCS / f"{name}.md"
    if not page.is_file() and cls.__name__ != name:  # an alias (JobList): documented on its class's page
        page = DOCS / f"{cls.__name__}.md"
        assert page.is_file(), f"neither docs/{name}.md nor docs/{cls.__name__}.md exists"
        assert re.search(rf"\b{re.escape(name)}\b", page_text(page)), f"{page.name} does not mention {name}"
    assert page.is_file(), f"docs/{name}.md is missing"
    text = page_text(page)
    assert re.search(rf"^# {re.escape(cls.__name__)}$", text, re.MULTILINE), f"{page.name} has no title"
    assert "## Example" in text and "```python" in text, f"{page.name} has no example"
    fields = pydantic_fields(cls)
    assert not fields or "## Properties" in text, f"{page.name} has no Properties table"
    for field in fields:
        assert re.search(rf"^\s*\*\*{re.escape(field)}\*\* \|", text, re.MULTILINE), (
            f"{page.name}: the property {field} is not in the Properties table"
        )


def test_alias_pages_mention_their_2_0_1_names() -> None:
    assert "JobList" in page_text(DOCS / "JobListInput.md").replace("JobListInput", "")
    assert "models.exception.Exception" in page_text(DOCS / "ProblemDetails.md")


# --- (b) every example runs -------------------------------------------------------------------------------
def _job_id(request: Request) -> str:
    return request.path.split("/")[2]  # /jobs/{jobId}[/results], already percent-decoded


def _not_found() -> Response:
    return Response(json.dumps(NO_SUCH_JOB), status=404, content_type="application/json")


def _status(request: Request) -> Response:
    job_id = _job_id(request)
    if job_id == UNKNOWN_JOB_ID:
        return _not_found()
    return Response(json.dumps({**STATUS, "jobID": job_id}), content_type="application/json")


def _results(request: Request) -> Response:
    if _job_id(request) == UNKNOWN_JOB_ID:
        return _not_found()
    return Response(json.dumps(RESULTS), content_type="application/json")


def _dismiss(request: Request) -> Response:
    job_id = _job_id(request)
    if job_id == UNKNOWN_JOB_ID:
        return _not_found()
    dismissed = {"jobID": job_id, "status": "dismissed", "message": "Job dismissed", "progress": 100}
    return Response(json.dumps(dismissed), content_type="text/html; charset=utf-8")  # as pygeoapi labels it


@pytest.fixture
def pygeoapi_like(httpserver: HTTPServer) -> Iterator[HTTPServer]:
    """The test HTTP server answering the job endpoints like pygeoapi, for any job id."""
    httpserver.expect_request("/jobs", method="GET").respond_with_json(JOB_LIST)
    httpserver.expect_request(re.compile(r"^/jobs/[^/]+/results$"), method="GET").respond_with_handler(_results)
    httpserver.expect_request(re.compile(r"^/jobs/[^/]+$"), method="GET").respond_with_handler(_status)
    httpserver.expect_request(re.compile(r"^/jobs/[^/]+$"), method="DELETE").respond_with_handler(_dismiss)
    yield httpserver
    httpserver.check_assertions()  # no request the examples sent went unanswered


@pytest.fixture
def restored_defaults() -> Iterator[None]:
    """An example may set the package-wide defaults; later tests must not see them."""
    configuration, client = Configuration._default, ApiClient._default
    yield
    Configuration.set_default(configuration)
    ApiClient.set_default(client)


@pytest.mark.usefixtures("restored_defaults")
@pytest.mark.parametrize(
    ("page", "index", "code"), [pytest.param(*block, id=f"{block[0]}-{block[1]}") for block in BLOCKS]
)
def test_python_example_runs(
    page: str, index: int, code: str, pygeoapi_like: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server_url = pygeoapi_like.url_for("/").rstrip("/")
    source, calls_the_server = PLACEHOLDER_HOST.subn(lambda m: m["quote"] + server_url + m["quote"], code)
    namespace: Dict[str, Any] = {"__name__": f"docs_example_{index}"}
    exec(compile(source, f"docs/{page} (python block {index})", "exec"), namespace)  # a raise fails the test
    output = capsys.readouterr().out
    assert output.strip(), f"docs/{page} block {index} printed nothing"
    for marker in FAILURE_MARKERS:
        assert marker not in output, f"docs/{page} block {index} reported a failure:\n{output}"
    if calls_the_server:
        assert pygeoapi_like.log, f"docs/{page} block {index} sent no request to the server"
        assert any(proof in output for proof in PROOFS_OF_A_CALL), (
            f"the output of docs/{page} block {index} shows no answer of the server:\n{output}"
        )
