"""The commands and options of ``ogc-processes`` (argparse), each command with an example in its help.

The global options (``--host``, ``--token``, ``--json``, ``--timeout``) are accepted before and after the
command: both parsers know them, with no default (``SUPPRESS``), so whichever was given wins.
"""

from __future__ import annotations

import argparse
import math
from typing import Any, Dict, List, NoReturn, Optional, Sequence

__all__ = ["build_parser", "PROG", "STATUSES", "DEFAULT_LIMIT", "COMMANDS", "CAMPAIGN_COMMANDS"]

PROG = "ogc-processes"
STATUSES = ("accepted", "running", "successful", "failed", "dismissed")
DEFAULT_LIMIT = 20

DESCRIPTION = """\
Run OGC API - Processes on a server and follow their jobs.

The server comes from --host or OGC_PROCESSES_HOST, a bearer token from --token or
OGC_PROCESSES_TOKEN. Global options go before or after the command."""

EPILOG = f"""\
Examples:
  export OGC_PROCESSES_HOST=https://example.org/ogc
  {PROG} processes
  {PROG} describe echo
  {PROG} execute echo -i echoInput=hello -i pause=2.0 --wait
  {PROG} jobs --status running --json

Exit status: 0 success, 1 an error of the server or a failed job, 2 a usage error, 130 interrupted.
Run '{PROG} COMMAND --help' for the options and an example of each command."""


class Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one line on standard error (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())} (see '{self.prog} --help')\n")


def seconds(text: str) -> float:
    """A number of seconds > 0 (an argparse type)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"seconds must be a finite number > 0, not {text!r}")
    return value


def positive(text: str) -> int:
    """A whole number > 0 (an argparse type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be > 0, not {text!r}")
    return value


def statuses(text: str) -> List[str]:
    """``running`` or ``running,accepted``: job statuses (an argparse type)."""
    values = [part.strip().lower() for part in text.split(",") if part.strip()]
    for value in values:
        if value not in STATUSES:
            raise argparse.ArgumentTypeError(f"unknown status {value!r} (choose from {', '.join(STATUSES)})")
    return values


def _global_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("global options (before or after the command)")
    group.add_argument("--host", metavar="URL", default=argparse.SUPPRESS,
                       help="the server's URL (default: $OGC_PROCESSES_HOST)")  # fmt: skip
    group.add_argument("--token", metavar="TOKEN", default=argparse.SUPPRESS,
                       help="a bearer token sent to the server (default: $OGC_PROCESSES_TOKEN)")  # fmt: skip
    group.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                       help="print the server's JSON, for scripts, instead of tables")  # fmt: skip
    group.add_argument("--timeout", metavar="S", type=seconds, default=argparse.SUPPRESS,
                       help="give up after S seconds: the deadline of each call to the server, and of "
                            "waiting (--wait, --download, watch, campaign run), counted from the start")  # fmt: skip


#: name -> (summary, description, example lines)
COMMANDS: Dict[str, Any] = {
    "processes": ("list the processes of the server", "List the processes of the server (every page).",
                  ["processes", "processes --json"]),
    "describe": ("show a process: its inputs and outputs", "Show a process: how it runs, its inputs and outputs.",
                 ["describe echo", "describe echo --json"]),
    "conformance": ("list the conformance classes of the server", "List the conformance classes of the server.",
                    ["conformance"]),
    "execute": (
        "run a process",
        "Run a process. Without --wait, print the job id of an asynchronous run (with --json its status\n"
        "document); a synchronous run prints its results. With --wait, show the progress on standard\n"
        "error until the job ends, then print the results; with --download, write them to files instead.\n\n"
        "Input values that parse as JSON are sent as JSON (-i n=3 is a number, -i 'b=[1,2]' a list,\n"
        "-i 'name=\"3\"' a text), others as text; -i name=@file reads the value from a file. A name given\n"
        "more than once becomes a list. --input-file holds a whole execute request ({\"inputs\": {...},\n"
        "\"outputs\": ..., \"response\": ...}) or just the inputs object; -i values are added to it.",
        ["execute hello-world -i name=World", "execute echo -i echoInput=hello -i pause=2.0 --wait",
         "execute echo --input-file body.json --async", "echo '{\"name\": \"World\"}' | "
         f"{PROG} execute hello-world --input-file - --json", "execute echo -i echoInput=hi --download out/"],
    ),
    "jobs": ("list jobs", f"List jobs: the first {DEFAULT_LIMIT} in the order of the server, or --all of them.",
             ["jobs", "jobs --status running accepted --process echo", "jobs --all --json"]),
    "status": ("show the status of a job", "Show the status of a job.", ["status JOB_ID"]),
    "watch": ("show the progress of a job until it ends",
              "Show the progress of a job on standard error until it ends, then its final status.\n"
              "Exit status 1 when the job failed or was dismissed (the reason on one line).",
              ["watch JOB_ID", "watch JOB_ID --timeout 600"]),
    "results": ("show or download the results of a job",
                "Show the results of a job, or write them to files in a folder (--download).",
                ["results JOB_ID", "results JOB_ID --download out/", "results JOB_ID --json"]),
    "dismiss": ("cancel a job, or remove a finished one", "Cancel a job, or remove a finished one.",
                ["dismiss JOB_ID"]),
    "deploy": ("deploy a process (OGC API - Processes Part 2)",
               "Deploy a process: FILE is an OGC application package (JSON with executionUnit or\n"
               "processDescription) or a CWL document (YAML or JSON); '-' reads standard input.",
               ["deploy package.json", "deploy workflow.cwl"]),
    "undeploy": ("undeploy a process (Part 2)", "Undeploy (remove) a process.", ["undeploy my-process"]),
    "campaign": (
        "run many jobs from a journal (add, run, status, retry, export)",
        "Run a process over many inputs (granules, dates, tiles) with a bounded number of jobs at once, from\n"
        "a journal: one SQLite file that holds every row and survives any crash. 'campaign run' again\n"
        "continues where the last run stopped: nothing is lost, no job is submitted twice.\n\n"
        "Only 'campaign run' talks to the server; add, status, retry and export read and write the journal.",
        ["campaign add granules.sqlite l2-process --inputs inputs.jsonl --key-field granule",
         "campaign run granules.sqlite --parallel 4 --download out/ --host https://example.org/ogc",
         "campaign status granules.sqlite", "campaign retry granules.sqlite --state failed",
         "campaign export granules.sqlite granules.csv"],
    ),
}  # fmt: skip

