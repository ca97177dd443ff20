"""StatusInfo, StatusCode and JobListInput: every job status is read and written back exactly, real
servers' deviations are tolerated, and invalid input raises the package's ApiValueError."""

from __future__ import annotations

import concurrent.futures
import copy
import datetime as dt
import json
import pickle
from typing import Any, Dict

import pytest
from hypothesis import given, settings

from unity_sps_ogc_processes_api_python_client.exceptions import ApiValueError, OpenApiException
from unity_sps_ogc_processes_api_python_client.models.job_list_input import JobListInput
from unity_sps_ogc_processes_api_python_client.models.link import Link
from unity_sps_ogc_processes_api_python_client.models.problem_details import ProblemDetails
from unity_sps_ogc_processes_api_python_client.models.status_code import StatusCode
from unity_sps_ogc_processes_api_python_client.models.status_info import StatusInfo

from .conftest import STATUS
from .ogc_strategies import (
    STANDARD_STATUSES,
    date_times,
    exact,
    expected_date_time,
    expected_job_id,
    expected_progress,
    job_lists,
    parse_rfc3339,
    status_infos,
)

DATE_TIMES = ("created", "started", "finished", "updated")
OPTIONAL = ("type", "processID", "message", "exception", *DATE_TIMES, "progress", "links")


def read(document: Dict[str, Any]) -> StatusInfo:
    status = StatusInfo.from_json(json.dumps(document))
    assert isinstance(status, StatusInfo)
    return status


def check_typed(status: StatusInfo, document: Dict[str, Any]) -> None:
    """The attributes hold the document's values, as Python types (the odd values in their readable form)."""
    assert status.job_id == expected_job_id(document) and type(status.job_id) is str
    assert isinstance(status.status, StatusCode) and status.status.value == document["status"]
    assert status.status == document["status"]
    assert status.status.is_standard == (document["status"] in STANDARD_STATUSES)
    if document["status"] in STANDARD_STATUSES:
        assert status.status is StatusCode[document["status"].upper()]
    tolerated: Dict[str, Any] = {}
    if "jobID" in document and type(document["jobID"]) is not str:
        tolerated["job_id"] = document["jobID"]
    for name in DATE_TIMES:
        value = getattr(status, name)
        expected = expected_date_time(document.get(name))
        if expected is None:
            assert value is None
            if document.get(name) is not None:
                tolerated[name] = document[name]
        else:
            assert isinstance(value, dt.datetime) and value.tzinfo is not None
            assert value == expected and value.utcoffset() == expected.utcoffset()
            assert value.replace(tzinfo=None) == expected.replace(tzinfo=None)
    if "progress" in document:
        raw, expected_number = document["progress"], expected_progress(document["progress"])
        assert type(status.progress) is type(expected_number) and status.progress == expected_number
        if raw is not None and (type(raw) not in (int, float) or raw != expected_number):
            tolerated["progress"] = raw
    assert exact(status.tolerated_values) == exact(tolerated)
    if document.get("links") is not None:
        assert status.links is not None and all(isinstance(link, Link) for link in status.links)
        assert [link.href for link in status.links] == [link["href"] for link in document["links"]]
    if document.get("exception") is not None:
        assert isinstance(status.exception, ProblemDetails)
    known = {"jobID", "status", *OPTIONAL}
    assert status.model_extra == {name: value for name, value in document.items() if name not in known}


# --- no data loss -------------------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(status_infos())
def test_generated_status_round_trips_exactly(document: Dict[str, Any]) -> None:
    original = copy.deepcopy(document)
    status = read(document)
    assert exact(status.to_dict()) == exact(original)
    assert exact(json.loads(status.to_json())) == exact(original)
    from_dict = StatusInfo.from_dict(document)
    assert from_dict is not None and exact(from_dict.to_dict()) == exact(original)
    again = StatusInfo.from_json(status.to_json())
    assert again is not None and exact(again.to_dict()) == exact(original)
    for name in OPTIONAL:  # nothing is added: no null for what was not received
        assert (name in status.to_dict()) == (name in original)
    check_typed(status, original)
    assert document == original  # reading does not change the caller's dict


