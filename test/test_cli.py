"""The command line ``ogc-processes``, run as a subprocess (``python -m unity_sps_ogc_processes_api_python_client``).

Most tests talk to the session's real pygeoapi; what pygeoapi cannot show (what exactly is sent: typed
inputs, a token, a deployment) is checked against a local test server. Every subprocess is bounded.
"""

from __future__ import annotations

import io
import json
import os
import pathlib
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from typing import Any, Dict, List, Optional, Sequence

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from unity_sps_ogc_processes_api_python_client.cli.commands import occurs, schema_type
from unity_sps_ogc_processes_api_python_client.cli.inputs import UsageError, parse_inputs, parse_value, read_body
from unity_sps_ogc_processes_api_python_client.cli.parser import COMMANDS
from unity_sps_ogc_processes_api_python_client.cli.render import (
    Column,
    ago,
    cut,
    duration,
    status_colour,
    table,
    value_text,
)

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "unity_sps_ogc_processes_api_python_client"]
PREFIX = "ogc-processes: error: "
TIMEOUT = 60  # seconds, for any one command


def clean_environment(**extra: str) -> Dict[str, str]:
    """The environment of the tests without the CLI's variables and proxies (everything is on 127.0.0.1)."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("OGC_PROCESSES_") and not key.lower().endswith("_proxy")}  # fmt: skip
    env.update(extra)
    return env


def cli(*args: str, env: Optional[Dict[str, str]] = None, stdin: Optional[str] = None,
        timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:  # fmt: skip
    return subprocess.run([*CLI, *args], input=stdin, capture_output=True, text=True, timeout=timeout,
                          env=env if env is not None else clean_environment(), cwd=REPOSITORY)  # fmt: skip


def assert_one_error_line(answer: subprocess.CompletedProcess[str], status: int, *words: str) -> str:
    """The command failed with ``status`` and said why in one line (the last of stderr; progress lines may
    come before it), without a traceback; returns that line."""
    assert answer.returncode == status, (answer.returncode, answer.stdout, answer.stderr)
    assert "Traceback" not in answer.stderr
    lines = answer.stderr.splitlines()
    assert lines, "nothing on stderr"
    errors = [line for line in lines if line.startswith("ogc-processes")]
    assert errors == [lines[-1]], answer.stderr
    for word in words:
        assert word in lines[-1], lines[-1]
    return lines[-1]


def table_rows(text: str) -> List[List[str]]:
    """The rows of a printed table (the header first), cells split on runs of 2+ spaces."""
    return [re.split(r"\s{2,}", line.strip()) for line in text.splitlines() if line.strip()]


# --- against pygeoapi ---------------------------------------------------------------------------------------
@pytest.fixture
def host(pygeoapi_url: str) -> Dict[str, str]:
    """An environment naming the session's pygeoapi in OGC_PROCESSES_HOST."""
    return clean_environment(OGC_PROCESSES_HOST=pygeoapi_url)


def new_job(env: Dict[str, str], *args: str) -> str:
    """Start a job asynchronously; its id (the only thing printed)."""
    answer = cli("execute", *args, "--async", env=env)
    assert answer.returncode == 0, answer.stderr
    job_id = answer.stdout.strip()
    assert job_id and len(job_id.split()) == 1, answer.stdout
    return job_id


@pytest.mark.pygeoapi
def test_processes_table_and_json(host: Dict[str, str]) -> None:
    answer = cli("processes", env=host)
    assert answer.returncode == 0, answer.stderr
    rows = table_rows(answer.stdout)
    assert rows[0][:3] == ["ID", "VERSION", "MODES"]
    assert {"hello-world", "echo"} <= {row[0] for row in rows[1:]}
    echo = next(line for line in answer.stdout.splitlines() if line.startswith("echo "))
    header = answer.stdout.splitlines()[0]
    assert echo.index("1.0.0") == header.index("VERSION")  # the columns are aligned
    listed = json.loads(cli("processes", "--json", env=host).stdout)
    assert isinstance(listed, list)
    assert {"hello-world", "echo"} <= {process["id"] for process in listed}


