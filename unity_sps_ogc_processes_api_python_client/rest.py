"""Transport: one urllib3 pool per client, deadlines, retries, redirects and transport errors.

This is the only module that talks to urllib3. Everything it raises is an :class:`OpenApiException`,
and every response it gets is read and handed back to the pool, or handed to the caller to stream.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import io
import logging
import math
import os
import re
import socket
import ssl
import threading
import time
import urllib.parse
from typing import Any, Dict, Iterator, List, Mapping, NamedTuple, Optional, Tuple, Union, cast

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    EmptyPoolError,
    HTTPError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
)

from . import _head, proxies
from ._deadline import WATCHDOG, Deadline
from .configuration import Configuration, RedactedStr
from .exceptions import (  # ApiException is re-exported here, as in generated clients
    ApiConnectionError,
    ApiDecodeError,
    ApiException,
    ApiIncompleteResponseError,
    ApiTimeoutError,
    ApiTooManyRedirectsError,
    ApiValueError,
)
from .retry import RetryPolicy

try:  # urllib3 2.x
    from urllib3 import BaseHTTPResponse as UrllibResponse
except ImportError:  # pragma: no cover - urllib3 1.26
    from urllib3.response import HTTPResponse as UrllibResponse

__all__ = ["RESTClientObject", "RESTResponse", "ApiException", "RequestTimeout", "UrllibResponse", "safe_url", "origin"]

RequestTimeout = Union[None, float, Tuple[float, float]]
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: methods whose answer may be fetched again after its status line arrived (nothing else can change)
REREADABLE_METHODS = frozenset({"GET", "HEAD"})
#: headers never sent to another origin after a redirect (besides every credential the client added)
CREDENTIAL_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})
_CHUNK = 1 << 16
#: the client retries and redirects itself: urllib3 never does (one object for every call)
_NO_RETRIES = urllib3.Retry(False, redirect=False)
#: a request target that urllib3 sends as it is (nothing to percent-encode, percent-escapes in upper case)
_PLAIN_TARGET = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-F]{2})*")
_TRANSPORT_ERRORS = (HTTPError, OSError, http.client.HTTPException, ValueError)
safe_url = proxies.redact_url


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

    def iter_content(self, chunk_size: int = _CHUNK) -> Iterator[bytes]:
        """The body of a streamed answer (``preload_content=False``), piece by piece as it arrives.

        Transport problems raise package errors (:class:`ApiIncompleteResponseError` says how many bytes
        had arrived). The connection is handed back at the end, on an error, or by :meth:`release`.
        """
        resp, received = self.response, 0
        try:
            for chunk in _pieces(resp, chunk_size):
                received += len(chunk)
                yield chunk
        except _TRANSPORT_ERRORS as exc:
            error = transport_error(exc, self.url, resp.status, resp.reason, resp.headers)
            if type(error) is ApiConnectionError:
                error = ApiIncompleteResponseError(
                    f"the response from {safe_url(self.url)} ended early after {received} bytes: {_cause_text(exc)}",
                    url=safe_url(self.url), status=resp.status, reason=resp.reason, headers=resp.headers,
                )  # fmt: skip
            raise error from exc
        finally:
            self.release()

    def release(self) -> None:
        """Give up the rest of a streamed body and free its connection (closed when the body was not read)."""
        resp = self.response
        with contextlib.suppress(*_TRANSPORT_ERRORS):
            if not resp.closed and resp.length_remaining not in (0, None):
                resp.close()  # unread bytes: the connection cannot be reused
        resp.release_conn()


# --- deadlines inside urllib3: the connection of a call is cut off when the call runs out of time ------
_CALL = threading.local()


def _guarded_getresponse(conn: Any, getresponse: Any) -> Any:
    deadline: Optional[Deadline] = getattr(_CALL, "deadline", None)
    sock = getattr(conn, "sock", None)
    token = WATCHDOG.arm(deadline, sock) if deadline is not None and sock is not None else None
    try:
        response = getresponse()
    finally:
        cut = WATCHDOG.disarm(token)
    if cut:  # the head may have been cut anywhere: whatever was parsed of it is not an answer
        response.close()
        raise socket.timeout("the deadline of the call passed while its answer arrived")
    return response


class _HeadOfAnswer(http.client.HTTPResponse):
    """The head of an answer, read as http.client reads it (faster: see ``_head``): notes that a final status
    line arrived (even when its headers then prove unusable), and skips the informational answers http.client
    takes for final ones (102 Processing, 103 Early Hints: RFC 9110 says a client ignores a 1xx it does not
    expect)."""

    def begin(self) -> None:
        _CALL.head = self  # to be closed if urllib3 refuses what follows
        started = cast(Optional[http.client.HTTPMessage], self.headers) is not None
        if started or self.debuglevel > 0:  # (http.client prints the head when debugging)
            super().begin()
        else:
            _head.begin(self)

    def _read_status(self) -> Tuple[str, int, str]:
        while True:
            version, status, reason = super()._read_status()  # type: ignore[misc]
            if 101 < status < 200:
                _head.skip_fields(self.fp)
                continue
            if status != 100:
                _CALL.answered = True  # from here on, the server has answered this request
            return version, status, reason


class _HTTPConnection(HTTPConnection):
    response_class = _HeadOfAnswer

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        return _guarded_getresponse(self, lambda: super(_HTTPConnection, self).getresponse(*args, **kwargs))


class _HTTPSConnection(HTTPSConnection):
    response_class = _HeadOfAnswer

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        return _guarded_getresponse(self, lambda: super(_HTTPSConnection, self).getresponse(*args, **kwargs))


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class RESTClientObject:
    """Sends requests over pools of keep-alive connections; safe to share between threads.

    ``pool_manager`` holds the direct connections; requests that go through a proxy (configured, or
    from ``HTTP(S)_PROXY``/``ALL_PROXY`` as read when the client was created) use one manager per proxy.
    """

    def __init__(self, configuration: Configuration) -> None:
        self.configuration = configuration
        self.pool_manager = _pool_manager(configuration, None)
        self._environ = {name: value for name, value in os.environ.items() if name.lower().endswith("_proxy")}
        self._proxied: Dict[str, urllib3.PoolManager] = {}
        self._routes: Dict[Tuple[str, str], Optional[str]] = {}
        self._origins: Dict[str, Optional[Tuple[Any, str, Optional[int], str]]] = {}  # see _direct
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close every pooled connection now (not when the garbage collector gets to them)."""
        with self._lock:
            managers = [self.pool_manager, *self._proxied.values()]
        for manager in managers:
            _close_pools(manager)

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
        """Send one request, retrying as the configured :class:`RetryPolicy` allows, within the deadline.

        With ``preload_content=False`` the body of a successful answer is left unread on ``.response``
        (``data`` is empty), for streaming; the caller then owns the connection until it is read or
        released.
        """
        if post_params:
            raise ApiValueError("form parameters are not used by this API")
        method = method.upper()
        config = self.configuration
        policy = config.retries
        limits = _timeouts(config, _request_timeout)
        deadline = limits.deadline
        attempt = 0
        while True:
            attempt += 1
            started = time.monotonic()
            try:
                resp, where = self._exchange(method, url, dict(headers or {}), body, limits)
            except ApiConnectionError as error:  # nothing usable arrived: idempotent methods may try again
                if getattr(error, "_permanent", False) or not policy.allows(method, attempt):
                    raise
                if getattr(error, "_answered", False) and method not in REREADABLE_METHODS:
                    raise
                self._pause(policy.backoff(attempt), deadline, error, method, url, attempt)
                continue
            try:
                delay = _status_delay(policy, resp, method, attempt, deadline)
                if delay is not None:
                    _discard(resp)
                    self._log_retry(method, where, f"status {resp.status}", delay, attempt)
                    time.sleep(delay)
                    continue
                if not preload_content and resp.status < 400:
                    return RESTResponse(resp, b"", where)
                # an error body is always read: it belongs on the exception
                data = _read_body(resp, where, deadline)
            except ApiConnectionError as error:  # the answer broke after its status line
                if method not in REREADABLE_METHODS or not policy.allows(method, attempt):
                    raise
                self._pause(policy.backoff(attempt), deadline, error, method, url, attempt)
                continue
            except BaseException:
                _discard(resp)
                raise
            _log(config, logging.DEBUG, "%s %s -> %s in %.1f ms", method, safe_url(where), resp.status,
                 (time.monotonic() - started) * 1e3)  # fmt: skip
            return RESTResponse(resp, data, where)

    # --- one attempt, redirects followed --------------------------------------------------------------
    def _exchange(
        self, method: str, url: str, headers: Dict[str, str], body: Optional[Union[bytes, str]], limits: _Limits
    ) -> Tuple[UrllibResponse, str]:
        start = origin(url)
        for hop in range(MAX_REDIRECTS + 1):
            try:
                resp = self._urlopen(method, url, headers, body, limits)
            except ApiConnectionError as error:
                if hop:  # the first request was answered (by a redirect): it must not be sent again
                    error._answered = True  # type: ignore[attr-defined]
                raise
            target = _redirect_target(url, resp) if method != "POST" else None
            if target is None:
                return resp, url
            _discard(resp)
            if hop == MAX_REDIRECTS:
                raise ApiTooManyRedirectsError(
                    f"too many redirects: {MAX_REDIRECTS} redirects from {safe_url(url)} and more asked for "
                    f"(a redirect loop?); the last answer was {resp.status} to {safe_url(target)}",
                    url=safe_url(url), status=resp.status, reason=resp.reason, headers=resp.headers,
                )  # fmt: skip
            if resp.status == 303 and method != "HEAD":  # See Other: fetch the other resource
                method, body = "GET", None
                headers = {k: v for k, v in headers.items() if k.lower() not in ("content-type", "content-length")}
            if origin(target) != start:  # never hand credentials to another origin
                headers = {k: v for k, v in headers.items() if not _is_credential(k, v)}
            url = target
        raise AssertionError("unreachable")  # pragma: no cover

    def _urlopen(
        self, method: str, url: str, headers: Dict[str, str], body: Optional[Union[bytes, str]], limits: _Limits
    ) -> UrllibResponse:
        connect, read, deadline = limits
        if deadline is not None:
            left = deadline.remaining()
            if left <= 0:
                raise _deadline_error(deadline, url)
            connect, read = min(connect, left), min(read, left)
        direct = self._direct(url)  # outside the try: an unusable proxy setting is the caller's error
        manager = self._manager_for(url) if direct is None else self.pool_manager
        _CALL.deadline, _CALL.answered, _CALL.head = deadline, False, None
        options: Dict[str, Any] = {
            "body": body, "headers": headers, "timeout": _timeout(connect, read), "retries": _NO_RETRIES,
            "redirect": False, "preload_content": False, "enforce_content_length": True, "pool_timeout": connect,
        }  # fmt: skip
        try:
            resp: UrllibResponse
            if direct is not None:  # what PoolManager.urlopen does, without parsing the URL again
                pool, target = direct
                resp = pool.urlopen(method, target, assert_same_host=False, **options)
            else:
                resp = manager.urlopen(method, url, **options)
            return resp
        except _TRANSPORT_ERRORS as exc:
            head = _CALL.head
            if head is not None:  # its socket is nobody's any more: close it now, not when collected
                with contextlib.suppress(*_TRANSPORT_ERRORS):
                    head.close()
            if deadline is not None and deadline.expired():
                raise _deadline_error(deadline, url) from exc
            error = transport_error(exc, url)
            if _CALL.answered:  # its head was unusable (two Content-Lengths...): but the server did answer
                error = ApiIncompleteResponseError(f"the answer from {safe_url(url)} is unusable: {_cause_text(exc)}",
                                                   url=safe_url(url))  # fmt: skip
                error._answered = True  # type: ignore[attr-defined]
            raise error from exc
        finally:
            _CALL.deadline = _CALL.head = None

    def _direct(self, url: str) -> Optional[Tuple[HTTPConnectionPool, str]]:
        """The pool of a URL that goes straight to its server, and its request target (path and query);
        ``None`` for a URL that a proxy serves or that urllib3 would rewrite (and so must parse).

        Each origin is parsed, and its pool key built, once: a call then takes the manager's pool of that key
        (the one ``PoolManager.urlopen`` would take, kept as recently used), without parsing its URL again."""
        scheme_end = url.find("://")
        slash = url.find("/", scheme_end + 3) if scheme_end > 0 else -1
        if slash < 0:
            return None
        prefix, target = url[:slash], url[slash:]
        origin = self._origins.get(prefix)
        if origin is None and prefix not in self._origins:
            origin = self._origins[prefix] = self._direct_origin(prefix)
        if origin is None or _PLAIN_TARGET.fullmatch(target) is None or "/." in target.partition("?")[0]:
            return None  # urllib3 would encode some of it, or remove dot segments: its own parse decides
        key, host, port, scheme = origin
        pool: Optional[HTTPConnectionPool] = self.pool_manager.pools.get(key)
        if pool is None:  # dropped by the manager (it keeps a few origins), or closed: it makes a new one
            pool = self.pool_manager.connection_from_host(host, port=port, scheme=scheme)
        return pool, target

    def _direct_origin(self, origin_url: str) -> Optional[Tuple[Any, str, Optional[int], str]]:
        """The pool key, host, port and scheme of an origin reached without a proxy; None if it is not one,
        or not written as urllib3 writes it."""
        parts = urllib3.util.parse_url(origin_url)
        if parts.url != origin_url or parts.auth or parts.scheme not in ("http", "https") or parts.host is None:
            return None  # not in the form urllib3 normalises it to: the manager's way
        if self._manager_for(origin_url + "/") is not self.pool_manager:
            return None  # through a proxy
        manager = self.pool_manager
        pool = manager.connection_from_host(parts.host, port=parts.port, scheme=parts.scheme)
        keys = manager.pools.keys()
        key = next((key for key in keys if manager.pools.get(key) is pool), None)
        return None if key is None else (key, parts.host, parts.port, parts.scheme)

    def _manager_for(self, url: str) -> urllib3.PoolManager:
        parts = urllib.parse.urlsplit(url)
        route = (parts.scheme, parts.netloc)
        try:
            proxy = self._routes[route]
        except KeyError:
            proxy = self._routes[route] = proxies.proxy_for(url, self.configuration.proxy, self._environ)
        if proxy is None:
            return self.pool_manager
        manager = self._proxied.get(proxy)
        if manager is None:
            with self._lock:
                manager = self._proxied.get(proxy) or _pool_manager(self.configuration, proxy)
                self._proxied[proxy] = manager
        return manager

    def _pause(
        self, delay: float, deadline: Optional[Deadline], error: ApiConnectionError, method: str, url: str, n: int
    ) -> None:
        """Wait before the next attempt; when that would pass the deadline, give up with ``error``."""
        if deadline is not None and deadline.remaining() <= delay:
            raise error
        self._log_retry(method, url, str(error), delay, n)
        time.sleep(delay)

    def _log_retry(self, method: str, url: str, why: str, delay: float, attempt: int) -> None:
        _log(self.configuration, logging.INFO, "%s %s: %s; retry %d in %.2f s", method, safe_url(url), why, attempt,
             delay)  # fmt: skip


