"""The journal of a campaign: one SQLite file (WAL mode) that every step is committed to before the next
step acts on it, so that a process killed at any moment loses nothing and doubles nothing."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Sequence, Set, Tuple

from ..exceptions import ApiValueError, OpenApiException

__all__ = ["Journal", "Row", "STATES", "ACTIVE", "FINAL", "CampaignError", "CampaignLockedError"]

#: every state a row can be in, in the order of a row's life
STATES = ("pending", "submitting", "accepted", "running", "successful", "failed", "dismissed", "unknown")
ACTIVE = ("accepted", "running")  # a job on the server that is not done
FINAL = ("successful", "failed", "dismissed")
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rows (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    key TEXT NOT NULL UNIQUE,
    process TEXT NOT NULL,
    inputs TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '{}',
    state TEXT NOT NULL DEFAULT 'pending',
    job_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    added REAL NOT NULL,
    submitted REAL,
    finished REAL,
    updated REAL NOT NULL,
    error TEXT,
    results TEXT,
    history TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS rows_by_state ON rows (state, seq);
CREATE INDEX IF NOT EXISTS rows_by_job ON rows (job_id);
"""
_COLUMNS = (
    "key, process, inputs, options, state, job_id, attempts, added, submitted, finished, updated, error, "
    "results, history"
)


class CampaignError(OpenApiException):
    """A campaign cannot do what was asked (an unusable journal, a key given twice for other work)."""


class CampaignLockedError(CampaignError):
    """Another process is running this campaign: one runner at a time owns a journal."""


@dataclass(frozen=True)
class Row:
    """One unit of work of a campaign, as the journal holds it."""

    key: str
    process: str
    inputs: Dict[str, Any]
    options: Dict[str, Any]
    state: str
    job_id: Optional[str]
    attempts: int
    added: float
    submitted: Optional[float]
    finished: Optional[float]
    updated: float
    error: Optional[str]
    results: Optional[List[str]]
    history: List[Dict[str, Any]] = field(default_factory=list)

    @property
    def duration(self) -> Optional[float]:
        """Seconds from submission to the end, for a finished row."""
        return self.finished - self.submitted if self.finished is not None and self.submitted is not None else None

    def to_dict(self) -> Dict[str, Any]:
        return {name: getattr(self, name) for name in _COLUMNS.split(", ")}


def _row(values: Sequence[Any]) -> Row:
    (key, process, inputs, options, state, job_id, attempts, added, submitted, finished, updated, error, results,
     history) = values  # fmt: skip
    return Row(key, process, json.loads(inputs), json.loads(options), state, job_id, attempts, added, submitted,
               finished, updated, error, json.loads(results) if results else None, json.loads(history))  # fmt: skip


class Journal:
    """The SQLite file of a campaign. Every change is one committed transaction (``synchronous=FULL``)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")  # a commit is on disk before the next step acts
            self.db.executescript(_SCHEMA)
            version = self.db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
            if version is None:
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            elif int(version[0]) > SCHEMA_VERSION:
                raise CampaignError(f"{self.path} was written by a newer version of this client")
        except (sqlite3.DatabaseError, CampaignError) as error:
            with contextlib.suppress(AttributeError, sqlite3.Error):
                self.db.close()
            if isinstance(error, CampaignError):
                raise
            raise CampaignError(f"{self.path} is not a usable campaign journal: {error}") from None

    def close(self) -> None:
        self.db.close()

    # --- writing -------------------------------------------------------------------------------------------
    def add(self, rows: Sequence[Tuple[str, str, str, str]]) -> int:
        """Insert ``(key, process, inputs JSON, options JSON)`` rows; a key already there is left alone
        when it names the same work, and refused when it names other work. Returns how many were new."""
        now = time.time()
        added = 0
        with self._transaction():
            for key, process, inputs, options in rows:
                cursor = self.db.execute(
                    "INSERT OR IGNORE INTO rows (key, process, inputs, options, added, updated) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (key, process, inputs, options, now, now),
                )
                if cursor.rowcount:
                    added += 1
                    continue
                known = self.db.execute("SELECT process, inputs, options FROM rows WHERE key = ?", (key,)).fetchone()
                if tuple(known) != (process, inputs, options):
                    raise CampaignError(
                        f"key {key!r} is in the campaign already, for other work: keys name one unit of work"
                    )
        return added

    def update(self, key: str, **values: Any) -> None:
        """Change some columns of a row (one committed transaction)."""
        values["updated"] = time.time()
        for name in ("results", "history"):
            if name in values and values[name] is not None and not isinstance(values[name], str):
                values[name] = json.dumps(values[name])
        assignments = ", ".join(f"{name} = ?" for name in values)
        with self._transaction():
            self.db.execute(f"UPDATE rows SET {assignments} WHERE key = ?", (*values.values(), key))

    def _transaction(self) -> Any:
        return _Transaction(self.db)

    # --- reading -------------------------------------------------------------------------------------------
    def get(self, key: str) -> Optional[Row]:
        found = self.db.execute(f"SELECT {_COLUMNS} FROM rows WHERE key = ?", (key,)).fetchone()
        return _row(found) if found else None

    def rows(
        self, states: Optional[Sequence[str]] = None, limit: Optional[int] = None, batch: int = 500
    ) -> Iterator[Row]:
        """The rows (in the order they were added), read ``batch`` at a time: memory stays flat."""
        where, args = "", []
        if states:
            where = f"AND state IN ({', '.join('?' for _ in states)})"
            args = list(states)
        last, yielded = 0, 0
        while True:
            found = self.db.execute(f"SELECT seq, {_COLUMNS} FROM rows WHERE seq > ? {where} ORDER BY seq LIMIT ?",
                                    (last, *args, batch)).fetchall()  # fmt: skip
            for values in found:
                yield _row(values[1:])
                yielded += 1
                if limit is not None and yielded >= limit:
                    return
            if len(found) < batch:
                return
            last = found[-1][0]

    def counts(self) -> Dict[str, int]:
        """Rows by state, in the order of :data:`STATES` (states without rows left out)."""
        counted = dict(self.db.execute("SELECT state, COUNT(*) FROM rows GROUP BY state").fetchall())
        return {state: int(counted[state]) for state in STATES if state in counted}

    def durations(self) -> List[float]:
        found = self.db.execute("SELECT finished - submitted FROM rows WHERE state = 'successful' AND "
                                "finished IS NOT NULL AND submitted IS NOT NULL ORDER BY 1").fetchall()  # fmt: skip
        return [float(value) for (value,) in found]

    def job_ids(self) -> Set[str]:
        return {job_id for (job_id,) in self.db.execute("SELECT job_id FROM rows WHERE job_id IS NOT NULL")}


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT (or ROLLBACK on an error)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def check_key(key: Any) -> str:
    if not isinstance(key, str) or not key:
        raise ApiValueError(f"a campaign key must be a non-empty string, not {key!r}")
    return key