@pytest.mark.pygeoapi
def test_describe_shows_inputs_and_outputs(host: Dict[str, str]) -> None:
    answer = cli("describe", "echo", env=host)
    assert answer.returncode == 0, answer.stderr
    text = answer.stdout
    assert text.splitlines()[0].startswith("echo")
    assert "Inputs" in text and "Outputs" in text
    rows = {row[0]: row for row in table_rows(text)}
    assert rows["echoInput"][1].startswith("string")
    assert rows["pause"][1].startswith("number")
    assert "echoOutput" in rows
    document = json.loads(cli("describe", "echo", "--json", env=host).stdout)
    assert document["id"] == "echo" and "echoInput" in document["inputs"]


@pytest.mark.pygeoapi
def test_conformance(host: Dict[str, str]) -> None:
    answer = cli("conformance", env=host)
    assert answer.returncode == 0, answer.stderr
    assert "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core" in answer.stdout.splitlines()
    assert "conformsTo" in json.loads(cli("conformance", "--json", env=host).stdout)


@pytest.mark.pygeoapi
def test_execute_sync_prints_the_results(host: Dict[str, str]) -> None:
    answer = cli("execute", "hello-world", "-i", "name=World", "--sync", env=host)
    assert answer.returncode == 0, answer.stderr
    assert table_rows(answer.stdout)[0] == ["OUTPUT", "VALUE"]
    assert "Hello World!" in answer.stdout
    results = json.loads(cli("execute", "hello-world", "-i", "name=World", "--sync", "--json", env=host).stdout)
    assert results == {"id": "echo", "value": "Hello World!"}  # exactly what pygeoapi answered


@pytest.mark.pygeoapi
def test_execute_async_prints_the_job_id_or_its_status(host: Dict[str, str]) -> None:
    job_id = new_job(host, "hello-world", "-i", "name=World")
    assert cli("watch", job_id, "-q", env=host).returncode == 0
    answer = cli("execute", "hello-world", "-i", "name=World", "--async", "--json", env=host)
    assert answer.returncode == 0, answer.stderr
    document = json.loads(answer.stdout)
    assert document["jobID"] and document["status"] in ("accepted", "running", "successful")


@pytest.mark.pygeoapi
def test_execute_wait_shows_progress_lines_on_stderr(host: Dict[str, str]) -> None:
    answer = cli("execute", "echo", "-i", "echoInput=Echo", "-i", "pause=1.0", "--wait", env=host)
    assert answer.returncode == 0, answer.stderr
    progress = answer.stderr.splitlines()
    assert len(progress) >= 2, answer.stderr  # one line per change, no bar: stderr is not a terminal
    assert all(line.startswith("job ") and "\r" not in line for line in progress), progress
    assert "accepted" in progress[0] and "successful" in progress[-1]
    assert "Echo" in answer.stdout and "OUTPUT" in answer.stdout


@pytest.mark.pygeoapi
def test_execute_failed_job_exits_1_with_the_reason(host: Dict[str, str]) -> None:
    answer = cli("execute", "hello-world", "--wait", env=host)
    line = assert_one_error_line(answer, 1, "failed", "Cannot process without a name")
    assert line.startswith(PREFIX + "job ")
    assert answer.stdout == ""
    # a synchronous run that fails is an error of the server: one line too, also with --json
    answer = cli("execute", "hello-world", "--sync", "--json", env=host)
    assert_one_error_line(answer, 1, "(400)", "Cannot process without a name")
    assert answer.stdout == ""


@pytest.mark.pygeoapi
def test_execute_input_file_from_stdin(host: Dict[str, str], tmp_path: pathlib.Path) -> None:
    for body in ({"inputs": {"name": "Stdin"}, "response": "raw"}, {"name": "Stdin"}):
        answer = cli(
            "execute", "hello-world", "--input-file", "-", "--sync", "--json", env=host, stdin=json.dumps(body)
        )
        assert answer.returncode == 0, answer.stderr
        assert json.loads(answer.stdout)["value"] == "Hello Stdin!"
    body_file = tmp_path / "body.json"
    body_file.write_text(json.dumps({"inputs": {"name": "File", "message": "hi"}}))
    answer = cli("execute", "hello-world", "--input-file", str(body_file), "-i", "message=there", "--sync",
                 "--json", env=host)  # fmt: skip
    assert json.loads(answer.stdout)["value"] == "Hello File! there"  # -i is added to the file's inputs


