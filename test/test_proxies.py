"""Proxies: the rules of ``proxies.py`` (tables), then real requests through a real proxy (proxy.py).

The rules follow curl and requests: ``https_proxy`` / ``http_proxy`` / ``all_proxy`` (lowercase first, an
empty value is unset), ``no_proxy`` by host, domain, port, address and CIDR block, and an explicitly
configured proxy used for every URL (as requests does).
"""

from __future__ import annotations

import base64
import contextlib
import gc
import json
import logging
import os
import pathlib
import signal
import socket
import subprocess
import sys
import time
import traceback
import warnings
from typing import Dict, Iterator, List, Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from unity_sps_ogc_processes_api_python_client import (
    ApiClient,
    ApiConnectionError,
    ApiException,
    ApiValueError,
    Configuration,
    JobsApi,
    OpenApiException,
)
from unity_sps_ogc_processes_api_python_client.proxies import (
    bypasses_proxy,
    normalize_proxy_url,
    proxy_for,
    redact_url,
    split_proxy_credentials,
)

from .conftest import LocalCA, status

PROXY_VARIABLES = [f"{scheme}_proxy" for scheme in ("http", "https", "all", "no")]
PROXY_VARIABLES += [name.upper() for name in PROXY_VARIABLES]


def basic(credentials: bytes) -> str:
    return "Basic " + base64.b64encode(credentials).decode("ascii")


# --- which proxy ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "environ", "expected"),
    [
        ("http://api.test/jobs", {}, None),
        ("http://api.test/jobs", {"http_proxy": "http://p:1"}, "http://p:1"),
        # honoured, although some tools ignore it because of CGI ("httpoxy")
        ("http://api.test/jobs", {"HTTP_PROXY": "http://p:1"}, "http://p:1"),
        ("https://api.test/jobs", {"https_proxy": "http://s:1"}, "http://s:1"),
        ("https://api.test/jobs", {"HTTPS_PROXY": "http://s:1"}, "http://s:1"),
        ("HTTPS://api.test/jobs", {"https_proxy": "http://s:1"}, "http://s:1"),
        # each scheme has its own variable
        ("https://api.test/jobs", {"http_proxy": "http://p:1"}, None),
        ("http://api.test/jobs", {"https_proxy": "http://s:1"}, None),
        ("http://api.test/jobs", {"ftp_proxy": "http://f:1"}, None),
        ("https://api.test/jobs", {"https_proxy": "http://s:1", "http_proxy": "http://p:1"}, "http://s:1"),
        # lowercase wins over uppercase
        ("http://api.test/", {"http_proxy": "http://lower:1", "HTTP_PROXY": "http://upper:1"}, "http://lower:1"),
        ("https://api.test/", {"HTTPS_PROXY": "http://upper:1", "https_proxy": "http://lower:1"}, "http://lower:1"),
        ("http://api.test/", {"all_proxy": "http://lower:1", "ALL_PROXY": "http://upper:1"}, "http://lower:1"),
        # an empty (or blank) variable is unset
        ("https://api.test/", {"https_proxy": "", "HTTPS_PROXY": "http://upper:1"}, "http://upper:1"),
        ("https://api.test/", {"https_proxy": "  ", "HTTPS_PROXY": "http://upper:1"}, "http://upper:1"),
        ("https://api.test/", {"https_proxy": "", "HTTPS_PROXY": ""}, None),
        ("https://api.test/", {"https_proxy": "", "all_proxy": "http://all:1"}, "http://all:1"),
        # ALL_PROXY is the fallback for both schemes, never preferred
        ("http://api.test/", {"all_proxy": "http://all:1"}, "http://all:1"),
        ("https://api.test/", {"ALL_PROXY": "socks5h://all:1080"}, "socks5h://all:1080"),
        ("https://api.test/", {"https_proxy": "http://s:1", "all_proxy": "http://all:1"}, "http://s:1"),
        ("https://api.test/", {"ALL_PROXY": "http://all:1", "HTTPS_PROXY": "http://s:1"}, "http://s:1"),
        # a proxy without scheme is an HTTP proxy; white space around it is dropped
        ("https://api.test/", {"https_proxy": "proxy.example:3128"}, "http://proxy.example:3128"),
        ("http://api.test/", {"http_proxy": "u:p@proxy.example:3128"}, "http://u:p@proxy.example:3128"),
        ("http://api.test/", {"http_proxy": "  http://p:1/  "}, "http://p:1"),
        ("http://api.test/", {"http_proxy": "HTTPS://P:1/"}, "https://P:1"),
        # NO_PROXY applies to the environment's proxies
        ("http://api.test/", {"http_proxy": "http://p:1", "no_proxy": "api.test"}, None),
        ("http://api.test/", {"http_proxy": "http://p:1", "NO_PROXY": "*"}, None),
        ("http://api.test/", {"all_proxy": "http://p:1", "no_proxy": ".test"}, None),
        ("http://api.test/", {"http_proxy": "http://p:1", "no_proxy": "other.test"}, "http://p:1"),
        # lowercase no_proxy wins, and an empty one is unset
        ("http://api.test/", {"http_proxy": "http://p:1", "no_proxy": "x.test", "NO_PROXY": "api.test"}, "http://p:1"),
        ("http://api.test/", {"http_proxy": "http://p:1", "no_proxy": "", "NO_PROXY": "api.test"}, None),
    ],
)
def test_proxy_from_the_environment(url: str, environ: Dict[str, str], expected: Optional[str]) -> None:
    assert proxy_for(url, None, environ) == expected