def _log(config: Configuration, level: int, message: str, *args: Any) -> None:
    """Log on the configuration's own logger (a child of the package logger, see ``Configuration.logger``)."""
    logger = config.logger["package_logger"]
    # getEffectiveLevel, not isEnabledFor: the level cache of a logger outside logging's registry is
    # not cleared when a parent's level changes
    if logger.getEffectiveLevel() <= level and not logger.manager.disable >= level:
        logger.handle(logger.makeRecord(logger.name, level, __file__, 0, message, args, None))


class _Limits(NamedTuple):
    connect: float  # seconds to connect, per attempt
    read: float  # seconds for each read, per attempt
    deadline: Optional[Deadline]  # the end of the whole call, if it has one


def _timeouts(config: Configuration, request_timeout: RequestTimeout) -> _Limits:
    """Connect and read timeouts of each attempt, and the deadline of the whole call (if any)."""
    connect, read, total = config.connect_timeout, config.read_timeout, config.timeout
    if request_timeout is None:
        pass
    elif isinstance(request_timeout, tuple) and len(request_timeout) == 2:
        connect, read = (_seconds(value) for value in request_timeout)
    elif isinstance(request_timeout, (int, float)) and not isinstance(request_timeout, bool):
        total = _seconds(request_timeout)
    else:
        raise ApiValueError(f"_request_timeout must be seconds > 0 or a (connect, read) pair, not {request_timeout!r}")
    return _Limits(connect, read, Deadline(total) if total is not None else None)


