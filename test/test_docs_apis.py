"""The API pages in docs/ against a real pygeoapi: every method is documented, every example runs.

Each ```python block of the pages is run in a fresh namespace, with the host of its ``Configuration``
(the string literal ``"http://localhost"``) replaced by the address of a pygeoapi started for this session.
The examples of operations pygeoapi has print what they received; those of the operations it lacks
(Part 2 deployment, ``/health``, ``/api``) print the error they caught, exactly as pygeoapi answers them.
"""

from __future__ import annotations

import inspect
import pathlib
import re
from typing import Any, Dict, List, Optional, Pattern, Sequence, Tuple, Union

import pytest

import unity_sps_ogc_processes_api_python_client as ogc

pytestmark = pytest.mark.pygeoapi

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"
API_CLASSES = ("ProcessesApi", "DRUApi", "LandingPageApi", "ConformanceApi", "HealthApi", "APIApi", "DefaultApi")
PAGES = (*API_CLASSES, "Execute200ResponseInput")
VARIANT_SUFFIXES = ("_with_http_info", "_without_preload_content")
OPTIONS = ("_request_timeout", "_request_auth", "_content_type", "_headers", "_host_index")

#: the host of the examples: "http://localhost" as a whole string literal (either quote)
PLACEHOLDER_HOST = re.compile(r"""(?P<quote>["'])http://localhost/?(?P=quote)""")
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
HEADING = re.compile(r"^# \*\*(?P<name>\w+)\*\*$", re.MULTILINE)
FAILURE = "Exception when calling"

JOB_ID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
PROCESSES_REL = "http://www.opengis.net/def/rel/ogc/1.0/processes"
CORE = "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core"
Proof = Union[str, Pattern[str]]

#: what pygeoapi answers the operations it does not have: Werkzeug's 404 page for routes it lacks,
#: its 405 page for the methods /processes and /processes/{id} do not allow (Part 2 is not implemented)
NOT_FOUND, NOT_ALLOWED = "(404) NOT FOUND", "(405) METHOD NOT ALLOWED"
UNSUPPORTED: Dict[Tuple[str, str], str] = {
    ("DRUApi", "deploy_processes_post"): NOT_ALLOWED,
    ("DRUApi", "replace_processes_process_id_put"): NOT_ALLOWED,
    ("DRUApi", "undeploy_processes_process_id_delete"): NOT_ALLOWED,
    ("HealthApi", "get_health_health_get"): NOT_FOUND,
    ("APIApi", "get_api_api_get"): NOT_FOUND,
    ("APIApi", "get_api_processes_api_processes_list_get"): NOT_FOUND,
    ("DefaultApi", "deploy_process_processes_post"): NOT_ALLOWED,
    ("DefaultApi", "get_health_health_get"): NOT_FOUND,
    ("DefaultApi", "undeploy_process_processes_process_id_delete"): NOT_ALLOWED,
}

#: what the output of an example must show (all of it) for the operations pygeoapi has
PROOFS: Dict[Tuple[str, Optional[str]], Sequence[Proof]] = {
    ("ProcessesApi", "execute_processes_process_id_execution_post"): ["Hello World!"],
    ("ProcessesApi", "get_process_description_processes_process_id_get"): ["hello-world", "Hello World", "name"],
    ("ProcessesApi", "get_processes_processes_get"): ["hello-world", "echo"],
    ("LandingPageApi", "get_landing_page_get"): [PROCESSES_REL, "conformance"],
    ("ConformanceApi", "get_conformance_conformance_get"): [CORE, "OGC API - Processes Core: True"],
    ("DefaultApi", "conformance_declaration_conformance_get"): [CORE, "OGC API - Processes Core: True"],
    ("DefaultApi", "dismiss_jobs_job_id_delete"): [JOB_ID, "dismissed"],
    ("DefaultApi", "execute_processes_process_id_execution_post"): ["value Hello World!", JOB_ID, "accepted"],
    # other tests of the session fill the job list with their jobs: any process will do
    ("DefaultApi", "job_list_jobs_get"): [JOB_ID, re.compile(r"hello-world|echo")],
    ("DefaultApi", "landing_page_get"): [PROCESSES_REL],
    ("DefaultApi", "process_description_processes_process_id_get"): ["hello-world", "Hello World", "name"],
    ("DefaultApi", "process_list_processes_get"): ["hello-world", "echo"],
    ("DefaultApi", "results_jobs_job_id_results_get"): [JOB_ID, "value Hello World!"],
    ("DefaultApi", "status_jobs_job_id_get"): [JOB_ID, "successful"],
    ("Execute200ResponseInput", None): ["value Hello World!", "text/csv", "World,Hello World!"],
}
#: blocks whose output shows more than their operation's proofs
BLOCK_PROOFS: Dict[Tuple[str, int], Sequence[Proof]] = {
    ("ProcessesApi", 1): [JOB_ID, "successful", "value Hello World!"],  # the asynchronous execution
    ("ProcessesApi", 2): ["document: [{'id': 'echo', 'value': 'Hello World!'}]", "Hello World!"],
}


