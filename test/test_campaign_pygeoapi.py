"""A campaign against a real pygeoapi, killed with SIGKILL halfway and run again: every row ends
successful, and the server holds exactly one job per key."""

from __future__ import annotations

import contextlib
import os
import pathlib
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from typing import Dict

import pytest

from unity_sps_ogc_processes_api_python_client import Client, PollPolicy

pytestmark = pytest.mark.pygeoapi

RUNNER = """
import sys
from unity_sps_ogc_processes_api_python_client import Client, PollPolicy
with Client(sys.argv[1], poll=PollPolicy(first=0.05, max_interval=0.3)) as client:
    client.campaign(sys.argv[2]).run(max_parallel=3)
"""


def successful_rows(path: pathlib.Path) -> int:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)) as db:
        return int(db.execute("SELECT COUNT(*) FROM rows WHERE state = 'successful'").fetchone()[0])


def jobs_per_key(client: Client, prefix: str) -> Dict[str, int]:
    """How many jobs of the server echoed each key of this test (read from the jobs' results)."""
    counted: Dict[str, int] = {}
    for status in client.jobs(process_id="echo"):
        if status.status.value != "successful":
            continue
        value = client.job(status.job_id).results().get("value")
        echoed = value.actual_instance if value is not None else None
        if isinstance(echoed, str) and echoed.startswith(prefix):
            counted[echoed] = counted.get(echoed, 0) + 1
    return counted


def test_a_campaign_killed_halfway_resumes_with_nothing_lost_or_doubled(
    pygeoapi_url: str, tmp_path: pathlib.Path
) -> None:
    prefix = f"kill-{uuid.uuid4().hex[:8]}-"
    keys = [f"{prefix}{n:02d}" for n in range(30)]
    path = tmp_path / "campaign.sqlite"
    with Client(pygeoapi_url) as client, client.campaign(path) as campaign:
        campaign.add_many("echo", [{"echoInput": key, "pause": 0.3} for key in keys], key="echoInput")

    runner = subprocess.Popen([sys.executable, "-c", RUNNER, pygeoapi_url, str(path)], start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while successful_rows(path) < 10:
            assert runner.poll() is None, "the campaign ended before it could be killed"
            assert time.monotonic() < deadline, "the campaign did not get halfway in time"
            time.sleep(0.05)
        os.kill(runner.pid, signal.SIGKILL)
    finally:
        if runner.poll() is None:
            runner.kill()
        runner.wait(10)
    assert runner.returncode == -signal.SIGKILL

    with (
        Client(pygeoapi_url, poll=PollPolicy(first=0.05, max_interval=0.3)) as client,
        client.campaign(path) as campaign,
    ):
        halfway = campaign.summary().counts
        assert 10 <= halfway.get("successful", 0) < 30, halfway
        summary = campaign.run(max_parallel=3, timeout=120)
        unknown = [row.key for row in campaign.rows(state="unknown")]
        if unknown:  # killed while a submission was on its way, before the server created the job
            assert not set(unknown) & set(jobs_per_key(client, prefix)), "an unknown row has a job on the server"
            assert campaign.retry(state="unknown") == len(unknown)
            summary = campaign.run(max_parallel=3, timeout=120)
        assert summary.counts == {"successful": 30}, summary
        assert all(row.attempts == 1 for row in campaign.rows()) or unknown
        assert jobs_per_key(client, prefix) == dict.fromkeys(keys, 1)  # exactly one job per key


def test_bad_inputs_fail_with_the_reason_while_the_others_go_on(pygeoapi_url: str, tmp_path: pathlib.Path) -> None:
    poll = PollPolicy(first=0.05, max_interval=0.3)
    with Client(pygeoapi_url, poll=poll) as client, client.campaign(tmp_path / "c.sqlite") as campaign:
        campaign.add_many("hello-world", [{"name": f"n{n}"} for n in range(5)], key="name")
        campaign.add("hello-world", {}, key="no-name")
        summary = campaign.run(max_parallel=2, timeout=120, download=tmp_path / "out")
        failed = next(campaign.rows(state="failed"))
        done = next(campaign.rows(state="successful"))
    assert summary.counts == {"successful": 5, "failed": 1}
    assert failed.key == "no-name" and "Cannot process without a name" in (failed.error or "")
    assert done.results and all(pathlib.Path(p).is_file() for p in done.results)
    assert pathlib.Path(done.results[0]).parent == tmp_path / "out" / done.key