@pytest.mark.parametrize(
    ("configured", "environ", "expected"),
    [
        ("http://c:1", {}, "http://c:1"),
        ("http://c:1", {"http_proxy": "http://e:1", "all_proxy": "http://a:1"}, "http://c:1"),
        # unlike curl's --proxy, and like requests: NO_PROXY does not apply to the configured proxy
        ("http://c:1", {"no_proxy": "*"}, "http://c:1"),
        ("http://c:1", {"NO_PROXY": "api.test"}, "http://c:1"),
        ("c.example:3128", {}, "http://c.example:3128"),
        (" https://u:p@c:1/ ", {}, "https://u:p@c:1"),
        # an empty setting is no setting: the environment decides
        ("", {"http_proxy": "http://e:1"}, "http://e:1"),
        ("   ", {"http_proxy": "http://e:1"}, "http://e:1"),
        (None, {"http_proxy": "http://e:1"}, "http://e:1"),
        (None, {}, None),
    ],
)
def test_configured_proxy_wins(configured: Optional[str], environ: Dict[str, str], expected: Optional[str]) -> None:
    assert proxy_for("http://api.test/jobs", configured, environ) == expected


def test_an_empty_environment_mapping_turns_the_environment_off() -> None:
    assert proxy_for("http://api.test/", None, {}) is None


def test_no_proxy_is_read_before_the_proxy_value() -> None:
    # a bypassed host never looks at the proxy setting, usable or not
    assert proxy_for("http://api.test/", None, {"http_proxy": "ftp://x", "no_proxy": "api.test"}) is None


@pytest.mark.parametrize(
    ("source", "configured", "environ"),
    [
        ("configuration.proxy", "ftp://user:s3cret-value@proxy.test:21", {}),
        ("HTTPS_PROXY", None, {"HTTPS_PROXY": "ftp://user:s3cret-value@proxy.test:21"}),
        ("https_proxy", None, {"https_proxy": "http://user:s3cret-value@[::1", "HTTPS_PROXY": "http://ok:1"}),
        ("all_proxy", None, {"all_proxy": "http://user:s3cret-value@proxy.test:port"}),
    ],
)
def test_unusable_proxy_names_its_source_without_credentials(
    source: str, configured: Optional[str], environ: Dict[str, str]
) -> None:
    with pytest.raises(ApiValueError) as caught:
        proxy_for("https://api.test/jobs", configured, environ)
    assert source in str(caught.value)
    assert "proxy.test" in str(caught.value) or "[::1" in str(caught.value)
    assert "s3cret-value" not in str(caught.value) and "s3cret-value" not in repr(caught.value)