def page_path(page: str) -> pathlib.Path:
    return DOCS / f"{page}.md"


def page_text(page: str) -> str:
    return page_path(page).read_text(encoding="utf-8")


def sections(page: str) -> Dict[str, str]:
    """The text of each ``# **name**`` section of a page, by name."""
    text = page_text(page)
    heads = list(HEADING.finditer(text))
    ends = [head.start() for head in heads[1:]] + [len(text)]
    return {head["name"]: text[head.start() : end] for head, end in zip(heads, ends)}


def python_blocks() -> List[Tuple[str, int, Optional[str], str]]:
    """(page, index of the block in its page, the operation whose section holds it, code)."""
    blocks = []
    for page in PAGES:
        text = page_text(page)
        heads = [(head.start(), head["name"]) for head in HEADING.finditer(text)]
        for index, match in enumerate(FENCE.finditer(text)):
            operation = next((name for start, name in reversed(heads) if start < match.start()), None)
            blocks.append((page, index, operation, match.group(1)))
    return blocks


BLOCKS = python_blocks()


def operations(class_name: str) -> List[str]:
    """The public methods of an API class, without their two variants."""
    api_class = getattr(ogc, class_name)
    return sorted(n for n in dir(api_class) if not n.startswith("_") and not n.endswith(VARIANT_SUFFIXES))


def endpoint(class_name: str, name: str) -> Any:
    """The Endpoint an operation is declared on (read from the method the declaration built)."""
    declared = inspect.getattr_static(getattr(ogc, class_name), name)
    return inspect.getclosurevars(declared).nonlocals["spec"].endpoint


def parameters(class_name: str, name: str) -> List[str]:
    """The parameters of an operation, in order (without ``self`` and the per-call options)."""
    signature = inspect.signature(inspect.getattr_static(getattr(ogc, class_name), name))
    return [p.name for p in signature.parameters.values() if p.name != "self" and p.kind is not p.KEYWORD_ONLY]


def shows(output: str, proof: Proof) -> bool:
    return proof in output if isinstance(proof, str) else proof.search(output) is not None


# --- every method is documented, as the code declares it ---------------------------------------------------
METHODS = [(cls, name) for cls in API_CLASSES for name in operations(cls)]


@pytest.mark.parametrize(("class_name", "name"), [pytest.param(c, n, id=f"{c}.{n}") for c, n in METHODS])
def test_every_method_has_a_section_and_a_table_row(class_name: str, name: str) -> None:
    text = page_text(class_name)
    assert re.search(rf"^# \*\*{name}\*\*$", text, re.MULTILINE), f"{class_name}.md: no '# **{name}**' heading"
    declared = endpoint(class_name, name)
    path = re.escape(declared.path)
    row = rf"^\[\*\*{name}\*\*\]\({class_name}\.md#{name}\) \| \*\*{declared.method}\*\* {path} \| \S"
    assert re.search(row, text, re.MULTILINE), f"{class_name}.md: no row '{declared.method} {declared.path}' for {name}"


