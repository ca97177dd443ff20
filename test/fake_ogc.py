"""A small OGC API - Processes server for campaign tests: jobs that run for a few polls, a job list with
creation times, results; and faults on demand (503s, dropped connections) from a seeded random source."""

from __future__ import annotations

import datetime
import itertools
import json
import random
import threading
import urllib.parse
from typing import Any, Dict, List, Optional

from .keepalive_server import RawRequest, Reply, answer


class FakeOgc:
    def __init__(self, polls_to_finish: int = 2, busy: float = 0.0, drop_get: float = 0.0, seed: int = 7) -> None:
        self.polls_to_finish, self.busy, self.drop_get = polls_to_finish, busy, drop_get
        self.random = random.Random(seed)
        self.jobs: Dict[str, Dict[str, Any]] = {}
        self.created: List[str] = []
        self.peak_running = 0
        self.faults = 0
        self.lock = threading.Lock()
        self.ids = itertools.count(1)

    def running(self) -> int:
        return sum(1 for job in self.jobs.values() if job["status"] in ("accepted", "running"))

    def __call__(self, request: RawRequest) -> Reply:
        with self.lock:
            if self.busy and self.random.random() < self.busy:
                self.faults += 1
                return answer(503, b'{"title": "busy"}', **({"Retry_After": "0"} if self.random.random() < 0.5 else {}))
            if request.method == "GET" and self.drop_get and self.random.random() < self.drop_get:
                self.faults += 1
                return lambda sock: False
            return self._answer(request)

    def _answer(self, request: RawRequest) -> Reply:
        path = urllib.parse.urlsplit(request.target).path
        parts = [urllib.parse.unquote(p) for p in path.strip("/").split("/")]
        if request.method == "POST" and len(parts) == 3 and parts[0] == "processes" and parts[2] == "execution":
            job_id = f"job-{next(self.ids)}"
            inputs = json.loads(request.body or b"{}").get("inputs", {})
            now = datetime.datetime.now(datetime.timezone.utc).isoformat()
            self.jobs[job_id] = {"jobID": job_id, "processID": parts[1], "status": "accepted", "created": now,
                                 "polls": 0, "inputs": inputs}  # fmt: skip
            self.created.append(job_id)
            self.peak_running = max(self.peak_running, self.running())
            return answer(201, b"", Location=f"/jobs/{job_id}")
        if request.method == "GET" and len(parts) == 2 and parts[0] == "processes" and parts[1] != "unknown-process":
            description = {"id": parts[1], "version": "1", "jobControlOptions": ["sync-execute", "async-execute"]}
            return answer(200, json.dumps(description).encode())
        if request.method == "GET" and parts == ["jobs"]:
            listed = [self._status(job) for job in self.jobs.values()]
            return answer(200, json.dumps({"jobs": listed, "links": []}).encode())
        if request.method == "GET" and len(parts) == 2 and parts[0] == "jobs" and parts[1] in self.jobs:
            job = self.jobs[parts[1]]
            job["polls"] += 1
            if job["status"] in ("accepted", "running"):
                job["status"] = "running"
                if job["polls"] >= self.polls_to_finish:
                    job["status"] = "failed" if job["inputs"].get("fail") else "successful"
            return answer(200, json.dumps(self._status(job)).encode())
        if request.method == "GET" and len(parts) == 3 and parts[2] == "results" and parts[1] in self.jobs:
            job = self.jobs[parts[1]]
            if job["status"] == "failed":
                return answer(400, b'{"code": "InvalidParameterValue", "description": "asked to fail"}')
            return answer(200, json.dumps({"out": {"value": job["inputs"]}}).encode())
        return answer(404, b'{"code": "NoSuchJob", "description": "not found"}')

    @staticmethod
    def _status(job: Dict[str, Any]) -> Dict[str, Any]:
        shown = {k: job[k] for k in ("jobID", "processID", "status", "created")}
        shown["type"] = "process"
        if job["status"] == "failed":
            shown["message"] = "the job failed on purpose"
        return shown

    def jobs_by_input(self, name: str) -> Dict[Any, int]:
        counted: Dict[Any, int] = {}
        for job in self.jobs.values():
            value = job["inputs"].get(name)
            counted[value] = counted.get(value, 0) + 1
        return counted

    def forget(self, job_id: Optional[str] = None) -> None:
        with self.lock:
            self.jobs.pop(job_id or self.created[-1], None)
