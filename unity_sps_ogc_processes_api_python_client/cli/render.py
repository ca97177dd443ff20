"""What the command line prints: aligned tables, compact times, one-line values, and JSON for scripts.

Standard library only. Tables are for people: columns aligned, long cells cut with ``…``, a status
coloured only when standard output is a terminal and ``NO_COLOR`` is unset. ``--json`` output is the
server's JSON (``to_dict()``), indented.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import shutil
import sys
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Sequence, TextIO

__all__ = [
    "Column",
    "table",
    "key_values",
    "one_line",
    "cut",
    "ago",
    "duration",
    "between",
    "timestamp",
    "value_text",
    "json_out",
    "to_json",
    "status_colour",
    "use_colour",
]

ELLIPSIS = "…"


def one_line(text: object) -> str:
    """``text`` with every run of whitespace (line breaks too) made one space."""
    return " ".join(str(text).split())


def cut(text: str, width: Optional[int]) -> str:
    """``text`` cut to ``width`` characters, the last of them ``…`` when something was left out."""
    if width is None or len(text) <= width:
        return text
    return text[: max(0, width - 1)] + ELLIPSIS if width > 0 else ""


@dataclass(frozen=True)
class Column:
    """A column of a table: its header, the widest a cell may be (``None``: no limit), and whether the
    column gives up width when the table is wider than the terminal (``flexible``)."""

    header: str
    max_width: Optional[int] = None
    flexible: bool = False
    style: Optional[Callable[[str], str]] = None


def table(columns: Sequence[Column], rows: Sequence[Sequence[object]], stream: TextIO, *, indent: str = "") -> None:
    """Print ``rows`` under ``columns``: aligned, cells on one line and cut to their column's width; in a
    terminal, the flexible columns shrink (down to 8 characters) so that a line fits its width."""
    cells = [[cut(one_line(cell), column.max_width) for cell, column in zip(row, columns)] for row in rows]
    widths = [max([len(column.header)] + [len(row[index]) for row in cells]) for index, column in enumerate(columns)]
    if _isatty(stream):
        room = shutil.get_terminal_size().columns - len(indent) - 2 * (len(columns) - 1)
        for index in reversed(range(len(columns))):
            excess = sum(widths) - room
            if excess <= 0:
                break
            if columns[index].flexible:
                widths[index] = max(8, len(columns[index].header), widths[index] - excess)
        cells = [[cut(cell, width) for cell, width in zip(row, widths)] for row in cells]
    last = len(columns) - 1
    header = "  ".join(column.header.upper().ljust(width if index < last else 0)
                       for index, (column, width) in enumerate(zip(columns, widths)))  # fmt: skip
    print(indent + header.rstrip(), file=stream)
    for row in cells:
        parts = []
        for index, (cell, column, width) in enumerate(zip(row, columns, widths)):
            padding = " " * (width - len(cell)) if index < last else ""
            parts.append((column.style(cell) if column.style and use_colour(stream) else cell) + padding)
        print(indent + "  ".join(parts).rstrip(), file=stream)


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def use_colour(stream: TextIO) -> bool:
    """Colours only in a terminal, and never when ``NO_COLOR`` is set (https://no-color.org) or TERM is dumb."""
    return _isatty(stream) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


_COLOURS = {"successful": "32", "failed": "31", "dismissed": "33", "running": "36", "accepted": "36"}


def status_colour(text: str) -> str:
    """A status word in its colour (green successful, red failed, yellow dismissed, cyan not done)."""
    code = _COLOURS.get(text.split(" ", 1)[0])
    return f"\x1b[{code}m{text}\x1b[0m" if code else text


# --- times ------------------------------------------------------------------------------------------------
def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment.astimezone(dt.timezone.utc)


def ago(moment: Optional[dt.datetime], now: Optional[dt.datetime] = None) -> str:
    """``12s ago``, ``5m ago``, ``3h ago``, ``2d ago``; a date beyond a week; empty when unknown."""
    if moment is None:
        return ""
    seconds = ((now or dt.datetime.now(dt.timezone.utc)) - _utc(moment)).total_seconds()
    if seconds < 1:
        return "just now"
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if seconds >= size:
            if unit == "d" and seconds >= 7 * 86400:
                return _utc(moment).strftime("%Y-%m-%d")
            return f"{int(seconds // size)}{unit} ago"
    return "just now"  # pragma: no cover  (seconds >= 1 always matched above)


def duration(seconds: Optional[float]) -> str:
    """``0.4s``, ``12.0s``, ``3m05s``, ``2h03m``, ``3d04h``; empty when unknown."""
    if seconds is None or seconds < 0:
        return ""
    if seconds < 60:
        return f"{seconds:.1f}s"
    whole = int(seconds)
    if whole < 3600:
        return f"{whole // 60}m{whole % 60:02d}s"
    if whole < 86400:
        return f"{whole // 3600}h{whole % 3600 // 60:02d}m"
    return f"{whole // 86400}d{whole % 86400 // 3600:02d}h"


def timestamp(moment: Optional[dt.datetime]) -> str:
    """``2026-11-29 18:54:35 UTC`` (whole seconds); empty when unknown."""
    return _utc(moment).strftime("%Y-%m-%d %H:%M:%S UTC") if moment is not None else ""


def between(start: Optional[dt.datetime], end: Optional[dt.datetime]) -> Optional[float]:
    """Seconds from ``start`` to ``end`` (to now when ``end`` is unknown); ``None`` without a start."""
    if start is None:
        return None
    return ((_utc(end) if end is not None else dt.datetime.now(dt.timezone.utc)) - _utc(start)).total_seconds()


# --- values -----------------------------------------------------------------------------------------------
def value_text(value: Any) -> str:
    """A result or input value on one line: a text as it is, a link as its ``href`` (and media type), a
    qualified value as its value, anything else as compact JSON."""
    if isinstance(value, dict):
        href = value.get("href")
        if isinstance(href, str):
            kind = value.get("type")
            return href + (f" ({kind})" if kind else "")
        if "value" in value:
            kind = value.get("mediaType")
            return value_text(value["value"]) + (f" ({kind})" if kind else "")
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def _json_default(value: Any) -> Any:
    if isinstance(value, bytes):  # a non-JSON answer kept as bytes: its base64 text
        return base64.b64encode(value).decode("ascii")
    if callable(getattr(value, "to_dict", None)):
        return value.to_dict()
    if isinstance(value, dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} has no JSON form")


def json_out(value: Any, stream: Optional[TextIO] = None) -> None:
    """Print ``value`` (JSON as Python, or models) as indented JSON on ``stream`` (standard output)."""
    try:
        text = json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False, default=_json_default)
    except ValueError:  # an infinity read from a number beyond a float's range: written as 1e400
        from ..models._base import json_text

        text = json_text(json.loads(json.dumps(value, default=_json_default)))
    print(text, file=stream if stream is not None else sys.stdout)


def to_json(items: Sequence[Any]) -> List[Any]:
    """The JSON of each model in ``items`` (``to_dict()``)."""
    return [item.to_dict() if callable(getattr(item, "to_dict", None)) else item for item in items]


Style = Callable[[str], str]


def key_values(pairs: Sequence[Sequence[str]], stream: TextIO, styles: Optional[Dict[str, Style]] = None) -> None:
    """``key  value`` lines, the values aligned; pairs without a value are left out."""
    shown = [(key, value) for key, value in pairs if value]
    width = max((len(key) for key, _ in shown), default=0)
    for key, value in shown:
        style = (styles or {}).get(key)
        text = style(value) if style is not None and use_colour(stream) else value
        print(f"{key.ljust(width)}  {text}", file=stream)