@pytest.mark.parametrize(("class_name", "name"), [pytest.param(c, n, id=f"{c}.{n}") for c, n in METHODS])
def test_every_section_is_true_to_the_declaration(class_name: str, name: str) -> None:
    section = sections(class_name)[name]
    signature = re.search(rf"^> .+ {name}\((?P<params>.*)\)$", section, re.MULTILINE)
    assert signature, f"{class_name}.md: the section of {name} has no '> ReturnType {name}(...)' line"
    documented = [p.split("=")[0].strip() for p in signature["params"].split(",") if p.strip()]
    assert documented == parameters(class_name, name)
    for heading in ("### Example", "### Parameters", "### Return type", "### Authorization",
                    "### HTTP request headers", "### HTTP response details"):  # fmt: skip
        assert heading in section, f"{class_name}.md: the section of {name} has no {heading}"
    assert "bearerAuth" in section and "[[Back to README]](../README.md)" in section
    details = section.split("### HTTP response details", 1)[1]
    statuses = {int(code) for code in re.findall(r"^\*\*(\d{3})\*\* \|", details, re.MULTILINE)}
    assert statuses == set(endpoint(class_name, name).responses), f"{class_name}.md: the statuses of {name}"
    for param in parameters(class_name, name):
        assert re.search(rf"^ \*\*{param}\*\* \|", section, re.MULTILINE), f"{name}: {param} is not in Parameters"


@pytest.mark.parametrize("class_name", API_CLASSES)
def test_every_page_names_the_variants_and_the_options(class_name: str) -> None:
    text = page_text(class_name)
    assert text.startswith(f"# unity_sps_ogc_processes_api_python_client.{class_name}\n")
    assert "`<method>_with_http_info` and `<method>_without_preload_content`" in text
    for option in OPTIONS:
        assert f"`{option}`" in text
    for name in operations(class_name):
        for suffix in VARIANT_SUFFIXES:
            assert hasattr(getattr(ogc, class_name), name + suffix)


def test_default_api_names_the_twin_of_every_method() -> None:
    twins = dict(re.findall(r"^`(\w+)` \| [^|]+ \| \[(\w+\.\w+)\]\(\w+\.md#\w+\) \|", page_text("DefaultApi"), re.M))
    assert sorted(twins) == operations("DefaultApi")
    for name, twin in twins.items():
        twin_class, twin_name = twin.split(".")
        assert twin_name in operations(twin_class)
        assert endpoint("DefaultApi", name) == endpoint(twin_class, twin_name), f"{name} is not the twin of {twin}"


# --- every example runs against pygeoapi ---------------------------------------------------------------------
def test_every_page_has_examples() -> None:
    for page in PAGES:
        assert any(block[0] == page for block in BLOCKS), f"docs/{page}.md has no ```python block"


@pytest.mark.parametrize(
    ("page", "index", "operation", "code"),
    [pytest.param(*block, id=f"{block[0]}.md-{block[1]}") for block in BLOCKS],
)
def test_python_example_runs(
    page: str, index: int, operation: Optional[str], code: str, pygeoapi_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source, replaced = PLACEHOLDER_HOST.subn(lambda m: m["quote"] + pygeoapi_url + m["quote"], code)
    if page in API_CLASSES:
        assert replaced, f'docs/{page}.md block {index} does not configure the host "http://localhost"'
    namespace: Dict[str, Any] = {"__name__": f"docs_example_{page}_{index}"}
    exec(compile(source, f"docs/{page}.md (python block {index})", "exec"), namespace)  # a raise fails the test
    output = capsys.readouterr().out
    assert output.strip(), f"docs/{page}.md block {index} printed nothing"
    assert "Traceback" not in output

    expected_error = UNSUPPORTED.get((page, operation or ""))
    if expected_error is not None:  # pygeoapi lacks the operation: the example prints the error it caught
        assert FAILURE in output, f"docs/{page}.md block {index} caught no error:\n{output}"
        assert expected_error in output, f"docs/{page}.md block {index}: not pygeoapi's {expected_error}:\n{output}"
        return
    assert FAILURE not in output, f"docs/{page}.md block {index} reported a failure:\n{output}"
    proofs = [*PROOFS[(page, operation)], *BLOCK_PROOFS.get((page, index), ())]
    missing = [str(proof) for proof in proofs if not shows(output, proof)]
    assert not missing, f"the output of docs/{page}.md block {index} lacks {missing}:\n{output}"
