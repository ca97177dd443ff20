"""Transport: one urllib3 pool per client, timeouts, retries, redirects and transport errors.

This is the only module that talks to urllib3. Everything it raises is an :class:`OpenApiException`.
"""

from __future__ import annotations

import contextlib
import io
import logging
import time
import urllib.parse
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)

from .configuration import PACKAGE_LOGGER, Configuration
from .exceptions import (  # ApiException is re-exported here, as in generated clients
    ApiConnectionError,
    ApiException,
    ApiIncompleteResponseError,
    ApiTimeoutError,
    ApiValueError,
)

try:  # urllib3 2.x
    from urllib3 import BaseHTTPResponse as UrllibResponse
except ImportError:  # pragma: no cover - urllib3 1.26
    from urllib3.response import HTTPResponse as UrllibResponse

__all__ = ["RESTClientObject", "RESTResponse", "ApiException", "RequestTimeout", "UrllibResponse"]

logger = logging.getLogger(PACKAGE_LOGGER)

RequestTimeout = Union[None, float, Tuple[float, float]]
MAX_REDIRECTS = 5
_CHUNK = 1 << 16
# urllib3 must not retry on its own (this module does) but may follow redirects of safe requests.
_FOLLOW_REDIRECTS = urllib3.util.Retry(
    total=None, connect=0, read=0, status=0, other=0, redirect=MAX_REDIRECTS,
    raise_on_redirect=True, raise_on_status=False, respect_retry_after_header=False,
)  # fmt: skip
_NO_REDIRECTS = urllib3.util.Retry(
    total=None, connect=0, read=0, status=0, other=0, redirect=0,
    raise_on_redirect=False, raise_on_status=False, respect_retry_after_header=False,
)  # fmt: skip


class RESTResponse(io.IOBase):
    """A response whose body has been read completely into ``data``."""

    def __init__(self, resp: UrllibResponse, data: bytes, url: str = "") -> None:
        self.response = resp
        self.status: int = resp.status
        self.reason: Optional[str] = resp.reason
        self.data = data
        self.url = url

    @property
    def headers(self) -> Mapping[str, str]:
        return self.response.headers

    def read(self) -> bytes:  # generated clients call read() for the body
        return self.data

    def getheaders(self) -> Mapping[str, str]:
        return self.response.headers

    def getheader(self, name: str, default: Optional[str] = None) -> Optional[str]:
        return self.response.headers.get(name, default)


class RESTClientObject:
    """Sends requests over one pool of keep-alive connections; safe to share between threads."""

    def __init__(self, configuration: Configuration) -> None:
        self.configuration = configuration
        self.pool_manager = _pool_manager(configuration)

    def close(self) -> None:
        self.pool_manager.clear()

    def request(
        self,
        method: str,
        url: str,
        headers: Optional[Mapping[str, str]] = None,
        body: Optional[Union[bytes, str]] = None,
        post_params: Optional[List[Tuple[str, Any]]] = None,
        _request_timeout: RequestTimeout = None,
        *,
        preload_content: bool = True,
    ) -> RESTResponse:
        """Send one request, retrying as the configured :class:`RetryPolicy` allows.

        With ``preload_content=False`` the body of a successful answer is left unread on ``.response``
        (``data`` is empty), for streaming.
        """
        if post_params:
            raise ApiValueError("form parameters are not used by this API")
        method = method.upper()
        policy = self.configuration.retries
        timeout = self._timeout(_request_timeout)
        redirects = _NO_REDIRECTS if method == "POST" else _FOLLOW_REDIRECTS
        attempt = 0
        while True:
            attempt += 1
            started = time.monotonic()
            try:
                resp = self.pool_manager.request(
                    method, url, body=body, headers=dict(headers or {}), timeout=timeout,
                    retries=redirects, preload_content=False, enforce_content_length=True,
                )  # fmt: skip
                delay = policy.wait_for_status(resp.status, resp.headers, attempt)
                if delay is not None and policy.allows(method, attempt):
                    _discard(resp)
                    _log_retry(method, url, f"status {resp.status}", delay, attempt)
                    time.sleep(delay)
                    continue
                # an error body is always read: it belongs on the exception
                data = _read_body(resp, url) if preload_content or resp.status >= 400 else b""
            except ApiConnectionError as error:
                if not policy.allows(method, attempt):
                    raise
                delay = policy.backoff(attempt)
                _log_retry(method, url, str(error), delay, attempt)
                time.sleep(delay)
                continue
            except (HTTPError, OSError) as exc:
                failure = transport_error(exc, url)
                if not policy.allows(method, attempt):
                    raise failure from exc
                delay = policy.backoff(attempt)
                _log_retry(method, url, str(failure), delay, attempt)
                time.sleep(delay)
                continue
            logger.debug(
                "%s %s -> %s in %.1f ms", method, safe_url(url), resp.status, (time.monotonic() - started) * 1e3
            )
            return RESTResponse(resp, data, url)

    def _timeout(self, request_timeout: RequestTimeout) -> urllib3.Timeout:
        if request_timeout is None:
            return urllib3.Timeout(connect=self.configuration.connect_timeout, read=self.configuration.read_timeout)
        if isinstance(request_timeout, tuple) and len(request_timeout) == 2:
            connect, read = (_seconds(value) for value in request_timeout)
            return urllib3.Timeout(connect=connect, read=read)
        return urllib3.Timeout(total=_seconds(request_timeout))


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ApiValueError(f"_request_timeout must be seconds > 0 or a (connect, read) pair, not {value!r}")
    return float(value)