# --- NO_PROXY -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "no_proxy", "bypass"),
    [
        # names: the host itself and the hosts under it, on a label boundary
        ("http://example.org/", "example.org", True),
        ("http://a.example.org/", "example.org", True),
        ("http://a.b.example.org/", "example.org", True),
        ("http://a.example.org/", ".example.org", True),
        ("http://example.org/", ".example.org", True),
        ("http://a.example.org/", "*.example.org", True),
        ("http://example.org/", "*.example.org", True),
        ("http://badexample.org/", "example.org", False),
        ("http://badexample.org/", ".example.org", False),
        ("http://example.org.evil.test/", "example.org", False),
        ("http://example.org/", "a.example.org", False),
        ("http://localhost/", "local", False),
        ("http://localhost:8080/", "localhost", True),
        ("http://a.example.org/", "a*.example.org", False),  # no wildcards inside a name
        # case and trailing dots do not matter
        ("http://EXAMPLE.Org/", "example.ORG", True),
        ("http://example.org./", "example.org", True),
        ("http://example.org/", "example.org.", True),
        # lists: commas and/or white space
        ("http://b.test/", "a.test,b.test", True),
        ("http://b.test/", "a.test b.test", True),
        ("http://b.test/", " a.test , b.test ", True),
        ("http://b.test/", "a.test,,b.test,", True),
        ("http://b.test/", "\ta.test\n,\tb.test", True),
        ("http://c.test/", "a.test,b.test", False),
        # * is every host, alone or in a list
        ("http://anything.test/", "*", True),
        ("http://anything.test/", " * ", True),
        ("http://10.1.2.3:8080/", "*", True),
        ("http://anything.test/", "a.test,*", True),
        ("http://[::1/", "*", True),
        # nothing
        ("http://example.org/", "", False),
        ("http://example.org/", " ", False),
        ("http://example.org/", ",", False),
        # ports: an entry with a port matches that port only; a URL without port has its scheme's
        ("http://example.org:8080/", "example.org:8080", True),
        ("http://example.org:8081/", "example.org:8080", False),
        ("http://example.org/", "example.org:8080", False),
        ("http://example.org/", "example.org:80", True),
        ("https://example.org/", "example.org:80", False),
        ("https://example.org/", "example.org:443", True),
        ("http://a.example.org:8080/", ".example.org:8080", True),
        ("http://10.1.2.3:8080/", "10.1.2.3:8080", True),
        ("http://10.1.2.3:8081/", "10.1.2.3:8080", False),
        ("http://[::1]:8080/", "[::1]:8080", True),
        ("http://[::1]:8081/", "[::1]:8080", False),
        # IPv4 addresses and blocks
        ("http://127.0.0.1/", "127.0.0.1", True),
        ("http://127.0.0.2/", "127.0.0.1", False),
        ("http://10.1.2.3/", "10.0.0.0/8", True),
        ("http://11.1.2.3/", "10.0.0.0/8", False),
        ("http://192.168.1.7:8443/", "192.168.1.0/24", True),
        ("http://10.1.2.3/", "10.1.2.3/32", True),
        ("http://10.1.2.3/", "10.1.2.77/24", True),  # host bits set: the block is meant
        # IPv6 addresses and blocks, with or without brackets
        ("http://[::1]/", "::1", True),
        ("http://[::1]/", "[::1]", True),
        ("http://[::2]/", "::1", False),
        ("http://[fd00::5]:8080/", "fd00::/8", True),
        ("http://[fe80::1]/", "fd00::/8", False),
        ("http://[fe80::1%25eth0]/", "fe80::/10", True),
        ("http://[0:0:0:0:0:0:0:1]/", "::1", True),
        # addresses match addresses only, and names are never resolved
        ("http://[::1]/", "127.0.0.1", False),
        ("http://127.0.0.1/", "::1", False),
        ("http://localhost/", "127.0.0.1", False),
        ("http://127.0.0.1/", "localhost", False),
        ("http://1.2.3.4/", "2.3.4", False),
        ("http://1.2.3.4/", ".3.4", False),
        ("http://10.0.0.1/", "10", False),
        ("http://host.10.test/", "10.test", True),  # a name may start with a digit
        # unusable entries are ignored; the others still count
        ("http://10.1.2.3/", "10.1.2.0/33", False),
        ("http://b.test/", "[::1,b.test", True),
        ("http://[::1]/", "[::1,b.test", False),
        ("http://b.test/", "b.test:http", False),
        # an unusable URL matches no entry
        ("http://[::1/", "::1", False),
        ("http:///path", "example.org", False),
    ],
)
def test_no_proxy(url: str, no_proxy: str, bypass: bool) -> None:
    assert bypasses_proxy(url, no_proxy) is bypass
    environ = {"http_proxy": "http://p:1", "https_proxy": "http://p:1", "NO_PROXY": no_proxy}
    assert proxy_for(url, None, environ) == (None if bypass else "http://p:1")


