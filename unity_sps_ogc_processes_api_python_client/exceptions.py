"""The errors this package raises, and only these.

One flat tree under :class:`OpenApiException`:

- caller mistakes: :class:`ApiTypeError`, :class:`ApiValueError`, :class:`ApiAttributeError`,
  :class:`ApiKeyError` (also the matching builtin errors, as in generated clients);
- HTTP status errors: :class:`ApiException` and one subclass per status family;
- transport problems: :class:`ApiConnectionError`, :class:`ApiTimeoutError`,
  :class:`ApiIncompleteResponseError`, :class:`ApiTooManyRedirectsError`;
- unusable 2xx bodies: :class:`ApiDecodeError`, :class:`ApiResponseValidationError`.

Every one has ``status`` and ``body`` (``None`` where no HTTP response was read), because SDKs catch
broadly and read ``e.body``. No message ever carries request headers, so no token can leak.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Mapping, Optional, Sequence, Type, Union

__all__ = [
    "OpenApiException",
    "ApiTypeError",
    "ApiValueError",
    "ApiAttributeError",
    "ApiKeyError",
    "ApiException",
    "BadRequestException",
    "UnauthorizedException",
    "ForbiddenException",
    "NotFoundException",
    "ConflictException",
    "UnprocessableEntityException",
    "TooManyRequestsException",
    "ServiceException",
    "ApiConnectionError",
    "ApiTimeoutError",
    "ApiIncompleteResponseError",
    "ApiTooManyRedirectsError",
    "ApiDecodeError",
    "ApiResponseValidationError",
]

PathToItem = Sequence[Union[str, int]]


def render_path(path_to_item: PathToItem) -> str:
    """``['jobs', 0, 'status']`` -> ``['jobs'][0]['status']``."""
    return "".join(f"[{item}]" if isinstance(item, int) else f"['{item}']" for item in path_to_item)


class OpenApiException(Exception):
    """Base of every error raised by this package."""

    status: Optional[int] = None
    reason: Optional[str] = None
    body: Optional[str] = None
    headers: Optional[Mapping[str, str]] = None


class _CallerError(OpenApiException):
    """An argument the caller gave is unusable; nothing was sent."""

    def __init__(self, msg: str, path_to_item: Optional[PathToItem] = None) -> None:
        self.path_to_item = path_to_item
        super().__init__(f"{msg} at {render_path(path_to_item)}" if path_to_item else msg)


class ApiTypeError(_CallerError, TypeError):
    """An argument has the wrong type."""

    def __init__(
        self,
        msg: str,
        path_to_item: Optional[PathToItem] = None,
        valid_classes: Optional[Sequence[type]] = None,
        key_type: Optional[bool] = None,
    ) -> None:
        self.valid_classes = valid_classes
        self.key_type = key_type
        super().__init__(msg, path_to_item)


class ApiValueError(_CallerError, ValueError):
    """An argument has an unusable value (for example a header value with a line break)."""


class ApiAttributeError(_CallerError, AttributeError):
    """An attribute does not exist."""


class ApiKeyError(_CallerError, KeyError):
    """A key does not exist."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class _ResponseError(OpenApiException):
    """Common shape of errors tied to one request: where it went and what came back."""

    def __init__(
        self,
        message: str,
        *,
        url: Optional[str] = None,
        status: Optional[int] = None,
        reason: Optional[str] = None,
        headers: Optional[Mapping[str, str]] = None,
        raw_body: Optional[bytes] = None,
    ) -> None:
        super().__init__(message)
        self.url = url
        self.status = status
        self.reason = reason
        self.headers = headers
        self.raw_body = raw_body
        self.body = _decode_text(raw_body, headers)


def _decode_text(raw: Optional[bytes], headers: Optional[Mapping[str, str]]) -> Optional[str]:
    """Bytes as text in the declared charset (UTF-8 by default); undecodable bytes are replaced."""
    if raw is None:
        return None
    charset = "utf-8"
    content_type = headers.get("Content-Type", "") if headers else ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip('"')
    try:
        return raw.decode(charset, errors="replace")
    except (LookupError, UnicodeError, ValueError, TypeError):  # unknown charset, or a codec that is no text
        return raw.decode("utf-8", errors="replace")


class ApiConnectionError(_ResponseError):
    """The server could not be reached or the connection broke (refused, reset, DNS, TLS).

    ``request_sent`` is ``False`` when the request certainly never reached the server (no connection
    could be made), ``None`` when it may have.
    """

    request_sent: Optional[bool] = None