@pytest.mark.pygeoapi
def test_execute_timeout_leaves_the_job_running(host: Dict[str, str]) -> None:
    answer = cli("execute", "echo", "-i", "echoInput=Echo", "-i", "pause=5.5", "--wait", "--timeout", "1", "-q",
                 env=host)  # fmt: skip
    assert_one_error_line(answer, 1, "did not end within --timeout 1 s", "keeps running")


@pytest.mark.pygeoapi
def test_jobs_status_filter_as_json(host: Dict[str, str]) -> None:
    done = new_job(host, "hello-world", "-i", "name=World")
    failed = new_job(host, "hello-world")
    for job_id in (done, failed):
        cli("watch", job_id, "-q", env=host)
    answer = cli("jobs", "--status", "successful", "--all", "--json", env=host)
    assert answer.returncode == 0, answer.stderr
    listed = json.loads(answer.stdout)
    assert listed and {job["status"] for job in listed} == {"successful"}
    assert done in {job["jobID"] for job in listed} and failed not in {job["jobID"] for job in listed}
    both = json.loads(cli("jobs", "--status", "successful,failed", "--process", "hello-world", "--all", "--json",
                          env=host).stdout)  # fmt: skip
    assert {done, failed} <= {job["jobID"] for job in both}
    assert {job["processID"] for job in both} == {"hello-world"}


@pytest.mark.pygeoapi
def test_jobs_table_respects_limit(host: Dict[str, str]) -> None:
    for _ in range(3):
        new_job(host, "hello-world", "-i", "name=World")
    answer = cli("jobs", "--limit", "2", env=host)
    assert answer.returncode == 0, answer.stderr
    rows = table_rows(answer.stdout)
    assert rows[0][:3] == ["JOB ID", "PROCESS", "STATUS"] and len(rows) == 3
    assert len(json.loads(cli("jobs", "--limit", "2", "--json", env=host).stdout)) == 2


@pytest.mark.pygeoapi
def test_status_and_watch(host: Dict[str, str]) -> None:
    job_id = new_job(host, "echo", "-i", "echoInput=Echo", "-i", "pause=1.0")
    answer = cli("status", job_id, env=host)
    assert answer.returncode == 0, answer.stderr
    shown = dict(line.split(None, 1) for line in answer.stdout.splitlines())
    assert shown["job"] == job_id and shown["process"] == "echo"
    assert shown["status"].split()[0] in ("accepted", "running", "successful")  # a slow machine may be late
    answer = cli("watch", job_id, env=host)
    assert answer.returncode == 0, answer.stderr
    assert "successful" in answer.stderr.splitlines()[-1]  # the progress, line by line
    assert "successful" in answer.stdout
    status = json.loads(cli("status", job_id, "--json", env=host).stdout)
    assert status["jobID"] == job_id and status["status"] == "successful"


@pytest.mark.pygeoapi
def test_watch_failed_job_exits_1_with_the_reason(host: Dict[str, str]) -> None:
    job_id = new_job(host, "hello-world")
    answer = cli("watch", job_id, env=host)
    assert_one_error_line(answer, 1, job_id, "failed", "Cannot process without a name")


@pytest.mark.pygeoapi
def test_results_and_download(host: Dict[str, str], tmp_path: pathlib.Path) -> None:
    job_id = new_job(host, "hello-world", "-i", "name=Files")
    assert cli("watch", job_id, "-q", env=host).returncode == 0
    assert "Hello Files!" in cli("results", job_id, env=host).stdout
    assert json.loads(cli("results", job_id, "--json", env=host).stdout)["value"] == "Hello Files!"
    answer = cli("results", job_id, "--download", str(tmp_path / "out"), env=host)
    assert answer.returncode == 0, answer.stderr
    paths = [pathlib.Path(line) for line in answer.stdout.splitlines()]
    assert paths and all(path.is_file() and path.parent == tmp_path / "out" for path in paths)
    assert any(path.read_text() == "Hello Files!" for path in paths)
    listed = json.loads(cli("results", job_id, "--download", str(tmp_path / "again"), "--json", env=host).stdout)
    assert sorted(pathlib.Path(path).name for path in listed) == sorted(path.name for path in paths)