def test_no_proxy_without_value() -> None:
    assert bypasses_proxy("http://example.org/", None) is False


# --- proxy URLs -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://proxy:3128", "http://proxy:3128"),
        ("proxy:3128", "http://proxy:3128"),
        ("127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("[::1]:3128", "http://[::1]:3128"),
        ("//proxy:3128", "http://proxy:3128"),
        ("u:p@proxy", "http://u:p@proxy"),
        ("localhost", "http://localhost"),
        ("http://proxy:3128/", "http://proxy:3128"),
        ("http://proxy:3128/path?x=1#y", "http://proxy:3128"),
        ("HTTP://Proxy.Example:3128", "http://Proxy.Example:3128"),
        ("  http://proxy:3128 \n", "http://proxy:3128"),
        ("https://proxy", "https://proxy"),
        ("socks4://proxy:1080", "socks4://proxy:1080"),
        ("socks4a://proxy:1080", "socks4a://proxy:1080"),
        ("socks5://u:p@proxy:1080", "socks5://u:p@proxy:1080"),
        ("socks5h://proxy:1080", "socks5h://proxy:1080"),
        ("http://u:p%40ss@proxy:3128", "http://u:p%40ss@proxy:3128"),
    ],
)
def test_proxy_url_is_normalized(value: str, expected: str) -> None:
    assert normalize_proxy_url(value) == expected


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("ftp://user:s3cret-value@proxy.test:21", "unsupported proxy scheme 'ftp'"),
        ("file://user:s3cret-value@proxy.test/etc", "unsupported proxy scheme 'file'"),
        ("socks6://user:s3cret-value@proxy.test", "unsupported proxy scheme 'socks6'"),
        ("http://user:s3cret-value@[::1", "cannot be parsed"),
        ("http://user:s3cret-value@proxy.test:port", "cannot be parsed"),
        ("http://user:s3cret-value@proxy.test:70000", "cannot be parsed"),
        ("http://user:s3cret-value@proxy.test:0", "port 0"),
        ("http://user:s3cret-value@:3128", "no host"),
        ("http://user:s3cret-value@", "no host"),
        ("http://", "no host"),
        ("", "no host"),
        ("http://user:s3cret-value@proxy test:3128", "white space"),
        ("http://user:s3cret-value@proxy.test\r\nX-Injected: 1", "control characters"),
        ("http://user:s3cret-value@proxy.test\x00", "control characters"),
    ],
)
def test_unusable_proxy_url_is_a_value_error_without_credentials(value: str, problem: str) -> None:
    with pytest.raises(ApiValueError) as caught:
        normalize_proxy_url(value)
    assert isinstance(caught.value, ValueError)  # what callers of generated clients catch
    assert problem in str(caught.value)
    for text in (str(caught.value), repr(caught.value)):
        assert "s3cret-value" not in text


