"""Deadlines for whole calls: the time left, and one watchdog thread that cuts a socket off when its
call runs past its deadline (a server dripping one byte at a time never trips a per-read timeout)."""

from __future__ import annotations

import contextlib
import heapq
import itertools
import os
import socket
import threading
import time
from typing import Dict, List, Optional, Tuple

__all__ = ["Deadline", "WATCHDOG"]


class Deadline:
    """The moment (``time.monotonic()``) a call must be over by, and the limit it came from."""

    __slots__ = ("at", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def expired(self) -> bool:
        return time.monotonic() >= self.at


class _Watchdog:
    """Shuts down the sockets of calls that passed their deadline, so a blocked read returns at once.

    ``arm`` and ``disarm`` take one lock, as does firing: once ``disarm`` returns, the socket is never
    touched again, so a connection handed back to the pool cannot be cut off by a late alarm.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: List[Tuple[float, int]] = []
        self._armed: Dict[int, socket.socket] = {}
        self._fired: Dict[int, bool] = {}
        self._tokens = itertools.count()
        self._pid = 0

    def arm(self, deadline: Deadline, sock: socket.socket) -> int:
        with self._cond:
            if self._pid != os.getpid():  # first use, or a forked child: (re)start the thread
                self._pid = os.getpid()
                threading.Thread(target=self._run, name="ogc-processes-deadlines", daemon=True).start()
            token = next(self._tokens)
            self._armed[token] = sock
            heapq.heappush(self._heap, (deadline.at, token))
            self._cond.notify()
            return token

    def disarm(self, token: Optional[int]) -> bool:
        """Forget an alarm; whether it had fired (the socket was shut down)."""
        if token is None:
            return False
        with self._cond:
            self._armed.pop(token, None)
            return self._fired.pop(token, False)

    def _run(self) -> None:
        with self._cond:
            while True:
                while self._heap and self._heap[0][1] not in self._armed:
                    heapq.heappop(self._heap)  # disarmed in time
                if not self._heap:
                    self._cond.wait()
                    continue
                at, token = self._heap[0]
                delay = at - time.monotonic()
                if delay > 0:
                    self._cond.wait(delay)
                    continue
                heapq.heappop(self._heap)
                sock = self._armed.pop(token)
                self._fired[token] = True
                with contextlib.suppress(OSError):  # already closed
                    sock.shutdown(socket.SHUT_RDWR)


WATCHDOG = _Watchdog()