@pytest.mark.pygeoapi
def test_execute_download_waits_and_prints_the_paths(host: Dict[str, str], tmp_path: pathlib.Path) -> None:
    answer = cli("execute", "hello-world", "-i", "name=Now", "--download", str(tmp_path), "-q", env=host)
    assert answer.returncode == 0, answer.stderr
    paths = [pathlib.Path(line) for line in answer.stdout.splitlines()]
    assert any(path.read_text() == "Hello Now!" for path in paths)


@pytest.mark.pygeoapi
def test_dismiss(host: Dict[str, str]) -> None:
    job_id = new_job(host, "hello-world", "-i", "name=World")
    cli("watch", job_id, "-q", env=host)
    answer = cli("dismiss", job_id, env=host)
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.startswith(f"job {job_id} dismissed")
    assert_one_error_line(cli("status", job_id, env=host), 1, "(404)")
    assert_one_error_line(cli("dismiss", job_id, "--json", env=host), 1, "(404)")


@pytest.mark.pygeoapi
@pytest.mark.parametrize(
    "arguments",
    [["--host", "{url}", "jobs", "--limit", "1", "--json"], ["jobs", "--limit", "1", "--host", "{url}", "--json"],
     ["--json", "jobs", "--host", "{url}", "--limit", "1"], ["--timeout", "30", "jobs", "--json", "--host", "{url}"]],
    ids=["before", "after", "mixed", "timeout-before"],
)  # fmt: skip
def test_global_options_before_or_after_the_command(pygeoapi_url: str, arguments: List[str]) -> None:
    new_job(clean_environment(OGC_PROCESSES_HOST=pygeoapi_url), "hello-world", "-i", "name=World")
    answer = cli(*(argument.format(url=pygeoapi_url) for argument in arguments))
    assert answer.returncode == 0, answer.stderr
    assert isinstance(json.loads(answer.stdout), list)


@pytest.mark.pygeoapi
def test_host_option_wins_over_the_environment(pygeoapi_url: str) -> None:
    env = clean_environment(OGC_PROCESSES_HOST="http://127.0.0.1:9")  # nothing listens there
    assert cli("processes", "--host", pygeoapi_url, env=env).returncode == 0
    assert_one_error_line(cli("processes", env=env), 1, "127.0.0.1:9")


@pytest.mark.pygeoapi
def test_deploy_on_a_server_without_part_2_is_one_error_line(host: Dict[str, str], tmp_path: pathlib.Path) -> None:
    package = tmp_path / "workflow.cwl"
    package.write_text("cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: echo\n")
    assert_one_error_line(cli("deploy", str(package), env=host), 1, "(405)")


# --- interruption ------------------------------------------------------------------------------------------
def read_line_until(stream: Any, words: Sequence[str], deadline: float) -> str:
    """The first line of ``stream`` holding every word (bounded by ``deadline``)."""
    buffer = ""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(stream.fileno(), 4096).decode()
        if not chunk:
            break
        buffer += chunk
        for line in buffer.splitlines():
            if all(word in line for word in words):
                return line
    raise AssertionError(f"no line with {words} in time; got {buffer!r}")


