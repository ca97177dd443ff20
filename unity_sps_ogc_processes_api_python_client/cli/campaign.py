"""The ``campaign`` commands: ``add``, ``run``, ``status``, ``retry`` and ``export`` (docs/CLI.md, Campaigns).

They use :class:`~unity_sps_ogc_processes_api_python_client.campaign.Campaign`. Only ``run`` needs the
server; the others open the journal without a client, so they work without ``--host``.
"""

from __future__ import annotations

import heapq
import json
import math
import os
import shlex
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

from .app import OK, CommandError, Context
from .inputs import UsageError, read_text
from .parser import PROG
from .render import Column, duration, json_out, table

if TYPE_CHECKING:
    from ..campaign import Campaign, Row, Summary

__all__ = ["campaign", "read_inputs_lines"]

#: the states of rows that did not succeed, shown by ``campaign status`` as failures
FAILURE_STATES = ("failed", "dismissed", "unknown")


def campaign(context: Context) -> int:
    """``campaign COMMAND``: run the campaign command that was asked for."""
    return _COMMANDS[context.args.campaign_command](context)


def _rows(count: int) -> str:
    return f"{count} row" if count == 1 else f"{count} rows"


def _again(path: str) -> str:
    return f"{PROG} campaign run {shlex.quote(path)}"


def _open(context: Context, *, create: bool = False, server: bool = False) -> Campaign:
    """The campaign of the journal FILE; only ``campaign add`` makes a journal that is not there, and only
    ``campaign run`` takes a client (so ``--host`` is asked for by ``run`` alone)."""
    from ..campaign import Campaign

    path: str = context.args.journal
    if not create and not os.path.isfile(path):
        raise UsageError(f"no campaign journal at {path} (start one with: {PROG} campaign add {shlex.quote(path)} "
                         "PROCESS --inputs FILE)")  # fmt: skip
    return Campaign(context.client if server else None, path)


# --- add ----------------------------------------------------------------------------------------------------
def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def read_inputs_lines(path: str, key_field: Optional[str] = None) -> List[Dict[str, Any]]:
    """The inputs objects of a JSON Lines file (``-``: standard input), one a line; blank lines skipped.

    A line that is not a JSON object, or (with ``key_field``) has no usable key, or repeats the key of an
    earlier line for other inputs, raises :class:`UsageError` naming its line number.
    """
    source = "standard input" if path == "-" else path
    found: List[Dict[str, Any]] = []
    first: Dict[str, Tuple[int, Dict[str, Any]]] = {}  # key -> (its first line, its inputs)
    for number, line in enumerate(read_text(path, "the inputs file").splitlines(), start=1):
        text = line.lstrip("\ufeff") if number == 1 else line
        if not text.strip():
            continue
        where = f"{source} line {number}"
        try:
            item = json.loads(text, parse_constant=_reject_constant)
        except ValueError as error:
            raise UsageError(f"{where} is not JSON: {getattr(error, 'msg', error)}") from None
        if not isinstance(item, dict):
            raise UsageError(f"{where} must be a JSON object of inputs, not {type(item).__name__}: {text.strip()[:60]}")
        if key_field is not None:
            key = _key_of(item, key_field, where)
            earlier, inputs = first.setdefault(key, (number, item))
            if inputs != item:
                raise UsageError(f"{where} has the key {key!r} of line {earlier}, for other inputs: a key names "
                                 "one unit of work")  # fmt: skip
        found.append(item)
    return found


def _key_of(item: Dict[str, Any], key_field: str, where: str) -> str:
    if key_field not in item:
        raise UsageError(f"{where} has no input {key_field!r} to use as the key (--key-field)")
    value = item[key_field]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or value == "" or (
            isinstance(value, float) and not math.isfinite(value)):  # fmt: skip
        raise UsageError(f"{where}: the key {key_field!r} must be a non-empty text or a number, not "
                         f"{json.dumps(value)[:60]}")  # fmt: skip
    return str(value)


def add(context: Context) -> int:
    args = context.args
    items = read_inputs_lines(args.inputs, args.key_field)  # all of them first: a bad line adds nothing
    with _open(context, create=True) as opened:
        new = opened.add_many(args.process, items, key=args.key_field)
        total = opened.summary().total
    there = len(items) - new
    if context.json:
        json_out({"added": new, "existing": there, "rows": total}, context.out)
    else:
        print(f"{_rows(new)} added, {there} there already ({_rows(total)} in {args.journal})", file=context.out)
    return OK