@settings(max_examples=60, deadline=None)
@given(job_lists())
def test_generated_job_list_round_trips_exactly(document: Dict[str, Any]) -> None:
    original = copy.deepcopy(document)
    listing = JobListInput.from_json(json.dumps(document))
    assert listing is not None
    assert exact(listing.to_dict()) == exact(original)
    assert exact(json.loads(listing.to_json())) == exact(original)
    assert len(listing.jobs) == len(original["jobs"])
    for job, job_document in zip(listing.jobs, original["jobs"]):
        assert isinstance(job, StatusInfo)
        check_typed(job, job_document)
    assert ("links" in listing.to_dict()) == ("links" in original)


@settings(max_examples=200, deadline=None)
@given(date_times())
def test_date_time_text_is_kept_and_attribute_is_an_aware_datetime(text: str) -> None:
    status = read({"jobID": "j", "status": "running", "updated": text})
    assert isinstance(status.updated, dt.datetime) and status.updated.tzinfo is not None
    assert status.updated == parse_rfc3339(text)
    assert status.updated.utcoffset() == parse_rfc3339(text).utcoffset()
    assert status.to_dict()["updated"] == text
    assert json.loads(status.to_json())["updated"] == text


def test_pygeoapi_status_round_trips() -> None:
    status = read(STATUS)
    assert exact(status.to_dict()) == exact(STATUS)
    assert status.status is StatusCode.SUCCESSFUL and status.progress == 100 and status.type == "process"
    assert status.model_extra == {"parameters": None}
    assert status.created == dt.datetime(2026, 11, 28, 10, 6, 10, 103002, tzinfo=dt.timezone.utc)
    assert status.links is not None and status.links[0].title == "Results of job as JSON"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-28T10:06:10Z", dt.datetime(2026, 11, 28, 10, 6, 10, tzinfo=dt.timezone.utc)),
        (
            "2026-11-28T10:06:10.1+02:00",
            dt.datetime(2026, 11, 28, 10, 6, 10, 100000, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        ),
        ("2026-11-28T10:06:10.103002Z", dt.datetime(2026, 11, 28, 10, 6, 10, 103002, tzinfo=dt.timezone.utc)),
    ],
)
def test_date_times_are_written_back_as_received(text: str, expected: dt.datetime) -> None:
    document = {"jobID": "j", "status": "successful", "created": text, "finished": text}
    status = read(document)
    for value in (status.created, status.finished):
        assert type(value) is not str and isinstance(value, dt.datetime)
        assert value == expected and value.utcoffset() == expected.utcoffset()
    assert status.to_dict() == document
    assert status.to_json() == json.dumps(document, ensure_ascii=False)


def test_unset_fields_are_not_written_as_null() -> None:
    status = read({"jobID": "j", "status": "accepted"})
    assert status.to_dict() == {"jobID": "j", "status": "accepted"}
    assert "message" not in status.to_json()
    built = StatusInfo(job_id="j", status=StatusCode.RUNNING, progress=5)
    assert built.to_dict() == {"jobID": "j", "status": "running", "progress": 5}


def test_explicit_nulls_are_kept() -> None:
    document: Dict[str, Any] = {"jobID": "j", "status": "running", "message": None, "finished": None,
                                "links": None, "exception": None, "x": None}  # fmt: skip
    status = read(document)
    assert status.message is None and status.finished is None
    assert status.to_dict() == document
    assert json.loads(status.to_json()) == document