def interrupt(
    arguments: List[str], env: Dict[str, str], until: Sequence[str] = ("job ", "accepted")
) -> subprocess.CompletedProcess[str]:
    """Run the CLI, send SIGINT once a line of its standard error holds ``until`` (by default: it reports an
    accepted job), and collect what it did."""
    process = subprocess.Popen([*CLI, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                               cwd=REPOSITORY)  # fmt: skip
    try:
        read_line_until(process.stderr, list(until), time.monotonic() + 30)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    return subprocess.CompletedProcess(arguments, process.returncode, out.decode(), err.decode())


@pytest.mark.pygeoapi
@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_ctrl_c_on_watch_exits_130_and_the_job_keeps_running(host: Dict[str, str]) -> None:
    job_id = new_job(host, "echo", "-i", "echoInput=Echo", "-i", "pause=5.5")
    answer = interrupt(["watch", job_id], host)
    line = assert_one_error_line(answer, 130, "interrupted", job_id, "keeps running")
    assert line.startswith("ogc-processes: interrupted")
    assert json.loads(cli("status", job_id, "--json", env=host).stdout)["status"] in ("accepted", "running")


@pytest.mark.pygeoapi
@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_ctrl_c_with_cancel_on_interrupt_dismisses_the_job(host: Dict[str, str]) -> None:
    arguments = ["execute", "echo", "-i", "echoInput=Echo", "-i", "pause=5.5", "--wait", "--cancel-on-interrupt"]
    answer = interrupt(arguments, host)
    line = assert_one_error_line(answer, 130, "interrupted", "dismissed")
    job_id = line.split("job ")[1].split()[0]
    assert_one_error_line(cli("status", job_id, env=host), 1, "(404)")  # pygeoapi forgets a dismissed job


# --- without a server ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["processes"], ["no server given", "OGC_PROCESSES_HOST"]),
        (["jobs", "--limit", "x", "--host", "http://127.0.0.1:9"], ["--limit", "not a whole number"]),
        (["jobs", "--limit", "3", "--all", "--host", "http://127.0.0.1:9"], ["not allowed with"]),
        (["jobs", "--status", "done", "--host", "http://127.0.0.1:9"], ["unknown status 'done'"]),
        (["nope"], ["invalid choice"]),
        ([], ["COMMAND"]),
        (["describe"], ["PROCESS"]),
        (["execute", "echo", "-i", "novalue", "--host", "http://127.0.0.1:9"], ["NAME=VALUE"]),
        (["execute", "echo", "--async", "--sync"], ["not allowed with"]),
        (["execute", "echo", "--input-file", "missing.json", "--host", "http://127.0.0.1:9"], ["missing.json"]),
        (["--timeout", "-1", "jobs"], ["--timeout"]),
        (["--host", "not-a-url", "jobs"], ["http:// or https://"]),
        (["deploy", "missing.cwl", "--host", "http://127.0.0.1:9"], ["missing.cwl"]),
    ],
    ids=["no-host", "bad-limit", "limit-and-all", "bad-status", "unknown-command", "no-command", "no-process",
         "bad-input", "async-and-sync", "missing-input-file", "bad-timeout", "bad-host", "missing-package"],
)  # fmt: skip
def test_usage_errors_exit_2_with_one_line(arguments: List[str], words: List[str]) -> None:
    answer = cli(*arguments)
    assert_one_error_line(answer, 2, *words)
    assert answer.stdout == ""


def test_unreachable_host_is_one_error_line() -> None:
    answer = cli("--host", "http://127.0.0.1:9", "--timeout", "10", "processes")  # port 9 (discard): closed
    line = assert_one_error_line(answer, 1, "127.0.0.1:9")
    assert line.startswith(PREFIX)


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_of_every_command_shows_an_example(command: Optional[str]) -> None:
    answer = cli(*([command] if command else []), "--help")
    assert answer.returncode == 0, answer.stderr
    assert "Example" in answer.stdout
    assert "ogc-processes" in answer.stdout.split("Example", 1)[1]


def test_version() -> None:
    from unity_sps_ogc_processes_api_python_client import __version__

    answer = cli("--version")
    assert (answer.returncode, answer.stdout.strip()) == (0, f"ogc-processes {__version__}")


def test_console_script_entry_point() -> None:
    text = (REPOSITORY / "pyproject.toml").read_text()
    assert 'ogc-processes = "unity_sps_ogc_processes_api_python_client.cli:main"' in text
    from unity_sps_ogc_processes_api_python_client.cli import main

    assert main(["--version"]) == 0


# --- what is sent, seen by a local test server --------------------------------------------------------------
DESCRIPTION = {"id": "p", "version": "1", "jobControlOptions": ["sync-execute"], "inputs": {}, "outputs": {}}