@pytest.mark.parametrize(
    ("proxy_url", "bare", "authorization"),
    [
        ("http://proxy:3128", "http://proxy:3128", None),
        ("http://user:pass@proxy:3128", "http://proxy:3128", basic(b"user:pass")),
        ("https://user:pass@proxy", "https://proxy", basic(b"user:pass")),
        ("u:p@proxy:3128", "http://proxy:3128", basic(b"u:p")),
        ("http://u:p@[::1]:3128", "http://[::1]:3128", basic(b"u:p")),
        # a user without password sends an empty password (curl, requests)
        ("http://user@proxy", "http://proxy", basic(b"user:")),
        ("http://:pass@proxy", "http://proxy", basic(b":pass")),
        ("http://:@proxy", "http://proxy", None),
        ("http://@proxy", "http://proxy", None),
        # percent-decoded, as curl does
        ("http://us%20er:p%40ss%3Aw%25rd@proxy", "http://proxy", basic(b"us er:p@ss:w%rd")),
        ("http://%C3%A9l%C3%A8ve:mot%20de%20passe@proxy", "http://proxy", basic("élève:mot de passe".encode())),
        ("http://user:%E9t%E9@proxy", "http://proxy", basic(b"user:\xe9t\xe9")),  # bytes, sent as given
        # the first colon ends the user, the last @ ends the credentials
        ("http://user:pa:ss@proxy", "http://proxy", basic(b"user:pa:ss")),
        ("http://user:p@ss@proxy:1", "http://proxy:1", basic(b"user:p@ss")),
    ],
)
def test_split_proxy_credentials(proxy_url: str, bare: str, authorization: Optional[str]) -> None:
    assert split_proxy_credentials(proxy_url) == (bare, authorization)


def test_split_proxy_credentials_of_an_unusable_url() -> None:
    with pytest.raises(ApiValueError) as caught:
        split_proxy_credentials("ftp://user:s3cret-value@proxy.test")
    assert "s3cret-value" not in str(caught.value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://user:secret@host:1/path?q=a@b#f", "http://host:1/path?q=a@b#f"),
        ("https://token@host", "https://host"),
        ("HTTP://U:S@H", "HTTP://H"),
        ("http://u:s%40x@h/", "http://h/"),
        ("http://a@b@c/", "http://c/"),
        ("http://u:s@h?x=1", "http://h?x=1"),
        ("http://u:s@h#frag", "http://h#frag"),
        ("http://u:s@[::1]:8080/", "http://[::1]:8080/"),
        ("socks5h://u:s@h:1080", "socks5h://h:1080"),
        ("//u:s@h/x", "//h/x"),
        ("u:s@proxy:3128", "proxy:3128"),
        ("u:s@proxy:3128/p@x", "proxy:3128/p@x"),
        # malformed, still redacted, never an error
        ("http://u:s@[::1", "http://[::1"),
        ("http://u:s@", "http://"),
        ("http://u:s@h:port", "http://h:port"),
        # nothing to remove
        ("http://host/p@x", "http://host/p@x"),
        ("http://host?mail=a@b", "http://host?mail=a@b"),
        ("http://[::1", "http://[::1"),
        ("http://", "http://"),
        ("", ""),
        ("not a url", "not a url"),
        ("://", "://"),
    ],
)
def test_redact_url(url: str, expected: str) -> None:
    assert redact_url(url) == expected


@given(st.text())
def test_redact_url_never_raises(text: str) -> None:
    assert isinstance(redact_url(text), str)


_USERINFO = st.text(st.characters(exclude_characters="/?#@"), min_size=1)


@given(
    scheme=st.sampled_from(["http", "https", "socks5h", ""]),
    user=_USERINFO,
    secret=st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz%:[]!$&'()*+,;=0123456789-._~ "), min_size=8),
    rest=st.sampled_from(["proxy:3128", "[::1", "[::1]:80/x?y=1", "h:port", "", "h/p?q#f"]),
)
def test_redact_url_removes_any_userinfo(scheme: str, user: str, secret: str, rest: str) -> None:
    url = f"{scheme}://{user}:{secret}@{rest}" if scheme else f"{user}:{secret}@{rest}"
    assert redact_url(url) == (f"{scheme}://" if scheme else "") + rest


# --- through a real proxy (proxy.py) --------------------------------------------------------------------
PROXY_USER = "ogc-user"
PROXY_PASSWORD = "pa@ss%w:rd"  # percent-encoded in URLs: pa%40ss%25w%3Ard
PROXY_PASSWORD_IN_URL = "pa%40ss%25w%3Ard"
WRONG_PASSWORD = "Wrong-Secret-4711"
START_TIMEOUT = 20.0
POLL_INTERVAL = 0.02


