"""How the models and the workflow objects show themselves: notebook HTML (``_repr_html_``) and short reprs.

The HTML must be safe whatever a server sent (every value escaped, links only to http(s) URLs, no script,
no style sheet, nothing loaded), readable in light and dark themes (inherited colours only), bounded in
size, and it must render odd values instead of raising.
"""

from __future__ import annotations

import copy
import datetime
import html.parser
import json
import pickle
import pprint
import re
from typing import Any, Dict, List, Optional, Tuple, cast

import pytest

from unity_sps_ogc_processes_api_python_client import (
    ApiException,
    InlineOrRefDataInput,
    Job,
    JobListInput,
    ProcessInput,
    ProcessListInput,
    ProcessSummaryInput,
    StatusInfo,
)
from unity_sps_ogc_processes_api_python_client.models import _html
from unity_sps_ogc_processes_api_python_client.workflow.results import Results

from .conftest import JOB_ID, STATUS, status

HOSTILE = '<script>alert("x")</script>'
HOSTILE_TAG = '<img src=x onerror="alert(1)">'
HOSTILE_HREFS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    '" onmouseover="alert(1)',
    'http://example.org/" onmouseover="alert(1)',
    "http://example.org/\nx",
    "//evil.example/x",
    "/jobs/relative",
]

#: what the HTML may hold: these elements and attributes, nothing else
ALLOWED_TAGS = set("div span strong b code small progress table thead tbody tr th td a".split())
ALLOWED_ATTRIBUTES = {"class", "style", "href", "target", "rel", "max", "value"}


