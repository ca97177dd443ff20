"""Hypothesis strategies for the JSON documents of OGC API - Processes 1.0 (statusInfo.yaml, jobList.yaml,
link.yaml, exception.yaml, bbox.yaml, qualifiedInputValue.yaml, results), and the helpers to check them.

Every strategy gives plain JSON (dicts, lists, str, int, float, bool, None), as a server would send it,
including what real servers send against the standard (progress as text, an integer jobID, ``id`` for
``jobID``, date-times that are not RFC 3339, leap seconds, numbers beyond the range of a float).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any, Dict, FrozenSet, Optional, Tuple, Union

from hypothesis import strategies as st

__all__ = [
    "STANDARD_STATUSES",
    "ODD_STATUSES",
    "STATUS_INFO_NAMES",
    "exact",
    "has_infinity",
    "parse_rfc3339",
    "expected_date_time",
    "expected_progress",
    "expected_job_id",
    "json_values",
    "member_names",
    "extra_members",
    "date_times",
    "odd_date_times",
    "links",
    "problem_details",
    "statuses",
    "status_infos",
    "job_lists",
    "bboxes",
    "qualified_values",
    "bare_objects",
    "result_values",
    "results_maps",
    "values_of",
    "kinds_of",
    "RESULT_KINDS",
]

STANDARD_STATUSES = ("accepted", "running", "successful", "failed", "dismissed")
# Met on real servers or in later parts of the standard.
ODD_STATUSES = ("cancelled", "created", "succeeded", "Running", "RUNNING", "in-progress", "")

# The members of statusInfo.yaml, with the snake_case names the model also accepts for them.
STATUS_INFO_NAMES: FrozenSet[str] = frozenset(
    {"jobID", "job_id", "status", "type", "processID", "process_id", "message", "exception",
     "created", "started", "finished", "updated", "progress", "links"}
)  # fmt: skip
LINK_NAMES: FrozenSet[str] = frozenset({"href", "rel", "type", "title", "hreflang"})
PROBLEM_NAMES: FrozenSet[str] = frozenset({"type", "title", "status", "detail", "instance"})
BBOX_NAMES: FrozenSet[str] = frozenset({"bbox", "crs"})
QUALIFIED_NAMES: FrozenSet[str] = frozenset({"value", "mediaType", "media_type", "encoding", "schema", "var_schema"})
JOB_LIST_NAMES: FrozenSet[str] = frozenset({"jobs", "links"})
# The members whose presence decides the branch of a result value.
RESULT_SHAPE_NAMES: FrozenSet[str] = frozenset({"href", "value", "bbox"})


def exact(value: Any) -> str:
    """A text that tells apart what == does not (1, 1.0 and true; 0.0 and -0.0; the members' types)."""
    return json.dumps(value, sort_keys=True)


def has_infinity(value: Any) -> bool:
    """Whether a JSON value holds a number beyond the range of a float (read as an infinity)."""
    if isinstance(value, float):
        return math.isinf(value)
    if isinstance(value, dict):
        return any(has_infinity(item) for item in value.values())
    if isinstance(value, list):
        return any(has_infinity(item) for item in value)
    return False


_RFC3339 = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?"
    r"(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))"
)


def parse_rfc3339(text: str) -> dt.datetime:
    """The instant of an RFC 3339 date-time, read independently of the package (fraction truncated to µs, a
    leap second read as the last microsecond of its minute). AssertionError if the text does not have the
    form, ValueError if the day or time does not exist."""
    match = _RFC3339.fullmatch(text)
    assert match is not None, text
    year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
    fraction, zulu, sign, offset_hours, offset_minutes = match.groups()[6:]
    microsecond = int((fraction or "").ljust(6, "0")[:6])
    if second == 60:
        second, microsecond = 59, 999_999
    if zulu:
        zone = dt.timezone.utc
    else:
        if int(offset_minutes) > 59:
            raise ValueError(text)
        offset = dt.timedelta(hours=int(offset_hours), minutes=int(offset_minutes))
        zone = dt.timezone(-offset if sign == "-" else offset)
    return dt.datetime(year, month, day, hour, minute, second, microsecond, tzinfo=zone)


def expected_date_time(value: Any) -> Optional[dt.datetime]:
    """What a date-time attribute holds for a received JSON value: the instant of an RFC 3339 text, else None."""
    if not isinstance(value, str):
        return None
    try:
        return parse_rfc3339(value)
    except (AssertionError, ValueError):
        return None


_NUMBER_TEXT = re.compile(r"\s*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\s*")