#: the commands of ``campaign``: name -> (summary, description, example lines)
CAMPAIGN_COMMANDS: Dict[str, Any] = {
    "add": (
        "add rows: one job for each line of a JSON Lines file",
        "Add rows to a campaign (the journal FILE is created when missing): one job of PROCESS for each\n"
        "line of --inputs, a JSON object of inputs ('-': standard input; blank lines are skipped). Each row\n"
        "has a key: the value of the input named by --key-field, else a digest of the process and inputs.\n"
        "A key already in the campaign for the same work is left alone, so adding a file again is harmless.",
        ["campaign add granules.sqlite l2-process --inputs inputs.jsonl --key-field granule",
         "campaign add names.sqlite hello-world --inputs - --key-field name < names.jsonl"],
    ),
    "run": (
        "run the campaign until every row has ended",
        "Submit the pending rows, at most --parallel jobs at once, and follow them until every row has\n"
        "ended (or --timeout S passed), the progress on standard error and the summary at the end.\n"
        "Exit status 0 when every row is successful; 1 when some failed or are unknown, or time ran out;\n"
        "130 on Ctrl-C. The journal keeps everything: 'campaign run' again continues.",
        ["campaign run granules.sqlite --parallel 4 --download out/",
         "campaign run granules.sqlite --timeout 3600 --host https://example.org/ogc"],
    ),
    "status": (
        "show the rows by state, the durations and the latest failures",
        "Show how many rows are in each state, how long the successful jobs took, and the latest\n"
        "failures (key and reason). Reads the journal only: no server is needed.",
        ["campaign status granules.sqlite", "campaign status granules.sqlite --json"],
    ),
    "retry": (
        "make failed (or unknown) rows pending again",
        "Make the rows in --state pending again, so that the next 'campaign run' submits them again\n"
        "(their earlier job and error are kept in their history), unless they were tried --max-attempts\n"
        "times. 'unknown' rows may have a job on the server already: retry them only when a duplicate job\n"
        "is acceptable.",
        ["campaign retry granules.sqlite --state failed", "campaign retry granules.sqlite --state unknown "
         "--max-attempts 5"],
    ),
    "export": (
        "write every row to a CSV or JSON Lines file",
        "Write every row of the campaign to OUT: .csv (inputs, results and history as JSON in their\n"
        "cells) or .jsonl (one object a line). Reads the journal only: no server is needed.",
        ["campaign export granules.sqlite granules.csv", "campaign export granules.sqlite granules.jsonl"],
    ),
}  # fmt: skip

#: the states ``campaign retry --state`` accepts: rows that ended, or whose job nobody knows
RETRY_STATES = ("failed", "dismissed", "unknown")


