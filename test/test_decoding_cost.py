"""What makes decoding cheap, without changing what a decoded document is.

- date-times received in JSON are read when their attribute is first used, and stay exact;
- the jobs of a page share one set of fields set, and never see each other's changes;
- the cyclic garbage collector does not run while a document is decoded.
"""

from __future__ import annotations

import copy
import datetime
import gc
import json
import pickle
import threading
from typing import Any, Dict, Iterator, List

import pytest
from pytest_httpserver import HTTPServer

from unity_sps_ogc_processes_api_python_client import ApiValueError, JobListInput, JobsApi, StatusInfo
from unity_sps_ogc_processes_api_python_client._gc import without_collection
from unity_sps_ogc_processes_api_python_client.api_client import type_adapter
from unity_sps_ogc_processes_api_python_client.models._base import WireDateTime

from .conftest import status

UTC = datetime.timezone.utc
TEXTS = {
    "created": "2026-11-28T10:06:10.103002Z",
    "started": "2026-11-28t10:06:10+02:00",
    "finished": "2026-11-28 10:06:11.5Z",
    "updated": "2026-12-31T23:59:60Z",
}


def page_of(count: int, **changes: Any) -> Dict[str, Any]:
    return {
        "jobs": [status(jobID=f"job-{index}", **{**TEXTS, **changes}) for index in range(count)],
        "links": [{"href": "http://example.org/jobs?page=2", "rel": "next"}],
    }


def read_page(count: int = 3, **changes: Any) -> JobListInput:
    page = JobListInput.from_json(json.dumps(page_of(count, **changes)))
    assert page is not None
    return page


# --- date-times read on use ------------------------------------------------------------------------
def test_a_page_written_back_or_filtered_parses_no_date() -> None:
    page = read_page()
    assert [job.job_id for job in page.jobs if job.status == "successful"] == ["job-0", "job-1", "job-2"]
    assert page.to_dict() == page_of(3)
    for job in page.jobs:
        assert all(type(job.__dict__[name]) is str for name in TEXTS)  # still the received text


def test_a_date_time_read_on_use_is_an_aware_instant_written_back_exactly() -> None:
    job = read_page().jobs[0]
    assert job.created == datetime.datetime(2026, 11, 28, 10, 6, 10, 103002, tzinfo=UTC)
    assert isinstance(job.created, WireDateTime) and job.created.utcoffset() == datetime.timedelta(0)
    assert job.started == datetime.datetime(2026, 11, 28, 8, 6, 10, tzinfo=UTC)
    assert job.updated == datetime.datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)  # a leap second
    assert job.to_dict() == page_of(1)["jobs"][0] | {"jobID": "job-0"}
    assert json.loads(job.to_json())["started"] == TEXTS["started"]


@pytest.mark.parametrize("odd", ["", "2026-11-28", "2026-02-30T00:00:00Z", "yesterday", 20261128, True, [], {}])
def test_an_odd_date_time_reads_as_none_and_is_kept(odd: Any) -> None:
    page = read_page(1, created=odd)
    job = page.jobs[0]
    assert page.to_dict()["jobs"][0]["created"] == odd  # written back before it is read...
    assert job.tolerated_values == {"created": odd}
    assert job.created is None
    assert job.to_dict()["created"] == odd  # ... and after
    assert job.model_dump()["created"] is None


def test_python_forms_of_an_unread_page_hold_instants() -> None:
    job = read_page().jobs[1]
    dumped = job.model_dump()
    assert dumped["created"] == datetime.datetime(2026, 11, 28, 10, 6, 10, 103002, tzinfo=UTC)
    assert dict(read_page().jobs[1])["finished"] == datetime.datetime(2026, 11, 28, 10, 6, 11, 500000, tzinfo=UTC)
    assert "2026, 11, 28, 10, 6, 10, 103002" in repr(read_page().jobs[1].model_dump())
    unread = read_page().jobs[1]
    assert f"started={TEXTS['started']!r}" in repr(unread) and repr(unread) == repr(read_page().jobs[1])


def test_a_page_read_or_not_is_the_same_page() -> None:
    unread, read = read_page(), read_page()
    for job in read.jobs:
        assert job.created is not None
    assert unread == read and read == unread
    built = StatusInfo(job_id="job-0", status="successful", created=read.jobs[0].created)
    assert read_page(1).jobs[0] != built  # more members were received
    assert StatusInfo.from_json(json.dumps({"jobID": "a", "status": "running", "created": TEXTS["created"]})) == (
        StatusInfo(job_id="a", status="running", created=datetime.datetime(2026, 11, 28, 10, 6, 10, 103002, UTC))
    )


