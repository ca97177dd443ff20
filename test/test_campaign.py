"""Campaigns against a local OGC server: bounded concurrency, busy servers and dropped connections,
submissions that may or may not have arrived, forgotten jobs, the journal's rules (keys, retry, export),
one runner at a time, crash windows."""

from __future__ import annotations

import contextlib
import csv
import json
import pathlib
import sqlite3
import time
from typing import Any, Dict, List

import pytest

from unity_sps_ogc_processes_api_python_client import (
    ApiValueError,
    CampaignError,
    CampaignLockedError,
    Client,
    PollPolicy,
)
from unity_sps_ogc_processes_api_python_client.campaign.lock import RunLock

from .conftest import Serve
from .fake_ogc import FakeOgc
from .keepalive_server import RawRequest, Reply, answer

FAST = PollPolicy(first=0.01, factor=1.5, max_interval=0.05)


def client(url: str) -> Client:
    return Client(url, poll=FAST, retries=0)


def test_a_campaign_runs_every_row_with_bounded_concurrency(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc(polls_to_finish=3)
    server = serve(fake)
    ended: List[str] = []
    with client(server.url) as c, c.campaign(tmp_path / "c.sqlite") as campaign:
        assert campaign.add_many("p", [{"n": n} for n in range(40)], key=lambda inputs: f"k{inputs['n']}") == 40
        summary = campaign.run(max_parallel=4, on_done=lambda row: ended.append(row.key))
    assert summary.counts == {"successful": 40} and summary.done
    assert fake.peak_running <= 4
    assert sorted(ended) == sorted(f"k{n}" for n in range(40))
    assert set(fake.jobs_by_input("n").values()) == {1}  # one job per row


def test_busy_answers_and_dropped_connections_fail_nothing(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc(polls_to_finish=2, busy=0.3, drop_get=0.1, seed=11)
    server = serve(fake)
    with client(server.url) as c, c.campaign(tmp_path / "c.sqlite") as campaign:
        campaign.add_many("p", [{"n": n} for n in range(25)], key=lambda inputs: str(inputs["n"]))
        started = time.monotonic()
        summary = campaign.run(max_parallel=5, timeout=60)
    assert summary.counts == {"successful": 25}, summary
    assert fake.faults > 10  # the faults did happen
    assert set(fake.jobs_by_input("n").values()) == {1}
    assert time.monotonic() - started < 60


def test_rows_with_bad_inputs_fail_with_the_reason_and_the_others_go_on(serve: Serve, tmp_path: pathlib.Path) -> None:
    server = serve(FakeOgc())
    with client(server.url) as c, c.campaign(tmp_path / "c.sqlite") as campaign:
        campaign.add_many("p", [{"n": n, "fail": n % 3 == 0} for n in range(9)], key=lambda i: str(i["n"]))
        failed: List[str] = []
        summary = campaign.run(max_parallel=3, on_failed=lambda row: failed.append(row.key))
        rows = {row.key: row for row in campaign.rows(state="failed")}
    assert summary.counts == {"successful": 6, "failed": 3}
    assert sorted(failed) == ["0", "3", "6"] == sorted(rows)
    assert "the job failed on purpose" in (rows["0"].error or "") and "asked to fail" in (rows["0"].error or "")


def test_a_submission_refused_by_the_server_fails_its_row(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc()
    refusal = answer(400, b'{"title": "Bad Request", "detail": "no such input"}')
    server = serve(lambda request: refusal if request.method == "POST" else fake(request))
    with client(server.url) as c, c.campaign(tmp_path / "c.sqlite") as campaign:
        campaign.add("p", {"x": 1}, key="a")
        campaign.add("unknown-process", {"x": 1}, key="b")
        fake_404 = campaign.run().counts
        rows = {row.key: row for row in campaign.rows()}
    assert fake_404 == {"failed": 2}
    assert rows["a"].attempts == 1 and rows["a"].job_id is None and "no such input" in (rows["a"].error or "")
    assert [r.method for r in server.requests].count("POST") == 1


def test_a_submission_that_may_have_arrived_is_never_sent_again(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc()

    def respond(request: RawRequest) -> Reply:
        if request.method == "POST":
            return lambda sock: False  # the connection closes: did the server create the job or not?
        return fake(request)

    server = serve(respond)
    with client(server.url) as c, c.campaign(tmp_path / "c.sqlite") as campaign:
        campaign.add(
            "p",
            {"x": 1},
            key="a",
        )
        assert campaign.run(timeout=10).counts == {"unknown": 1}
        assert campaign.run(timeout=10).counts == {"unknown": 1}  # a second run does not resubmit it
        assert "retry(state='unknown')" in (next(campaign.rows()).error or "")
    assert [r.method for r in server.requests] == ["GET", "POST"]  # the process description, one submission


def test_a_server_at_its_limit_slows_the_campaign_down(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc()
    calls: List[float] = []

    def respond(request: RawRequest) -> Reply:
        if request.method == "POST":
            calls.append(time.monotonic())
            if len(calls) <= 2:
                return answer(429, b"{}", Retry_After="1")
        return fake(request)

    server = serve(respond)
    with client(server.url) as c, c.campaign(tmp_path / "c.sqlite") as campaign:
        campaign.add_many("p", [{"n": n} for n in range(3)], key=lambda i: str(i["n"]))
        assert campaign.run(max_parallel=3).counts == {"successful": 3}
    assert calls[1] - calls[0] >= 0.95  # Retry-After: 1 was honoured, for the whole campaign
    assert set(fake.jobs_by_input("n").values()) == {1}


def test_a_job_the_server_forgot_is_recorded_not_a_crash(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc(polls_to_finish=1000)
    server = serve(fake)
    with client(server.url) as c, c.campaign(tmp_path / "c.sqlite") as campaign:
        campaign.add("p", {"x": 1}, key="a")
        campaign.run(timeout=0.3)
        fake.forget()
        summary = campaign.run(timeout=10)
        row = next(campaign.rows())
    assert summary.counts == {"unknown": 1}
    assert "no longer knows job job-1 (404)" in (row.error or "")


def test_run_stops_at_its_timeout_and_the_next_run_continues(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc(polls_to_finish=5)
    server = serve(fake)
    with client(server.url) as c, c.campaign(tmp_path / "c.sqlite") as campaign:
        campaign.add_many("p", [{"n": n} for n in range(6)], key=lambda i: str(i["n"]))
        started = time.monotonic()
        first = campaign.run(max_parallel=2, timeout=0.2)
        assert time.monotonic() - started < 1.5
        assert not first.done
        assert campaign.run(max_parallel=2).counts == {"successful": 6}
    assert set(fake.jobs_by_input("n").values()) == {1}


def test_one_runner_at_a_time(serve: Serve, tmp_path: pathlib.Path) -> None:
    server = serve(FakeOgc())
    path = tmp_path / "c.sqlite"
    with client(server.url) as c, c.campaign(path) as campaign:
        campaign.add("p", {"x": 1}, key="a")
        with RunLock(str(path)):  # as another process running it would
            with pytest.raises(CampaignLockedError, match="another process is running"):
                campaign.run()
            with pytest.raises(CampaignLockedError):
                campaign.retry(state="failed")
            assert campaign.summary().counts == {"pending": 1}  # reading is fine
        assert campaign.run().counts == {"successful": 1}


def test_keys_name_one_unit_of_work(tmp_path: pathlib.Path) -> None:
    with Client("http://127.0.0.1:9") as c, c.campaign(tmp_path / "c.sqlite") as campaign:
        assert campaign.add("p", {"x": 1}, key="a") is True
        assert campaign.add("p", {"x": 1}, key="a") is False  # the same again: a no-op
        with pytest.raises(CampaignError, match="other work"):
            campaign.add("p", {"x": 2}, key="a")
        assert campaign.add("p", {"x": 1}) is True  # a key from the digest of the work
        assert campaign.add("p", {"x": 1}) is False
        with pytest.raises(ApiValueError):
            campaign.add("p", {"x": float("nan")}, key="b")
        with pytest.raises(ApiValueError):
            campaign.add("p", {"x": 1}, key="")
        assert campaign.summary().counts == {"pending": 2}


def test_retry_resubmits_keeping_the_history(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc()
    server = serve(fake)
    with client(server.url) as c, c.campaign(tmp_path / "c.sqlite") as campaign:
        campaign.add("p", {"fail": True}, key="a")
        campaign.run()
        for attempt in (2, 3):
            assert campaign.retry(state="failed", max_attempts=3) == 1
            campaign.run()
            assert next(campaign.rows()).attempts == attempt
        assert campaign.retry(state="failed", max_attempts=3) == 0  # tried three times
        row = next(campaign.rows())
    assert row.state == "failed" and [h["job_id"] for h in row.history] == ["job-1", "job-2"]
    with pytest.raises(ApiValueError):
        campaign.retry(state="running")


def test_export_csv_and_jsonl(serve: Serve, tmp_path: pathlib.Path) -> None:
    server = serve(FakeOgc())
    with client(server.url) as c, c.campaign(tmp_path / "c.sqlite") as campaign:
        campaign.add_many("p", [{"n": n, "name": 'é,"x"\n'} for n in range(3)], key=lambda i: str(i["n"]))
        campaign.run()
        assert campaign.export(tmp_path / "rows.csv") == 3
        assert campaign.export(tmp_path / "rows.jsonl") == 3
        with pytest.raises(ApiValueError):
            campaign.export(tmp_path / "rows.xlsx")
    with open(tmp_path / "rows.csv", newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert [r["key"] for r in table] == ["0", "1", "2"] and {r["state"] for r in table} == {"successful"}
    assert json.loads(table[0]["inputs"]) == {"n": 0, "name": 'é,"x"\n'}
    lines = [json.loads(line) for line in (tmp_path / "rows.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [line["job_id"] for line in lines] == ["job-1", "job-2", "job-3"]


# --- crash windows, replayed by leaving the journal as a crash would ----------------------------------------------
def crash_in_submitting(path: pathlib.Path, key: str, submitted: float) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db, db:  # closed: Python 3.13 warns of open ones
        db.execute("UPDATE rows SET state = 'submitting', attempts = 1, submitted = ? WHERE key = ?", (submitted, key))


def test_an_interrupted_submission_whose_job_exists_is_adopted(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc()
    server = serve(fake)
    path = tmp_path / "c.sqlite"
    with client(server.url) as c:
        with c.campaign(path) as campaign:
            campaign.add("p", {"n": 1}, key="a")
        crash_in_submitting(path, "a", time.time())
        with c.jobs_api.api_client as _:  # the request did reach the server before the crash
            c.execute("p", {"n": 1}, mode="async")
        with c.campaign(path) as campaign:
            assert campaign.run().counts == {"successful": 1}
            assert next(campaign.rows()).job_id == "job-1"
    assert fake.jobs_by_input("n") == {1: 1}


def test_an_interrupted_submission_without_a_job_is_unknown(serve: Serve, tmp_path: pathlib.Path) -> None:
    fake = FakeOgc()
    server = serve(fake)
    path = tmp_path / "c.sqlite"
    with client(server.url) as c:
        with c.campaign(path) as campaign:
            campaign.add("p", {"n": 1}, key="a")
            campaign.add("p", {"n": 2}, key="b")
        c.execute("p", {"n": 0}, mode="async")  # an older job: created before the submission
        crash_in_submitting(path, "a", time.time() + 5)
        with c.campaign(path) as campaign:
            summary = campaign.run()
            assert summary.counts == {"successful": 1, "unknown": 1}
            assert "0 job(s) of p created since then" in (campaign.journal.get("a").error or "")  # type: ignore[union-attr]
            assert campaign.retry(state="unknown") == 1
            assert campaign.run().counts == {"successful": 2}
    assert fake.jobs_by_input("n") == {0: 1, 1: 1, 2: 1}


def test_a_row_that_ended_before_its_download_is_downloaded_on_the_next_run(
    serve: Serve, tmp_path: pathlib.Path
) -> None:
    fake = FakeOgc()
    server = serve(fake)
    path, out = tmp_path / "c.sqlite", tmp_path / "out"
    with client(server.url) as c, c.campaign(path) as campaign:
        campaign.add("p", {"n": 1}, key="a/../b")
        campaign.run()  # no download asked: as if the process died right after the row ended
        assert next(campaign.rows()).results is None
        campaign.run(download=out)
        row = next(campaign.rows())
    assert row.results and all(pathlib.Path(p).resolve().is_relative_to(out.resolve()) for p in row.results)  # type: ignore[attr-defined]
    assert json.loads(pathlib.Path(row.results[0]).read_text()) == {"n": 1}


def test_progress_reports_counts(serve: Serve, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = serve(FakeOgc())
    seen: List[Dict[str, Any]] = []
    with client(server.url) as c, c.campaign(tmp_path / "c.sqlite") as campaign:
        campaign.add_many("p", [{"n": n} for n in range(3)], key=lambda i: str(i["n"]))
        campaign.run(progress=seen.append)
        campaign.retry(state="successful")
        campaign.run(progress=True)
    assert seen[0] == {"pending": 3} and seen[-1] == {"successful": 3}
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("campaign: 0 done") and lines[-1] == "campaign: 3 done, 0 failed, 0 running, 0 pending"


def test_the_notebook_summary(serve: Serve, tmp_path: pathlib.Path) -> None:
    server = serve(FakeOgc())
    with client(server.url) as c, c.campaign(tmp_path / "c.sqlite") as campaign:
        campaign.add_many("p", [{"n": n, "fail": n == 1} for n in range(2)], key=lambda i: f"<k{i['n']}>")
        campaign.run()
        shown = campaign._repr_html_()
    assert "successful" in shown and "&lt;k1&gt;" in shown and "<k1>" not in shown


def test_a_campaign_opened_without_a_client_reads_and_writes_its_journal_but_cannot_run(
    serve: Serve, tmp_path: pathlib.Path
) -> None:
    from unity_sps_ogc_processes_api_python_client import Campaign

    path = tmp_path / "c.sqlite"
    with Campaign(None, path) as offline:
        assert offline.add_many("p", [{"n": n, "fail": n == 0} for n in range(2)], key="n") == 2
        with pytest.raises(CampaignError, match="opened without a client"):
            offline.run()
    with client(serve(FakeOgc()).url) as c, c.campaign(path) as campaign:
        assert campaign.run().counts == {"successful": 1, "failed": 1}
    with Campaign(None, path) as offline:
        assert offline.retry(state="failed") == 1
        assert offline.summary().counts == {"pending": 1, "successful": 1}
        assert offline.export(tmp_path / "rows.csv") == 2


def test_closing_the_client_closes_the_journals_of_its_campaigns(tmp_path: pathlib.Path) -> None:
    with Client("http://127.0.0.1:9") as c:
        campaign = c.campaign(tmp_path / "c.sqlite")  # as in a notebook: never closed by hand
        campaign.add("p", {"x": 1}, key="a")
    with pytest.raises(sqlite3.ProgrammingError):
        campaign.journal.db.execute("SELECT 1")