def expected_progress(value: Any) -> Union[int, float, None]:
    """What ``progress`` holds for a received JSON value: a finite number; the number of a text that is one
    (an int if it has only digits); else None."""
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value):
        if re.fullmatch(r"\s*[+-]?[0-9]+\s*", value):
            return int(value)
        number = float(value)
        return number if math.isfinite(number) else None
    if type(value) in (int, float) and math.isfinite(value):
        return value  # type: ignore[no-any-return]
    return None


def expected_job_id(document: Dict[str, Any]) -> str:
    """What ``job_id`` holds: ``jobID`` (an integer as its text), else ``id``."""
    value = document["jobID"] if "jobID" in document else document["id"]
    return value if isinstance(value, str) else str(value)


# --- JSON values --------------------------------------------------------------------------------------
# Infinities are numbers beyond the range of a float (1e400) as servers may send them; NaN is no JSON number.
numbers = st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False)
scalars = st.none() | st.booleans() | numbers | st.text(max_size=12)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=8,
)
# Names that look like Python or pydantic internals, or like the known members in another spelling.
_AWKWARD_NAMES = (
    "", "self", "_links", "__dict__", "__class__", "model_extra", "model_fields_set", "data", "cls", "obj",
    "parameters", "jobId", "JOBID", "job-id", "Status", "x-ogc-extension", "numberMatched", "ünïcödé",
)  # fmt: skip
uris = st.from_regex(r"https?://example\.(org|com)/[a-z0-9/._-]{0,16}", fullmatch=True)


def member_names(reserved: FrozenSet[str] = frozenset()) -> st.SearchStrategy[str]:
    """Names of extension members: none of ``reserved`` (the known members) is drawn."""
    return (st.sampled_from(_AWKWARD_NAMES) | st.text(max_size=10)).filter(lambda name: name not in reserved)


def extra_members(reserved: FrozenSet[str], max_size: int = 4) -> st.SearchStrategy[Dict[str, Any]]:
    """Unknown members with any JSON value (nested objects and arrays, nulls)."""
    return st.dictionaries(member_names(reserved), json_values, max_size=max_size)


@st.composite
def _optional_members(draw: st.DrawFn, members: Dict[str, st.SearchStrategy[Any]]) -> Dict[str, Any]:
    """Some of ``members`` (each present or absent), in the order given."""
    chosen = draw(st.sets(st.sampled_from(sorted(members)))) if members else set()
    return {name: draw(strategy) for name, strategy in members.items() if name in chosen}


def _with_extras(document: Dict[str, Any], extras: Dict[str, Any]) -> Dict[str, Any]:
    return {**document, **{name: value for name, value in extras.items() if name not in document}}


# --- RFC 3339 date-times ------------------------------------------------------------------------------
_EXAMPLES = ("2026-11-28T10:06:10Z", "2026-11-28T10:06:10.1+02:00", "2026-11-28T10:06:10.103002Z")


@st.composite
def _generated_date_times(draw: st.DrawFn) -> str:
    moment = draw(st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59, 59)))
    text = f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
    text += draw(st.sampled_from(["T", "T", "t", " "]))
    text += f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    digits = draw(st.sampled_from([0, 0, 1, 2, 3, 6, 7, 9]))
    if digits:
        text += "." + (f"{moment.microsecond:06d}" + draw(st.from_regex(r"[0-9]{3}", fullmatch=True)))[:digits]
    zone = draw(st.sampled_from(["Z", "Z", "z", "+00:00", "-00:00", "offset"]))
    if zone == "offset":
        minutes = draw(st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59))
        zone = f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return text + zone


def date_times() -> st.SearchStrategy[str]:
    """RFC 3339 date-time texts: Z or z or an offset, T or t or a space, 0 to 9 fraction digits, leap seconds."""
    return st.sampled_from(_EXAMPLES) | _generated_date_times() | _generated_date_times().map(_leap_second)


def _leap_second(text: str) -> str:
    return text[:17] + "60" + text[19:]


# Met on real servers, or read by some versions of Python's datetime.fromisoformat: none is RFC 3339.
_ODD_EXAMPLES = (
    "", "yesterday", "2026-11-28", "2026-11-28T10:06:10", "2026-11-28T10:06Z", "2026-W48-6T10:06:10Z",
    "20261128T100610Z", "2026-11-28T10:06:10+0100", "2026-11-28T10:06:10,5Z", "2026-11-28T24:00:00Z",
    "2026-02-30T10:06:10Z", "2026-11-28T10:06:10.Z", "28/11/2026 10:06", "2026-11-28T10:06:10 Z",
)  # fmt: skip