@functools.lru_cache(maxsize=64)
def _timeout(connect: float, read: float) -> urllib3.Timeout:
    """The urllib3 timeout of an attempt (the same few pairs come back on every call: built once)."""
    return urllib3.Timeout(connect=connect, read=read)


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
        raise ApiValueError(f"_request_timeout must be a finite number of seconds > 0 or a pair of them, not {value!r}")
    return float(value)


def _status_delay(
    policy: RetryPolicy, resp: UrllibResponse, method: str, attempt: int, deadline: Optional[Deadline]
) -> Optional[float]:
    """Seconds to wait before retrying this answer, or None to keep it."""
    if not policy.allows(method, attempt):
        return None
    delay: Optional[float] = policy.wait_for_status(resp.status, resp.headers, attempt)
    if delay is None or (deadline is not None and deadline.remaining() <= delay):
        return None
    return delay


def _read_body(resp: UrllibResponse, url: str, deadline: Optional[Deadline]) -> bytes:
    """The whole body; a body cut short raises with the part that arrived. Always releases the connection."""
    chunks: List[bytes] = []
    sock = getattr(getattr(resp, "connection", None), "sock", None)
    token = WATCHDOG.arm(deadline, sock) if deadline is not None and sock is not None else None
    whole = "content-encoding" not in resp.headers  # then the body is whole once its length has arrived
    try:
        for chunk in _pieces(resp, _CHUNK):
            chunks.append(chunk)
            if whole and resp.length_remaining == 0:
                break  # (not one more read to be told so)
    except _TRANSPORT_ERRORS as exc:
        cut = WATCHDOG.disarm(token)
        token = None
        received = b"".join(chunks)  # kept on the error, whatever broke the stream
        context: Dict[str, Any] = {"url": safe_url(url), "status": resp.status, "reason": resp.reason,
                                   "headers": resp.headers, "raw_body": received}  # fmt: skip
        if cut or (deadline is not None and deadline.expired()):
            raise _deadline_error(deadline, url, context) from exc
        if isinstance(exc, DecodeError):
            raise ApiDecodeError(
                f"the body from {safe_url(url)} cannot be decoded as its Content-Encoding "
                f"{resp.headers.get('Content-Encoding')!r} says: {_cause_text(exc)}", **context,
            ) from exc  # fmt: skip
        error = transport_error(exc, url, resp.status, resp.reason, resp.headers, received)
        if type(error) is ApiConnectionError:  # the stream broke: say it was cut
            error = ApiIncompleteResponseError(
                f"the response from {safe_url(url)} ended early after {len(received)} bytes: {_cause_text(exc)}",
                **context,
            )
        raise error from exc
    finally:
        if WATCHDOG.disarm(token):  # the deadline passed as the last bytes came: the call is late
            _discard(resp)
            raise _deadline_error(deadline, url, {"status": resp.status, "raw_body": b"".join(chunks)})
        resp.release_conn()
    return b"".join(chunks)


