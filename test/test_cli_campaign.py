"""The ``campaign`` commands of ``ogc-processes``, run as subprocesses.

The edge cases run against the small fake OGC server (fast); one campaign runs on the session's pygeoapi,
and so does examples/campaign.py. Every subprocess is bounded.
"""

from __future__ import annotations

import contextlib
import csv
import json
import pathlib
import sqlite3
import subprocess
import sys
import time
from typing import Dict, List, Optional

import pytest

from unity_sps_ogc_processes_api_python_client.campaign.lock import RunLock
from unity_sps_ogc_processes_api_python_client.cli.campaign import read_inputs_lines
from unity_sps_ogc_processes_api_python_client.cli.inputs import UsageError
from unity_sps_ogc_processes_api_python_client.cli.parser import CAMPAIGN_COMMANDS

from .conftest import Serve
from .fake_ogc import FakeOgc
from .test_cli import REPOSITORY, assert_one_error_line, clean_environment, cli, interrupt, table_rows

NEVER = 10**6  # polls before a fake job ends: it does not, within a test


def lines_file(path: pathlib.Path, *objects: object) -> str:
    path.write_text("".join(json.dumps(item) + "\n" for item in objects), encoding="utf-8")
    return str(path)


def states(journal: pathlib.Path) -> Dict[str, str]:
    """key -> state, read straight from the journal."""
    with contextlib.closing(sqlite3.connect(f"file:{journal}?mode=ro", uri=True, timeout=10)) as db:
        return dict(db.execute("SELECT key, state FROM rows ORDER BY seq").fetchall())


def added(journal: pathlib.Path, process: str, *objects: object, key_field: Optional[str] = "n") -> None:
    inputs = lines_file(journal.with_suffix(".jsonl"), *objects)
    key = ["--key-field", key_field] if key_field else []
    answer = cli("campaign", "add", str(journal), process, "--inputs", inputs, *key)
    assert answer.returncode == 0, answer.stderr


# --- add --------------------------------------------------------------------------------------------------
def test_add_counts_new_rows_and_rows_there_already(tmp_path: pathlib.Path) -> None:
    journal = tmp_path / "c.sqlite"
    inputs = tmp_path / "inputs.jsonl"
    inputs.write_text('{"n": 1, "granule": "g1"}\n\n   \n{"n": 2, "granule": "g2"}\n', encoding="utf-8")
    first = cli("campaign", "add", str(journal), "p", "--inputs", str(inputs), "--key-field", "granule")
    assert (first.returncode, first.stdout) == (0, f"2 rows added, 0 there already (2 rows in {journal})\n")
    stdin = '{"n": 2, "granule": "g2"}\n{"n": 3, "granule": "g3"}\n'  # one known, one new; from standard input
    again = cli("campaign", "add", str(journal), "p", "--inputs", "-", "--key-field", "granule", "--json", stdin=stdin)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout) == {"added": 1, "existing": 1, "rows": 3}
    assert list(states(journal)) == ["g1", "g2", "g3"]
    digest = cli("campaign", "add", str(journal), "p", "--inputs", "-", stdin='{"n": 4}\n{"n": 4}\n')
    assert digest.stdout.startswith("1 row added, 1 there already")  # the same work twice: one row


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"n": 1}\n\n{"n": 2\n', ["line 3", "not JSON"]),
        ('{"n": 1}\n[1, 2]\n', ["line 2", "JSON object"]),
        ('{"n": NaN}\n', ["line 1", "not JSON"]),
        ('{"n": 1}\n{"m": 2}\n', ["line 2", "no input 'n'"]),
        ('{"n": ""}\n', ["line 1", "non-empty"]),
        ('{"n": 1, "x": 1}\n{"n": 1, "x": 2}\n', ["line 2", "key '1' of line 1"]),
    ],
    ids=["not-json", "not-an-object", "nan", "no-key", "empty-key", "key-twice"],
)  # fmt: skip
def test_a_bad_inputs_line_is_a_usage_error_naming_it_and_adds_nothing(
    tmp_path: pathlib.Path, text: str, words: List[str]
) -> None:
    inputs = tmp_path / "inputs.jsonl"
    inputs.write_text(text, encoding="utf-8")
    journal = tmp_path / "c.sqlite"
    answer = cli("campaign", "add", str(journal), "p", "--inputs", str(inputs), "--key-field", "n")
    assert_one_error_line(answer, 2, str(inputs), *words)
    assert not journal.exists()  # nothing was added, not even an empty journal


def test_read_inputs_lines_from_standard_input_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO('\ufeff{"a": 1}\n\n"text"\n'))
    with pytest.raises(UsageError, match="standard input line 3 must be a JSON object"):
        read_inputs_lines("-")