def test_inputs_are_sent_as_json_when_they_parse_as_json(httpserver: HTTPServer, tmp_path: pathlib.Path) -> None:
    received: List[Any] = []

    def execution(request: Request) -> Response:
        received.append(request.get_json())
        return Response(json.dumps({"out": "ok"}), content_type="application/json")

    httpserver.expect_request("/processes/p", method="GET").respond_with_json(DESCRIPTION)
    httpserver.expect_request("/processes/p/execution", method="POST").respond_with_handler(execution)
    (tmp_path / "value.json").write_text('{"a": [1, 2]}')
    (tmp_path / "value.txt").write_text("plain text\n")
    (tmp_path / "body.json").write_text(json.dumps({"inputs": {"kept": 1, "n": 0}, "response": "document"}))
    answer = cli(
        "execute", "p", "--input-file", str(tmp_path / "body.json"),
        "-i", "n=3", "-i", "x=2.5", "-i", "b=[1,2]", "-i", "s=text", "-i", 'q="3"', "-i", "t=true", "-i", "e=",
        "-i", "r=a", "-i", "r=b", "-i", "r=3", "-i", f"f=@{tmp_path / 'value.json'}",
        "-i", f"g=@{tmp_path / 'value.txt'}", "-i", "nan=NaN", "-i", "z=007",
        "--host", httpserver.url_for("/"), "--json",
    )  # fmt: skip
    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout) == {"out": "ok"}
    assert received == [{
        "inputs": {"kept": 1, "n": 3, "x": 2.5, "b": [1, 2], "s": "text", "q": "3", "t": True, "e": "",
                   "r": ["a", "b", 3], "f": {"a": [1, 2]}, "g": "plain text\n", "nan": "NaN", "z": "007"},
        "response": "document",
    }]  # fmt: skip


def test_token_from_option_or_environment(httpserver: HTTPServer) -> None:
    sent: List[Optional[str]] = []

    def listing(request: Request) -> Response:
        sent.append(request.headers.get("Authorization"))
        return Response(json.dumps({"processes": [], "links": []}), content_type="application/json")

    httpserver.expect_request("/processes").respond_with_handler(listing)
    url = httpserver.url_for("/")
    for answer in (cli("processes", "--json", env=clean_environment(OGC_PROCESSES_HOST=url,
                                                                     OGC_PROCESSES_TOKEN="s3cret")),
                   cli("processes", "--json", "--token", "s3cret", "--host", url)):  # fmt: skip
        assert answer.returncode == 0, answer.stderr
        assert json.loads(answer.stdout) == []
    answer = cli("processes", "--host", url)
    assert answer.returncode == 0 and answer.stdout == "" and answer.stderr.strip() == "no processes"
    assert sent == ["Bearer s3cret", "Bearer s3cret", None]


def test_deploy_and_undeploy(httpserver: HTTPServer, tmp_path: pathlib.Path) -> None:
    received: List[Any] = []

    def deployment(request: Request) -> Response:
        received.append((request.content_type, request.get_data(as_text=True)))
        if request.content_type == "application/json":
            return Response(json.dumps({"id": "my-process", "title": "deployed"}), status=201,
                            content_type="application/json")  # fmt: skip
        return Response(status=201)

    httpserver.expect_request("/processes", method="POST").respond_with_handler(deployment)
    httpserver.expect_request("/processes/my-process", method="DELETE").respond_with_data("", status=204)
    package = {"processDescription": {"id": "my-process", "version": "1"},
               "executionUnit": {"type": "docker", "image": "example/echo"}}  # fmt: skip
    (tmp_path / "package.json").write_text(json.dumps(package))
    cwl = "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: echo\n"
    (tmp_path / "tool.cwl").write_text(cwl)
    url = httpserver.url_for("/")

    answer = cli("deploy", str(tmp_path / "package.json"), "--host", url)
    assert (answer.returncode, answer.stdout) == (0, "process my-process deployed\n"), answer.stderr
    answer = cli("deploy", "-", "--host", url, "--json", stdin=cwl)
    assert (answer.returncode, json.loads(answer.stdout)) == (0, None), answer.stderr
    answer = cli("undeploy", "my-process", "--host", url)
    assert (answer.returncode, answer.stdout) == (0, "process my-process undeployed\n"), answer.stderr
    assert received[0][0] == "application/json" and json.loads(received[0][1]) == package
    assert received[1] == ("application/cwl+yaml", cwl)