def _read_body(resp: UrllibResponse, url: str) -> bytes:
    """The whole body; a body cut short raises with the part that arrived."""
    chunks: List[bytes] = []
    # read1 (urllib3 2.x) hands over each piece as it arrives, so a broken stream loses nothing;
    # urllib3 1.26's stream() reads without buffering and does the same.
    pieces = iter(lambda: resp.read1(_CHUNK), b"") if hasattr(resp, "read1") else resp.stream(_CHUNK)
    try:
        for chunk in pieces:
            chunks.append(chunk)
    except (HTTPError, OSError) as exc:
        received = b"".join(chunks)  # kept on the error, whatever broke the stream
        error = transport_error(exc, url, resp.status, resp.reason, resp.headers, received)
        if type(error) is ApiConnectionError:  # the stream broke: say it was cut
            error = ApiIncompleteResponseError(
                f"the response from {safe_url(url)} ended early after {len(received)} bytes: {exc}",
                url=safe_url(url), status=resp.status, reason=resp.reason, headers=resp.headers, raw_body=received,
            )  # fmt: skip
        raise error from exc
    finally:
        resp.release_conn()
    return b"".join(chunks)


def _discard(resp: UrllibResponse) -> None:
    """Free the connection of a response that will not be used (retried)."""
    with contextlib.suppress(HTTPError, OSError):
        resp.drain_conn()
    resp.release_conn()


def transport_error(
    exc: BaseException,
    url: str,
    status: Optional[int] = None,
    reason: Optional[str] = None,
    headers: Optional[Mapping[str, str]] = None,
    raw_body: Optional[bytes] = None,
) -> ApiConnectionError:
    """The package error for a urllib3 / socket error (with the part of the body read, if any)."""
    cause = exc.reason if isinstance(exc, MaxRetryError) and exc.reason is not None else exc
    where = safe_url(url)
    kwargs: Dict[str, Any] = {
        "url": where,
        "status": status,
        "reason": reason,
        "headers": headers,
        "raw_body": raw_body,
    }
    if isinstance(cause, NewConnectionError):  # before timeouts: it subclasses ConnectTimeoutError
        return ApiConnectionError(f"cannot connect to {where}: {_cause_text(cause)}", **kwargs)
    if isinstance(cause, ConnectTimeoutError):
        return ApiTimeoutError(f"connecting to {where} timed out", **kwargs)
    if isinstance(cause, (ReadTimeoutError, TimeoutError)):
        return ApiTimeoutError(f"reading from {where} timed out", **kwargs)
    if isinstance(cause, ProtocolError):
        return ApiConnectionError(f"the connection to {where} broke: {_cause_text(cause)}", **kwargs)
    return ApiConnectionError(f"request to {where} failed: {_cause_text(cause)}", **kwargs)


def _cause_text(exc: BaseException) -> str:
    """The innermost useful message, without urllib3's object reprs."""
    inner: BaseException = exc
    while inner.args and isinstance(inner.args[-1], BaseException):
        inner = inner.args[-1]
    text = str(inner) or type(inner).__name__
    # urllib3 prefixes messages with "<urllib3.connection.HTTPConnection object at 0x...>: "
    return text.split(">: ", 1)[-1]


def safe_url(url: str) -> str:
    """The URL without user:password, for messages and logs."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _log_retry(method: str, url: str, why: str, delay: float, attempt: int) -> None:
    logger.info("%s %s: %s; retry %d in %.2f s", method, safe_url(url), why, attempt, delay)


def _pool_manager(config: Configuration) -> urllib3.PoolManager:
    kwargs: Dict[str, Any] = {
        "num_pools": 4,
        "maxsize": config.connection_pool_maxsize,
        "cert_reqs": "CERT_REQUIRED" if config.verify_ssl else "CERT_NONE",
    }
    optional = {
        "ca_certs": config.ssl_ca_cert,
        "cert_file": config.cert_file,
        "key_file": config.key_file,
        "assert_hostname": config.assert_hostname,
        "server_hostname": config.tls_server_name,
        "socket_options": config.socket_options,
    }
    kwargs.update({key: value for key, value in optional.items() if value is not None})
    if not config.proxy:
        return urllib3.PoolManager(**kwargs)
    if config.proxy.lower().startswith("socks"):
        from urllib3.contrib.socks import SOCKSProxyManager  # needs the optional PySocks

        return SOCKSProxyManager(config.proxy, headers=config.proxy_headers, **kwargs)
    return urllib3.ProxyManager(config.proxy, proxy_headers=config.proxy_headers, **kwargs)
