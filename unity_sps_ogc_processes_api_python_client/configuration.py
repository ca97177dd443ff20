"""Where the server is and how to talk to it: host, auth, TLS, proxy, timeouts and retries."""

from __future__ import annotations

import copy
import logging
import multiprocessing
import sys
from typing import Any, ClassVar, Dict, List, Optional, Tuple, Union

import urllib3

from .exceptions import ApiValueError
from .retry import RetryPolicy

__all__ = ["Configuration", "RedactedStr"]

DEFAULT_HOST = "http://localhost"
PACKAGE_LOGGER = "unity_sps_ogc_processes_api_python_client"
_SECRET_ATTRIBUTES = ("access_token", "password", "api_key")


class RedactedStr(str):
    """A credential: usable as a string, but shown as ``'***'`` by ``repr`` (logs, tracebacks)."""

    def __repr__(self) -> str:
        return "'***'"


class Configuration:
    """Settings shared by every request of an :class:`ApiClient`.

    The constructor keeps the parameters of the 2.0.1 client; the keyword-only ones are new.

    :param host: base URL of the API, path prefix included (``https://gw.example/venue/wps``);
        defaults to ``http://localhost``. A trailing slash is ignored.
    :param access_token: sent as ``Authorization: Bearer <token>``; never shown by ``repr``.
    :param retries: a :class:`RetryPolicy`, or a number of retries (0 turns retrying off).
    :param connect_timeout: seconds to wait for a connection (default 10).
    :param read_timeout: seconds to wait for each read of the response (default 60).
    """

    _default: ClassVar[Optional[Configuration]] = None

    def __init__(
        self,
        host: Optional[str] = None,
        api_key: Optional[Dict[str, str]] = None,
        api_key_prefix: Optional[Dict[str, str]] = None,
        username: Optional[str] = None,
        password: Optional[str] = None,
        access_token: Optional[str] = None,
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
    ) -> None:
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
        self.temp_folder_path: Optional[str] = None
        # TLS
        self.verify_ssl = True
        self.ssl_ca_cert = ssl_ca_cert
        self.cert_file: Optional[str] = None
        self.key_file: Optional[str] = None
        self.assert_hostname: Union[None, bool, str] = None
        self.tls_server_name: Optional[str] = None
        # connection pool and proxy
        self.connection_pool_maxsize = multiprocessing.cpu_count() * 5
        self.proxy: Optional[str] = None
        self.proxy_headers: Optional[Dict[str, str]] = None
        self.socket_options: Optional[List[Tuple[int, int, int]]] = None
        self.client_side_validation = True
        # kept for compatibility; path parameters are always encoded as one segment
        self.safe_chars_for_path_param = ""
        self.datetime_format = "%Y-%m-%dT%H:%M:%S.%f%z"
        self.date_format = "%Y-%m-%d"
        self.logger_format = "%(asctime)s %(levelname)s %(message)s"
        self.logger_file: Optional[str] = None
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
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
        scheme = value.split("://", 1)[0].lower() if "://" in value else ""
        if scheme not in ("http", "https"):
            raise ApiValueError(f"host must start with http:// or https://, not {value!r}")
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

    # --- auth -------------------------------------------------------------------------------------
    def auth_settings(self) -> Dict[str, Dict[str, Any]]:
        """The configured credentials, as the generated client describes them."""
        auth: Dict[str, Dict[str, Any]] = {}
        if self.access_token is not None:
            auth["bearerAuth"] = {
                "type": "bearer",
                "in": "header",
                "format": "JWT",
                "key": "Authorization",
                "value": RedactedStr("Bearer " + self.access_token),
            }
        return auth

    def get_api_key_with_prefix(self, identifier: str, alias: Optional[str] = None) -> Optional[str]:
        key = self.api_key.get(identifier, self.api_key.get(alias) if alias else None)
        if key is None:
            return None
        prefix = self.api_key_prefix.get(identifier)
        return RedactedStr(f"{prefix} {key}" if prefix else key)

    def get_basic_auth_token(self) -> str:
        headers = urllib3.util.make_headers(basic_auth=f"{self.username or ''}:{self.password or ''}")
        return RedactedStr(headers["authorization"])

    # --- logging ----------------------------------------------------------------------------------
    @property
    def debug(self) -> bool:
        """Log every request (method, URL, status, time) at DEBUG level. Headers are never logged."""
        return self._debug

    @debug.setter
    def debug(self, value: bool) -> None:
        if bool(value) != self._debug:  # touch the shared logger only on a real change
            logging.getLogger(PACKAGE_LOGGER).setLevel(logging.DEBUG if value else logging.NOTSET)
        self._debug = bool(value)

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
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ApiValueError(f"{name} must be a number of seconds > 0, not {value!r}")
    return float(value)