def _command(subparsers: Any, name: str, commands: Optional[Dict[str, Any]] = None) -> argparse.ArgumentParser:
    summary, description, examples = (commands or COMMANDS)[name]
    lines = [line if line.startswith("echo ") else f"{PROG} {line}" for line in examples]
    label = "Example" if len(lines) == 1 else "Examples"
    epilog = f"{label}:\n" + "\n".join(f"  {line}" for line in lines)
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=summary, description=description, epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line."""
    from .. import __version__

    parser = Parser(prog=PROG, description=DESCRIPTION, epilog=EPILOG,
                    formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    _global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", required=True)
    made: Dict[str, argparse.ArgumentParser] = {name: _command(commands, name) for name in COMMANDS}

    made["describe"].add_argument("process", metavar="PROCESS", help="the process id")

    execute = made["execute"]
    execute.add_argument("process", metavar="PROCESS", help="the process id")
    execute.add_argument("-i", "--input", dest="inputs", metavar="NAME=VALUE", action="append", default=[],
                         help="an input value (repeatable); @FILE reads the value from a file")  # fmt: skip
    execute.add_argument("--input-file", metavar="FILE",
                         help="an execute request or an inputs object, as JSON ('-': stdin)")  # fmt: skip
    mode = execute.add_mutually_exclusive_group()
    mode.add_argument("--async", dest="mode", action="store_const", const="async", help="run asynchronously")
    mode.add_argument("--sync", dest="mode", action="store_const", const="sync", help="run synchronously")
    execute.set_defaults(mode="auto")
    execute.add_argument("--wait", action="store_true", help="wait until the job ends (progress on stderr)")
    execute.add_argument("--download", metavar="DIR", help="wait, then write the results to files in DIR")
    _waiting_options(execute)

    jobs = made["jobs"]
    jobs.add_argument("--status", metavar="STATUS", dest="statuses", type=statuses, nargs="+", action="extend",
                      help=f"only jobs with these statuses ({', '.join(STATUSES)}); repeatable")  # fmt: skip
    jobs.add_argument("--process", metavar="PROCESS", dest="processes", action="append",
                      help="only jobs of this process (repeatable)")  # fmt: skip
    count = jobs.add_mutually_exclusive_group()
    count.add_argument("--limit", metavar="N", type=positive, default=DEFAULT_LIMIT,
                       help=f"show at most N jobs (default {DEFAULT_LIMIT})")  # fmt: skip
    count.add_argument("--all", action="store_true", help="show every job (following every page)")

    for name in ("status", "watch", "results", "dismiss"):
        made[name].add_argument("job", metavar="JOB", help="the job id")
    _waiting_options(made["watch"])
    made["results"].add_argument("--download", metavar="DIR", help="write the results to files in DIR")

    made["deploy"].add_argument("file", metavar="FILE", help="the application package or CWL file ('-': stdin)")
    made["undeploy"].add_argument("process", metavar="PROCESS", help="the process id")
    made.update(_campaign_commands(made["campaign"]))

    for sub in made.values():
        _global_options(sub)
    return parser


def _campaign_commands(campaign: argparse.ArgumentParser) -> Dict[str, argparse.ArgumentParser]:
    """The commands of ``campaign``, keyed ``campaign add`` ..."""
    commands = campaign.add_subparsers(dest="campaign_command", metavar="COMMAND", title="campaign commands",
                                       required=True)  # fmt: skip
    made = {name: _command(commands, name, CAMPAIGN_COMMANDS) for name in CAMPAIGN_COMMANDS}
    for sub in made.values():
        sub.add_argument("journal", metavar="FILE", help="the campaign's journal (a SQLite file)")

    add = made["add"]
    add.add_argument("process", metavar="PROCESS", help="the process id")
    add.add_argument("--inputs", metavar="FILE", required=True,
                     help="JSON Lines: an inputs object a line ('-': stdin)")  # fmt: skip
    add.add_argument("--key-field", metavar="NAME",
                     help="the input whose value is each row's key (default: a digest of the work)")  # fmt: skip

    run = made["run"]
    run.add_argument("--parallel", metavar="N", type=positive, default=4,
                     help="at most N jobs on the server at once (default 4)")  # fmt: skip
    run.add_argument("--download", metavar="DIR", help="write each successful job's outputs to DIR/<key>/")
    run.add_argument("-q", "--quiet", action="store_true", help="show no progress")

    made["status"].add_argument("--failures", metavar="N", type=positive, default=10,
                                help="show the latest N failures (default 10)")  # fmt: skip

    retry = made["retry"]
    retry.add_argument("--state", metavar="STATE", dest="states", type=retry_states, nargs="+", action="extend",
                       help=f"the rows to retry: {', '.join(RETRY_STATES)} (default failed; several at once)"
                       )  # fmt: skip
    retry.add_argument("--max-attempts", metavar="N", type=positive, default=3,
                       help="leave rows alone that were tried N times already (default 3)")  # fmt: skip

    made["export"].add_argument("out", metavar="OUT", help="the file to write: .csv or .jsonl")
    return {f"campaign {name}": sub for name, sub in made.items()}


def retry_states(text: str) -> List[str]:
    """``failed`` or ``failed,unknown``: the states of rows that may be retried (an argparse type)."""
    values = [part.strip().lower() for part in text.split(",") if part.strip()]
    for value in values:
        if value not in RETRY_STATES:
            raise argparse.ArgumentTypeError(f"cannot retry rows in state {value!r} (choose from "
                                             f"{', '.join(RETRY_STATES)})")  # fmt: skip
    return values


def _waiting_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cancel-on-interrupt", action="store_true",
                        help="dismiss the job on Ctrl-C (by default it keeps running)")  # fmt: skip
    parser.add_argument("-q", "--quiet", action="store_true", help="show no progress")


def parse(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    """The parsed command line (argparse exits with status 2 on a usage error, 0 after --help)."""
    return build_parser().parse_args(argv)