# --- run ----------------------------------------------------------------------------------------------------
def run(context: Context) -> int:
    args = context.args
    path: str = args.journal
    with _open(context, server=True) as opened:
        context.interrupted = (f"the journal keeps every row: '{_again(path)}' continues (jobs submitted already "
                               "keep running on the server and are followed, not submitted again)")  # fmt: skip
        summary = opened.run(max_parallel=args.parallel, timeout=context.remaining(), progress=not args.quiet,
                             download=args.download)  # fmt: skip
        context.interrupted = None
        _show_summary(context, opened, summary)
    counts = summary.counts
    if counts.get("successful", 0) == summary.total:
        return OK
    if not summary.done:
        left = summary.total - sum(counts.get(state, 0) for state in ("successful", *FAILURE_STATES))
        within = f" within --timeout {context.timeout:g} s" if context.timeout is not None else ""
        raise CommandError(f"the campaign did not end{within} ({_rows(left)} still to do); the journal keeps every "
                           f"row: '{_again(path)}' continues")  # fmt: skip
    others = ", ".join(f"{state} {counts[state]}" for state in FAILURE_STATES if counts.get(state))
    raise CommandError(f"{summary.total - counts.get('successful', 0)} of {_rows(summary.total)} did not succeed "
                       f"({others}): see '{PROG} campaign status {shlex.quote(path)}'")  # fmt: skip


def _show_summary(context: Context, opened: Campaign, summary: Summary) -> None:
    if context.json:
        json_out(_document(opened, summary, 10), context.out)
    else:
        print(summary, file=context.out)


# --- status -------------------------------------------------------------------------------------------------
def _latest_failures(opened: Campaign, count: int) -> List[Row]:
    """The ``count`` rows that failed (or are dismissed, or unknown) most recently; memory stays flat."""
    return heapq.nlargest(count, opened.rows(state=FAILURE_STATES), key=lambda row: row.updated)


def _durations(summary: Summary) -> Dict[str, float]:
    return {"count": len(summary.durations), **summary.duration_stats()}


def _document(opened: Campaign, summary: Summary, failures: int) -> Dict[str, Any]:
    latest = [{"key": row.key, "state": row.state, "job_id": row.job_id, "attempts": row.attempts,
               "error": row.error, "updated": row.updated} for row in _latest_failures(opened, failures)]  # fmt: skip
    return {"counts": summary.counts, "durations": _durations(summary), "failures": latest}


def status(context: Context) -> int:
    args = context.args
    with _open(context) as opened:
        summary = opened.summary()
        if context.json:
            json_out(_document(opened, summary, args.failures), context.out)
            return OK
        if not summary.total:
            print(f"no rows in {args.journal}", file=context.err)
            return OK
        out = context.out
        table([Column("state"), Column("rows")],
              [*([state, str(count)] for state, count in summary.counts.items()), ["total", str(summary.total)]],
              out)  # fmt: skip
        stats = summary.duration_stats()
        if stats:
            print(f"\ndurations  {duration(stats['min'])} min, {duration(stats['median'])} median, "
                  f"{duration(stats['max'])} max ({len(summary.durations)} successful)", file=out)  # fmt: skip
        failed = _latest_failures(opened, args.failures)
        if failed:
            print("\nLatest failures", file=out)
            columns = [Column("key", 40), Column("state"), Column("attempts"), Column("job id", 40),
                       Column("error", 100, flexible=True)]  # fmt: skip
            table(columns, [[row.key, row.state, str(row.attempts), row.job_id or "", row.error or ""]
                            for row in failed], out, indent="  ")  # fmt: skip
    return OK


# --- retry and export ---------------------------------------------------------------------------------------
def retry(context: Context) -> int:
    args = context.args
    states = list(dict.fromkeys(state for group in args.states or [["failed"]] for state in group))
    with _open(context) as opened:
        before = sum(opened.summary().counts.get(state, 0) for state in states)
        moved = opened.retry(state=states, max_attempts=args.max_attempts)
    left = max(0, before - moved)
    if context.json:
        json_out({"retried": moved, "left": left}, context.out)
        return OK
    again = f" by '{_again(args.journal)}'" if moved else ""
    alone = f"; {_rows(left)} left alone (tried {args.max_attempts} times already: --max-attempts)" if left else ""
    which = " or ".join(states)
    print(f"{moved} {which} {'row' if moved == 1 else 'rows'} will be submitted again{again}{alone}",
          file=context.out)  # fmt: skip
    return OK


def export(context: Context) -> int:
    args = context.args
    with _open(context) as opened:
        try:
            written = opened.export(args.out)
        except OSError as error:  # the folder is missing or not writable: name the file asked for, not its .part
            raise CommandError(f"cannot write {args.out}: {error.strerror or error}") from None
    if context.json:
        json_out({"written": written, "path": args.out}, context.out)
    else:
        print(f"{_rows(written)} written to {args.out}", file=context.out)
    return OK


_COMMANDS: Dict[str, Callable[[Context], int]] = {
    "add": add,
    "run": run,
    "status": status,
    "retry": retry,
    "export": export,
}