def _close_pools(manager: urllib3.PoolManager) -> None:
    """Close the pools of a manager and forget them: ``PoolManager.clear()`` alone only forgets them in
    urllib3 2.x, leaving their idle connections open until the garbage collector closes them."""
    pools = [manager.pools.get(key) for key in list(manager.pools.keys())]
    manager.clear()
    for pool in pools:
        if pool is not None:
            pool.close()


def _pieces(resp: UrllibResponse, size: int) -> Iterator[bytes]:
    # read1 (urllib3 2.x) hands over each piece as it arrives, so a broken stream loses nothing;
    # urllib3 1.26's stream() reads without buffering and does the same.
    return iter(lambda: resp.read1(size), b"") if hasattr(resp, "read1") else resp.stream(size)


def _discard(resp: UrllibResponse) -> None:
    """Free the connection of a response that will not be used (retried, redirected, failed)."""
    with contextlib.suppress(*_TRANSPORT_ERRORS):
        resp.drain_conn()
    resp.release_conn()


def _deadline_error(
    deadline: Optional[Deadline], url: str, context: Optional[Dict[str, Any]] = None
) -> ApiTimeoutError:
    seconds = deadline.seconds if deadline is not None else 0.0
    kwargs = dict(context or {}, url=safe_url(url))
    return ApiTimeoutError(f"the call to {safe_url(url)} took longer than its deadline of {seconds:g} s", **kwargs)


