"""One runner per journal: an exclusive lock on ``<journal>.lock``, released by the system when the process
ends, however it ends (a kill -9 leaves no stale lock behind)."""

from __future__ import annotations

import os
from typing import IO, Any, Optional

from .journal import CampaignLockedError

__all__ = ["RunLock"]

try:
    import fcntl

    _FLOCK: Optional[Any] = fcntl.flock
except ImportError:  # pragma: no cover - Windows
    _FLOCK = None


class RunLock:
    def __init__(self, journal_path: str) -> None:
        self.path = journal_path + ".lock"
        self._file: Optional[IO[str]] = None

    def __enter__(self) -> RunLock:
        handle = open(self.path, "a+", encoding="utf-8")
        try:
            if _FLOCK is not None:
                _FLOCK(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:  # pragma: no cover - Windows
                import msvcrt

                getattr(msvcrt, "locking")(handle.fileno(), getattr(msvcrt, "LK_NBLCK"), 1)  # noqa: B009
        except OSError:
            handle.close()
            raise CampaignLockedError(
                f"another process is running the campaign {self.path[:-5]} (it holds {self.path}); "
                "wait for it to end, or stop it: a campaign has one runner at a time"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._file = handle
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._file is not None:
            self._file.close()  # closing releases the lock
            self._file = None
