"""Job lifecycles against a real OGC API - Processes server: pygeoapi, started for this test session.

pygeoapi is installed from PyPI into its own virtual environment (cached in .cache/) by
test/pygeoapi_server.py. The client must cope with its deviations from the standard: a ``null`` body
on asynchronous execution, JSON labelled text/html on DELETE, HTML results without an Accept header,
Flask HTML pages for unmatched routes, ``{code, type, description}`` error bodies, no ``links`` on
failed jobs, ``finished: null`` and an extra ``parameters`` member.
"""

from __future__ import annotations

import json
import pathlib
import threading
import time
from typing import Iterator, List

import pytest

import unity_sps_ogc_processes_api_python_client as ogc
from unity_sps_ogc_processes_api_python_client import ApiClient, Configuration, StatusCode

from .conftest import all_job_ids

pytestmark = pytest.mark.pygeoapi


@pytest.fixture
def client(pygeoapi_url: str) -> Iterator[ApiClient]:
    with ApiClient(Configuration(host=pygeoapi_url)) as api_client:
        yield api_client


def wait_until_done(jobs: ogc.JobsApi, job_id: str, timeout: float = 30) -> ogc.StatusInfo:
    """Bounded polling of the real server until the job reaches a terminal status."""
    deadline = time.monotonic() + timeout
    while True:
        status = jobs.get_status_jobs_job_id_get(job_id)
        if status.status.is_terminal:
            return status
        assert time.monotonic() < deadline, f"job {job_id} still {status.status.value} after {timeout} s"
        time.sleep(0.02)


def submit(client: ApiClient, process_id: str, inputs: dict) -> ogc.StatusInfo:  # type: ignore[type-arg]
    created = ogc.ProcessesApi(client).execute_processes_process_id_execution_post(
        process_id, prefer="respond-async", execute_workflows={"inputs": inputs}
    )
    assert isinstance(created, ogc.StatusInfo)
    return created


def test_landing_page_and_conformance(client: ApiClient) -> None:
    landing = ogc.LandingPageApi(client).get_landing_page_get()
    assert landing.links
    assert any(link.rel == "http://www.opengis.net/def/rel/ogc/1.0/processes" for link in landing.links)
    conformance = ogc.ConformanceApi(client).get_conformance_conformance_get()
    assert "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core" in conformance.conforms_to


def test_process_list_and_description(client: ApiClient) -> None:
    processes = ogc.ProcessesApi(client)
    listing = processes.get_processes_processes_get()
    assert {"hello-world", "echo"} <= {process.id for process in listing.processes}
    description = processes.get_process_description_processes_process_id_get("hello-world")
    assert description.id == "hello-world"
    assert description.inputs is not None and "name" in description.inputs
    assert description.outputs
    # nothing the server said is lost
    raw = processes.get_process_description_processes_process_id_get_with_http_info("hello-world")
    assert raw.data.to_dict() == json.loads(raw.raw_data)


def test_synchronous_execution(client: ApiClient) -> None:
    answer = ogc.ProcessesApi(client).execute_processes_process_id_execution_post(
        "hello-world", execute_workflows={"inputs": {"name": "World", "message": "hi"}}
    )
    assert isinstance(answer, ogc.Execute200ResponseInput)
    assert answer.to_dict() == {"id": "echo", "value": "Hello World! hi"}


def test_synchronous_document_response(client: ApiClient) -> None:
    answer = ogc.ProcessesApi(client).execute_processes_process_id_execution_post(
        "hello-world", execute_workflows={"inputs": {"name": "World"}, "response": "document"}
    )
    assert isinstance(answer, ogc.Execute200ResponseInput)
    assert answer.outputs == [{"id": "echo", "value": "Hello World!"}]


def test_whole_asynchronous_lifecycle(client: ApiClient) -> None:
    jobs = ogc.JobsApi(client)
    info = ogc.ProcessesApi(client).execute_processes_process_id_execution_post_with_http_info(
        "hello-world", prefer="respond-async", execute_workflows={"inputs": {"name": "Async"}}
    )
    assert info.status_code == 201
    assert info.headers is not None and info.headers.get("Preference-Applied") == "respond-async"
    created = info.data
    assert isinstance(created, ogc.StatusInfo)
    assert created.job_id and info.headers["Location"].endswith(created.job_id)

    final = wait_until_done(jobs, created.job_id)
    assert final.status is StatusCode.SUCCESSFUL
    assert final.process_id == "hello-world"
    assert final.finished is not None and final.created is not None and final.finished >= final.created

    results = jobs.get_result_jobs_job_id_results_get(created.job_id)
    assert {key: value.to_dict() for key, value in results.items()} == {"id": "echo", "value": "Hello Async!"}

    listed = jobs.get_jobs_jobs_get(limit=100)
    assert listed.jobs  # a page of the list
    assert created.job_id in all_job_ids(client)  # the whole list, page by page

    dismissed = jobs.dismiss_jobs_job_id_delete(created.job_id)  # JSON labelled text/html
    assert dismissed.status is StatusCode.DISMISSED
    assert dismissed.job_id == created.job_id

    with pytest.raises(ogc.NotFoundException) as caught:
        jobs.get_status_jobs_job_id_get(created.job_id)
    assert caught.value.status == 404
    assert caught.value.body is not None and created.job_id in caught.value.body


