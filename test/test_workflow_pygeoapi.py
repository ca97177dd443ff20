"""The workflow layer against a real pygeoapi: a whole lifecycle in a few lines, slow and failed jobs,
every job exactly once across pages (pygeoapi's last full page links to an empty one), filters."""

from __future__ import annotations

from typing import Iterator, List

import pytest

from unity_sps_ogc_processes_api_python_client import Client, JobFailedError, StatusInfo

from .conftest import all_job_ids

pytestmark = pytest.mark.pygeoapi


@pytest.fixture
def client(pygeoapi_url: str) -> Iterator[Client]:
    with Client(pygeoapi_url) as client:
        yield client


def test_the_lifecycle_in_a_few_lines(client: Client) -> None:
    assert {"echo", "hello-world"} <= {process.id for process in client.processes()}
    assert "echoInput" in (client.process("echo").inputs or {})
    job = client.execute("hello-world", inputs={"name": "World"}, mode="async")
    assert job.status is not None and job.status.status.value in ("accepted", "running", "successful")
    final = job.wait(timeout=30)
    assert final.status.value == "successful"
    assert "Hello World" in str(job.results()["value"].actual_instance)
    assert job.dismiss().status.value == "dismissed"


def test_auto_mode_and_a_synchronous_run(client: Client) -> None:
    job = client.execute("hello-world", inputs={"name": "Sync"}, mode="sync")
    assert job.status is not None and job.status.status.value == "successful"
    assert "Hello Sync" in str(job.results()["value"].actual_instance)
    assert client.execute("hello-world", inputs={"name": "Auto"}).wait(timeout=30).status.value == "successful"


def test_a_slow_job_is_seen_running_then_successful(client: Client) -> None:
    seen: List[StatusInfo] = []
    job = client.execute("echo", inputs={"echoInput": "slow", "pause": 1.0}, mode="async")
    final = job.wait(timeout=30, progress=seen.append)
    assert final.status.value == "successful"
    assert seen[0].status.value in ("accepted", "running") and seen[-1].status.value == "successful"
    assert len(seen) >= 2
    assert job.results()["value"].actual_instance == "slow"


def test_a_failed_job_says_why(client: Client) -> None:
    job = client.execute("hello-world", inputs={}, mode="async")
    with pytest.raises(JobFailedError) as caught:
        job.wait(timeout=30)
    assert "Cannot process without a name" in str(caught.value)
    assert caught.value.status_info is not None and caught.value.status_info.status.value == "failed"
    assert caught.value.job_id == job.id


def test_every_job_exactly_once_across_pages(client: Client, pygeoapi_url: str) -> None:
    created = {client.execute("hello-world", inputs={"name": f"n{n}"}, mode="async").id for n in range(22)}
    for job_id in created:
        client.job(job_id).wait(timeout=30)
    everything = all_job_ids(client.api_client)
    assert created <= everything
    paged = [job.job_id for job in client.jobs(page_size=5)]
    assert len(paged) == len(set(paged))  # each once
    assert set(paged) == everything  # the server's full set
    assert len(list(client.jobs(page_size=5, max_items=7))) == 7


def test_filters_on_a_real_server(client: Client) -> None:
    failed = client.execute("hello-world", inputs={}, mode="async")
    with pytest.raises(JobFailedError):
        failed.wait(timeout=30)
    failed_ids = {job.job_id for job in client.jobs(status="failed", page_size=50)}
    assert failed.id in failed_ids
    assert all(job.status.value == "failed" for job in client.jobs(status="failed"))
    assert all(job.process_id == "echo" for job in client.jobs(process_id="echo"))