def test_to_json_writes_datetimes_set_in_python() -> None:
    moment = dt.datetime(2026, 1, 2, 3, 4, 5, 600000, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    status = StatusInfo(job_id="j", status="running", started=moment, updated="2026-01-02T08:04:05Z")
    text = status.to_json()
    assert json.loads(text) == {
        "jobID": "j",
        "status": "running",
        "started": "2026-01-02T03:04:05.600000-05:00",
        "updated": "2026-01-02T08:04:05Z",
    }
    again = StatusInfo.from_json(text)
    assert again is not None and again.started == moment and again.updated == status.updated
    assert again.to_json() == text
    status.finished = "2026-01-02T08:04:06.5z"  # type: ignore[assignment]
    assert status.to_dict()["finished"] == "2026-01-02T08:04:06.5z"
    assert status.finished == dt.datetime(2026, 1, 2, 8, 4, 6, 500000, tzinfo=dt.timezone.utc)


# Deep copies and pickles keep the received text of the date-times.
def test_deep_copy_keeps_date_time_text() -> None:
    status = read({"jobID": "j", "status": "running", "created": "2026-11-28T10:06:10Z"})
    assert copy.deepcopy(status).to_dict()["created"] == "2026-11-28T10:06:10Z"


def test_pickle_keeps_date_time_text() -> None:
    status = read({"jobID": "j", "status": "running", "created": "2026-11-28T10:06:10Z"})
    assert pickle.loads(pickle.dumps(status)).to_dict()["created"] == "2026-11-28T10:06:10Z"


def test_changed_date_times_are_written_from_their_new_value() -> None:
    status = read(
        {"jobID": "j", "status": "running", "created": "2026-11-28T10:06:10Z", "started": "2026-11-28T10:06:10Z"}
    )
    status.created = status.created + dt.timedelta(hours=1)  # type: ignore[operator]
    status.started = status.started.replace(minute=0)  # type: ignore[union-attr]
    status.updated = status.created.astimezone(dt.timezone(dt.timedelta(hours=2)))  # type: ignore[union-attr]
    written = status.to_dict()
    assert parse_rfc3339(written["created"]) == dt.datetime(2026, 11, 28, 11, 6, 10, tzinfo=dt.timezone.utc)
    assert parse_rfc3339(written["started"]) == dt.datetime(2026, 11, 28, 10, 0, 10, tzinfo=dt.timezone.utc)
    assert written["updated"] == "2026-11-28T13:06:10+02:00"
    copied = StatusInfo(job_id="k", status="running", created=read(STATUS).created)  # type: ignore[arg-type]
    assert copied.to_dict()["created"] == STATUS["created"]


# --- tolerance of real servers ------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["cancelled", "created", "succeeded"])
def test_status_outside_the_standard_is_tolerated(value: str) -> None:
    document = {"jobID": "j", "status": value, "finished": None, "progress": 12.5}
    status = read(document)
    assert isinstance(status.status, StatusCode) and isinstance(status.status, str)
    assert status.status.value == value and status.status == value and str(status.status) == value
    assert not status.status.is_standard
    assert status.status is StatusCode(value)
    assert status.progress == 12.5 and isinstance(status.progress, float)
    assert status.type is None and status.finished is None
    assert status.to_dict() == document
    assert [member.value for member in StatusCode] == list(STANDARD_STATUSES)  # the enum itself is unchanged


@pytest.mark.parametrize("value", STANDARD_STATUSES)
def test_standard_statuses_are_the_enum_members(value: str) -> None:
    status = read({"jobID": "j", "status": value})
    assert status.status is getattr(StatusCode, value.upper())
    assert status.status.is_standard
    assert StatusInfo(job_id="j", status=value).status is status.status  # type: ignore[arg-type]


def test_status_code_is_an_open_enum() -> None:
    assert StatusCode("cancelled") is StatusCode("cancelled")
    assert StatusCode("running") is StatusCode.RUNNING
    assert StatusCode("Running") is not StatusCode.RUNNING and not StatusCode("Running").is_standard
    assert StatusCode.from_json('"dismissed"') is StatusCode.DISMISSED
    assert StatusCode.from_json('"cancelled"') is StatusCode("cancelled")
    assert StatusCode.RUNNING.is_standard and not StatusCode.RUNNING.is_terminal
    assert StatusCode.FAILED.is_terminal
    with pytest.raises(ApiValueError, match="a StatusCode is a string"):
        StatusCode(3)  # type: ignore[arg-type]


def test_a_new_status_is_one_member_across_threads() -> None:
    values = [f"queued-{n}" for n in range(20)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        seen = list(pool.map(lambda n: StatusCode(values[n % 20]), range(400)))
    for member in seen:
        assert member is StatusCode(member.value) and not member.is_standard
    assert len({id(member) for member in seen}) == 20


def test_job_list_keeps_an_odd_job_among_normal_ones() -> None:
    odd = {"jobID": "b", "status": "cancelled", "finished": None, "progress": 12.5}
    document = {
        "jobs": [{"jobID": "a", "status": "running", "type": "process"}, odd, STATUS],
        "links": [{"href": "http://x/jobs?offset=3", "rel": "next"}],
        "numberMatched": 3,
    }
    listing = JobListInput.from_json(json.dumps(document))
    assert listing is not None and [job.job_id for job in listing.jobs] == ["a", "b", STATUS["jobID"]]
    assert listing.jobs[0].status is StatusCode.RUNNING
    assert listing.jobs[1].status == "cancelled" and not listing.jobs[1].status.is_standard
    assert listing.model_extra == {"numberMatched": 3}
    assert exact(listing.to_dict()) == exact(document)


# --- documents of real servers that deviate from the standard ------------------------------------------
REAL_DEVIATIONS = {
    "progress as text (a public ADES)": '{"jobID": "a", "status": "successful", "progress": "100"}',
    "an empty date-time": '{"jobID": "a", "status": "accepted", "created": "", "progress": 0}',
    "an integer jobID": '{"jobID": 123, "status": "running", "progress": 42.5}',
    "a leap second": '{"jobID": "a", "status": "successful", "finished": "2016-12-31T23:59:60Z"}',
    "id instead of jobID (Part 1 2.0 draft)": '{"id": "a", "status": "running", "type": "process"}',
    "an integer id": '{"id": 7, "status": "running"}',
    "all of them": '{"id": 8, "status": "running", "progress": "7", "created": "", "updated": "2016-12-31T23:59:60Z"}',
}


@pytest.mark.parametrize("text", REAL_DEVIATIONS.values(), ids=list(REAL_DEVIATIONS))
def test_documents_of_real_servers_are_read_and_written_back_exactly(text: str) -> None:
    status = StatusInfo.from_json(text)
    assert status is not None and status.to_dict() == json.loads(text)
    assert exact(status.to_dict()) == exact(json.loads(text))
    assert exact(json.loads(status.to_json())) == exact(json.loads(text))  # the same members (extras come last)
    from_dict = StatusInfo.from_dict(json.loads(text))
    assert from_dict is not None and from_dict == status and exact(from_dict.to_dict()) == exact(json.loads(text))
    check_typed(status, json.loads(text))
    listing_text = '{"jobs": [' + text + ', {"jobID": "b", "status": "running"}], "numberMatched": 2}'
    listing = JobListInput.from_json(listing_text)
    assert listing is not None and exact(listing.to_dict()) == exact(json.loads(listing_text))
    assert exact(json.loads(listing.to_json())) == exact(json.loads(listing_text)) and listing.jobs[0] == status


def test_progress_given_as_text_reads_as_a_number_and_is_written_back_as_text() -> None:
    for text, number in [("100", 100), ("0", 0), ("42.5", 42.5), (" 7 ", 7), ("1e2", 100.0), ("-3", -3), (".5", 0.5)]:
        status = read({"jobID": "a", "status": "running", "progress": text})
        assert status.progress == number and type(status.progress) is type(number), text
        assert status.tolerated_values == {"progress": text}
        assert status.to_dict()["progress"] == text and json.loads(status.to_json())["progress"] == text
        assert status.model_dump()["progress"] == number  # Python values: the readable form
        assert status.model_dump(mode="json", by_alias=True)["progress"] == text


@pytest.mark.parametrize("value", ["", "n/a", "50%", "1,5", "NaN", "inf", "1e400", "1_0", "٣", True, [50], {"pct": 5}])
def test_progress_that_is_no_number_reads_as_none_and_is_written_back(value: Any) -> None:
    document = {"jobID": "a", "status": "running", "progress": value}
    status = read(document)
    assert status.progress is None and status.tolerated_values == {"progress": value}
    assert exact(status.to_dict()) == exact(document)


def test_infinite_progress_reads_as_none_and_is_written_back_as_1e400() -> None:
    status = StatusInfo.from_json('{"jobID": "a", "status": "running", "progress": 1e400}')
    assert status is not None and status.progress is None
    assert status.tolerated_values == {"progress": float("inf")}
    assert status.to_json() == '{"jobID": "a", "status": "running", "progress": 1e400}'


def test_integer_job_id_reads_as_text_and_is_written_back_as_a_number() -> None:
    status = read({"jobID": 123, "status": "running"})
    assert status.job_id == "123" and type(status.job_id) is str
    assert status.tolerated_values == {"job_id": 123}
    assert status.to_dict() == {"jobID": 123, "status": "running"}
    assert status.to_json() == '{"jobID": 123, "status": "running"}'
    assert status.model_dump()["job_id"] == "123"


def test_id_names_the_job_when_job_id_is_missing() -> None:
    status = read({"id": "j-1", "status": "running"})
    assert status.job_id == "j-1" and "job_id" not in status.model_fields_set
    assert status.model_extra == {"id": "j-1"} and status.tolerated_values == {}
    assert status.to_dict() == {"id": "j-1", "status": "running"}  # no jobID is added
    numbered = read({"status": "running", "id": 42})
    assert numbered.job_id == "42" and numbered.to_dict() == {"status": "running", "id": 42}
    both = read({"jobID": "j-2", "id": "other", "status": "running"})  # jobID wins, id is kept
    assert both.job_id == "j-2" and both.to_dict() == {"jobID": "j-2", "id": "other", "status": "running"}
    status.progress = 5  # an assignment keeps the job id read from id
    assert status.job_id == "j-1" and status.to_dict() == {"id": "j-1", "status": "running", "progress": 5}


def test_empty_date_time_reads_as_none_and_is_written_back() -> None:
    status = read({"jobID": "a", "status": "accepted", "created": "", "started": None})
    assert status.created is None and status.started is None
    assert status.tolerated_values == {"created": ""}
    assert status.to_dict() == {"jobID": "a", "status": "accepted", "created": "", "started": None}


@pytest.mark.parametrize("value", [1700000000, 1.5, True, ["2026-01-01T00:00:00Z"], {"utc": "x"}])
def test_a_date_time_that_is_not_text_reads_as_none_and_is_written_back(value: Any) -> None:
    document = {"jobID": "a", "status": "accepted", "updated": value}
    status = read(document)
    assert status.updated is None and exact(status.tolerated_values) == exact({"updated": value})
    assert exact(status.to_dict()) == exact(document)


def test_one_odd_job_does_not_make_the_job_list_unreadable() -> None:
    jobs = [json.loads(text) for text in REAL_DEVIATIONS.values()] + [STATUS]
    document = {"jobs": jobs, "links": [{"href": "http://x/jobs", "rel": "self"}]}
    listing = JobListInput.from_json(json.dumps(document))
    assert listing is not None and len(listing.jobs) == len(jobs)
    assert [job.job_id for job in listing.jobs] == ["a", "a", "123", "a", "a", "7", "8", STATUS["jobID"]]
    assert exact(listing.to_dict()) == exact(document)
    assert exact(json.loads(listing.to_json())) == exact(document)


def test_odd_values_survive_copies_pickles_and_comparisons() -> None:
    text = REAL_DEVIATIONS["all of them"]
    status = StatusInfo.from_json(text)
    assert status is not None
    for again in (copy.deepcopy(status), copy.copy(status), pickle.loads(pickle.dumps(status)), status.model_copy()):
        assert again == status and again.to_json() == status.to_json()
        assert again.tolerated_values == status.tolerated_values
    other = StatusInfo.from_json(text.replace('"progress": "7"', '"progress": "7.0"'))
    assert other is not None and other.progress == status.progress and other != status  # not the same JSON
    assert StatusInfo.from_json(text.replace('"progress": "7"', '"progress": 7')) != status


def test_python_views_show_the_readable_values() -> None:
    status = StatusInfo.from_json(REAL_DEVIATIONS["all of them"])
    assert status is not None
    assert "progress=7" in repr(status) and "created=None" in repr(status) and "job_id='8'" in repr(status)
    assert dict(status)["progress"] == 7 and dict(status)["created"] is None
    dumped = status.model_dump()
    assert dumped["progress"] == 7 and dumped["created"] is None and dumped["job_id"] == "8"
    assert status.tolerated_values == {"progress": "7", "created": ""}


def test_an_assignment_replaces_the_received_value() -> None:
    status = read({"jobID": 5, "status": "running", "progress": "10", "created": ""})
    status.progress = 20
    status.created = dt.datetime(2026, 1, 2, tzinfo=dt.timezone.utc)
    assert status.tolerated_values == {"job_id": 5}
    assert status.to_dict() == {"jobID": 5, "status": "running", "progress": 20, "created": "2026-01-02T00:00:00+00:00"}
    status.job_id = "5"
    assert status.tolerated_values == {} and status.to_dict()["jobID"] == "5"


@pytest.mark.parametrize(
    ("member", "value"),
    [("progress", "100"), ("progress", True), ("progress", float("inf")), ("progress", float("nan")),
     ("job_id", 123), ("created", ""), ("created", "yesterday")],
)  # fmt: skip
def test_what_is_given_in_python_is_checked_strictly(member: str, value: Any) -> None:
    with pytest.raises(ApiValueError, match=member):
        StatusInfo(**{"job_id": "a", "status": "running", member: value})
    status = StatusInfo(job_id="a", status="running")
    with pytest.raises(ApiValueError, match=member):
        setattr(status, member, value)
    assert status.to_dict() == {"jobID": "a", "status": "running"}


# --- errors -------------------------------------------------------------------------------------------
def test_missing_job_id_is_named() -> None:
    with pytest.raises(ApiValueError, match="jobID") as caught:
        StatusInfo.from_json('{"status": "accepted"}')
    assert isinstance(caught.value, OpenApiException) and isinstance(caught.value, ValueError)
    with pytest.raises(ApiValueError, match="jobID"):
        StatusInfo.from_dict({"status": "accepted"})
    assert str(caught.value).count("jobID") == 1 and "Value error" not in str(caught.value)  # not nested
    with pytest.raises(ApiValueError, match=r"jobs\.1\.jobID") as in_list:
        JobListInput.from_json('{"jobs": [{"jobID": "a", "status": "running"}, {"status": "accepted"}]}')
    assert str(in_list.value).startswith("invalid JobListInput: ")


@pytest.mark.parametrize("text", ["not json", "", '{"jobID": "a", "status": "accepted"', b"\xff"])
def test_invalid_json_raises_api_value_error(text: Any) -> None:
    with pytest.raises(ApiValueError):
        StatusInfo.from_json(text)


@pytest.mark.parametrize(
    ("document", "member"),
    [
        ({"jobID": 1.5, "status": "accepted"}, "jobID"),
        ({"jobID": True, "status": "accepted"}, "jobID"),
        ({"jobID": None, "status": "accepted"}, "jobID"),
        ({"jobID": {"id": "a"}, "status": "accepted"}, "jobID"),
        ({"id": 1.5, "status": "accepted"}, "jobID"),
        ({"id": None, "status": "accepted"}, "jobID"),
        ({"jobID": "a", "status": 3}, "status"),
        ({"jobID": "a", "status": "running", "links": [{"rel": "self"}]}, "href"),
        ({"jobID": "a", "status": "running", "exception": "boom"}, "exception"),
    ],
)
def test_invalid_members_raise_api_value_error(document: Dict[str, Any], member: str) -> None:
    with pytest.raises(ApiValueError, match=member):
        StatusInfo.from_json(json.dumps(document))
    with pytest.raises(ApiValueError, match=member):
        StatusInfo.from_dict(document)


def test_invalid_construction_and_assignment_raise_api_value_error() -> None:
    with pytest.raises(ApiValueError, match="job_id"):
        StatusInfo(job_id=1, status="accepted")  # type: ignore[arg-type]
    with pytest.raises(ApiValueError, match="status"):
        StatusInfo(job_id="a")  # type: ignore[call-arg]
    status = StatusInfo(job_id="a", status="accepted", progress=10)  # type: ignore[arg-type]
    with pytest.raises(ApiValueError, match="progress"):
        status.progress = "x"  # type: ignore[assignment]
    with pytest.raises(ApiValueError, match="created"):
        status.created = "not a date"  # type: ignore[assignment]
    assert status.progress == 10 and status.created is None
    assert status.to_dict() == {"jobID": "a", "status": "accepted", "progress": 10}
    status.status = "dismissed"  # type: ignore[assignment]
    assert status.status is StatusCode.DISMISSED