class ProxyServer:
    """``python -m proxy`` (proxy.py) on 127.0.0.1, an ephemeral port, and a log file read by the tests."""

    def __init__(self, directory: pathlib.Path, basic_auth: Optional[str] = None) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.log_file = directory / "proxy.log"
        port_file = directory / "proxy.port"
        command = [
            sys.executable, "-m", "proxy", "--hostname", "127.0.0.1", "--port", "0", "--port-file", str(port_file),
            "--num-workers", "1", "--num-acceptors", "1", "--log-level", "INFO", "--log-file", str(self.log_file),
            "--data-dir", str(directory / "data"),
        ]  # fmt: skip
        if basic_auth:
            command += ["--basic-auth", basic_auth]
        # its own process group: proxy.py runs its acceptor in a child process, stopped with it
        self.process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        try:
            self.port = self._wait_until_ready(port_file)
        except BaseException:
            self.stop()
            raise

    def _wait_until_ready(self, port_file: pathlib.Path) -> int:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"proxy.py exited with {self.process.returncode}: {self.log()}")
            text = port_file.read_text().strip() if port_file.exists() else ""
            if text.isdigit():
                try:
                    with socket.create_connection(("127.0.0.1", int(text)), timeout=1):
                        return int(text)
                except OSError:
                    pass
            time.sleep(POLL_INTERVAL)
        raise RuntimeError(f"proxy.py did not accept connections within {START_TIMEOUT} s: {self.log()}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url_with(self, user: str, password_in_url: str) -> str:
        return f"http://{user}:{password_in_url}@127.0.0.1:{self.port}"

    def log(self) -> str:
        return self.log_file.read_text(errors="replace") if self.log_file.exists() else ""

    def log_mark(self) -> int:
        return len(self.log())

    def wait_for_log(self, text: str, since: int, timeout: float = 5.0) -> str:
        """The log written after ``since``, once it contains ``text`` (access lines come when a connection ends)."""
        deadline = time.monotonic() + timeout
        while True:
            written = self.log()[since:]
            if text in written or time.monotonic() > deadline:
                return written
            time.sleep(POLL_INTERVAL)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        else:  # the acceptor may outlive a dead parent
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)


@pytest.fixture(scope="module")
def open_proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProxyServer]:
    proxy = ProxyServer(tmp_path_factory.mktemp("open-proxy"))
    yield proxy
    proxy.stop()


@pytest.fixture(scope="module")
def auth_proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProxyServer]:
    proxy = ProxyServer(tmp_path_factory.mktemp("auth-proxy"), basic_auth=f"{PROXY_USER}:{PROXY_PASSWORD}")
    yield proxy
    proxy.stop()


@pytest.fixture(scope="module")
def https_target(local_ca: LocalCA) -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=local_ca.server_context())
    server.start()
    server.expect_request("/jobs/x").respond_with_data(json.dumps(status(jobID="x")), content_type="application/json")
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def no_proxy_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts without proxy variables, whatever the machine running the tests has set."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def http_target() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0)  # 127.0.0.1 in URLs, not localhost: NO_PROXY tests match it
    server.start()
    server.expect_request("/jobs/x").respond_with_data(json.dumps(status(jobID="x")), content_type="application/json")
    yield server
    server.stop()


@pytest.fixture
def target(http_target: HTTPServer) -> HTTPServer:
    http_target.clear_log()
    return http_target


def target_config(server: HTTPServer, local_ca: Optional[LocalCA] = None, proxy: Optional[str] = None) -> Configuration:
    config = Configuration(
        host=server.url_for("/"), retries=0, connect_timeout=5, read_timeout=10,
        ssl_ca_cert=local_ca.ca_file if local_ca else None,
    )  # fmt: skip
    config.proxy = proxy
    return config


def get_job(config: Configuration) -> str:
    with ApiClient(config) as client:
        return JobsApi(client).get_status_jobs_job_id_get("x").job_id


