"""The head of an answer (status line and header fields), read as http.client reads it, in less time.

http.client hands the header block of every answer to the ``email`` package's parser, which reads it line by
line through a general MIME machinery: about a fifth of the client's own time for a small JSON answer.
Here each line of the usual form (``Name: value``, a token for the name, no folding, no stray line break)
is split directly; a block with any other line goes to http.client's own parser, unchanged. The result is
the same ``http.client.HTTPMessage`` (same fields, same order, same values, same defects for odd blocks),
and the response's ``status``, ``reason``, ``version``, ``chunked``, ``length`` and ``will_close`` are set
as ``HTTPResponse.begin`` sets them (its code is the same on Python 3.9 to 3.13).
"""

from __future__ import annotations

import email.parser
import http.client
import re
from typing import Any, List, Optional

__all__ = ["begin", "read_fields", "skip_fields"]

_MAXLINE: int = http.client._MAXLINE  # type: ignore[attr-defined]
_MAXHEADERS: int = http.client._MAXHEADERS  # type: ignore[attr-defined]
_ENDS = (b"\r\n", b"\n", b"")
#: a header line the email parser reads as one field: a name of visible characters but ":", then ":", then
#: a value without line breaks (the parser splits lines at CR and LF alike), then the end of the line
_FIELD_LINE = re.compile(r"([!-9;-~]+):[ \t]*([^\r\n]*)\r?\n")


class _Fields(http.client.HTTPMessage):
    """The header fields of an answer, looked up without the email policy's per-value work (the values
    are ISO-8859-1 text: there is nothing for it to do)."""

    def get(self, name: str, failobj: Any = None) -> Any:
        name = name.lower()
        for key, value in self._headers:  # type: ignore[attr-defined]
            if key.lower() == name:
                return value
        return failobj

    def items(self) -> List[Any]:
        return list(self._headers)  # type: ignore[attr-defined]


def read_fields(fp: Any) -> http.client.HTTPMessage:
    """The header fields after a status line: ``http.client.parse_headers(fp)``, faster for usual blocks."""
    lines: List[bytes] = []
    while True:  # as http.client reads them: the same limits, the same errors
        line = fp.readline(_MAXLINE + 1)
        if len(line) > _MAXLINE:
            raise http.client.LineTooLong("header line")
        lines.append(line)
        if len(lines) > _MAXHEADERS:
            raise http.client.HTTPException(f"got more than {_MAXHEADERS} headers")
        if line in _ENDS:
            break
    fields: List[Any] = []
    for line in lines[:-1]:
        text = line.decode("iso-8859-1")
        match = _FIELD_LINE.fullmatch(text)
        if match is None:
            text = b"".join(lines).decode("iso-8859-1")  # an unusual block: the email parser decides
            return email.parser.Parser(_class=http.client.HTTPMessage).parsestr(text)
        fields.append((match[1], match[2]))
    message = _Fields()
    message._headers = fields  # type: ignore[attr-defined]
    message._payload = ""  # type: ignore[attr-defined]  # what the email parser leaves after a header block
    return message


def skip_fields(fp: Any) -> None:
    """Read past the header fields of an informational answer."""
    for _ in range(_MAXHEADERS):
        if fp.readline(_MAXLINE + 1) in _ENDS:
            return
    raise http.client.HTTPException("too many header lines in an informational answer")


def begin(response: Any) -> None:
    """``HTTPResponse.begin()`` of an ``http.client.HTTPResponse``, with :func:`read_fields`: the status line
    (through the response's own ``_read_status``), the fields, and what they say of the body."""
    while True:
        version, status, reason = response._read_status()
        if status != http.client.CONTINUE:
            break
        skip_fields(response.fp)
    response.code = response.status = status
    response.reason = reason.strip()
    if version in ("HTTP/1.0", "HTTP/0.9"):
        response.version = 10
    elif version.startswith("HTTP/1."):
        response.version = 11
    else:
        raise http.client.UnknownProtocol(version)
    response.headers = response.msg = fields = read_fields(response.fp)
    transfer_encoding = fields.get("transfer-encoding")
    response.chunked = bool(transfer_encoding and transfer_encoding.lower() == "chunked")
    if response.chunked:
        response.chunk_left = None
    response.will_close = response._check_close()
    response.length = _length(fields.get("content-length"), response.chunked)
    no_body = status in (http.client.NO_CONTENT, http.client.NOT_MODIFIED) or 100 <= status < 200
    if no_body or response._method == "HEAD":
        response.length = 0
    if not response.will_close and not response.chunked and response.length is None:
        response.will_close = True


def _length(value: Optional[str], chunked: bool) -> Optional[int]:
    """The body length a Content-Length gives (none when chunked, unreadable or negative)."""
    if not value or chunked:
        return None
    try:
        length = int(value)
    except ValueError:
        return None
    return length if length >= 0 else None