def test_slow_job_is_seen_accepted_then_successful(client: ApiClient) -> None:
    jobs = ogc.JobsApi(client)
    created = submit(client, "echo", {"echoInput": "Echo", "pause": 1.0})
    first = jobs.get_status_jobs_job_id_get(created.job_id)
    assert first.status in (StatusCode.ACCEPTED, StatusCode.RUNNING)
    assert first.finished is None  # pygeoapi sends "finished": null until the job ends
    with pytest.raises(ogc.NotFoundException):  # ResultNotReady
        jobs.get_result_jobs_job_id_results_get(created.job_id)
    assert wait_until_done(jobs, created.job_id).status is StatusCode.SUCCESSFUL
    results = jobs.get_result_jobs_job_id_results_get(created.job_id)
    assert results["value"].to_dict() == "Echo"


def test_failed_job(client: ApiClient) -> None:
    jobs = ogc.JobsApi(client)
    created = submit(client, "hello-world", {"message": "no name"})
    final = wait_until_done(jobs, created.job_id)
    assert final.status is StatusCode.FAILED
    assert final.message is not None and "Cannot process without a name" in final.message
    with pytest.raises(ogc.BadRequestException) as caught:
        jobs.get_result_jobs_job_id_results_get(created.job_id)
    assert "job failed" in str(caught.value).lower()


def test_unknown_process_and_job(client: ApiClient) -> None:
    with pytest.raises(ogc.NotFoundException) as caught:
        ogc.ProcessesApi(client).execute_processes_process_id_execution_post("nope", execute_workflows={"inputs": {}})
    assert "NoSuchProcess" in str(caught.value)
    with pytest.raises(ogc.NotFoundException):
        ogc.ProcessesApi(client).get_process_description_processes_process_id_get("nope")
    with pytest.raises(ogc.NotFoundException):
        ogc.JobsApi(client).get_result_jobs_job_id_results_get("no-such-job")


def test_job_id_with_a_slash_reaches_the_server_and_fails_cleanly(client: ApiClient) -> None:
    with pytest.raises(ogc.NotFoundException) as caught:  # a Flask HTML page: no route matches
        ogc.JobsApi(client).get_status_jobs_job_id_get("a/b")
    assert caught.value.body is not None and "<" in caught.value.body
    assert caught.value.data is None


def test_bad_request_from_the_server_is_typed(client: ApiClient) -> None:
    with pytest.raises(ogc.BadRequestException) as caught:
        ogc.LandingPageApi(client).get_landing_page_get(f="xml")
    assert caught.value.status == 400
    assert "Invalid format requested" in str(caught.value)


def test_sdk_style_calls(client: ApiClient) -> None:
    """What existing SDK code does with the 2.0.1 client."""
    default = ogc.DefaultApi(client)
    created = default.execute_processes_process_id_execution_post(
        "hello-world", {"inputs": {"name": "SDK"}}, _headers={"Prefer": "respond-async"}
    )
    assert isinstance(created, ogc.StatusInfo)
    status = wait_until_done(ogc.JobsApi(client), created.job_id)
    assert default.status_jobs_job_id_get(created.job_id).status.value == "successful" == status.status.value
    assert default.results_jobs_job_id_results_get(created.job_id)["value"].actual_instance == "Hello SDK!"
    assert default.job_list_jobs_get().jobs  # pygeoapi's first page holds its oldest jobs
    default.dismiss_jobs_job_id_delete(created.job_id)
    with pytest.raises(ogc.ApiException) as caught:  # SDKs catch broadly and read e.status / e.body
        default.status_jobs_job_id_get(created.job_id)
    assert caught.value.status == 404
    assert caught.value.body is not None and "InvalidParameterValue" in caught.value.body


def test_eight_threads_on_one_client(client: ApiClient) -> None:
    jobs = ogc.JobsApi(client)
    failures: List[BaseException] = []
    done: List[str] = []

    def worker(n: int) -> None:
        try:
            for i in range(3):
                created = submit(client, "hello-world", {"name": f"t{n}-{i}"})
                assert wait_until_done(jobs, created.job_id).status is StatusCode.SUCCESSFUL
                value = jobs.get_result_jobs_job_id_results_get(created.job_id)["value"].actual_instance
                assert value == f"Hello t{n}-{i}!"
                jobs.dismiss_jobs_job_id_delete(created.job_id)
                done.append(created.job_id)
        except BaseException as error:  # collected for the main thread
            failures.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert failures == []
    assert len(set(done)) == 24


def test_readme_quick_start_runs(
    pygeoapi_url: str, capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the example writes to outputs/
    readme = (pathlib.Path(__file__).parent.parent / "README.md").read_text()
    block = readme.split("## Quick start", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(block.replace("https://example.org/ogcapi", pygeoapi_url), "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "'hello-world'" in printed
    assert "successful 100" in printed
    assert "value Hello World!" in printed
    assert "failed:" not in printed and "still running:" not in printed
    assert sorted(path.name for path in (tmp_path / "outputs").iterdir())  # the outputs were written
