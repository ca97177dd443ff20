"""``main()``: parse the command line, run the command, turn every error into one line and an exit status.

Exit status: 0 success; 1 an error of the server, the connection or a file, a failed or dismissed job, a
wait that ran out of time; 2 a usage error; 130 interrupted (Ctrl-C). Errors are one line on standard
error, never a traceback (``OGC_PROCESSES_DEBUG=1`` shows one for an unexpected error).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from typing import TYPE_CHECKING, Optional, Sequence, TextIO

from .inputs import UsageError
from .parser import PROG, parse

if TYPE_CHECKING:
    from ..workflow.client import Client
    from ..workflow.job import Job

__all__ = ["main", "Context", "CommandError", "HOST_VARIABLE", "TOKEN_VARIABLE"]

HOST_VARIABLE = "OGC_PROCESSES_HOST"
TOKEN_VARIABLE = "OGC_PROCESSES_TOKEN"
DEBUG_VARIABLE = "OGC_PROCESSES_DEBUG"

OK, FAILED, USAGE, INTERRUPTED = 0, 1, 2, 130


class CommandError(Exception):
    """The command could not do what was asked (exit status 1), said in one line."""


class Context:
    """What a command works with: its arguments, the streams, the server, and the deadline of ``--timeout``."""

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        self.args = args
        self.out = out
        self.err = err
        self.json: bool = bool(getattr(args, "json", False))
        self.timeout: Optional[float] = getattr(args, "timeout", None)
        self.started = time.monotonic()
        self._client: Optional[Client] = None
        self.job: Optional[Job] = None  # the job being followed, for the message of an interruption
        self.interrupted: Optional[str] = None  # what an interruption leaves behind, said after "interrupted; "

    def remaining(self) -> Optional[float]:
        """The seconds left of ``--timeout`` (counted from the start of the command); ``None``: no deadline."""
        if self.timeout is None:
            return None
        return max(0.001, self.timeout - (time.monotonic() - self.started))

    @property
    def client(self) -> Client:
        """The client for ``--host`` / ``$OGC_PROCESSES_HOST`` (made on first use)."""
        if self._client is None:
            host = getattr(self.args, "host", None) or os.environ.get(HOST_VARIABLE)
            if not host:
                raise UsageError(f"no server given: use --host URL or set {HOST_VARIABLE}")
            token = getattr(self.args, "token", None) or os.environ.get(TOKEN_VARIABLE) or None
            from ..workflow.client import Client

            self._client = Client(host, access_token=token, timeout=self.timeout)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def _error(err: TextIO, message: object) -> None:
    print(f"{PROG}: error: {_one_line(message)}", file=err, flush=True)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run ``ogc-processes`` with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    for stream in (sys.stdout, sys.stderr):  # a character the terminal cannot show must not end the command
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    out, err = sys.stdout, sys.stderr
    try:
        args = parse(argv)
    except SystemExit as stop:  # --help, --version, or a usage error already printed by argparse
        return stop.code if isinstance(stop.code, int) else USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=err)
        return INTERRUPTED
    context = Context(args, out, err)
    try:
        try:
            return _run(context)
        finally:
            with contextlib.suppress(Exception):  # closing must not hide the outcome
                context.close()
    except BrokenPipeError:  # the reader went away (| head): say nothing more
        _silence_stdout()
        return FAILED
    except KeyboardInterrupt:  # a second Ctrl-C, while the first was being handled
        print(f"{PROG}: interrupted", file=err)
        return INTERRUPTED


def _run(context: Context) -> int:
    from ..exceptions import ApiTypeError, ApiValueError, OpenApiException
    from ..workflow.errors import JobError
    from .commands import COMMANDS

    err = context.err
    try:
        status = COMMANDS[context.args.command](context)
        context.out.flush()
        return status
    except UsageError as error:
        _error(err, error)
        return USAGE
    except (ApiValueError, ApiTypeError) as error:  # an argument the client refused: nothing was sent
        _error(err, error)
        return USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted{_job_fate(context)}", file=err, flush=True)
        return INTERRUPTED
    except (CommandError, JobError, OpenApiException) as error:
        _error(err, error)
        return FAILED
    except BrokenPipeError:
        raise
    except OSError as error:  # a file or folder that could not be written
        _error(err, f"{error.strerror}: {error.filename}" if error.strerror and error.filename else error)
        return FAILED
    except Exception as error:  # a bug: still one line, unless asked for the traceback
        if os.environ.get(DEBUG_VARIABLE):
            raise
        _error(err, f"unexpected {type(error).__name__}: {error} (set {DEBUG_VARIABLE}=1 for a traceback)")
        return FAILED


def _job_fate(context: Context) -> str:
    if context.interrupted:
        return f"; {context.interrupted}"
    job = context.job
    if job is None:
        return ""
    status = job.status.status.value if job.status is not None else None
    if status == "dismissed":
        return f"; job {job.id} dismissed"
    if status in ("successful", "failed"):
        return ""
    return f"; job {job.id} keeps running (stop it with: {PROG} dismiss {job.id})"


def _silence_stdout() -> None:
    """After a broken pipe, point standard output at /dev/null so that the flush at exit raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