def forwarded_by_proxy(server: HTTPServer) -> List[bool]:
    """For each request the server received: did it come through proxy.py (which adds ``Via``)?"""
    return ["proxy.py" in (request.headers.get("Via") or "") for request, _ in server.log]


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def assert_hidden(secrets: List[str], error: BaseException, config: Configuration, logs: str) -> None:
    chain = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    for text in (str(error), repr(error), repr(config), logs, chain, str(getattr(error, "headers", ""))):
        for secret in secrets:
            assert secret not in text


def test_configured_proxy_forwards_http_requests(open_proxy: ProxyServer, target: HTTPServer) -> None:
    since = open_proxy.log_mark()
    assert get_job(target_config(target, proxy=open_proxy.url)) == "x"
    assert forwarded_by_proxy(target) == [True]
    assert f"GET 127.0.0.1:{target.port}/jobs/x" in open_proxy.wait_for_log(f"127.0.0.1:{target.port}/jobs/x", since)


def test_without_proxy_requests_go_directly(open_proxy: ProxyServer, target: HTTPServer) -> None:
    # the control of the test above: the same request without proxy carries no Via header
    assert get_job(target_config(target)) == "x"
    assert forwarded_by_proxy(target) == [False]


def test_configured_proxy_tunnels_https(open_proxy: ProxyServer, https_target: HTTPServer, local_ca: LocalCA) -> None:
    since = open_proxy.log_mark()
    https_target.clear_log()
    assert get_job(target_config(https_target, local_ca, proxy=open_proxy.url)) == "x"
    # proxy.py writes the CONNECT line when the tunnel closes (the client closed its pool above)
    connect = f"CONNECT 127.0.0.1:{https_target.port}"
    assert connect in open_proxy.wait_for_log(connect, since)
    assert len(https_target.log) == 1


