"""How the models show themselves: short ``repr()`` arguments, and HTML for notebooks (``_repr_html_``).

The HTML is safe to show whatever a server sent: every value is escaped, only ``http``/``https`` hrefs
become links, and it holds no script, no style sheet and nothing loaded from elsewhere. It inherits the
colours of the page (light or dark theme); the progress bar is a ``<progress>`` element. Tables are
bounded (:data:`MAX_ROWS` rows, then "… and N more") and long texts are shortened, so a list of 10,000
jobs stays a small page. Every helper takes any value and renders it: an odd value (a status outside the
standard, a progress written as text, a missing time) never makes the display fail.
"""

from __future__ import annotations

import datetime as _dt
import html
import json
import math
import re
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

__all__ = [
    "MAX_ROWS",
    "Shown",
    "count",
    "short_text",
    "escape",
    "safe_href",
    "link_html",
    "links_html",
    "percent",
    "progress_html",
    "time_wire",
    "time_text",
    "duration_text",
    "value_html",
    "value_repr",
    "schema_text",
    "table_html",
    "box",
    "status_args",
    "job_list_args",
    "process_list_args",
    "process_args",
    "status_html",
    "job_rows_html",
    "job_list_html",
    "process_summary_html",
    "process_list_html",
    "process_html",
    "results_html",
    "results_repr",
]

#: the rows a table shows at most; the others are counted ("… and 9,950 more jobs")
MAX_ROWS = 50
#: the characters a text shows at most in a table cell (messages, descriptions, values)
MAX_TEXT = 300
#: the items a ``repr()`` names at most (process ids, results)
MAX_NAMED = 10

# inherited colours only: a translucent grey for lines and badges reads on light and dark backgrounds
_TABLE = "border-collapse:collapse;margin:2px 0;font-size:0.9em"
_ROW = "border-bottom:1px solid rgba(128,128,128,0.3)"
_CELL = "padding:1px 8px 1px 0;text-align:left;vertical-align:top"
_HEAD = _CELL + ";font-weight:bold"
_BADGE = "padding:0 5px;border:1px solid currentColor;border-radius:3px;font-weight:bold"
_BAR = "width:10em;height:0.9em;vertical-align:middle"
_SMALL_BAR = "width:5em;height:0.8em;vertical-align:middle"
_NOWRAP = "white-space:nowrap"
_LINK = "color:inherit;text-decoration:underline"
_BOX = "line-height:1.45;margin:2px 0"
_MUTED = "opacity:0.75"
_SAFE_HREF = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f\"'<>`\\]+", re.IGNORECASE)


