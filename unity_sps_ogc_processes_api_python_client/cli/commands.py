"""The commands of ``ogc-processes``: each takes the :class:`~.app.Context` and returns the exit status.

They use the workflow layer only (:class:`Client`, :class:`Job`); tables and text go to standard output,
progress to standard error; with ``--json`` standard output gets the server's JSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Sequence

from ..workflow.progress import describe as describe_status
from .app import OK, CommandError, Context
from .campaign import campaign
from .inputs import parse_inputs, read_body, read_package
from .parser import PROG
from .render import (
    Column,
    ago,
    between,
    duration,
    json_out,
    key_values,
    one_line,
    status_colour,
    table,
    timestamp,
    to_json,
    value_text,
)

if TYPE_CHECKING:
    from ..models.status_info import StatusInfo
    from ..workflow.job import Job

__all__ = ["COMMANDS"]

_MODES = {"sync-execute": "sync", "async-execute": "async"}


def _options(values: Optional[Sequence[Any]]) -> str:
    return ",".join(_MODES.get(str(getattr(v, "value", v)), str(getattr(v, "value", v))) for v in values or ())


# --- processes ------------------------------------------------------------------------------------------
def processes(context: Context) -> int:
    found = list(context.client.processes())
    columns = [Column("id"), Column("version", 12), Column("modes"), Column("title", 60, flexible=True)]
    rows = [[p.id, p.version or "", _options(p.job_control_options), p.title or p.description or ""] for p in found]
    return _listing(context, found, "processes", columns, rows)


def _listing(context: Context, found: Sequence[Any], noun: str, columns: List[Column], rows: List[List[Any]]) -> int:
    """A list as JSON (``--json``), a table, or a line to say it is empty."""
    if context.json:
        json_out(to_json(found), context.out)
    elif not found:
        print(f"no {noun}", file=context.err)
    else:
        table(columns, rows, context.out)
    return OK


def describe(context: Context) -> int:
    process = context.client.process(context.args.process)
    if context.json:
        json_out(process.to_dict(), context.out)
        return OK
    out = context.out
    title = f"  {one_line(process.title)}" if process.title else ""
    version = f"  (version {process.version})" if process.version else ""
    print(f"{process.id}{title}{version}", file=out)
    if process.description:
        print(one_line(process.description), file=out)
    key_values([
        ("runs", _options(process.job_control_options).replace(",", ", ")),
        ("outputs by", ", ".join(process.output_transmission or ())),
        ("keywords", ", ".join(process.keywords or ())),
    ], out)  # fmt: skip
    print(file=out)
    inputs = process.inputs or {}
    if inputs:
        print("Inputs", file=out)
        columns = [Column("id"), Column("type", 36), Column("occurs"), Column("description", 70, flexible=True)]
        rows = [[name, schema_type(item.var_schema), occurs(item.min_occurs, item.max_occurs),
                 _about(item.title, item.description)] for name, item in inputs.items()]  # fmt: skip
        table(columns, rows, out, indent="  ")
    else:
        print("Inputs: none", file=out)
    outputs = process.outputs or {}
    if outputs:
        print("Outputs", file=out)
        columns = [Column("id"), Column("type", 36), Column("description", 70, flexible=True)]
        rows = [[name, schema_type(item.var_schema), _about(item.title, item.description)]
                for name, item in outputs.items()]  # fmt: skip
        table(columns, rows, out, indent="  ")
    else:
        print("Outputs: none", file=out)
    return OK


def _about(title: Optional[str], description: Optional[str]) -> str:
    parts = [one_line(text) for text in (title, description) if text]
    if len(parts) == 2 and parts[1].lower().startswith(parts[0].lower()):
        parts = parts[1:]
    return ": ".join(parts)


def schema_type(schema: Any) -> str:
    """A JSON schema in a few words: ``string``, ``number (5.5|10.25)``, ``array of string``, ``string (image/png)``."""
    if schema is None or schema is True:
        return "any"
    if not isinstance(schema, Mapping):
        return str(schema)
    for combiner in ("oneOf", "anyOf"):
        if isinstance(schema.get(combiner), list):
            return " | ".join(dict.fromkeys(schema_type(part) for part in schema[combiner]))
    kind = schema.get("type")
    text = " | ".join(map(str, kind)) if isinstance(kind, list) else str(kind or ("object" if "properties" in schema
                                                                                 else "any"))  # fmt: skip
    if kind == "array" and isinstance(schema.get("items"), Mapping):
        text = f"array of {schema_type(schema['items'])}"
    detail = schema.get("format") or schema.get("contentMediaType")
    if isinstance(schema.get("enum"), list):
        detail = "|".join(value_text(value) for value in schema["enum"])
    return f"{text} ({detail})" if detail else text


def occurs(minimum: Optional[int], maximum: Any) -> str:
    """``1`` (the default: exactly one), ``0..1`` (optional), ``1..*`` (unbounded), ``2..5``."""
    low = 1 if minimum is None else minimum
    high = "*" if maximum == "unbounded" else (1 if maximum is None else maximum)
    return str(low) if str(low) == str(high) else f"{low}..{high}"


def conformance(context: Context) -> int:
    classes = context.client.conformance()
    if context.json:
        json_out(classes.to_dict(), context.out)
        return OK
    for uri in classes.conforms_to:
        print(uri, file=context.out)
    return OK


# --- execution --------------------------------------------------------------------------------------------
def execute(context: Context) -> int:
    args = context.args
    inputs: Dict[str, Any] = {}
    extra: Dict[str, Any] = {}
    if args.input_file:
        inputs, extra = read_body(args.input_file)
    inputs.update(parse_inputs(args.inputs))
    job = context.client.execute(args.process, inputs, mode=args.mode, **extra)
    context.job = job
    finished = job.status is not None and job.status.status.is_terminal
    if args.download:
        _wait(context, job)
        return _download(context, job, args.download)
    if args.wait:
        _wait(context, job)
        return _print_results(context, job)
    if finished:  # a synchronous run: its results came with the answer
        return _print_results(context, job)
    if context.json:
        json_out((job.status if job.status is not None and job.status.job_id else job.refresh()).to_dict(), context.out)
    else:
        print(job.id, file=context.out)
        if getattr(context.err, "isatty", lambda: False)():
            print(f"follow it with: {PROG} watch {job.id}", file=context.err)
    return OK


def _wait(context: Context, job: Job) -> StatusInfo:
    """Wait for ``job`` (until ``--timeout``), the progress on standard error unless ``--quiet``."""
    from ..workflow.errors import JobTimeoutError

    args = context.args
    if job.status is not None and job.status.status.value == "successful":  # a synchronous run
        return job.status
    try:
        return job.wait(context.remaining(), progress=not args.quiet, cancel_on_interrupt=args.cancel_on_interrupt)
    except JobTimeoutError as error:
        last = f" (last status: {describe_status(error.status_info)})" if error.status_info is not None else ""
        raise CommandError(f"job {job.id} did not end within --timeout {context.timeout:g} s{last}; it keeps running"
                           ) from None  # fmt: skip


def _print_results(context: Context, job: Job) -> int:
    results = job.results()
    if context.json:
        json_out({name: value.to_dict() for name, value in results.items()}, context.out)
        return OK
    if not results:
        print("no results", file=context.err)
        return OK
    table([Column("output"), Column("value", 100, flexible=True)],
          [[name, value_text(value.to_dict())] for name, value in results.items()], context.out)  # fmt: skip
    return OK


def _download(context: Context, job: Job, folder: str) -> int:
    paths = [str(path) for path in job.download(folder)]
    if context.json:
        json_out(paths, context.out)
    else:
        for path in paths:
            print(path, file=context.out)
    return OK


# --- jobs -------------------------------------------------------------------------------------------------
def jobs(context: Context) -> int:
    args = context.args
    wanted = [status for group in args.statuses or () for status in group] or None
    limit = None if args.all else args.limit
    found = list(context.client.jobs(status=wanted, process_id=args.processes, page_size=min(limit or 100, 100),
                                     max_items=limit))  # fmt: skip
    columns = [Column("job id"), Column("process", 30), Column("status", style=status_colour), Column("progress"),
               Column("created"), Column("duration"), Column("message", 60, flexible=True)]  # fmt: skip
    return _listing(context, found, "jobs", columns, [_job_row(status) for status in found])


def _percent(status: StatusInfo) -> str:
    value = status.progress
    return f"{value:g}%" if isinstance(value, (int, float)) and not isinstance(value, bool) else ""


def _job_row(status: StatusInfo) -> List[str]:
    took = between(status.started or status.created, status.finished) if status.status.is_terminal and \
        status.finished is not None else None  # fmt: skip
    return [status.job_id, status.process_id or "", status.status.value, _percent(status), ago(status.created),
            duration(took), status.message or ""]  # fmt: skip


def _show_status(context: Context, status: StatusInfo) -> None:
    if context.json:
        json_out(status.to_dict(), context.out)
        return
    progress = " ".join(part for part in (status.status.value, _percent(status)) if part)
    created = timestamp(status.created) + (f" ({ago(status.created)})" if status.created else "")
    took = between(status.started or status.created, status.finished) if status.finished is not None else None
    finished = timestamp(status.finished) + (f" (took {duration(took)})" if took is not None else "")
    exception = status.exception.to_dict() if status.exception is not None else None
    results = [link.href for link in status.links or () if (link.rel or "").rsplit("/", 1)[-1] == "results"]
    key_values([
        ("job", status.job_id), ("process", status.process_id or ""), ("status", progress),
        ("message", one_line(status.message or "")),
        ("exception", value_text(exception) if exception else ""),
        ("created", created), ("started", timestamp(status.started)), ("finished", finished),
        ("updated", timestamp(status.updated)), ("results", results[0] if results else ""),
    ], context.out, styles={"status": status_colour})  # fmt: skip


def status(context: Context) -> int:
    _show_status(context, context.client.job(context.args.job).refresh())
    return OK


def watch(context: Context) -> int:
    job = context.client.job(context.args.job)
    context.job = job
    _show_status(context, _wait(context, job))
    return OK


def results(context: Context) -> int:
    job = context.client.job(context.args.job)
    if context.args.download:
        return _download(context, job, context.args.download)
    return _print_results(context, job)


def dismiss(context: Context) -> int:
    job = context.client.job(context.args.job)
    answer = job.dismiss()
    if context.json:
        json_out(answer.to_dict(), context.out)
    else:
        message = f": {one_line(answer.message)}" if answer.message else ""
        print(f"job {job.id} {answer.status.value}{message}", file=context.out)
    return OK


# --- deployment -------------------------------------------------------------------------------------------
def deploy(context: Context) -> int:
    package, named = read_package(context.args.file)
    answer = context.client.deploy(package)
    if context.json:
        json_out(answer, context.out)
        return OK
    deployed = answer.get("id") if isinstance(answer, dict) and isinstance(answer.get("id"), str) else named
    print(f"process {deployed} deployed" if deployed else "process deployed", file=context.out)
    return OK


def undeploy(context: Context) -> int:
    answer = context.client.undeploy(context.args.process)
    if context.json:
        json_out(answer, context.out)
    else:
        print(f"process {context.args.process} undeployed", file=context.out)
    return OK


COMMANDS: Dict[str, Callable[[Context], int]] = {
    "processes": processes,
    "describe": describe,
    "conformance": conformance,
    "execute": execute,
    "jobs": jobs,
    "status": status,
    "watch": watch,
    "results": results,
    "dismiss": dismiss,
    "deploy": deploy,
    "undeploy": undeploy,
    "campaign": campaign,
}