def test_configured_proxy_ignores_the_environment(
    open_proxy: ProxyServer, target: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{unused_port()}")
    monkeypatch.setenv("NO_PROXY", "*")
    assert get_job(target_config(target, proxy=open_proxy.url)) == "x"
    assert forwarded_by_proxy(target) == [True]


def test_proxy_credentials_from_the_url(auth_proxy: ProxyServer, target: HTTPServer) -> None:
    proxy = auth_proxy.url_with(PROXY_USER, PROXY_PASSWORD_IN_URL)
    assert get_job(target_config(target, proxy=proxy)) == "x"
    assert forwarded_by_proxy(target) == [True]


def test_proxy_credentials_open_the_https_tunnel_only(
    auth_proxy: ProxyServer, https_target: HTTPServer, local_ca: LocalCA
) -> None:
    https_target.clear_log()
    proxy = auth_proxy.url_with(PROXY_USER, PROXY_PASSWORD_IN_URL)
    assert get_job(target_config(https_target, local_ca, proxy=proxy)) == "x"
    # Proxy-Authorization goes on the CONNECT request, never inside the tunnel to the server
    [(request, _)] = https_target.log
    assert "Proxy-Authorization" not in request.headers


def test_wrong_proxy_password_is_a_407_without_the_password(
    auth_proxy: ProxyServer, target: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    config = target_config(target, proxy=auth_proxy.url_with(PROXY_USER, WRONG_PASSWORD))
    with ApiClient(config) as client, pytest.raises(ApiException) as caught:
        JobsApi(client).get_status_jobs_job_id_get("x")
    assert caught.value.status == 407
    assert target.log == []
    assert_hidden([WRONG_PASSWORD], caught.value, config, caplog.text)


def test_wrong_proxy_password_for_https_without_the_password(
    auth_proxy: ProxyServer, https_target: HTTPServer, local_ca: LocalCA, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    https_target.clear_log()
    config = target_config(https_target, local_ca, proxy=auth_proxy.url_with(PROXY_USER, WRONG_PASSWORD))
    with ApiClient(config) as client, pytest.raises(OpenApiException) as caught:
        JobsApi(client).get_status_jobs_job_id_get("x")
    assert "407" in str(caught.value)
    assert https_target.log == []
    assert_hidden([WRONG_PASSWORD], caught.value, config, caplog.text)
    # Before 3.12, http.client leaves a refused CONNECT's response (and its socket) open, kept by the
    # traceback; urllib3 1.26 uses that code. Let it go here rather than in whichever test the collector
    # happens to run in next.
    del caught
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def test_unreachable_proxy_is_a_connection_error_naming_the_proxy(
    target: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    port = unused_port()
    config = target_config(target, proxy=f"http://{PROXY_USER}:{WRONG_PASSWORD}@127.0.0.1:{port}")
    with ApiClient(config) as client, pytest.raises(ApiConnectionError) as caught:
        JobsApi(client).get_status_jobs_job_id_get("x")
    assert "proxy" in str(caught.value).lower()
    assert target.log == []
    assert_hidden([WRONG_PASSWORD], caught.value, config, caplog.text)


# --- the environment variables, end to end ---------------------------------------------------------------
def test_http_proxy_variable(open_proxy: ProxyServer, target: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", open_proxy.url)
    assert get_job(target_config(target)) == "x"
    assert forwarded_by_proxy(target) == [True]


def test_https_proxy_variable_without_scheme(
    open_proxy: ProxyServer, https_target: HTTPServer, local_ca: LocalCA, monkeypatch: pytest.MonkeyPatch
) -> None:
    since = open_proxy.log_mark()
    monkeypatch.setenv("HTTPS_PROXY", f"127.0.0.1:{open_proxy.port}")
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{unused_port()}")  # not for https URLs
    assert get_job(target_config(https_target, local_ca)) == "x"
    connect = f"CONNECT 127.0.0.1:{https_target.port}"
    assert connect in open_proxy.wait_for_log(connect, since)


def test_all_proxy_variable(open_proxy: ProxyServer, target: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALL_PROXY", open_proxy.url)
    assert get_job(target_config(target)) == "x"
    assert forwarded_by_proxy(target) == [True]


def test_proxy_credentials_from_the_environment(
    auth_proxy: ProxyServer, https_target: HTTPServer, local_ca: LocalCA, monkeypatch: pytest.MonkeyPatch
) -> None:
    since = auth_proxy.log_mark()
    monkeypatch.setenv("https_proxy", auth_proxy.url_with(PROXY_USER, PROXY_PASSWORD_IN_URL))
    assert get_job(target_config(https_target, local_ca)) == "x"
    connect = f"CONNECT 127.0.0.1:{https_target.port}"
    assert connect in auth_proxy.wait_for_log(connect, since)


@pytest.mark.parametrize("no_proxy", ["127.0.0.1", "127.0.0.0/8", "localhost,127.0.0.1", "*"])
def test_no_proxy_variable_sends_directly(
    open_proxy: ProxyServer, target: HTTPServer, monkeypatch: pytest.MonkeyPatch, no_proxy: str
) -> None:
    monkeypatch.setenv("HTTP_PROXY", open_proxy.url)
    monkeypatch.setenv("NO_PROXY", no_proxy)
    assert get_job(target_config(target)) == "x"
    assert forwarded_by_proxy(target) == [False]


@pytest.mark.parametrize("no_proxy", ["127.0.0.2", "10.0.0.0/8", "127.0.0.1:1", "localhost", ".0.0.1"])
def test_no_proxy_variable_for_other_hosts(
    open_proxy: ProxyServer, target: HTTPServer, monkeypatch: pytest.MonkeyPatch, no_proxy: str
) -> None:
    monkeypatch.setenv("HTTP_PROXY", open_proxy.url)
    monkeypatch.setenv("NO_PROXY", no_proxy)
    assert get_job(target_config(target)) == "x"
    assert forwarded_by_proxy(target) == [True]


def test_unusable_proxy_variable_is_a_value_error(target: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"ftp://{PROXY_USER}:{WRONG_PASSWORD}@127.0.0.1:21")
    with pytest.raises(ApiValueError) as caught:
        get_job(target_config(target))
    assert "HTTP_PROXY" in str(caught.value)
    assert WRONG_PASSWORD not in str(caught.value)
    assert target.log == []