# --- repr() -------------------------------------------------------------------------------------------
class Shown:
    """A value whose ``repr()`` is the given text (``<3 jobs>``): for ``__repr_args__``."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def count(number: int, noun: str, plural: Optional[str] = None) -> str:
    """``1 job``, ``10,000 jobs``."""
    return f"{number:,} {noun if number == 1 else (plural or noun + 's')}"


def _plain(value: Any) -> Any:
    """An open-enum member as its string (``'running'``), a date-time as its text, else the value."""
    if isinstance(value, str):
        return str(value)  # an enum member of str: its raw value
    if isinstance(value, _dt.datetime):
        return time_wire(value)
    return value


def value_repr(value: Any, limit: int = 80) -> str:
    """A short ``repr()`` of a value (shortened to ``limit`` characters)."""
    if hasattr(value, "actual_instance"):  # a union wrapper: what it holds
        value = value.actual_instance
    href = getattr(value, "href", None)
    if isinstance(href, str) and not isinstance(value, Mapping):  # a link: its href and media type
        kind = getattr(value, "type", None)
        text = f"Link(href={href!r}" + (f", type={kind!r})" if isinstance(kind, str) else ")")
    elif hasattr(value, "media_type") and hasattr(value, "value"):  # a qualified value
        media = value.media_type
        text = f"{type(value).__name__}(value={value.value!r}" + (f", media_type={media!r})" if media else ")")
    elif isinstance(value, bytes):
        text = f"<{count(len(value), 'byte')}>"
    else:
        text = repr(_plain(value))
    return short_text(text, limit)


def status_args(status: Any) -> Iterable[Tuple[Optional[str], Any]]:
    """The ``repr()`` arguments of a job status: the job id and the status, then the members that were set
    or received, key ones first; date-times as their text, links counted."""
    fields_set: Set[str] = getattr(status, "model_fields_set", set())
    yield "job_id", getattr(status, "job_id", None)
    yield "status", _plain(getattr(status, "status", None))
    for name in ("process_id", "progress", "message", "type", "created", "started", "finished", "updated"):
        if name in fields_set:
            value = _plain(getattr(status, name, None))
            yield name, Shown(repr(short_text(value, 100))) if isinstance(value, str) and len(value) > 100 else value
    if "exception" in fields_set:
        problem = getattr(status, "exception", None)
        yield "exception", None if problem is None else Shown(_problem_repr(problem))
    yield from _links_arg(status)


def job_list_args(job_list: Any) -> Iterable[Tuple[Optional[str], Any]]:
    """The ``repr()`` arguments of a job list: the jobs counted by status, the links counted."""
    jobs = list(getattr(job_list, "jobs", None) or ())
    tally = ", ".join(f"{number:,} {name}" for name, number in _tally(jobs).items())
    yield "jobs", Shown(f"<{count(len(jobs), 'job')}{': ' + tally if tally else ''}>")
    yield from _links_arg(job_list)


def process_list_args(process_list: Any) -> Iterable[Tuple[Optional[str], Any]]:
    """The ``repr()`` arguments of a process list: the processes counted and named (the first ones)."""
    processes = list(getattr(process_list, "processes", None) or ())
    names = ", ".join(repr(_plain(getattr(process, "id", None))) for process in processes[:MAX_NAMED])
    if len(processes) > MAX_NAMED:
        names += f", ... and {len(processes) - MAX_NAMED:,} more"
    yield "processes", Shown(f"<{count(len(processes), 'process', 'processes')}{': ' + names if names else ''}>")
    yield from _links_arg(process_list)


def process_args(process: Any) -> Iterable[Tuple[Optional[str], Any]]:
    """The ``repr()`` arguments of a process (summary or description): its id, version, title and how it
    may run, and the names of its inputs and outputs."""
    fields_set: Set[str] = getattr(process, "model_fields_set", set())
    yield "id", getattr(process, "id", None)
    for name in ("version", "title"):
        if name in fields_set:
            yield name, getattr(process, name, None)
    if "job_control_options" in fields_set:
        options = getattr(process, "job_control_options", None)
        yield "job_control_options", None if options is None else [_plain(option) for option in options]
    for name in ("inputs", "outputs"):
        if name in fields_set:
            items = getattr(process, name, None)
            yield name, None if items is None else Shown(_names(items))


def _names(items: Iterable[Any]) -> str:
    names = list(items)
    shown = [repr(name) for name in names[:MAX_NAMED]]
    if len(names) > MAX_NAMED:
        shown.append(f"... and {len(names) - MAX_NAMED:,} more")
    return f"[{', '.join(shown)}]"


def _links_arg(model: Any) -> Iterable[Tuple[Optional[str], Any]]:
    if "links" in getattr(model, "model_fields_set", set()):
        links = getattr(model, "links", None)
        yield "links", None if links is None else Shown(f"<{count(len(links), 'link')}>")


def _tally(jobs: Iterable[Any]) -> Dict[str, int]:
    tally: Dict[str, int] = {}
    for job in jobs:
        key = str(_plain(getattr(job, "status", None)))
        tally[key] = tally.get(key, 0) + 1
    return tally


def _problem_repr(problem: Any) -> str:
    parts = [f"{name}={getattr(problem, name)!r}" for name in ("title", "status", "detail", "type")
             if getattr(problem, name, None) is not None]  # fmt: skip
    return short_text(f"{type(problem).__name__}({', '.join(parts)})", 120)


# --- text ---------------------------------------------------------------------------------------------
def short_text(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` cut to ``limit`` characters, ending with ``…`` when it was cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "…"


def escape(value: Any, limit: int = MAX_TEXT) -> str:
    """The escaped text of any value (quotes too, so it may stand in an attribute), shortened."""
    text = value if isinstance(value, str) else str(_plain(value))
    return html.escape(short_text(text, limit), quote=True)


def _json_preview(value: Any, limit: int = MAX_TEXT) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return short_text(text, limit)


# --- links --------------------------------------------------------------------------------------------
def safe_href(href: Any) -> Optional[str]:
    """``href`` if it may be a link: an absolute ``http``/``https`` URL without spaces, control characters
    or quotes; else ``None`` (``javascript:``, ``data:``, relative references, ...)."""
    if isinstance(href, str) and _SAFE_HREF.fullmatch(href):
        return href
    return None


def link_html(href: Any, text: Any = None, limit: int = 120) -> str:
    """A link to ``href`` that opens in a new tab, showing ``text`` (default: the href). An href that
    may not be a link is shown as text."""
    shown = escape(text if text not in (None, "") else href, limit)
    url = safe_href(href)
    if url is None:
        return shown if text in (None, "") else f"{shown} <code>{escape(href, limit)}</code>"
    attributes = f'href="{html.escape(url, quote=True)}" target="_blank" rel="noopener noreferrer" style="{_LINK}"'
    return f"<a {attributes}>{shown}</a>"


def links_html(links: Any, limit: int = 10) -> str:
    """The links of a model (objects with ``href``, ``title``, ``rel``, ``type``), at most ``limit``."""
    items = [link for link in (links or ()) if isinstance(getattr(link, "href", None), str)]
    shown = []
    for link in items[:limit]:
        label = getattr(link, "title", None) or getattr(link, "rel", None) or link.href
        kind = getattr(link, "type", None)
        shown.append(link_html(link.href, label) + (f" <small>({escape(kind, 80)})</small>" if kind else ""))
    if len(items) > limit:
        shown.append(f"… and {len(items) - limit:,} more")
    return " · ".join(shown)


# --- progress and times -------------------------------------------------------------------------------
def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def percent(progress: Any, status: Any = None) -> Optional[float]:
    """The progress in percent (0 to 100), from a number or a number written as text; 100 for a successful
    job that gave none; ``None`` when it is not known."""
    number = _number(progress)
    if number is not None:
        return max(0.0, min(100.0, number))
    return 100.0 if str(_plain(status)) == "successful" else None


def progress_html(value: Optional[float], small: bool = False) -> str:
    """A ``<progress>`` bar and its percentage; a bar without a value (the browser's "busy" bar) when
    the progress is unknown. ``small``: a shorter bar, for tables."""
    style = _SMALL_BAR if small else _BAR
    if value is None:
        return f'<progress max="100" style="{style}"></progress>'
    shown = f"{value:.0f}" if value == int(value) else f"{value:.1f}"
    bar = f'<progress max="100" value="{shown}" style="{style}">{shown}%</progress>'
    return f'<span style="{_NOWRAP}">{bar} {shown}%</span>'


def time_wire(value: _dt.datetime) -> str:
    """The text of a date-time: as received (``wire``) or in ISO 8601."""
    wire = getattr(value, "wire", None)
    return wire if isinstance(wire, str) else value.isoformat()


def time_text(value: Any) -> Optional[str]:
    """A date-time for people: ``2026-11-28 10:06:10 UTC`` (to the second); ``None`` if there is none."""
    if value is None:
        return None
    if not isinstance(value, _dt.datetime):
        return str(value) if str(value).strip() else None
    offset = value.utcoffset()
    zone = "" if offset is None else " UTC" if not offset else " " + value.strftime("%z")
    return value.strftime("%Y-%m-%d %H:%M:%S") + zone


def duration_text(start: Any, end: Any) -> Optional[str]:
    """How long from ``start`` to ``end`` (two aware date-times): ``0.006 s``, ``12.5 s``, ``3 min 4 s``,
    ``2 h 5 min``; ``None`` if either is missing."""
    if not isinstance(start, _dt.datetime) or not isinstance(end, _dt.datetime):
        return None
    try:
        seconds = (end - start).total_seconds()
    except TypeError:  # one naive, one aware
        return None
    if seconds < 0:
        return None
    if seconds < 1:
        return f"{seconds * 1000:.3g} ms"
    if seconds < 10:
        return f"{seconds:.2f} s"
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(int(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {rest} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


# --- values -------------------------------------------------------------------------------------------
def value_html(value: Any) -> Tuple[str, str]:
    """A result or input value as (the value, its kind), both HTML: a link as a link, a qualified value as
    its value and media type, a bounding box as its numbers, other JSON as shortened JSON."""
    if hasattr(value, "actual_instance"):  # a union wrapper (InlineOrRefDataInput): what it holds
        value = value.actual_instance
    href = getattr(value, "href", None)
    if isinstance(href, str) and not isinstance(value, Mapping):  # a Link
        kind = getattr(value, "type", None)
        return link_html(href, getattr(value, "title", None) or href), escape(kind or "link", 80)
    if hasattr(value, "media_type") and hasattr(value, "value"):  # a QualifiedInputValueInput
        inner, _ = value_html(value.value)
        kind = " ".join(escape(part, 80) for part in (value.media_type, value.encoding) if part)
        return inner, kind or "value"
    if hasattr(value, "bbox") and not isinstance(value, Mapping):  # a Bbox
        crs = getattr(value, "crs", None)
        text = _json_preview(getattr(value, "bbox", None), 200) + (f" ({_json_preview(crs, 120)})" if crs else "")
        return escape(text), "bbox"
    if isinstance(value, bytes):
        return escape(count(len(value), "byte")), "bytes"
    if isinstance(value, str):
        return escape(value), "string"
    if value is None or isinstance(value, (bool, int, float)):
        return f"<code>{escape(_json_preview(value))}</code>", "null" if value is None else type(value).__name__
    if isinstance(value, Mapping):
        return f"<code>{escape(_json_preview(dict(value)))}</code>", "object"
    if isinstance(value, (list, tuple)):
        return f"<code>{escape(_json_preview(list(value)))}</code>", "array"
    return escape(repr(value)), escape(type(value).__name__, 80)


def schema_text(schema: Any, limit: int = 120) -> str:
    """A JSON schema in a few words: ``number``, ``string (date-time)``, ``array of number``,
    ``one of 'a', 'b'``, ``any``."""
    return short_text(_schema_words(schema, 0), limit)


def _schema_words(schema: Any, depth: int) -> str:
    if schema is True or schema is None:
        return "any"
    if schema is False:
        return "nothing"
    if not isinstance(schema, Mapping) or depth > 3:
        return "…" if depth > 3 else str(schema)
    if "enum" in schema and isinstance(schema["enum"], list):
        return (
            "one of "
            + ", ".join(_json_preview(item, 40) for item in schema["enum"][:8])
            + (", …" if len(schema["enum"]) > 8 else "")
        )
    for key in ("oneOf", "anyOf", "allOf"):
        if isinstance(schema.get(key), list) and schema[key]:
            joiner = " and " if key == "allOf" else " | "
            return joiner.join(_schema_words(item, depth + 1) for item in schema[key][:5])
    reference = schema.get("$ref")
    if isinstance(reference, str):
        return reference.rstrip("/").rsplit("/", 1)[-1] or reference
    kind = schema.get("type")
    words = " | ".join(str(item) for item in kind) if isinstance(kind, list) else str(kind) if kind else ""
    if words == "array" and "items" in schema:
        words = "array of " + _schema_words(schema["items"], depth + 1)
    details = [str(schema[key]) for key in ("format", "contentMediaType") if isinstance(schema.get(key), str)]
    if details:
        words = f"{words} ({', '.join(details)})" if words else ", ".join(details)
    if "default" in schema:
        words += f" = {_json_preview(schema['default'], 40)}"
    words = words.strip()
    if words:
        return words
    return "object" if "properties" in schema else "any"


# --- tables and boxes ---------------------------------------------------------------------------------
def table_html(headers: Sequence[str], rows: Iterable[Sequence[str]], total: int, nouns: str = "rows") -> str:
    """A table of at most :data:`MAX_ROWS` rows (cells already HTML), then ``… and N more <nouns>`` of
    ``total``."""
    head = "".join(f'<th style="{_HEAD}">{escape(name)}</th>' for name in headers)
    row_start = f'<tr style="{_ROW}">'
    body: List[str] = []
    for row in rows:
        if len(body) >= MAX_ROWS:
            break
        body.append(row_start + "".join(f'<td style="{_CELL}">{cell}</td>' for cell in row) + "</tr>")
    more = total - len(body)
    tail = f'<div style="{_MUTED}">… and {more:,} more {escape(nouns, 40)}</div>' if more > 0 else ""
    return f'<table style="{_TABLE}"><thead>{row_start}{head}</tr></thead><tbody>{"".join(body)}</tbody></table>{tail}'


def box(kind: str, parts: Iterable[str]) -> str:
    """The outer block of a display (``class="ogc-<kind>"``) holding the parts that are not empty."""
    inner = "".join(f"<div>{part}</div>" for part in parts if part)
    return f'<div class="ogc-{escape(kind, 40)}" style="{_BOX}">{inner}</div>'


def _badge(status: Any) -> str:
    return f'<span style="{_BADGE}">{escape(_plain(status) if status is not None else "unknown", 40)}</span>'


def _nowrap(text: str) -> str:
    return f'<span style="{_NOWRAP}">{text}</span>' if text else ""


def _muted(text: str) -> str:
    return f'<span style="{_MUTED}">{text}</span>' if text else ""


# --- job statuses -------------------------------------------------------------------------------------
def status_html(status: Any) -> str:
    """A job status: its id and process, the status with a progress bar, the message, the times, what
    went wrong (a failed job) and its links."""
    job_id, process_id = getattr(status, "job_id", None), getattr(status, "process_id", None)
    state = getattr(status, "status", None)
    head = f"<strong>Job</strong> <code>{escape(job_id, 120)}</code>"
    if process_id:
        head += f" · process <code>{escape(process_id, 120)}</code>"
    line = f"{_badge(state)} {progress_html(_shown_percent(status))}"
    message = getattr(status, "message", None)
    return box("status", [head, line, escape(message) if message else "", _times_html(status),
                          _problem_html(getattr(status, "exception", None)),
                          _muted(links_html(getattr(status, "links", None)))])  # fmt: skip


def _shown_percent(status: Any) -> Optional[float]:
    return percent(getattr(status, "progress", None), getattr(status, "status", None))


def _times_html(status: Any) -> str:
    shown = []
    for name in ("created", "started", "finished", "updated"):
        text = time_text(getattr(status, name, None))
        if text is not None:
            shown.append(f"{name} {escape(text, 60)}")
    took = duration_text(getattr(status, "started", None), getattr(status, "finished", None))
    if took is not None:
        shown.append(f"took {escape(took)}")
    return _muted(" · ".join(shown))


def _problem_html(problem: Any) -> str:
    if problem is None:
        return ""
    parts = [getattr(problem, name, None) for name in ("title", "detail")]
    text = " — ".join(escape(part) for part in parts if part) or escape(getattr(problem, "type", None) or "an error")
    return f"<strong>failed:</strong> {text}"


def job_rows_html(jobs: Sequence[Any]) -> Tuple[List[str], Iterable[List[str]]]:
    """The headers and rows of a table of jobs (rows made as the table takes them)."""
    headers = ["job", "process", "status", "progress", "message", "created", "finished"]

    def rows() -> Iterable[List[str]]:
        for job in jobs:
            finished = getattr(job, "finished", None) or getattr(job, "updated", None)
            message = getattr(job, "message", None)
            yield [
                f'<code style="{_NOWRAP}">{escape(getattr(job, "job_id", None), 80)}</code>',
                escape(getattr(job, "process_id", None) or "", 80),
                _badge(getattr(job, "status", None)),
                progress_html(_shown_percent(job), small=True),
                escape(message, 120) if message else "",
                _nowrap(escape(time_text(getattr(job, "created", None)) or "", 40)),
                _nowrap(escape(time_text(finished) or "", 40)),
            ]

    return headers, rows()


def job_list_html(jobs: Sequence[Any], links: Any = None) -> str:
    """A list of jobs: how many in each status, then a table (bounded) and the link to the next page."""
    tally = _tally(jobs)
    summary = f"<strong>{escape(count(len(jobs), 'job'))}</strong>"
    if tally:
        summary += ": " + ", ".join(f"{number:,} {escape(name, 40)}" for name, number in tally.items())
    headers, rows = job_rows_html(jobs)
    parts = [summary, table_html(headers, rows, len(jobs), "jobs") if jobs else "", _next_html(links)]
    return box("jobs", parts)


def _next_html(links: Any) -> str:
    for link in links or ():
        rel = getattr(link, "rel", None)
        if isinstance(rel, str) and "next" in rel.lower().split():
            return _muted("next page: " + link_html(getattr(link, "href", None), getattr(link, "href", None)))
    return ""


# --- processes ----------------------------------------------------------------------------------------
def _options(process: Any) -> str:
    options = getattr(process, "job_control_options", None) or ()
    return ", ".join(escape(_plain(option), 40) for option in options)


def process_summary_html(process: Any) -> str:
    """The head of a process: title, id and version, description, how it may be run."""
    title = getattr(process, "title", None)
    version = getattr(process, "version", None)
    head = f"<strong>{escape(title, 200)}</strong> " if title else "<strong>Process</strong> "
    head += f"<code>{escape(getattr(process, 'id', None), 120)}</code>"
    if version:
        head += _muted(f" version {escape(version, 40)}")
    description = getattr(process, "description", None)
    options = _options(process)
    return "".join(f"<div>{part}</div>" for part in (
        head, escape(description, 1000) if description else "", _muted("runs: " + options) if options else "",
    ) if part)  # fmt: skip


def process_list_html(processes: Sequence[Any]) -> str:
    """A list of processes: a table of their ids, versions, titles, descriptions and how they may run."""

    def rows() -> Iterable[List[str]]:
        for process in processes:
            yield [
                f'<code style="{_NOWRAP}">{escape(getattr(process, "id", None), 120)}</code>',
                escape(getattr(process, "version", None) or "", 40),
                escape(getattr(process, "title", None) or "", 120),
                escape(getattr(process, "description", None) or "", 160),
                _options(process),
            ]

    headers = ["process", "version", "title", "description", "runs"]
    summary = f"<strong>{escape(count(len(processes), 'process', 'processes'))}</strong>"
    return box("processes", [summary, table_html(headers, rows(), len(processes), "processes") if processes else ""])


def _occurs(description: Any) -> str:
    low, high = getattr(description, "min_occurs", None), getattr(description, "max_occurs", None)
    low = 1 if low is None else low
    high = 1 if high is None else high
    if low == high:
        return escape(low, 20)
    return f"{escape(low, 20)}..{escape(high, 20)}" + (" (optional)" if low == 0 else "")


def process_html(process: Any) -> str:
    """A process description: its head, then its inputs and its outputs as tables."""
    inputs: Mapping[str, Any] = getattr(process, "inputs", None) or {}
    outputs: Mapping[str, Any] = getattr(process, "outputs", None) or {}

    def input_rows() -> Iterable[List[str]]:
        for name, item in inputs.items():
            yield [f"<code>{escape(name, 120)}</code>", escape(getattr(item, "title", None) or "", 120),
                   escape(schema_text(getattr(item, "var_schema", None))), _occurs(item),
                   escape(getattr(item, "description", None) or "", 200)]  # fmt: skip

    def output_rows() -> Iterable[List[str]]:
        for name, item in outputs.items():
            yield [f"<code>{escape(name, 120)}</code>", escape(getattr(item, "title", None) or "", 120),
                   escape(schema_text(getattr(item, "var_schema", None))),
                   escape(getattr(item, "description", None) or "", 200)]  # fmt: skip

    parts = [process_summary_html(process)]
    if inputs:
        parts.append(f"<strong>Inputs</strong> ({len(inputs):,})")
        parts.append(table_html(["input", "title", "schema", "occurs", "description"], input_rows(), len(inputs),
                                "inputs"))  # fmt: skip
    if outputs:
        parts.append(f"<strong>Outputs</strong> ({len(outputs):,})")
        parts.append(table_html(["output", "title", "schema", "description"], output_rows(), len(outputs), "outputs"))
    return box("process", parts)


# --- results ------------------------------------------------------------------------------------------
def results_html(results: Mapping[str, Any]) -> str:
    """The results of a job, by output id: a table of the values (links as links) and their kinds."""

    def rows() -> Iterable[List[str]]:
        for name, value in results.items():
            shown, kind = value_html(value)
            yield [f"<code>{escape(name, 120)}</code>", shown, _muted(kind)]

    summary = f"<strong>{escape(count(len(results), 'result'))}</strong>"
    return box("results", [summary, table_html(["output", "value", "kind"], rows(), len(results), "results")
                           if results else ""])  # fmt: skip


def results_repr(name: str, results: Mapping[str, Any]) -> str:
    """``Results({'echo': 'Hello', 'image': Link(href='http://...', type='image/tiff')})``: each value
    shortened, at most :data:`MAX_NAMED` of them."""
    shown = [f"{key!r}: {value_repr(value, 100)}" for key, value in list(results.items())[:MAX_NAMED]]
    if len(results) > MAX_NAMED:
        shown.append(f"... and {len(results) - MAX_NAMED:,} more")
    return f"{name}({{{', '.join(shown)}}})"