def _redirect_target(url: str, resp: UrllibResponse) -> Optional[str]:
    """The absolute URL a redirect points to, or None when the answer is not a usable redirect."""
    if resp.status not in REDIRECT_STATUSES:
        return None
    location = resp.headers.get("Location")
    if not location:
        return None
    try:
        target = urllib.parse.urljoin(url, location.strip())
        parts = urllib.parse.urlsplit(target)
        parts.port  # noqa: B018  (raises ValueError for a bad port)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return urllib.parse.urlunsplit(parts._replace(fragment=""))


def origin(url: str) -> Tuple[str, str, Optional[int]]:
    parts = urllib.parse.urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    try:
        port = parts.port or default
    except ValueError:
        port = None
    return parts.scheme, (parts.hostname or "").lower(), port


def _is_credential(name: str, value: str) -> bool:
    return name.lower() in CREDENTIAL_HEADERS or isinstance(value, RedactedStr)


def transport_error(
    exc: BaseException,
    url: str,
    status: Optional[int] = None,
    reason: Optional[str] = None,
    headers: Optional[Mapping[str, str]] = None,
    raw_body: Optional[bytes] = None,
) -> ApiConnectionError:
    """The package error for a urllib3 / socket error (with the part of the body read, if any)."""
    cause = _innermost_cause(exc)
    where = safe_url(url)
    kwargs: Dict[str, Any] = {"url": where, "status": status, "reason": reason, "headers": headers,
                              "raw_body": raw_body}  # fmt: skip
    error: ApiConnectionError
    if isinstance(cause, NewConnectionError):  # before timeouts: it subclasses ConnectTimeoutError
        error = ApiConnectionError(f"cannot connect to {where}: {_cause_text(cause)}", **kwargs)
        error.request_sent = False
    elif isinstance(cause, ConnectTimeoutError):
        error = ApiTimeoutError(f"connecting to {where} timed out", **kwargs)
        error.request_sent = False
    elif isinstance(cause, EmptyPoolError):
        error = ApiTimeoutError(f"no free connection to {where} in the pool in time (responses not released?)",
                                **kwargs)  # fmt: skip
        error.request_sent = False
    elif isinstance(cause, (ReadTimeoutError, TimeoutError)):
        error = ApiTimeoutError(f"reading from {where} timed out", **kwargs)
    elif isinstance(cause, SSLError) or _tls_failure(exc) is not None:
        tls = _tls_failure(exc) or cause
        what = "certificate of" if isinstance(tls, ssl.SSLCertVerificationError) else "TLS handshake with"
        error = ApiConnectionError(f"the {what} {where} failed: {_cause_text(tls)}", **kwargs)
        error._permanent = True  # type: ignore[attr-defined]  # another try meets the same TLS failure
    elif isinstance(cause, ProxyError) or isinstance(exc, ProxyError):
        error = ApiConnectionError(f"the proxy for {where} failed: {_cause_text(cause)}", **kwargs)
    elif isinstance(cause, ProtocolError):
        error = ApiConnectionError(f"the connection to {where} broke: {_cause_text(cause)}", **kwargs)
    else:
        error = ApiConnectionError(f"request to {where} failed: {_cause_text(cause)}", **kwargs)
    return error