class ApiTimeoutError(ApiConnectionError):
    """Connecting or reading took longer than the configured timeout."""


class ApiIncompleteResponseError(ApiConnectionError):
    """The response broke off after its status line; ``status`` and ``raw_body`` hold what arrived.

    For a request that changes something (DELETE, PUT, POST) this means the server did answer: the
    change may well have happened, so the request is not sent again.
    """


class ApiTooManyRedirectsError(ApiConnectionError):
    """The server kept redirecting (more than 5 times: a redirect loop); ``status`` and ``headers`` are
    those of the last redirect. Not retried: the next try would loop the same way."""

    _permanent = True


class ApiDecodeError(_ResponseError):
    """A successful response whose body is not the JSON the operation promises (HTML, bad bytes)."""


class ApiResponseValidationError(_ResponseError):
    """A successful response whose JSON does not fit the expected model; ``errors`` says where."""

    def __init__(self, message: str, *, errors: Sequence[Mapping[str, Any]] = (), **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.errors = list(errors)


class ApiException(OpenApiException):
    """The server answered with an error status.

    ``status``, ``reason``, ``headers`` and ``body`` (the text of the response) are always set when a
    response exists; ``data`` holds the parsed problem details (or validation error) when the body was
    JSON, else ``None``.
    """

    def __init__(
        self,
        status: Optional[int] = None,
        reason: Optional[str] = None,
        http_resp: Any = None,
        *,
        body: Optional[str] = None,
        data: Optional[Any] = None,
    ) -> None:
        self.status = status
        self.reason = reason
        self.body = body
        self.data = data
        self.headers = None
        self.url: Optional[str] = None
        if http_resp is not None:
            if self.status is None:
                self.status = http_resp.status
            if self.reason is None:
                self.reason = http_resp.reason
            self.headers = http_resp.headers
            if self.body is None:
                self.body = _decode_text(http_resp.data, http_resp.headers)
        super().__init__(self.status, self.reason)

    @classmethod
    def from_response(cls, *, http_resp: Any, body: Optional[str], data: Optional[Any]) -> ApiException:
        """The exception of the right class for ``http_resp.status`` (returned, not raised)."""
        status = http_resp.status
        error_class = _BY_STATUS.get(status) or (ServiceException if 500 <= status <= 599 else ApiException)
        return error_class(http_resp=http_resp, body=body, data=data)

    def __str__(self) -> str:
        head = f"({self.status})" + (f" {self.reason}" if self.reason else "")
        detail = _problem_summary(self.data) or _short(self.body)
        return f"{head}: {detail}" if detail else head


def _problem_summary(data: Any) -> str:
    """'title: detail' from RFC 7807 problem details, or 'code: description' (pygeoapi's form)."""
    if data is None:
        return ""
    fields: Dict[str, Any] = data.to_dict() if hasattr(data, "to_dict") else {}
    head = fields.get("title") or fields.get("code")
    tail = fields.get("detail") or fields.get("description")
    if isinstance(tail, list):  # FastAPI-style validation errors: {"detail": [{"loc":..., "msg":...}]}
        tail = "; ".join(str(item.get("msg", item)) if isinstance(item, dict) else str(item) for item in tail)
    parts = [str(p) for p in (head, tail) if p]
    return ": ".join(parts)


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def _short(text: Optional[str], limit: int = 200) -> str:
    """One line of a body: an HTML page (a proxy's, a framework's error page) by its title, or its text."""
    if not text:
        return ""
    if text.lstrip()[:1] == "<":
        title = _TITLE.search(text)
        import html  # here: only an HTML error page needs it (its entity table is slow to import)

        text = html.unescape(title.group(1) if title else _TAG.sub(" ", text))
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class BadRequestException(ApiException):
    """400"""


class UnauthorizedException(ApiException):
    """401"""


class ForbiddenException(ApiException):
    """403"""


class NotFoundException(ApiException):
    """404"""


class ConflictException(ApiException):
    """409"""


class UnprocessableEntityException(ApiException):
    """422"""


class TooManyRequestsException(ApiException):
    """429"""


class ServiceException(ApiException):
    """5xx"""


_BY_STATUS: Dict[int, Type[ApiException]] = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    409: ConflictException,
    422: UnprocessableEntityException,
    429: TooManyRequestsException,
}