class Elements(html.parser.HTMLParser):
    """The elements, attributes and text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: List[Tuple[str, Dict[str, Optional[str]]]] = []
        self.text: List[str] = []

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(fragment: str) -> Elements:
    elements = Elements()
    elements.feed(fragment)
    elements.close()
    return elements


def check_safe(fragment: str) -> Elements:
    """Assert that an HTML fragment is safe and theme-neutral; return its elements."""
    elements = parsed(fragment)
    for tag, attributes in elements.tags:
        assert tag in ALLOWED_TAGS, f"unexpected element <{tag}>"
        assert set(attributes) <= ALLOWED_ATTRIBUTES, f"unexpected attributes on <{tag}>: {attributes}"
        if tag == "a":
            assert re.fullmatch(r"https?://\S+", attributes["href"] or "", re.IGNORECASE), attributes
            assert attributes["rel"] == "noopener noreferrer"
        assert not any("javascript" in (value or "").lower() for value in attributes.values()), attributes
        style = attributes.get("style") or ""
        assert "url(" not in style and "expression" not in style and "@import" not in style
        assert not re.search(r"(?<![-\w])(color|background)\s*:\s*(?!inherit)", style), style  # inherited colours
    lowered = fragment.lower()
    for marker in ("<script", "<style", "<link", "<img", "<iframe", "<svg"):  # as elements, not as text
        assert marker not in lowered, f"{marker!r} in the HTML"
    return elements


def text_of(fragment: str) -> str:
    return "".join(parsed(fragment).text)


def rows(fragment: str) -> int:
    """The body rows of the tables of a fragment."""
    return fragment.count("<tr") - fragment.count("<thead>")


# --- StatusInfo ---------------------------------------------------------------------------------------
def test_status_shows_its_status_a_progress_bar_times_message_and_links() -> None:
    shown = StatusInfo.from_dict(STATUS)._repr_html_()  # type: ignore[union-attr]
    check_safe(shown)
    text = text_of(shown)
    assert 'class="ogc-status"' in shown and JOB_ID in text and "hello-world" in text
    assert "successful" in text and "Job complete" in text
    assert '<progress max="100" value="100"' in shown and "100%" in text
    assert "created 2026-11-28 10:06:10 UTC" in text and "finished 2026-11-28 10:06:10 UTC" in text
    assert "took 5.61 ms" in text  # finished - started
    assert f'href="http://127.0.0.1:5000/jobs/{JOB_ID}/results?f=json"' in shown
    assert "Results of job as JSON" in text


@pytest.mark.parametrize(
    ("changes", "bar", "shown"),
    [
        pytest.param(
            {"status": "cancelled", "progress": None}, '<progress max="100" style', "cancelled", id="open-enum"
        ),
        pytest.param({"status": "running", "progress": "40"}, 'value="40"', "40%", id="progress-as-text"),
        pytest.param({"status": "running", "progress": " 42.5 "}, 'value="42.5"', "42.5%", id="progress-text-float"),
        pytest.param({"status": "running", "progress": "n/a"}, '<progress max="100" style', "running", id="no-number"),
        pytest.param({"status": "running", "progress": 1e400}, '<progress max="100" style', "running", id="infinity"),
        pytest.param({"status": "running", "progress": 250}, 'value="100"', "100%", id="above-100"),
        pytest.param({"status": "running", "progress": -3}, 'value="0"', "0%", id="below-0"),
        pytest.param({"status": "successful", "progress": None}, 'value="100"', "100%", id="successful-no-progress"),
        pytest.param({"status": "accepted", "progress": True}, '<progress max="100" style', "accepted", id="boolean"),
    ],
)
def test_odd_statuses_render(changes: Dict[str, Any], bar: str, shown: str) -> None:
    document = status(**changes, created=None, started="", finished="2026-11-28", updated=None)
    received = StatusInfo.from_json(json.dumps(document))
    assert received is not None
    page = received._repr_html_()
    check_safe(page)
    assert bar in page and shown in text_of(page)
    assert "created" not in text_of(page) and "took" not in text_of(page)  # missing and unreadable times


def test_a_status_of_odd_python_values_renders() -> None:
    # built without validation: whatever the attributes hold, the display does not fail
    odd = StatusInfo.model_construct(job_id=123, status="weird", progress="45", created=1999, message=7)
    page = odd._repr_html_()
    check_safe(page)
    assert "weird" in page and 'value="45"' in page and "created 1999" in text_of(page) and "7" in page
    # a text there is taken for a received date-time (read on use): one that is not shows nothing
    assert "yesterday" not in StatusInfo.model_construct(status="x", created="yesterday")._repr_html_()
    bare = StatusInfo.model_construct()
    check_safe(bare._repr_html_())
    assert "unknown" in text_of(bare._repr_html_())


def test_a_failed_status_shows_what_went_wrong() -> None:
    failed = StatusInfo.from_dict(
        status(status="failed", exception={"type": "x", "title": "No name", "detail": "give a <name>"})
    )
    assert failed is not None
    page = failed._repr_html_()
    check_safe(page)
    assert "failed: No name — give a <name>" in text_of(page)


def test_hostile_status_values_are_escaped() -> None:
    links = [{"href": href, "title": HOSTILE_TAG, "rel": HOSTILE} for href in HOSTILE_HREFS[:8]]
    links.insert(4, {"href": "https://example.org/ok?a=1&b=2", "title": "fine", "type": HOSTILE})
    hostile = StatusInfo.from_dict(
        status(jobID=HOSTILE, processID=HOSTILE_TAG, message=HOSTILE, status=HOSTILE, links=links,
               exception={"title": HOSTILE, "detail": HOSTILE_TAG})
    )  # fmt: skip
    assert hostile is not None
    page = hostile._repr_html_()
    elements = check_safe(page)
    anchors = [attributes["href"] for tag, attributes in elements.tags if tag == "a"]
    assert anchors == ["https://example.org/ok?a=1&b=2"]  # (the parser unescapes the attribute)
    assert 'href="https://example.org/ok?a=1&amp;b=2"' in page
    assert "&lt;script&gt;" in page and HOSTILE in text_of(page) and HOSTILE_TAG in text_of(page)


@pytest.mark.parametrize("href", HOSTILE_HREFS)
def test_only_http_urls_become_links(href: str) -> None:
    assert _html.safe_href(href) is None
    shown = _html.link_html(href, "label")
    check_safe(shown)
    assert "<a " not in shown


@pytest.mark.parametrize("href", ["http://example.org", "HTTPS://example.org/a/b?c=d&e=f#g", "http://127.0.0.1:5000/x"])
def test_http_urls_become_links(href: str) -> None:
    assert _html.safe_href(href) == href
    assert parsed(_html.link_html(href)).tags[0] == (
        "a",
        {
            "href": href,
            "target": "_blank",
            "rel": "noopener noreferrer",
            "style": "color:inherit;text-decoration:underline",
        },
    )


def test_long_texts_are_shortened() -> None:
    page = StatusInfo(job_id="j", status="running", message="x" * 100_000)._repr_html_()
    assert len(page) < 3_000 and "x" * 299 + "…" in page


# --- the short reprs ----------------------------------------------------------------------------------
def test_the_repr_of_a_status_is_short_and_useful() -> None:
    assert repr(StatusInfo(job_id="j-1", status="running", progress=40, message="tile 3")) == (
        "StatusInfo(job_id='j-1', status='running', progress=40, message='tile 3')"
    )
    received = StatusInfo.from_dict(STATUS)
    assert repr(received) == (
        f"StatusInfo(job_id='{JOB_ID}', status='successful', process_id='hello-world', progress=100, "
        "message='Job complete', type='process', created='2026-11-28T10:06:10.103002Z', "
        "started='2026-11-28T10:06:10.103016Z', finished='2026-11-28T10:06:10.108625Z', "
        "updated='2026-11-28T10:06:10.108694Z', links=<1 link>)"
    )
    odd = StatusInfo.from_json('{"id": 8, "status": "cancelled", "progress": "7", "created": ""}')
    assert repr(odd) == "StatusInfo(job_id='8', status='cancelled', progress=7, created=None)"
    assert str(odd) == "job_id='8' status='cancelled' progress=7 created=None"
    failed = StatusInfo(job_id="f", status="failed", exception={"title": "No name", "status": 400})
    assert repr(failed) == (
        "StatusInfo(job_id='f', status='failed', exception=ProblemDetails(title='No name', status=400))"
    )
    long = repr(StatusInfo(job_id="j", status="running", message="m" * 1000))
    assert len(long) < 200 and "…" in long


def test_the_short_repr_changes_nothing_else() -> None:
    received = StatusInfo.from_dict(STATUS)
    assert received is not None
    assert received.to_dict() == STATUS and json.loads(received.to_json()) == STATUS
    assert received.to_str() == pprint.pformat(STATUS)
    for again in (pickle.loads(pickle.dumps(received)), copy.deepcopy(received), received.model_copy()):
        assert again == received and again.to_dict() == STATUS and repr(again) == repr(received)
    assert isinstance(received.created, datetime.datetime)  # the attribute is still a datetime


def test_the_repr_of_a_job_list_counts_the_jobs() -> None:
    jobs = JobListInput.from_dict({
        "jobs": [status(), status(status="running"), status(status="running"), status(status="cancelled")],
        "links": [{"href": "http://x/jobs?page=2", "rel": "next"}],
        "numberMatched": 4,
    })  # fmt: skip
    assert repr(jobs) == "JobListInput(jobs=<4 jobs: 1 successful, 2 running, 1 cancelled>, links=<1 link>)"
    assert repr(JobListInput(jobs=[])) == "JobListInput(jobs=<0 jobs>)"
    assert jobs is not None and jobs.to_dict()["numberMatched"] == 4


def test_the_repr_of_a_process_list_counts_and_names_the_processes() -> None:
    processes = ProcessListInput(processes=[ProcessSummaryInput(id=f"p{index}") for index in range(12)])
    assert repr(processes) == (
        "ProcessListInput(processes=<12 processes: 'p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', "
        "... and 2 more>)"
    )
    assert repr(ProcessListInput(processes=[ProcessSummaryInput(id="echo")])) == (
        "ProcessListInput(processes=<1 process: 'echo'>)"
    )


def test_the_repr_of_a_process_names_its_inputs_and_outputs() -> None:
    described = ProcessInput.from_dict(DESCRIPTION)
    assert repr(described) == (
        "ProcessInput(id='<echo>', version='1.0.0', title='Echo <b>', job_control_options=['async-execute', "
        "'sync-execute', 'x-priority'], inputs=['text', 'pause', 'bands', 'mode', 'area', 'anything'], "
        "outputs=['echoOutput', 'image'])"
    )
    assert repr(ProcessSummaryInput(id="echo")) == "ProcessSummaryInput(id='echo')"


# --- job lists ----------------------------------------------------------------------------------------
def test_a_job_list_is_a_table() -> None:
    jobs = JobListInput.from_dict({
        "jobs": [status(), status(jobID="j2", status="running", progress="40", finished=None, message=HOSTILE)],
        "links": [{"href": "http://127.0.0.1:5000/jobs?offset=2", "rel": "next"}],
    })  # fmt: skip
    assert jobs is not None
    page = jobs._repr_html_()
    check_safe(page)
    text = text_of(page)
    assert 'class="ogc-jobs"' in page and rows(page) == 2
    assert "2 jobs: 1 successful, 1 running" in text and JOB_ID in text and "j2" in text and HOSTILE in text
    assert 'value="40"' in page and "2026-11-28 10:06:10 UTC" in text
    assert 'href="http://127.0.0.1:5000/jobs?offset=2"' in page  # the next page
    hostile_next = JobListInput.from_dict({"jobs": [], "links": [{"href": "javascript:alert(1)", "rel": "next"}]})
    assert hostile_next is not None
    check_safe(hostile_next._repr_html_())
    assert "0 jobs" in text_of(hostile_next._repr_html_())


def test_a_list_of_10000_jobs_is_a_bounded_table() -> None:
    jobs_json = [status(jobID=f"job-{index}", status="running", progress=index % 101) for index in range(10_000)]
    document = {"jobs": jobs_json}
    jobs = JobListInput.from_dict(document)
    assert jobs is not None
    page = jobs._repr_html_()
    check_safe(page)
    assert rows(page) == _html.MAX_ROWS == 50
    assert "… and 9,950 more jobs" in text_of(page) and "10,000 jobs: 10,000 running" in text_of(page)
    assert "job-49<" in page and "job-50<" not in page
    first_50 = JobListInput.from_dict({"jobs": document["jobs"][:50]})
    assert first_50 is not None and len(page) < len(first_50._repr_html_()) + 100 < 60_000
    assert repr(jobs) == "JobListInput(jobs=<10,000 jobs: 10,000 running>)"


# --- processes ----------------------------------------------------------------------------------------
DESCRIPTION: Dict[str, Any] = {
    "id": "<echo>",
    "version": "1.0.0",
    "title": "Echo <b>",
    "description": HOSTILE,
    "jobControlOptions": ["async-execute", "sync-execute", "x-priority"],
    "links": [{"href": "javascript:alert(1)", "rel": "self"}],
    "inputs": {
        "text": {"title": "Text", "description": HOSTILE_TAG, "schema": {"type": "string", "enum": ["a", "<b>"]}},
        "pause": {"title": "Pause", "schema": {"type": "number", "format": "float", "default": 0.5}, "minOccurs": 0},
        "bands": {"schema": {"type": "array", "items": {"type": "integer"}}, "minOccurs": 1, "maxOccurs": "unbounded"},
        "mode": {"schema": {"oneOf": [{"type": "string"}, {"$ref": "#/components/schemas/Mode"}]}},
        "area": {"schema": {"type": "object", "properties": {"bbox": {}}}},
        "anything": {"schema": True},
    },
    "outputs": {
        "echoOutput": {"schema": {"type": "string", "contentMediaType": "text/plain"}},
        "image": {"title": "<Image>", "schema": {"type": "string", "contentEncoding": "binary",
                                                "contentMediaType": "image/tiff"}},
    },
}  # fmt: skip


def test_a_process_description_shows_its_inputs_and_outputs_as_tables() -> None:
    described = ProcessInput.from_dict(DESCRIPTION)
    assert described is not None
    page = described._repr_html_()
    check_safe(page)
    text = text_of(page)
    assert 'class="ogc-process"' in page and page.count("<table") == 2 and rows(page) == 8
    assert "Echo <b>" in text and "<echo>" in text and HOSTILE in text and HOSTILE_TAG in text
    assert "version 1.0.0" in text and "runs: async-execute, sync-execute, x-priority" in text
    assert "Inputs (6)" in text and "Outputs (2)" in text
    for words in ('one of "a", "<b>"', "number (float) = 0.5", "array of integer", "string | Mode", "object",
                  "any", "string (text/plain)", "string (image/tiff)", "0..1 (optional)", "1..unbounded"):  # fmt: skip
        assert words in text, words


def test_a_process_summary_and_a_process_list() -> None:
    summary = ProcessSummaryInput(id="hello-world", version="0.2.0", title="Hello World")
    check_safe(summary._repr_html_())
    assert "Hello World" in text_of(summary._repr_html_()) and "<table" not in summary._repr_html_()
    processes = ProcessListInput(processes=[summary, ProcessSummaryInput(id=HOSTILE, description=HOSTILE_TAG)])
    page = processes._repr_html_()
    check_safe(page)
    assert 'class="ogc-processes"' in page and rows(page) == 2 and "2 processes" in text_of(page)
    assert HOSTILE in text_of(page) and HOSTILE_TAG in text_of(page)
    many = ProcessListInput(processes=[ProcessSummaryInput(id=f"p{index}") for index in range(120)])
    assert rows(many._repr_html_()) == 50 and "… and 70 more processes" in text_of(many._repr_html_())


@pytest.mark.parametrize(
    ("schema", "words"),
    [
        (None, "any"), (False, "nothing"), ({}, "any"), ({"type": ["string", "null"]}, "string | null"),
        ({"allOf": [{"type": "integer"}, {"minimum": 0}]}, "integer and any"), ({"enum": list(range(20))},
         "one of 0, 1, 2, 3, 4, 5, 6, 7, …"), ({"type": "array", "items": {"type": "array", "items": {"type":
         "array", "items": {"type": "array", "items": {"type": "array"}}}}}, "array of array of array of array of …"),
        ("not a schema", "not a schema"), ({"type": "string", "format": "x" * 500}, "string (" + "x" * 110),
    ],
)  # fmt: skip
def test_schemas_in_a_few_words(schema: Any, words: str) -> None:
    assert _html.schema_text(schema).startswith(words)
    assert len(_html.schema_text(schema)) <= 120


# --- results ------------------------------------------------------------------------------------------
RESULTS: Dict[str, Any] = {
    "text": "Hello <b>World</b>",
    "number": 42.5,
    "flag": True,
    "nothing": None,
    "object": {"a": [1, 2, HOSTILE]},
    "array": [1, 2, 3],
    "image": {"href": "http://127.0.0.1:5000/out/image.tif", "type": "image/tiff", "title": "The <image>"},
    "hostile": {"href": "javascript:alert(1)", "title": HOSTILE},
    "qualified": {"value": {"x": 1}, "mediaType": "application/geo+json"},
    "encoded": {"value": "AAEC", "mediaType": "image/png", "encoding": "base64"},
    "box": {"bbox": [1, 2, 3, 4], "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84"},
    "long": "y" * 10_000,
}


def results() -> Results:
    return Results({name: InlineOrRefDataInput(value) for name, value in RESULTS.items()})


def test_results_are_a_table_with_links_as_links() -> None:
    page = results()._repr_html_()
    elements = check_safe(page)
    text = text_of(page)
    assert 'class="ogc-results"' in page and rows(page) == len(RESULTS) and "12 results" in text
    anchors = [(attributes["href"]) for tag, attributes in elements.tags if tag == "a"]
    assert anchors == ["http://127.0.0.1:5000/out/image.tif"]
    for shown in ("Hello <b>World</b>", "42.5", "true", "null", '{"a": [1, 2, "<script>', "[1, 2, 3]",
                  "The <image>", "image/tiff", HOSTILE, "javascript:alert(1)", '{"x": 1}', "application/geo+json",
                  "AAEC", "image/png base64", "[1, 2, 3, 4] (\"http://www.opengis.net/def/crs/OGC/1.3/CRS84\")",
                  "y" * 299 + "…"):  # fmt: skip
        assert shown in text, shown
    assert len(page) < 10_000


def test_results_are_a_dict_with_a_short_repr() -> None:
    shown = results()
    assert isinstance(shown, dict) and shown == dict(shown)
    again = pickle.loads(pickle.dumps(shown))
    assert type(again) is Results and again == shown and copy.copy(shown) == shown
    assert repr(Results({"echo": InlineOrRefDataInput("Hello")})) == "Results({'echo': 'Hello'})"
    assert repr(Results({"image": InlineOrRefDataInput(RESULTS["image"])})) == (
        "Results({'image': Link(href='http://127.0.0.1:5000/out/image.tif', type='image/tiff')})"
    )
    assert repr(Results({"v": InlineOrRefDataInput(RESULTS["encoded"])})) == (
        "Results({'v': QualifiedInputValueInput(value='AAEC', media_type='image/png')})"
    )
    long = repr(shown)
    assert len(long) < 1_000 and "... and 2 more" in long
    many = Results({f"out{index}": InlineOrRefDataInput(index) for index in range(100)})
    assert rows(many._repr_html_()) == 50 and "… and 50 more results" in text_of(many._repr_html_())
    assert "0 results" in text_of(Results()._repr_html_())


def test_a_single_value_shows_itself() -> None:
    link = InlineOrRefDataInput(RESULTS["image"])._repr_html_()
    check_safe(link)
    assert 'href="http://127.0.0.1:5000/out/image.tif"' in link and "(image/tiff)" in text_of(link)
    check_safe(InlineOrRefDataInput(RESULTS["hostile"])._repr_html_())
    assert _html.value_html(b"\x00\x01") == ("2 bytes", "bytes")


# --- Job ----------------------------------------------------------------------------------------------
class FakeJobsApi:
    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.calls = 0

    def get_status_jobs_job_id_get(self, job_id: str, **options: Any) -> StatusInfo:
        self.calls += 1
        if isinstance(self.answer, BaseException):
            raise self.answer
        return cast(StatusInfo, self.answer)


class FakeClient:
    def __init__(self, answer: Any) -> None:
        self.jobs_api = FakeJobsApi(answer)


def test_a_job_shows_its_live_status() -> None:
    running = StatusInfo(job_id="j", status="running", progress=40)
    client = FakeClient(running)
    job = Job(cast(Any, client), "j", StatusInfo(job_id="j", status="accepted"))
    page = job._repr_html_()
    check_safe(page)
    assert client.jobs_api.calls == 1 and 'value="40"' in page and "running" in text_of(page)
    done = Job(cast(Any, client), "j", StatusInfo(job_id="j", status="successful"))
    assert "successful" in text_of(done._repr_html_()) and client.jobs_api.calls == 1  # ended: not asked again


def test_a_job_whose_status_cannot_be_fetched_says_so() -> None:
    job = Job(cast(Any, FakeClient(ApiException(status=503, reason=HOSTILE))), HOSTILE)
    page = job._repr_html_()
    check_safe(page)
    assert "status unavailable" in text_of(page) and HOSTILE in text_of(page)


# --- helpers ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.00561, "5.61 ms"), (1.5, "1.50 s"), (12.25, "12.2 s"), (184, "3 min 4 s"), (7500, "2 h 5 min"), (-1, None)],
)
def test_durations(seconds: float, text: Optional[str]) -> None:
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    assert _html.duration_text(start, start + datetime.timedelta(seconds=seconds)) == text


def test_times_and_durations_of_odd_values() -> None:
    aware = datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    assert _html.time_text(aware) == "2026-01-01 12:00:00 +0200"
    assert _html.time_text(datetime.datetime(2026, 1, 1)) == "2026-01-01 00:00:00"  # naive: no zone shown
    assert _html.time_text("") is None and _html.time_text(None) is None
    assert _html.duration_text(datetime.datetime(2026, 1, 1), aware) is None  # naive and aware
    assert _html.duration_text("2026", aware) is None


def test_every_helper_escapes() -> None:
    for fragment in (_html.escape(HOSTILE), _html.link_html(HOSTILE, HOSTILE), _html.links_html([object()]),
                     _html.value_html(HOSTILE)[0], _html.table_html([HOSTILE], [[_html.escape(HOSTILE)]], 1),
                     _html.box(HOSTILE, [_html.escape(HOSTILE)])):  # fmt: skip
        check_safe(fragment)
        assert HOSTILE not in fragment