def _innermost_cause(exc: BaseException) -> BaseException:
    reason = getattr(exc, "reason", None)
    return reason if isinstance(reason, BaseException) and isinstance(exc, HTTPError) else exc


def _tls_failure(exc: BaseException) -> Optional[BaseException]:
    """The TLS error behind a failure (a refused certificate, a handshake the server refused), if any.

    Such failures are permanent: another try meets the same certificate and the same server settings.
    """
    seen: List[BaseException] = []
    todo: List[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if any(current is other for other in seen):
            continue
        seen.append(current)
        if isinstance(current, ssl.SSLError):
            return current
        todo.extend(e for e in (current.__cause__, current.__context__, getattr(current, "reason", None)) if
                    isinstance(e, BaseException))  # fmt: skip
        todo.extend(arg for arg in current.args if isinstance(arg, BaseException))
    return None


def _cause_text(exc: BaseException) -> str:
    """The innermost useful message, without urllib3's object reprs or credentials."""
    inner: BaseException = exc
    while inner.args and isinstance(inner.args[-1], BaseException):
        inner = inner.args[-1]
    text = str(inner) or type(inner).__name__
    # urllib3 prefixes messages with "<urllib3.connection.HTTPConnection object at 0x...>: "
    return text.split(">: ", 1)[-1]


_POOL_CLASSES = {"http": _HTTPPool, "https": _HTTPSPool}


def _pool_manager(config: Configuration, proxy: Optional[str]) -> urllib3.PoolManager:
    kwargs: Dict[str, Any] = {
        "num_pools": 4,
        "maxsize": config.connection_pool_maxsize,
        "block": True,  # never more connections than maxsize: a thread waits for a free one
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
    if proxy is None:
        manager = urllib3.PoolManager(**kwargs)
    elif proxy.lower().startswith("socks"):
        try:
            from urllib3.contrib.socks import SOCKSProxyManager
        except ImportError:  # pragma: no cover - depends on the optional PySocks
            raise ApiValueError("a socks:// proxy needs the optional package PySocks (pip install pysocks)") from None
        return SOCKSProxyManager(proxy, headers=config.proxy_headers, **kwargs)
    else:
        url, authorization = proxies.split_proxy_credentials(proxy)
        headers: Dict[str, str] = dict(config.proxy_headers or {})
        if authorization is not None and not any(k.lower() == "proxy-authorization" for k in headers):
            headers["Proxy-Authorization"] = RedactedStr(authorization)
        manager = urllib3.ProxyManager(url, proxy_headers=headers, **kwargs)
    manager.pool_classes_by_scheme = _POOL_CLASSES
    return manager