def test_assignment_still_validates_a_date_time() -> None:
    job = read_page().jobs[0]
    with pytest.raises(ApiValueError, match="created"):
        job.created = "yesterday"  # type: ignore[assignment]
    with pytest.raises(ApiValueError, match="aware"):
        job.created = datetime.datetime(2026, 1, 1)
    job.created = datetime.datetime(2026, 1, 1, tzinfo=UTC)
    assert job.to_dict()["created"] == "2026-01-01T00:00:00+00:00" and job.started == (
        datetime.datetime(2026, 11, 28, 8, 6, 10, tzinfo=UTC)
    )


def test_copies_and_pickles_of_an_unread_page_keep_the_text() -> None:
    def pickled(page: JobListInput) -> JobListInput:
        copied: JobListInput = pickle.loads(pickle.dumps(page))
        return copied

    for made in (copy.copy, copy.deepcopy, pickled):
        page = made(read_page())
        assert page.to_dict() == page_of(3)
        assert page.jobs[2].created == datetime.datetime(2026, 11, 28, 10, 6, 10, 103002, tzinfo=UTC)


def test_a_date_time_given_in_python_is_read_at_once() -> None:
    built = StatusInfo.from_dict({"jobID": "a", "status": "running", "created": TEXTS["created"]})
    assert built is not None and isinstance(built.__dict__["created"], WireDateTime)
    with pytest.raises(ApiValueError):
        StatusInfo(job_id="a", status="running", created="yesterday")


# --- one set of fields set per page ---------------------------------------------------------------------
def test_jobs_of_a_page_share_their_fields_set_until_one_changes() -> None:
    page = read_page()
    first, second, third = page.jobs
    assert first.model_fields_set is second.model_fields_set is third.model_fields_set
    first.progress = 50
    first.exception = None
    assert "exception" in first.model_fields_set and "exception" not in second.model_fields_set
    assert "exception" not in second.to_dict() and "exception" not in third.to_dict()
    assert first.to_dict()["exception"] is None
    copied = second.model_copy(update={"exception": None})
    assert "exception" in copied.model_fields_set and "exception" not in third.model_fields_set
    assert second.model_dump(exclude_unset=True, by_alias=True, mode="json") == page_of(3)["jobs"][1]


def test_a_status_built_in_python_does_not_share_with_a_page() -> None:
    job = read_page().jobs[0]
    built = StatusInfo(job_id="job-0", status="running")
    built.progress = 3
    assert built.to_dict() == {"jobID": "job-0", "status": "running", "progress": 3}
    assert (
        job.to_dict()["progress"] == status()["progress"]
        and "progress" not in StatusInfo(job_id="x", status="running").to_dict()
    )


# --- the collector during decoding ----------------------------------------------------------------------
@pytest.fixture
def collections() -> Iterator[List[int]]:
    """The generations of the cyclic collections that start while the test runs."""
    seen: List[int] = []

    def note(phase: str, info: Dict[str, Any]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    assert gc.isenabled()
    gc.collect()
    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)
        gc.enable()


BIG = json.dumps(page_of(5_000)).encode()


def test_no_collection_runs_while_a_page_is_decoded(collections: List[int]) -> None:
    type_adapter(JobListInput).validate_json(BIG)  # the adapter is built outside of the count
    collections.clear()
    JobListInput.from_json(BIG)
    during = len(collections)
    assert during <= 2, f"{during} collections while 5,000 jobs were decoded"
    assert gc.isenabled()
    collections.clear()
    type_adapter(JobListInput).validate_json(BIG)  # the same decoding with the collector on: it runs
    assert len(collections) >= 5  # (how many depends on the Python version: 19 on 3.13, more before)


def test_no_collection_runs_while_an_answer_is_decoded(
    httpserver: HTTPServer, api: JobsApi, collections: List[int]
) -> None:
    httpserver.expect_request("/jobs").respond_with_data(BIG, content_type="application/json")
    api.get_jobs_jobs_get()
    collections.clear()
    assert len(api.get_jobs_jobs_get().jobs) == 5_000
    assert len(collections) <= 2 and gc.isenabled()


def test_the_collector_comes_back_after_a_failed_decoding() -> None:
    with pytest.raises(ApiValueError):
        JobListInput.from_json(b'{"jobs": [{"status": 1}]}')
    assert gc.isenabled()
    with pytest.raises(json.JSONDecodeError):
        without_collection(json.loads, "{")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_program_stays_off() -> None:
    gc.disable()
    try:
        assert JobListInput.from_json(json.dumps(page_of(2))) is not None
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_decodings_in_many_threads_leave_the_collector_on() -> None:
    inside: List[bool] = []
    barrier = threading.Barrier(4)

    def decode(text: str) -> None:
        barrier.wait(timeout=10)
        inside.append(gc.isenabled())
        for _ in range(20):
            json.loads(text)

    def work() -> None:
        for _ in range(5):
            without_collection(decode, json.dumps(page_of(20)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    assert inside == [False] * 20 and gc.isenabled()
