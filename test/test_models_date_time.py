"""RFC 3339 date-times: one parser of the package decides, the same on every Python version (3.9 to 3.13).

What the parser reads, exactly: ``YYYY-MM-DD``, then ``T``, ``t`` or a space, ``hh:mm:ss``, an optional
fraction of any length (truncated to microseconds), and ``Z``, ``z`` or ``+hh:mm`` / ``-hh:mm``. A leap
second (``:60``) reads as ``:59.999999``. Anything else is not a date-time: received, it is kept as it came
(the attribute is ``None``); given in Python, it is refused. A naive ``datetime`` is refused.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unity_sps_ogc_processes_api_python_client.exceptions import ApiValueError
from unity_sps_ogc_processes_api_python_client.models._base import WireDateTime, parse_date_time
from unity_sps_ogc_processes_api_python_client.models.job_list_input import JobListInput
from unity_sps_ogc_processes_api_python_client.models.status_info import StatusInfo

from .ogc_strategies import date_times, odd_date_times, parse_rfc3339

UTC = dt.timezone.utc


def zone(hours: int, minutes: int = 0) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours, minutes=minutes))


def read_updated(value: Any) -> StatusInfo:
    status = StatusInfo.from_json(json.dumps({"jobID": "j", "status": "running", "updated": value}))
    assert isinstance(status, StatusInfo)
    return status


# --- what is a date-time ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-28T10:06:10Z", dt.datetime(2026, 11, 28, 10, 6, 10, tzinfo=UTC)),
        ("2026-11-28t10:06:10z", dt.datetime(2026, 11, 28, 10, 6, 10, tzinfo=UTC)),
        ("2026-11-28 10:06:10+00:00", dt.datetime(2026, 11, 28, 10, 6, 10, tzinfo=UTC)),
        ("2026-11-28T10:06:10-00:00", dt.datetime(2026, 11, 28, 10, 6, 10, tzinfo=UTC)),
        ("2026-11-28T10:06:10.1+02:00", dt.datetime(2026, 11, 28, 10, 6, 10, 100000, tzinfo=zone(2))),
        ("2026-11-28T10:06:10.12-05:30", dt.datetime(2026, 11, 28, 10, 6, 10, 120000, tzinfo=zone(-5, -30))),
        ("2026-11-28T10:06:10.123Z", dt.datetime(2026, 11, 28, 10, 6, 10, 123000, tzinfo=UTC)),
        ("2026-11-28T10:06:10.1234Z", dt.datetime(2026, 11, 28, 10, 6, 10, 123400, tzinfo=UTC)),
        ("2026-11-28T10:06:10.103002Z", dt.datetime(2026, 11, 28, 10, 6, 10, 103002, tzinfo=UTC)),
        # more than 6 digits: truncated, never rounded (so .9999999 stays in its second)
        ("2026-11-28T10:06:10.1234567Z", dt.datetime(2026, 11, 28, 10, 6, 10, 123456, tzinfo=UTC)),
        ("2026-11-28T10:06:10.999999999+01:00", dt.datetime(2026, 11, 28, 10, 6, 10, 999999, tzinfo=zone(1))),
        ("2026-11-28T10:06:10." + "9" * 30 + "Z", dt.datetime(2026, 11, 28, 10, 6, 10, 999999, tzinfo=UTC)),
        ("0001-01-01T00:00:00Z", dt.datetime(1, 1, 1, tzinfo=UTC)),
        ("9999-12-31T23:59:59.999999Z", dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
        ("2024-02-29T12:00:00+23:59", dt.datetime(2024, 2, 29, 12, tzinfo=zone(23, 59))),
        # a leap second: the last microsecond of its minute (the text is written back unchanged)
        ("2016-12-31T23:59:60Z", dt.datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
        ("2016-12-31T23:59:60.5Z", dt.datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
        ("2017-01-01T05:29:60+05:30", dt.datetime(2017, 1, 1, 5, 29, 59, 999999, tzinfo=zone(5, 30))),
        ("9999-12-31T23:59:60Z", dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)),
    ],
)
def test_rfc3339_date_times_are_read(text: str, expected: dt.datetime) -> None:
    parsed = parse_date_time(text)
    assert isinstance(parsed, WireDateTime) and parsed.wire == text
    assert parsed == expected and parsed.utcoffset() == expected.utcoffset()
    assert parsed.replace(tzinfo=None) == expected.replace(tzinfo=None)
    status = read_updated(text)
    assert status.updated == expected and status.updated is not None and status.updated.tzinfo is not None
    assert status.to_dict()["updated"] == text
    assert status.tolerated_values == {}


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "yesterday",
        "2026-11-28",  # a date
        "10:06:10Z",  # a time
        "2026-11-28T10:06:10",  # no time zone (naive)
        "2026-11-28T10:06:10.5",
        "2026-11-28T10:06Z",  # no seconds
        "2026-11-28T10Z",
        "2026-W48-6T10:06:10Z",  # an ISO 8601 week date (Python 3.11+ reads it, RFC 3339 does not)
        "2026-332T10:06:10Z",  # an ordinal date
        "20261128T100610Z",  # the basic format
        "2026-11-28T100610Z",
        "2026-11-28T10:06:10+0100",  # an offset without its colon
        "2026-11-28T10:06:10+01",
        "2026-11-28T10:06:10+01:00:30",  # an offset with seconds
        "2026-11-28T10:06:10,5Z",  # a decimal comma
        "2026-11-28T10:06:10.Z",  # a point without digits
        "2026-11-28X10:06:10Z",  # another separator
        "2026-11-28T10:06:10Z ",  # spaces around
        " 2026-11-28T10:06:10Z",
        "2026-11-28T10:06:10ZZ",
        "2026-11-28T10:06:10+01:00Z",
        "+2026-11-28T10:06:10Z",  # an expanded year
        "12026-11-28T10:06:10Z",
        "0000-01-01T00:00:00Z",  # no year 0
        "2026-13-01T00:00:00Z",
        "2026-00-01T00:00:00Z",
        "2026-02-29T00:00:00Z",  # not a leap year
        "2026-04-31T00:00:00Z",
        "2026-11-00T00:00:00Z",
        "2026-11-28T24:00:00Z",  # 24:00 (Python 3.14's fromisoformat reads it)
        "2026-11-28T10:60:00Z",
        "2026-11-28T10:06:61Z",
        "2026-11-28T10:06:10+24:00",
        "2026-11-28T10:06:10+01:60",
        "\u0662\u0660\u0662\u0666-11-28T10:06:10Z",  # other digits than 0-9 (Arabic-Indic, fullwidth)
        "2026-11-28T10:06:10.\uff11Z",
        "2026-11-28T10:06:10\nZ",
        "2026-11-28T10:06:10Z\n",
    ],
)
def test_what_is_not_an_rfc3339_date_time(text: str) -> None:
    assert parse_date_time(text) is None
    status = read_updated(text)  # received: kept as it came, the attribute is None
    assert status.updated is None
    assert status.tolerated_values == {"updated": text}
    assert status.to_dict()["updated"] == text
    with pytest.raises(ApiValueError, match="updated"):  # given in Python: refused
        StatusInfo(job_id="j", status="running", updated=text)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(date_times())
def test_generated_date_times_read_as_an_independent_parser_reads_them(text: str) -> None:
    parsed = parse_date_time(text)
    expected = parse_rfc3339(text)
    assert parsed is not None and parsed == expected
    assert parsed.utcoffset() == expected.utcoffset() and parsed.replace(tzinfo=None) == expected.replace(tzinfo=None)
    assert parsed.wire == text


@settings(max_examples=300, deadline=None)
@given(odd_date_times())
def test_generated_odd_date_times_are_not_date_times(text: str) -> None:
    assert parse_date_time(text) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789-:T tZz+.W\u0662", max_size=32))
def test_the_parser_accepts_exactly_the_rfc3339_grammar(text: str) -> None:
    parsed = parse_date_time(text)
    try:
        expected: Optional[dt.datetime] = parse_rfc3339(text)
    except (AssertionError, ValueError):  # not the grammar, or a day/time that does not exist
        expected = None
    if expected is None:
        assert parsed is None
    else:
        assert parsed == expected and parsed is not None and parsed.utcoffset() == expected.utcoffset()


# --- date-times given in Python -----------------------------------------------------------------------
def test_a_naive_datetime_is_refused() -> None:
    naive = dt.datetime(2026, 1, 2, 3, 4, 5)
    with pytest.raises(ApiValueError, match=r"created.*time zone"):
        StatusInfo(job_id="j", status="running", created=naive)
    status = StatusInfo(job_id="j", status="running")
    with pytest.raises(ApiValueError, match=r"finished.*time zone"):
        status.finished = naive
    with pytest.raises(ApiValueError, match="time zone"):  # a dict of Python values is no exception
        StatusInfo.from_dict({"jobID": "j", "status": "running", "created": naive})
    assert status.finished is None and status.to_dict() == {"jobID": "j", "status": "running"}


def test_an_aware_datetime_is_accepted_and_written_in_rfc3339() -> None:
    moment = dt.datetime(2026, 1, 2, 3, 4, 5, 600000, tzinfo=zone(-5))
    status = StatusInfo(job_id="j", status="running", created=moment)
    status.finished = dt.datetime(2026, 1, 2, 9, 0, tzinfo=UTC)
    assert status.created is moment
    assert status.to_dict()["created"] == "2026-01-02T03:04:05.600000-05:00"
    assert status.to_dict()["finished"] == "2026-01-02T09:00:00+00:00"
    for text in (status.to_dict()["created"], status.to_dict()["finished"]):
        assert parse_date_time(text) is not None


def test_an_offset_with_seconds_is_refused() -> None:
    odd_zone = dt.timezone(dt.timedelta(hours=1, seconds=30))
    with pytest.raises(ApiValueError, match="whole minutes"):
        StatusInfo(job_id="j", status="running", created=dt.datetime(2026, 1, 2, tzinfo=odd_zone))


@pytest.mark.parametrize("value", [1700000000, 1.5, True, dt.date(2026, 1, 2), "2026-01-02", ""])
def test_other_values_given_in_python_are_refused(value: Any) -> None:
    with pytest.raises(ApiValueError, match="started"):
        StatusInfo(job_id="j", status="running", started=value)
    status = StatusInfo(job_id="j", status="running")
    with pytest.raises(ApiValueError, match="started"):
        status.started = value
    assert status.started is None


def test_rfc3339_text_given_in_python_is_kept() -> None:
    status = StatusInfo(job_id="j", status="running", updated="2016-12-31T23:59:60Z")  # type: ignore[arg-type]
    assert status.updated == dt.datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    assert status.to_dict()["updated"] == "2016-12-31T23:59:60Z"


# --- copies, pickles, lists ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["2016-12-31T23:59:60Z", "2026-11-28t10:06:10.1234567z", "2026-11-28T10:06:10Z"])
def test_copies_and_pickles_keep_the_text(text: str) -> None:
    status = read_updated(text)
    assert isinstance(status.updated, WireDateTime)
    for again in (copy.deepcopy(status), copy.copy(status), pickle.loads(pickle.dumps(status))):
        assert again.to_dict()["updated"] == text and again.updated == status.updated
        assert again == status
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        kept = pickle.loads(pickle.dumps(status.updated, protocol=protocol))
        assert isinstance(kept, WireDateTime) and kept.wire == text and kept == status.updated
    assert copy.deepcopy(status.updated).wire == text


def test_a_leap_second_in_a_job_list() -> None:
    text = '{"jobs": [{"jobID": "a", "status": "successful", "finished": "2016-12-31T23:59:60Z"}]}'
    listing = JobListInput.from_json(text)
    assert listing is not None
    assert listing.jobs[0].finished == dt.datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
    assert listing.to_dict() == json.loads(text)
    assert listing.to_json() == text
