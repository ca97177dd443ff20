"""Where the server is and how to talk to it: host, auth, TLS, proxy, timeouts and retries."""

from __future__ import annotations

import copy
import logging
import math
import os
import sys
import urllib.parse
from typing import Any, Callable, ClassVar, Dict, List, Optional, Tuple, Union

import urllib3

from .exceptions import ApiTypeError, ApiValueError
from .retry import RetryPolicy

__all__ = ["Configuration", "RedactedStr", "RefreshableToken", "AccessToken"]

DEFAULT_HOST = "http://localhost"
PACKAGE_LOGGER = "unity_sps_ogc_processes_api_python_client"
_SECRET_ATTRIBUTES = ("access_token", "password", "api_key")
#: a bearer token, or a function giving the current one (called for every request)
AccessToken = Union[str, Callable[[], str]]


class RedactedStr(str):
    """A credential: usable as a string, but shown as ``'***'`` by ``repr`` (logs, tracebacks)."""

    def __repr__(self) -> str:
        return "'***'"


class RefreshableToken(RedactedStr):
    """A bearer header made from a callable ``access_token``: on a 401 the token is asked for again."""


class Configuration:
    """Settings shared by every request of an :class:`ApiClient`.

    The constructor keeps the parameters of the 2.0.1 client; the keyword-only ones are new.

    :param host: base URL of the API, path prefix included (``https://gw.example/venue/wps``);
        defaults to ``http://localhost``. A trailing slash is ignored.
    :param access_token: sent as ``Authorization: Bearer <token>``; never shown by ``repr``.
    :param retries: a :class:`RetryPolicy`, or a number of retries (0 turns retrying off).
    :param connect_timeout: seconds to wait for a connection (default 10).
    :param read_timeout: seconds to wait for each read of the response (default 60).
    :param timeout: a deadline in seconds for every whole call: connecting, every read, every retry and
        the waits between them (default ``None``: each phase is limited by its own timeout only).
    """

    _default: ClassVar[Optional[Configuration]] = None

    def __init__(
        self,
        host: Optional[str] = None,
        api_key: Optional[Dict[str, str]] = None,
        api_key_prefix: Optional[Dict[str, str]] = None,
        username: Optional[str] = None,
        password: Optional[str] = None,
        access_token: Optional[AccessToken] = None,
        server_index: Optional[int] = None,
        server_variables: Optional[Dict[str, str]] = None,
        server_operation_index: Optional[Dict[str, int]] = None,
        server_operation_variables: Optional[Dict[str, Dict[str, str]]] = None,
        ignore_operation_servers: bool = False,
        ssl_ca_cert: Optional[str] = None,
        retries: Union[None, int, RetryPolicy, urllib3.util.Retry] = None,
        *,
        debug: Optional[bool] = None,
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        timeout: Optional[float] = None,
    ) -> None:
        #: as in generated clients; "package_logger" is this configuration's own logger (see ``debug``)
        self.logger: Dict[str, logging.Logger] = {
            "package_logger": _configuration_logger(),
            "urllib3_logger": logging.getLogger("urllib3"),
        }
        self._logger_file_handler: Optional[logging.Handler] = None
        self._debug_handler: Optional[logging.Handler] = None
        self._logger_format = "%(asctime)s %(levelname)s %(message)s"
        self._logger_file: Optional[str] = None
        self.host = DEFAULT_HOST if host is None else host
        self.server_index = server_index
        self.server_variables = server_variables or {}
        self.server_operation_index = server_operation_index or {}
        self.server_operation_variables = server_operation_variables or {}
        self.ignore_operation_servers = ignore_operation_servers
        self.api_key: Dict[str, str] = api_key or {}
        self.api_key_prefix: Dict[str, str] = api_key_prefix or {}
        self.username = username
        self.password = password
        self.access_token = access_token
        #: called with this configuration before an API key is read, to refresh it
        self.refresh_api_key_hook: Optional[Callable[[Configuration], None]] = None
        #: where each API key goes: ``{"X-API-Key": "header"}`` (the default) or ``"query"``
        self.api_key_in: Dict[str, str] = {}
        # accepted for compatibility with 2.0.1, which never read it either
        self.temp_folder_path: Optional[str] = None
        # TLS
        self.verify_ssl = True
        self.ssl_ca_cert = ssl_ca_cert
        self.cert_file: Optional[str] = None
        self.key_file: Optional[str] = None
        self.assert_hostname: Union[None, bool, str] = None
        self.tls_server_name: Optional[str] = None
        # connection pool and proxy
        self.connection_pool_maxsize = (os.cpu_count() or 1) * 5
        self.proxy: Optional[str] = None
        self.proxy_headers: Optional[Dict[str, str]] = None
        self.socket_options: Optional[List[Tuple[int, int, int]]] = None
        # accepted for compatibility: models always validate, path parameters are always one encoded
        # segment, and date-times are always sent as RFC 3339
        self.client_side_validation = True
        self.safe_chars_for_path_param = ""
        self.datetime_format = "%Y-%m-%dT%H:%M:%S.%f%z"
        self.date_format = "%Y-%m-%d"
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.timeout = timeout
        self.retries = retries
        self._debug = False
        if debug:
            self.debug = True

    # --- host -------------------------------------------------------------------------------------
    @property
    def host(self) -> str:
        """Base URL without a trailing slash, so that ``host + '/jobs'`` never gives ``//jobs``."""
        return self._host

    @host.setter
    def host(self, value: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise ApiValueError(f"host must be a non-empty URL, not {value!r}")
        value = value.strip().rstrip("/")
        try:
            parts = urllib.parse.urlsplit(value)
            parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
        except ValueError as error:
            raise ApiValueError(f"host is not a valid URL ({error}): {_without_userinfo(value)!r}") from None
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise ApiValueError(f"host must be an http:// or https:// URL, not {_without_userinfo(value)!r}")
        self._host_credentials: Optional[Tuple[str, str]] = None
        if "@" in parts.netloc:  # user:password@ becomes Basic auth, as curl and requests do
            userinfo, _, netloc = parts.netloc.rpartition("@")
            user, _, password = userinfo.partition(":")
            self._host_credentials = (urllib.parse.unquote(user), urllib.parse.unquote(password))
            value = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
        self._host = value

    def get_host_settings(self) -> List[Dict[str, Any]]:
        """The servers the API declares: only the configured host."""
        return [{"url": self.host, "description": "The configured host"}]

    def get_host_from_settings(
        self, index: Optional[int], variables: Optional[Dict[str, str]] = None, servers: Any = None
    ) -> str:
        """The URL of server ``index``; ``None`` means the configured host."""
        if index is None:
            return self.host
        servers = self.get_host_settings() if servers is None else servers
        if not 0 <= index < len(servers):
            raise ApiValueError(f"Invalid host index {index}: must be less than {len(servers)}")
        url: str = servers[index]["url"]
        return url

    # --- timeouts and retries ---------------------------------------------------------------------
    @property
    def retries(self) -> RetryPolicy:
        """The retry policy (a number given here becomes ``RetryPolicy(max_retries=n)``)."""
        return self._retries

    @retries.setter
    def retries(self, value: Union[None, int, RetryPolicy, urllib3.util.Retry]) -> None:
        if value is None:
            self._retries = RetryPolicy()
        elif isinstance(value, RetryPolicy):
            self._retries = value
        elif isinstance(value, urllib3.util.Retry):  # 2.0.1 passed these to urllib3
            self._retries = RetryPolicy(max_retries=_retry_count(value))
        else:
            self._retries = RetryPolicy(max_retries=value)

    @property
    def connect_timeout(self) -> float:
        return self._connect_timeout

    @connect_timeout.setter
    def connect_timeout(self, value: float) -> None:
        self._connect_timeout = _positive_seconds("connect_timeout", value)

    @property
    def read_timeout(self) -> float:
        return self._read_timeout

    @read_timeout.setter
    def read_timeout(self, value: float) -> None:
        self._read_timeout = _positive_seconds("read_timeout", value)

    @property
    def timeout(self) -> Optional[float]:
        """A deadline in seconds for every whole call (connect, reads, retries and waits), or ``None``."""
        return self._timeout

    @timeout.setter
    def timeout(self, value: Optional[float]) -> None:
        self._timeout = None if value is None else _positive_seconds("timeout", value)

    # --- auth -------------------------------------------------------------------------------------
    def auth_settings(self) -> Dict[str, Dict[str, Any]]:
        """The configured credentials, as the generated client describes them (values are redacted
        strings: usable as ``str``, shown as ``'***'``). A callable ``access_token`` is called here."""
        auth: Dict[str, Dict[str, Any]] = {}
        token = self.access_token() if callable(self.access_token) else self.access_token
        if token is not None:
            if not isinstance(token, str):
                raise ApiTypeError(f"access_token must give a string, not {type(token).__name__}")
            header = (RefreshableToken if callable(self.access_token) else RedactedStr)("Bearer " + token)
            auth["bearerAuth"] = {"type": "bearer", "in": "header", "format": "JWT", "key": "Authorization",
                                  "value": header}  # fmt: skip
        if self.username is not None or self.password is not None or self._host_credentials is not None:
            auth["basicAuth"] = {"type": "basic", "in": "header", "key": "Authorization",
                                 "value": self.get_basic_auth_token()}  # fmt: skip
        if self.api_key and self.refresh_api_key_hook is not None:
            self.refresh_api_key_hook(self)  # once per request
        for identifier in list(self.api_key):
            value = self._api_key_with_prefix(identifier)
            if value is not None:
                where = self.api_key_in.get(identifier, "header")
                auth[identifier] = {"type": "api_key", "in": where, "key": identifier, "value": value}
        return auth

    def get_api_key_with_prefix(self, identifier: str, alias: Optional[str] = None) -> Optional[str]:
        """The API key of ``identifier`` (or ``alias``) with its prefix, after ``refresh_api_key_hook``."""
        if self.refresh_api_key_hook is not None:
            self.refresh_api_key_hook(self)
        return self._api_key_with_prefix(identifier, alias)

    def _api_key_with_prefix(self, identifier: str, alias: Optional[str] = None) -> Optional[str]:
        key = self.api_key.get(identifier, self.api_key.get(alias) if alias else None)
        if key is None:
            return None
        prefix = self.api_key_prefix.get(identifier)
        return RedactedStr(f"{prefix} {key}" if prefix else key)

    def get_basic_auth_token(self) -> str:
        """``Basic <base64>`` of ``username``/``password``, else of the user and password in ``host``."""
        if self.username is None and self.password is None and self._host_credentials is not None:
            user, password = self._host_credentials
        else:
            user, password = self.username or "", self.password or ""
        headers = urllib3.util.make_headers(basic_auth=f"{user}:{password}")
        return RedactedStr(headers["authorization"])

    # --- logging ----------------------------------------------------------------------------------
    @property
    def debug(self) -> bool:
        """Log this configuration's requests (method, URL, status, time; never headers or bodies) at
        DEBUG level on ``logger["package_logger"]``: a logger of this configuration alone, whose records
        go to the handlers of the ``unity_sps_ogc_processes_api_python_client`` logger and of the root
        logger. Other configurations and the process's logging are not touched. When no handler would
        show the lines, they go to standard error."""
        return self._debug

    @debug.setter
    def debug(self, value: bool) -> None:
        self._debug = bool(value)
        self.logger["package_logger"].setLevel(logging.DEBUG if self._debug else logging.NOTSET)
        if self._debug and self._debug_handler is None and not self.logger["package_logger"].hasHandlers():
            self._debug_handler = logging.StreamHandler()
            self._debug_handler.setFormatter(logging.Formatter(self._logger_format))
            self.logger["package_logger"].addHandler(self._debug_handler)
        elif not self._debug and self._debug_handler is not None:
            self.logger["package_logger"].removeHandler(self._debug_handler)
            self._debug_handler = None

    @property
    def logger_file(self) -> Optional[str]:
        """A file that this configuration's log lines are appended to (in :attr:`logger_format`)."""
        return self._logger_file

    @logger_file.setter
    def logger_file(self, value: Optional[str]) -> None:
        if self._logger_file_handler is not None:
            self.logger["package_logger"].removeHandler(self._logger_file_handler)
            self._logger_file_handler.close()
            self._logger_file_handler = None
        self._logger_file = value
        if value:
            self._logger_file_handler = logging.FileHandler(value, delay=True, encoding="utf-8")
            self._logger_file_handler.setFormatter(logging.Formatter(self._logger_format))
            self.logger["package_logger"].addHandler(self._logger_file_handler)

    @property
    def logger_format(self) -> str:
        """The ``logging`` format of the lines written to :attr:`logger_file` (and by ``debug``)."""
        return self._logger_format

    @logger_format.setter
    def logger_format(self, value: str) -> None:
        formatter = logging.Formatter(value)  # refuses an invalid format with ValueError
        self._logger_format = value
        for handler in (self._logger_file_handler, self._debug_handler):
            if handler is not None:
                handler.setFormatter(formatter)

    def to_debug_report(self) -> str:
        from . import __version__

        return (
            "Python SDK Debug Report:\n"
            f"OS: {sys.platform}\n"
            f"Python Version: {sys.version}\n"
            "Version of the API: 2.0.0\n"
            f"SDK Package Version: {__version__}"
        )

    # --- defaults and copies ----------------------------------------------------------------------
    @classmethod
    def set_default(cls, default: Optional[Configuration]) -> None:
        cls._default = default

    @classmethod
    def get_default_copy(cls) -> Configuration:
        return cls.get_default()

    @classmethod
    def get_default(cls) -> Configuration:
        """A copy of the default set with :meth:`set_default`, or a new default configuration."""
        return copy.deepcopy(cls._default) if cls._default is not None else cls()

    def __deepcopy__(self, memo: Dict[int, Any]) -> Configuration:
        """A copy with its own logger (and log file handler); credentials and settings are copied."""
        clone = Configuration.__new__(Configuration)
        memo[id(self)] = clone
        skip = {"logger", "_logger_file_handler", "_debug_handler", "_debug", "_logger_file"}
        for name, value in self.__dict__.items():
            if name not in skip:
                clone.__dict__[name] = copy.deepcopy(value, memo)
        clone.logger = {"package_logger": _configuration_logger(), "urllib3_logger": self.logger["urllib3_logger"]}
        clone._logger_file_handler = clone._debug_handler = None
        clone._logger_file = None
        clone._debug = False
        clone.logger_file = self._logger_file
        clone.debug = self._debug
        return clone

    def __repr__(self) -> str:
        shown = {"host": self.host}
        for name in _SECRET_ATTRIBUTES:
            if getattr(self, name):
                shown[name] = "***"
        return "Configuration(" + ", ".join(f"{k}={v!r}" for k, v in shown.items()) + ")"


def _retry_count(retry: urllib3.util.Retry) -> int:
    """How many retries a urllib3 ``Retry`` allows: its total, else its largest specific count."""
    if retry.total is False:
        return 0
    if isinstance(retry.total, int):
        return max(0, retry.total)
    counts = [n for n in (retry.connect, retry.read, retry.status) if isinstance(n, int) and n is not False]
    return max(counts) if counts else RetryPolicy().max_retries


def _positive_seconds(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < math.inf:
        raise ApiValueError(f"{name} must be a finite number of seconds > 0, not {value!r}")
    return float(value)


def _configuration_logger() -> logging.Logger:
    """A logger of one configuration: a child of the package logger (records propagate to its handlers
    and the root's), kept out of logging's registry so that configurations do not pile up there."""
    logger = logging.Logger(PACKAGE_LOGGER)
    logger.parent = logging.getLogger(PACKAGE_LOGGER)
    return logger


def _without_userinfo(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    netloc, slash, path = rest.partition("/")
    return scheme + sep + netloc.rpartition("@")[2] + slash + path
