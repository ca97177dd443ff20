"""A local HTTP/1.1 server (keep-alive, ``Content-Length``) in a background thread, serving the
benchmark's :class:`~_documents.Documents`."""

from __future__ import annotations

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator, cast

from _documents import Documents, to_body

__all__ = ["DocumentServer", "serving"]

NOT_FOUND = to_body({"type": "about:blank", "title": "Not Found", "status": 404})


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: every response has a Content-Length
    disable_nagle_algorithm = True  # headers and body go out at once, no delayed-ACK stalls

    def do_GET(self) -> None:
        server = cast(DocumentServer, self.server)
        body = server.documents.body_for(self.path)
        status = 200
        if body is None:
            status, body = 404, NOT_FOUND
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if status == 200 else "application/problem+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: no line per request."""


class DocumentServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, documents: Documents) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.documents = documents

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


@contextlib.contextmanager
def serving(documents: Documents) -> Iterator[str]:
    """Serve ``documents`` on 127.0.0.1 (a free port) while the block runs; yields the base URL."""
    server = DocumentServer(documents)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