@st.composite
def _spoiled_date_times(draw: st.DrawFn) -> str:
    """An RFC 3339 date-time with one thing changed so that it is not one any more."""
    text = draw(_generated_date_times())
    spoil = draw(st.sampled_from(["naive", "no seconds", "basic", "week", "comma", "space", "hour 24", "month"]))
    body, zone = (text[:-1], text[-1]) if text[-1] in "Zz" else (text[:-6], text[-6:])
    if spoil == "naive":
        return body
    if spoil == "no seconds":
        return body[:16] + zone
    if spoil == "basic":
        return body[:19].replace("-", "").replace(":", "") + zone
    if spoil == "week":
        return f"{body[:4]}-W{draw(st.integers(10, 52))}-{draw(st.integers(1, 7))}{body[10:]}{zone}"
    if spoil == "comma":
        return body[:19] + ",5" + zone
    if spoil == "space":
        return text + " "
    if spoil == "hour 24":
        return body[:11] + "24" + body[13:] + zone
    return body[:5] + "13" + body[7:] + zone


def odd_date_times() -> st.SearchStrategy[str]:
    """Texts in the place of a date-time that are not RFC 3339 date-times."""
    return st.sampled_from(_ODD_EXAMPLES) | _spoiled_date_times()


def received_date_times() -> st.SearchStrategy[Any]:
    """The value of a date-time member as servers send it: mostly RFC 3339, sometimes null, another text,
    a number."""
    return date_times() | st.none() | odd_date_times() | st.integers(0, 2**31)


# --- link.yaml, exception.yaml -----------------------------------------------------------------------
@st.composite
def links(draw: st.DrawFn) -> Dict[str, Any]:
    """A link: ``href`` and some of rel, type, title, hreflang (a string, or null), extension members."""
    optional = {name: st.none() | st.text(max_size=12) for name in ("rel", "type", "title", "hreflang")}
    optional["rel"] = st.sampled_from(["self", "alternate", "http://www.opengis.net/def/rel/ogc/1.0/results"])
    link = {"href": draw(uris | st.text(max_size=12)), **draw(_optional_members(optional))}
    return _with_extras(link, draw(extra_members(LINK_NAMES | {"value"}, max_size=2)))


@st.composite
def problem_details(draw: st.DrawFn) -> Dict[str, Any]:
    """RFC 7807 problem details, or pygeoapi's ``{"code", "type", "description"}``, with extension members."""
    if draw(st.booleans()):
        return {"code": draw(st.sampled_from(["NoSuchJob", "InvalidParameterValue"])), "type": draw(uris),
                "description": draw(st.text(max_size=20))}  # fmt: skip
    optional = {
        "type": uris, "title": st.text(max_size=12), "status": st.integers(400, 599) | st.sampled_from(["404"]),
        "detail": st.text(max_size=20), "instance": st.none() | uris,
    }  # fmt: skip
    return _with_extras(draw(_optional_members(optional)), draw(extra_members(PROBLEM_NAMES, max_size=3)))


# --- statusInfo.yaml, jobList.yaml -------------------------------------------------------------------
def statuses() -> st.SearchStrategy[str]:
    """The five statuses of 1.0, the ones met elsewhere, and any string."""
    return st.sampled_from(STANDARD_STATUSES) | st.sampled_from(ODD_STATUSES) | st.text(max_size=12)


def progresses() -> st.SearchStrategy[Any]:
    """``progress`` as servers send it: an integer, a float, a number as text (``"100"``), other text, a
    number beyond the range of a float, rarely another JSON value."""
    as_text = st.integers(0, 100).map(str) | st.floats(0, 100).map(repr) | st.from_regex(r" ?[0-9]{1,3}(\.[0-9])? ?")
    return (
        st.integers(0, 100)
        | st.floats(0, 100)
        | as_text
        | st.sampled_from(["", "n/a", "50%", "NaN", "1e400", "-1"])
        | st.just(float("inf"))
        | st.booleans()
        | st.lists(st.integers(0, 100), max_size=2)
    )


def job_ids() -> st.SearchStrategy[Any]:
    """A job id: mostly text (a UUID, any string), sometimes an integer."""
    return st.uuids().map(str) | st.text(max_size=12) | st.integers(0, 2**40)


@st.composite
def status_infos(draw: st.DrawFn) -> Dict[str, Any]:
    """A job status as servers send it: required jobID (or ``id``, as in the 2.0 draft) and status, any of
    the optional members (date-times possibly null or not RFC 3339, progress an int, a float or text),
    unknown members."""
    name = draw(st.sampled_from(["jobID", "jobID", "jobID", "id"]))
    document: Dict[str, Any] = {name: draw(job_ids()), "status": draw(statuses())}
    optional: Dict[str, st.SearchStrategy[Any]] = {
        "type": st.just("process") | st.text(max_size=8),
        "processID": st.text(max_size=12),
        "message": st.none() | st.text(max_size=20),
        "progress": progresses(),
        "links": st.none() | st.lists(links(), max_size=3),
        "exception": st.none() | problem_details(),
        **{name: received_date_times() for name in ("created", "started", "finished", "updated")},
    }
    document.update(draw(_optional_members(optional)))
    return _with_extras(document, draw(extra_members(STATUS_INFO_NAMES | {"id"})))


