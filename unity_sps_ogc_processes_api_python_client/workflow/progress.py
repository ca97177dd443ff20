"""Showing how a job goes: a callback, a notebook bar, a terminal bar, or one line per change.

``tqdm`` (the ``progress`` extra) draws the bars when it is installed; without it, a plain fallback
draws them: an HTML bar updated in place in Jupyter, a line rewritten in place in a terminal. When the
output is not a terminal (a log file, CI), each change is one line.
"""

from __future__ import annotations

import html
import importlib.util
import sys
from typing import Any, Callable, Optional, TextIO, Union, cast

from ..models.status_info import StatusInfo

__all__ = ["Progress", "Reporter", "reporter_for", "in_notebook", "describe"]

#: ``True`` for a bar (or lines), a function to be called with each new status, or ``False``/``None``
Progress = Union[bool, None, Callable[[StatusInfo], Any]]


class Reporter:
    """Receives each status that differs from the last one shown."""

    def update(self, status: StatusInfo) -> None:
        """Show a new status."""

    def close(self) -> None:
        """The wait is over (the last status was shown)."""


class _Callback(Reporter):
    def __init__(self, function: Callable[[StatusInfo], Any]) -> None:
        self.function = function

    def update(self, status: StatusInfo) -> None:
        self.function(status)


def describe(status: StatusInfo) -> str:
    """``running 40% Processing tile 3`` : status, percentage and message, as far as they are known."""
    parts = [status.status.value]
    percent = _percent(status)
    if percent is not None:
        parts.append(f"{percent:g}%")
    if status.message:
        parts.append(" ".join(str(status.message).split()))
    return " ".join(parts)


def _percent(status: StatusInfo) -> Optional[float]:
    value = status.progress
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(max(0, min(100, value)))
    return 100.0 if status.status.value == "successful" else None


class _Lines(Reporter):
    """One line per change: for logs and CI, where a bar drawn in place would be noise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def update(self, status: StatusInfo) -> None:
        print(f"job {status.job_id}: {describe(status)}", file=self.stream, flush=True)


class _TerminalLine(Reporter):
    """A bar rewritten in place (without tqdm)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream, self.width = stream, 0

    def update(self, status: StatusInfo) -> None:
        percent = _percent(status) or 0.0
        filled = int(percent // 5)
        text = f"job {status.job_id} [{'#' * filled}{'.' * (20 - filled)}] {describe(status)}"[:150]
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def close(self) -> None:
        if self.width:
            self.stream.write("\n")
            self.stream.flush()


class _NotebookBar(Reporter):
    """An HTML bar in the output of a notebook cell, updated in place (without tqdm)."""

    def __init__(self) -> None:
        from IPython.display import HTML, display

        self.html = HTML
        self.handle = display(HTML(""), display_id=True)

    def update(self, status: StatusInfo) -> None:
        percent = _percent(status) or 0.0
        text = html.escape(f"job {status.job_id}: {describe(status)}")
        if self.handle is not None:
            self.handle.update(self.html(f'<progress value="{percent:g}" max="100"></progress> {text}'))


class _Tqdm(Reporter):
    def __init__(self, notebook: bool, stream: TextIO) -> None:
        if notebook:
            from tqdm.notebook import tqdm
        else:
            from tqdm import tqdm
        self.bar = tqdm(total=100, unit="%", file=None if notebook else stream, leave=True,
                        bar_format="{desc} {bar} {n:.0f}% {postfix}")  # fmt: skip

    def update(self, status: StatusInfo) -> None:
        self.bar.set_description_str(f"job {status.job_id} {status.status.value}", refresh=False)
        self.bar.set_postfix_str(" ".join(str(status.message or "").split())[:80], refresh=False)
        self.bar.n = _percent(status) or 0.0
        self.bar.refresh()

    def close(self) -> None:
        self.bar.close()


def in_notebook() -> bool:
    """Whether this runs in a Jupyter kernel (not in a terminal IPython)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def reporter_for(progress: Progress, stream: Optional[TextIO] = None) -> Reporter:
    """The reporter that ``progress`` asks for; ``stream`` (default: standard error) for text."""
    if progress is None or progress is False:
        return Reporter()
    if progress is not True:
        if not callable(cast(Any, progress)):
            from ..exceptions import ApiTypeError

            raise ApiTypeError(f"progress must be True, False or a function of a status, not {progress!r}")
        return _Callback(progress)
    out = stream if stream is not None else sys.stderr
    if in_notebook() and stream is None:
        return _Tqdm(True, out) if _installed("tqdm") and _installed("ipywidgets") else _NotebookBar()
    if getattr(out, "isatty", lambda: False)():
        return _Tqdm(False, out) if _installed("tqdm") else _TerminalLine(out)
    return _Lines(out)