# --- run ----------------------------------------------------------------------------------------------------
def test_run_runs_every_row_with_progress_and_downloads(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc(polls_to_finish=2)
    server = serve(fake)
    journal = tmp_path / "c.sqlite"
    added(journal, "p", *({"n": n} for n in range(6)))
    answer = cli("campaign", "run", str(journal), "--parallel", "3", "--download", str(tmp_path / "out"),
                 "--host", server.url)  # fmt: skip
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.startswith("6 rows: successful 6; durations ")
    progress = answer.stderr.splitlines()
    assert progress[-1] == "campaign: 6 done, 0 failed, 0 running, 0 pending", answer.stderr
    assert all(line.startswith("campaign: ") for line in progress)
    assert fake.peak_running <= 3
    assert set(fake.jobs_by_input("n").values()) == {1}
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [str(n) for n in range(6)]


def test_failed_rows_exit_1_and_status_shows_the_reason(serve: Serve, tmp_path: pathlib.Path) -> None:
    server = serve(FakeOgc())
    journal = tmp_path / "c.sqlite"
    added(journal, "p", *({"n": n, "fail": n in (1, 4)} for n in range(5)))
    answer = cli("campaign", "run", str(journal), "-q", "--host", server.url)
    assert answer.stdout.startswith("5 rows: successful 3, failed 2")
    assert_one_error_line(answer, 1, "2 of 5 rows did not succeed (failed 2)", f"campaign status {journal}")
    assert answer.stderr.count("\n") == 1  # -q: no progress

    status = cli("campaign", "status", str(journal))  # no --host: the journal is all it reads
    assert status.returncode == 0, status.stderr
    rows = table_rows(status.stdout)
    assert rows[:4] == [["STATE", "ROWS"], ["successful", "3"], ["failed", "2"], ["total", "5"]]
    assert any(row[0] == "durations" for row in rows)
    failures = rows[rows.index(["Latest failures"]) + 1 :]
    assert failures[0] == ["KEY", "STATE", "ATTEMPTS", "JOB ID", "ERROR"]
    assert sorted(row[0] for row in failures[1:]) == ["1", "4"]
    assert all(row[1:3] == ["failed", "1"] and "the job failed on purpose" in row[4] for row in failures[1:])

    document = json.loads(cli("campaign", "status", str(journal), "--json").stdout)
    assert set(document) == {"counts", "durations", "failures"}
    assert document["counts"] == {"successful": 3, "failed": 2}
    assert document["durations"]["count"] == 3 and document["durations"]["min"] <= document["durations"]["max"]
    assert {failure["key"] for failure in document["failures"]} == {"1", "4"}
    assert all("asked to fail" in failure["error"] for failure in document["failures"])


def test_timeout_exits_1_and_a_second_run_finishes(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc(polls_to_finish=NEVER)
    server = serve(fake)
    journal = tmp_path / "c.sqlite"
    added(journal, "p", *({"n": n} for n in range(5)))
    started = time.monotonic()
    answer = cli("--timeout", "1", "campaign", "run", str(journal), "--parallel", "2", "--host", server.url)
    assert time.monotonic() - started < 20
    line = assert_one_error_line(answer, 1, "did not end within --timeout 1 s", "5 rows still to do")
    assert f"'ogc-processes campaign run {journal}' continues" in line
    assert answer.stdout.startswith("5 rows: ")
    assert "pending" in set(states(journal).values()) <= {"pending", "accepted", "running"}

    fake.polls_to_finish = 1
    again = cli("campaign", "run", str(journal), "--parallel", "2", "--host", server.url)
    assert again.returncode == 0, again.stderr
    assert set(states(journal).values()) == {"successful"}
    assert set(fake.jobs_by_input("n").values()) == {1}  # the jobs of the first run were followed, not redone


def test_a_held_lock_is_one_line_and_reading_still_works(serve: Serve, tmp_path: pathlib.Path) -> None:
    server = serve(FakeOgc())
    journal = tmp_path / "c.sqlite"
    added(journal, "p", {"n": 1})
    with RunLock(str(journal)):  # as another `campaign run` holds it
        answer = cli("campaign", "run", str(journal), "--host", server.url)
        assert_one_error_line(answer, 1, "another process is running the campaign")
        assert answer.stdout == ""
        assert_one_error_line(cli("campaign", "retry", str(journal)), 1, "another process is running")
        assert cli("campaign", "status", str(journal)).returncode == 0
    answer = cli("campaign", "run", str(journal), "--host", server.url, "--json")
    assert answer.returncode == 0, answer.stderr
    document = json.loads(answer.stdout)  # --json: the summary as `campaign status --json` gives it
    assert (document["counts"], document["durations"]["count"], document["failures"]) == ({"successful": 1}, 1, [])


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
def test_ctrl_c_exits_130_and_run_again_continues(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc(polls_to_finish=NEVER)
    server = serve(fake)
    journal = tmp_path / "c.sqlite"
    added(journal, "p", *({"n": n} for n in range(6)))
    arguments = ["campaign", "run", str(journal), "--parallel", "3", "--host", server.url]
    answer = interrupt(arguments, clean_environment(), until=("campaign: ", "3 running"))
    line = assert_one_error_line(answer, 130, "interrupted", f"'ogc-processes campaign run {journal}' continues")
    assert line.startswith("ogc-processes: interrupted; the journal keeps every row")

    fake.polls_to_finish = 1
    again = cli("campaign", "run", str(journal), "--host", server.url)
    assert again.returncode == 0, again.stderr
    assert set(states(journal).values()) == {"successful"}
    assert set(fake.jobs_by_input("n").values()) == {1}


# --- retry, export, and what needs no server -----------------------------------------------------------------
def test_retry_resubmits_failed_rows_up_to_max_attempts(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc()
    server = serve(fake)
    journal = tmp_path / "c.sqlite"
    added(journal, "p", *({"n": n, "fail": n == 0} for n in range(3)))
    assert cli("campaign", "run", str(journal), "--host", server.url).returncode == 1

    answer = cli("campaign", "retry", str(journal), "--state", "failed")
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout == f"1 failed row will be submitted again by 'ogc-processes campaign run {journal}'\n"
    assert states(journal)["0"] == "pending"
    assert cli("campaign", "run", str(journal), "--host", server.url).returncode == 1  # it fails again
    assert fake.jobs_by_input("n") == {0: 2, 1: 1, 2: 1}

    limited = cli("campaign", "retry", str(journal), "--state", "failed", "unknown", "--max-attempts", "2")
    assert limited.stdout.startswith("0 failed or unknown rows will be submitted again; 1 row left alone")
    assert json.loads(cli("campaign", "retry", str(journal), "--json").stdout) == {"retried": 1, "left": 0}
    exported = tmp_path / "rows.jsonl"
    assert cli("campaign", "export", str(journal), str(exported)).stdout == f"3 rows written to {exported}\n"
    rows = {row["key"]: row for row in map(json.loads, exported.read_text(encoding="utf-8").splitlines())}
    assert rows["0"]["state"] == "pending" and rows["0"]["attempts"] == 2
    assert [earlier["state"] for earlier in rows["0"]["history"]] == ["failed", "failed"]


def test_status_and_export_need_no_server(tmp_path: pathlib.Path) -> None:
    journal = tmp_path / "c.sqlite"
    added(journal, "p", {"n": 1, "x": "a,b"}, {"n": 2, "x": "c"})
    env = clean_environment()
    assert "OGC_PROCESSES_HOST" not in env
    status = cli("campaign", "status", str(journal), env=env)
    assert status.returncode == 0, status.stderr
    assert table_rows(status.stdout) == [["STATE", "ROWS"], ["pending", "2"], ["total", "2"]]
    out = tmp_path / "rows.csv"
    answer = cli("campaign", "export", str(journal), str(out), "--json", env=env)
    assert json.loads(answer.stdout) == {"written": 2, "path": str(out)}
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(row["key"], row["state"], json.loads(row["inputs"])) for row in rows] == [
        ("1", "pending", {"n": 1, "x": "a,b"}), ("2", "pending", {"n": 2, "x": "c"})]  # fmt: skip
    assert_one_error_line(cli("campaign", "run", str(journal), env=env), 2, "no server given")
    empty = tmp_path / "empty.sqlite"
    added(empty, "p", key_field=None)
    assert cli("campaign", "status", str(empty)).stderr == f"no rows in {empty}\n"


@pytest.mark.parametrize(
    ("arguments", "status", "words"),
    [
        (["campaign"], 2, ["COMMAND"]),
        (["campaign", "add", "{dir}/c.sqlite", "p"], 2, ["--inputs"]),
        (["campaign", "add", "{dir}/c.sqlite", "p", "--inputs", "{dir}/missing.jsonl"], 2, ["missing.jsonl"]),
        (["campaign", "status", "{dir}/missing.sqlite"], 2, ["no campaign journal", "campaign add"]),
        (["campaign", "run", "{dir}/missing.sqlite", "--host", "http://127.0.0.1:9"], 2, ["no campaign journal"]),
        (["campaign", "run", "{dir}/c.sqlite", "--parallel", "0"], 2, ["--parallel", "must be > 0"]),
        (["campaign", "retry", "{dir}/c.sqlite", "--state", "running"], 2, ["cannot retry rows in state 'running'"]),
        (["campaign", "export", "{dir}/c.sqlite", "{dir}/rows.txt"], 2, [".csv or .jsonl"]),
        (["campaign", "export", "{dir}/c.sqlite", "{dir}/nowhere/rows.csv"], 1, ["cannot write", "rows.csv:"]),
        (["campaign", "status", "{dir}/inputs.jsonl"], 1, ["not a usable campaign journal"]),
    ],
    ids=["no-command", "no-inputs", "missing-inputs", "missing-journal", "run-missing-journal", "parallel-0",
         "retry-running", "export-suffix", "export-nowhere", "not-a-journal"],
)  # fmt: skip
def test_campaign_errors_are_one_line(tmp_path: pathlib.Path, arguments: List[str], status: int,
                                      words: List[str]) -> None:  # fmt: skip
    lines_file(tmp_path / "inputs.jsonl", {"n": 1})
    assert cli("campaign", "add", str(tmp_path / "c.sqlite"), "p", "--inputs", str(tmp_path / "inputs.jsonl"),
               "--key-field", "n").returncode == 0  # fmt: skip
    answer = cli(*(argument.format(dir=tmp_path) for argument in arguments))
    assert_one_error_line(answer, status, *words)
    assert answer.stdout == ""


@pytest.mark.parametrize("command", sorted(CAMPAIGN_COMMANDS))
def test_help_of_every_campaign_command_shows_an_example(command: str) -> None:
    answer = cli("campaign", command, "--help")
    assert answer.returncode == 0, answer.stderr
    assert f"ogc-processes campaign {command} " in answer.stdout.split("Example", 1)[1]


# --- against pygeoapi ------------------------------------------------------------------------------------
@pytest.mark.pygeoapi
def test_a_campaign_of_hello_world_rows_on_pygeoapi(pygeoapi_url: str, tmp_path: pathlib.Path) -> None:
    journal, out = tmp_path / "names.sqlite", tmp_path / "out"
    names = lines_file(tmp_path / "names.jsonl", {"name": "Ada"}, {"name": "Grace"}, {"name": "Edsger"})
    answer = cli("campaign", "add", str(journal), "hello-world", "--inputs", names, "--key-field", "name")
    assert answer.stdout.startswith("3 rows added, 0 there already")
    nameless = cli("campaign", "add", str(journal), "hello-world", "--inputs", "-", stdin="{}\n")
    assert nameless.stdout.startswith("1 row added")

    run = cli("campaign", "run", str(journal), "--parallel", "2", "--download", str(out), "--timeout", "90",
              "--host", pygeoapi_url, timeout=120)  # fmt: skip
    assert run.stdout.startswith("4 rows: successful 3, failed 1")
    assert_one_error_line(run, 1, "1 of 4 rows did not succeed (failed 1)")
    assert "campaign: 3 done, 1 failed, 0 running, 0 pending" in run.stderr
    assert sorted(path.name for path in out.iterdir()) == ["Ada", "Edsger", "Grace"]
    assert (out / "Ada" / "value.txt").read_text(encoding="utf-8").startswith("Hello Ada")

    status = cli("campaign", "status", str(journal))
    assert status.returncode == 0, status.stderr
    assert "Cannot process without a name" in status.stdout.split("Latest failures", 1)[1]
    failures = json.loads(cli("campaign", "status", str(journal), "--json").stdout)["failures"]
    assert len(failures) == 1 and "Cannot process without a name" in failures[0]["error"]
    assert failures[0]["key"] not in ("Ada", "Grace", "Edsger") and failures[0]["job_id"]


@pytest.mark.pygeoapi
def test_the_campaign_example_runs(pygeoapi_url: str) -> None:
    answer = subprocess.run([sys.executable, str(REPOSITORY / "examples" / "campaign.py"), "--url", pygeoapi_url,
                             "--timeout", "90"], capture_output=True, text=True, timeout=110,
                            env=clean_environment(), cwd=REPOSITORY)  # fmt: skip
    assert answer.returncode == 0, (answer.stdout, answer.stderr)
    assert "Added:   36 rows (0 there already)" in answer.stdout
    assert "Summary: 36 rows: successful 36; durations " in answer.stdout
    assert "Outputs: 36 folders under " in answer.stdout
    assert "Exported 36 rows to " in answer.stdout and answer.stdout.rstrip().endswith("echo.csv")
    assert "campaign: 36 done, 0 failed, 0 running, 0 pending" in answer.stderr  # progress=True, not a terminal
    assert "Traceback" not in answer.stderr