@st.composite
def job_lists(draw: st.DrawFn) -> Dict[str, Any]:
    """A page of the job list: ``jobs``, usually ``links``, sometimes ``numberMatched`` and the like."""
    document: Dict[str, Any] = {"jobs": draw(st.lists(status_infos(), max_size=4))}
    if draw(st.integers(0, 3)):
        document["links"] = draw(st.lists(links(), max_size=3))
    extras = draw(st.dictionaries(st.sampled_from(["numberMatched", "numberReturned"]), st.integers(0, 10**6)))
    document.update(extras)
    return _with_extras(document, draw(extra_members(JOB_LIST_NAMES, max_size=2)))


# --- bbox.yaml, qualifiedInputValue.yaml, results ----------------------------------------------------
@st.composite
def bboxes(draw: st.DrawFn) -> Dict[str, Any]:
    """A bounding box: 4 or 6 numbers, the crs as a URI string or an object, or none."""
    size = draw(st.sampled_from([4, 6]))
    box: Dict[str, Any] = {"bbox": draw(st.lists(numbers, min_size=size, max_size=size))}
    crs = draw(
        st.none()
        | st.just("http://www.opengis.net/def/crs/OGC/1.3/CRS84")
        | uris
        | st.fixed_dictionaries({"uri": uris})
        | st.fixed_dictionaries({"wkt": st.text(max_size=20)})
        | st.fixed_dictionaries({"referenceSystem": st.dictionaries(st.text(max_size=5), json_values, max_size=2)})
    )
    if crs is not None:
        box["crs"] = crs
    return _with_extras(box, draw(extra_members(BBOX_NAMES | RESULT_SHAPE_NAMES, max_size=2)))


def _objects() -> st.SearchStrategy[Dict[str, Any]]:
    return st.dictionaries(st.text(max_size=8), json_values, min_size=1, max_size=4)


@st.composite
def qualified_values(draw: st.DrawFn) -> Dict[str, Any]:
    """``{"value": ..., "mediaType", "encoding", "schema"}``; the value an object, a string, an array or
    another JSON value."""
    value = draw(_objects() | st.text(max_size=12) | st.lists(json_values, max_size=4) | json_values)
    optional = {
        "mediaType": st.sampled_from(["application/json", "application/geo+json", "text/plain"]),
        "encoding": st.sampled_from(["utf-8", "base64"]),
        "schema": uris | st.fixed_dictionaries({"type": st.just("object")}) | st.just({"$ref": "#/a"}),
    }
    document = {"value": value, **draw(_optional_members(optional))}
    return _with_extras(document, draw(extra_members(QUALIFIED_NAMES | RESULT_SHAPE_NAMES, max_size=2)))


def bare_objects() -> st.SearchStrategy[Dict[str, Any]]:
    """JSON objects of none of the known shapes (no ``href``, ``value`` or ``bbox`` member)."""
    return st.dictionaries(member_names(RESULT_SHAPE_NAMES), json_values, max_size=4)


RESULT_KINDS = ("string", "integer", "number", "boolean", "array", "bbox", "link", "qualified", "object")


def result_values(kinds: Tuple[str, ...] = RESULT_KINDS) -> st.SearchStrategy[Tuple[str, Any]]:
    """(kind, value) pairs: one result value of a job, and which kind of the standard it is."""
    by_kind: Dict[str, st.SearchStrategy[Any]] = {
        "string": st.text(max_size=20),
        "integer": st.integers(min_value=-(2**70), max_value=2**70),
        "number": st.floats(allow_nan=False),
        "boolean": st.booleans(),
        "array": st.lists(json_values, max_size=5),
        "bbox": bboxes(),
        "link": links(),
        "qualified": qualified_values(),
        "object": bare_objects(),
    }
    return st.one_of([by_kind[kind].map(lambda value, kind=kind: (kind, value)) for kind in kinds])


def results_maps(max_size: int = 6) -> st.SearchStrategy[Dict[str, Tuple[str, Any]]]:
    """A results document (output name -> (kind, value))."""
    return st.dictionaries(st.text(max_size=10), result_values(), max_size=max_size)


def values_of(results: Dict[str, Tuple[str, Any]]) -> Dict[str, Any]:
    """The JSON of a results map drawn from :func:`results_maps`."""
    return {name: value for name, (_, value) in results.items()}


def kinds_of(results: Dict[str, Tuple[str, Any]]) -> Dict[str, str]:
    return {name: kind for name, (kind, _) in results.items()}
