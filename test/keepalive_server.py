"""A small HTTP/1.1 server with keep-alive, over raw sockets: it counts the connections it accepts, keeps
every request it reads, and answers each with the bytes a test's function gives (or acts on the socket).

For what pytest-httpserver cannot show: how many connections a client opened (a response that is not
handed back to the pool forces a new one), answers cut short after their status line, bytes dripped
slowly, exact raw request heads.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Union


@dataclass
class RawRequest:
    method: str
    target: str
    head: bytes
    body: bytes
    headers: Dict[str, List[str]] = field(default_factory=dict)

    def header(self, name: str) -> List[str]:
        """Every value of a header, whatever the case of its name."""
        return self.headers.get(name.lower(), [])


#: a reply: the raw bytes of the answer, or a function that writes to the socket itself (and returns
#: False to close the connection afterwards)
Reply = Union[bytes, Callable[[socket.socket], bool]]


def answer(status: int, body: bytes = b"", content_type: str = "application/json", **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}"]
    if content_type:
        lines.append(f"Content-Type: {content_type}")
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class KeepAliveServer:
    def __init__(self, respond: Callable[[RawRequest], Reply]) -> None:
        self.respond = respond
        self.requests: List[RawRequest] = []
        self.connections = 0
        self.open_now = 0
        self.open_peak = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._threads: List[threading.Thread] = []
        self._accept_thread = threading.Thread(target=self._accept, daemon=True)
        self._accept_thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def close(self) -> None:
        self._stop.set()
        self._accept_thread.join(5)
        self._listener.close()
        for thread in self._threads:
            thread.join(5)

    def __enter__(self) -> KeepAliveServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                sock, _ = self._listener.accept()
            except OSError:
                continue
            with self._lock:
                self.connections += 1
                self.open_now += 1
                self.open_peak = max(self.open_peak, self.open_now)
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, sock: socket.socket) -> None:
        sock.settimeout(0.05)
        buffer = b""
        try:
            while not self._stop.is_set():
                request, buffer = self._read_request(sock, buffer)
                if request is None:
                    return
                with self._lock:
                    self.requests.append(request)
                reply = self.respond(request)
                if isinstance(reply, bytes):
                    sock.sendall(reply)
                elif not reply(sock):
                    return
        except OSError:
            return
        finally:
            with self._lock:
                self.open_now -= 1
            sock.close()

    def _read_request(self, sock: socket.socket, buffer: bytes) -> tuple[Optional[RawRequest], bytes]:
        while b"\r\n\r\n" not in buffer:
            chunk = self._recv(sock)
            if not chunk:
                return None, b""
            buffer += chunk
        head, _, rest = buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = [*lines[0].split(" "), "", ""][:3]
        headers: Dict[str, List[str]] = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers.setdefault(name.strip().lower(), []).append(value.strip())
        length = int(headers.get("content-length", ["0"])[0] or 0)
        while len(rest) < length:
            chunk = self._recv(sock)
            if not chunk:
                return None, b""
            rest += chunk
        return RawRequest(method, target, head, rest[:length], headers), rest[length:]

    def _recv(self, sock: socket.socket) -> bytes:
        while not self._stop.is_set():
            try:
                return sock.recv(65536)
            except socket.timeout:
                continue
        return b""