# --- the pieces, in process -------------------------------------------------------------------------------
def test_parse_value() -> None:
    assert [parse_value(text) for text in ("3", "2.0", "[1,2]", '"3"', "true", "null", "x", "", "Infinity", "1e400")] \
        == [3, 2.0, [1, 2], "3", True, None, "x", "", "Infinity", "1e400"]  # fmt: skip
    assert isinstance(parse_value("2.0"), float)


def test_parse_inputs_repeats_make_a_list() -> None:
    assert parse_inputs(["a=1", "a=2", "b=x=y", "a=3"]) == {"a": [1, 2, 3], "b": "x=y"}
    with pytest.raises(UsageError):
        parse_inputs(["=3"])


def test_read_body_takes_a_request_or_inputs(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "body.json"
    path.write_text('{"inputs": {"a": 1}, "outputs": {"o": {}}}')
    assert read_body(str(path)) == ({"a": 1}, {"outputs": {"o": {}}})
    path.write_text('{"a": 1, "inputs": "not an object"}')
    assert read_body(str(path)) == ({"a": 1, "inputs": "not an object"}, {})
    path.write_text('{"inputs": {}, "process": "x"}')
    with pytest.raises(UsageError, match="process"):
        read_body(str(path))
    path.write_text("[1]")
    with pytest.raises(UsageError, match="object"):
        read_body(str(path))


def test_schema_and_occurs_in_words() -> None:
    assert schema_type({"type": "string", "enum": ["a", "b"]}) == "string (a|b)"
    assert schema_type({"type": "array", "items": {"type": "integer"}}) == "array of integer"
    assert schema_type({"oneOf": [{"type": "string", "contentMediaType": "image/png"}, {"type": "object"}]}) == (
        "string (image/png) | object"
    )
    assert schema_type(None) == "any"
    assert [occurs(None, None), occurs(0, 1), occurs(1, "unbounded"), occurs(2, 5)] == ["1", "0..1", "1..*", "2..5"]


def test_compact_times_and_values() -> None:
    import datetime as dt

    now = dt.datetime(2026, 11, 29, 12, 0, 0, tzinfo=dt.timezone.utc)
    assert [ago(now - dt.timedelta(seconds=s), now) for s in (0, 12, 300, 7200, 172800, 864000)] == [
        "just now", "12s ago", "5m ago", "2h ago", "2d ago", "2026-11-19"]  # fmt: skip
    assert [duration(s) for s in (None, 0.42, 65, 7385, 90000)] == ["", "0.4s", "1m05s", "2h03m", "1d01h"]
    assert value_text({"href": "http://h/f.tif", "type": "image/tiff"}) == "http://h/f.tif (image/tiff)"
    assert value_text({"value": 3, "mediaType": "text/plain"}) == "3 (text/plain)"
    assert value_text([1, {"a": "é"}]) == '[1,{"a":"é"}]'
    assert cut("abcdef", 4) == "abc…" and cut("abc", 4) == "abc"


def test_table_aligns_and_cuts(capsys: pytest.CaptureFixture[str]) -> None:
    table([Column("id"), Column("text", 5)], [["a", "short"], ["longer", "much longer\ntext"]], sys.stdout)
    assert capsys.readouterr().out.splitlines() == ["ID      TEXT", "a       short", "longer  much…"]


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_table_in_a_terminal_fits_its_width_and_colours_unless_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *args: os.terminal_size((30, 24)))
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR", raising=False)
    columns = [Column("status", style=status_colour), Column("message", 60, flexible=True)]
    out = Terminal()
    table(columns, [["failed", "x" * 50]], out)
    row = out.getvalue().splitlines()[1]
    assert row.startswith("\x1b[31mfailed\x1b[0m")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", row)
    assert len(plain) == 30 and plain.endswith("…")
    monkeypatch.setenv("NO_COLOR", "1")
    out = Terminal()
    table(columns, [["failed", "x"]], out)
    assert "\x1b" not in out.getvalue()
    piped = io.StringIO()  # not a terminal: no colour, and only the column's own limit
    table(columns, [["failed", "x" * 50]], piped)
    assert "\x1b" not in piped.getvalue() and len(piped.getvalue().splitlines()[1]) == len("failed  ") + 50
