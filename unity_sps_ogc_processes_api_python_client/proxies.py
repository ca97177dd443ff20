"""Which proxy a request goes through: ``Configuration.proxy``, else the ``*_proxy`` environment variables.

Pure functions over strings (no I/O, no urllib3): the transport asks them about each URL, and the rules are
tested on their own. The environment variables mean what they mean to curl and requests:

- ``https_proxy`` / ``HTTPS_PROXY`` for ``https://`` URLs, ``http_proxy`` / ``HTTP_PROXY`` for ``http://``
  URLs, and ``all_proxy`` / ``ALL_PROXY`` as the fallback for both;
- the lowercase variable wins when both spellings are set; an empty (or blank) variable counts as unset;
- ``no_proxy`` / ``NO_PROXY`` lists the hosts reached directly (see :func:`bypasses_proxy`);
- a proxy given without scheme (``proxy.example:3128``) is an HTTP proxy (``http://proxy.example:3128``).

``HTTP_PROXY`` in capitals is honoured. Some tools ignore it because a CGI program receives the request
header ``Proxy:`` as ``HTTP_PROXY`` ("httpoxy"); this client is not run as a CGI program, and the
variable is read as curl reads ``HTTPS_PROXY``.
"""

from __future__ import annotations

import base64
import ipaddress
import re
import urllib.parse
from typing import Mapping, Optional, Tuple, Union

from .exceptions import ApiValueError

__all__ = [
    "PROXY_SCHEMES",
    "proxy_for",
    "proxy_from_environment",
    "bypasses_proxy",
    "normalize_proxy_url",
    "split_proxy_credentials",
    "redact_url",
]

#: The proxy URL schemes urllib3 can use (``socks*`` needs the optional PySocks).
PROXY_SCHEMES = frozenset({"http", "https", "socks4", "socks4a", "socks5", "socks5h"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_SEPARATORS = re.compile(r"[\s,]+")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_IPV4_LIKE = re.compile(r"[0-9]+(\.[0-9]+){3}(/[0-9]+)?")

IPNetwork = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]


def proxy_for(url: str, configured: Optional[str], environ: Mapping[str, str]) -> Optional[str]:
    """The proxy URL the request to ``url`` goes through, or ``None`` to connect directly.

    An explicitly configured proxy (``Configuration.proxy``) is used for every URL, whatever
    ``NO_PROXY`` says: like requests, which applies ``no_proxy`` to the proxies it found in the
    environment only (curl applies ``NO_PROXY`` to ``--proxy`` too). Without one, the proxy comes from
    ``environ`` (see :func:`proxy_from_environment`); pass an empty mapping to ignore the environment.

    The result is normalized (:func:`normalize_proxy_url`) and may carry ``user:password@``: hand it to
    :func:`split_proxy_credentials` before use, and to :func:`redact_url` before showing it.

    :raises ApiValueError: the proxy URL is unusable (unsupported scheme, no host, bad port, ...); the
        message names where it came from and shows it without credentials.
    """
    if configured is not None and configured.strip():
        return normalize_proxy_url(configured, source="configuration.proxy")
    return proxy_from_environment(url, environ)


def proxy_from_environment(url: str, environ: Mapping[str, str]) -> Optional[str]:
    """The proxy the environment variables give for ``url`` (``NO_PROXY`` applied), or ``None``."""
    scheme = url.split("://", 1)[0].strip().lower() if "://" in url else ""
    if not scheme:
        return None
    found = _variable(environ, f"{scheme}_proxy") or _variable(environ, "all_proxy")
    if found is None:
        return None
    name, value = found
    if bypasses_proxy(url, _value(environ, "no_proxy")):
        return None
    return normalize_proxy_url(value, source=name)


def bypasses_proxy(url: str, no_proxy: Optional[str]) -> bool:
    """Whether ``url`` is reached directly according to a ``NO_PROXY`` value.

    The value is a list separated by commas and/or white space, matched without regard to case:

    - ``*`` (alone or as one entry of the list) means every host;
    - a name matches itself and every name under it: ``example.org``, ``.example.org`` and
      ``*.example.org`` all match ``example.org`` and ``api.example.org``, never ``badexample.org``;
    - an entry with a port (``example.org:8080``, ``10.1.2.3:8443``, ``[::1]:8080``) matches that port only
      (the URL's port, or 80 / 443 when the URL names none);
    - an IP address (``10.1.2.3``, ``::1``, ``[::1]``) or a CIDR block (``10.0.0.0/8``, ``fd00::/8``)
      matches URLs whose host is an IP address in it; names are never resolved, so ``127.0.0.1`` does not
      match ``http://localhost``;
    - entries that are none of these (``10.0.0.0/33``, ``[::1``) are ignored, as curl ignores them.
    """
    if not no_proxy or not no_proxy.strip():
        return False
    entries = [entry for entry in _SEPARATORS.split(no_proxy.strip().lower()) if entry]
    if "*" in entries:
        return True
    target = _target(url)
    if target is None:
        return False
    host, port = target
    address = _ip_address(host)
    for entry in entries:
        entry_host, entry_port = _split_entry(entry)
        if entry_port is not None and entry_port != port:
            continue
        if address is not None:
            network = _ip_network(entry_host)
            if network is not None and address.version == network.version and address in network:
                return True
            continue
        name = (entry_host[1:] if entry_host.startswith("*.") else entry_host).lstrip(".").rstrip(".")
        if name and _ip_network(entry_host) is None and (host == name or host.endswith("." + name)):
            return True
    return False


def normalize_proxy_url(value: str, source: str = "proxy") -> str:
    """``value`` checked and written as ``scheme://[user:password@]host[:port]``.

    Surrounding white space is dropped, the scheme is lowercased, a value without scheme is an
    ``http://`` proxy (as curl reads it), and a path, query or fragment is ignored (as curl and requests
    ignore them). A port left out is the scheme's default, chosen by urllib3 (80 for ``http``).

    :param source: where the value came from, named in the error message (``HTTPS_PROXY``, ...).
    :raises ApiValueError: the scheme is not one of :data:`PROXY_SCHEMES`, the URL has no host, its port
        is not a number from 1 to 65535, it has white space or control characters inside, or it cannot
        be parsed at all. The message shows the URL without credentials.
    """
    text = value.strip()
    if text.startswith("//"):
        text = "http:" + text
    elif "://" not in text:
        text = "http://" + text
    shown = redact_url(text)
    if _CONTROL.search(text):
        raise ApiValueError(f"{source}: the proxy URL {shown!r} contains white space or control characters")
    try:
        parts = urllib.parse.urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise ApiValueError(f"{source}: the proxy URL {shown!r} cannot be parsed: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in PROXY_SCHEMES:
        supported = ", ".join(sorted(PROXY_SCHEMES))
        raise ApiValueError(f"{source}: unsupported proxy scheme {scheme!r} in {shown!r} (use one of {supported})")
    if not parts.hostname:
        raise ApiValueError(f"{source}: the proxy URL {shown!r} has no host")
    if port == 0:
        raise ApiValueError(f"{source}: the proxy URL {shown!r} has port 0")
    return f"{scheme}://{parts.netloc}"


def split_proxy_credentials(proxy_url: str) -> Tuple[str, Optional[str]]:
    """``proxy_url`` without its ``user:password@``, and the ``Proxy-Authorization`` value for them.

    The user name and password are percent-decoded (``p%40ss`` is ``p@ss``) and sent as given, as curl
    does; a user without password sends an empty password. Without credentials the value is ``None``.
    The URL is normalized first (:func:`normalize_proxy_url`).

    SOCKS proxies do not read ``Proxy-Authorization``: urllib3's SOCKS proxy manager takes the credentials
    from the URL itself, so a ``socks*://`` URL is best passed on whole.

    :raises ApiValueError: the proxy URL is unusable (see :func:`normalize_proxy_url`).
    """
    normalized = normalize_proxy_url(proxy_url)
    scheme, _, netloc = normalized.partition("://")
    userinfo, at, hostport = netloc.rpartition("@")
    if not at:
        return normalized, None
    bare = f"{scheme}://{hostport}"
    user, _, password = userinfo.partition(":")
    if not user and not password:
        return bare, None
    credentials = urllib.parse.unquote_to_bytes(user) + b":" + urllib.parse.unquote_to_bytes(password)
    return bare, "Basic " + base64.b64encode(credentials).decode("ascii")


def redact_url(url: str) -> str:
    """``url`` without ``user:password@``, for messages and logs; never raises, even on a malformed URL.

    The authority is what follows ``scheme://`` (or ``//``) up to the first ``/``, ``?`` or ``#``; a text
    without ``//`` is read as a proxy setting is (``user:password@host:port/...``). Everything up to the
    last ``@`` of the authority is removed.
    """
    if "://" in url:
        head, _, rest = url.partition("://")
        head += "://"
    elif url.startswith("//"):
        head, rest = "//", url[2:]
    else:
        head, rest = "", url
    end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    authority = rest[:end]
    if "@" not in authority:
        return url
    return head + authority.rpartition("@")[2] + rest[end:]


# --- helpers ------------------------------------------------------------------------------------------
def _value(environ: Mapping[str, str], name: str) -> Optional[str]:
    found = _variable(environ, name)
    return found[1] if found else None


def _variable(environ: Mapping[str, str], name: str) -> Optional[Tuple[str, str]]:
    """(name, value) of the lowercase variable, else the uppercase one; blank values count as unset."""
    for spelling in (name.lower(), name.upper()):
        value = environ.get(spelling)
        if value is not None and value.strip():
            return spelling, value
    return None


def _target(url: str) -> Optional[Tuple[str, int]]:
    """(host, port) of a request URL, host lowercased without brackets or trailing dot; None if unusable."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    if port is None:
        port = _DEFAULT_PORTS.get(parts.scheme.lower(), 0)
    return parts.hostname.lower().rstrip("."), port


def _split_entry(entry: str) -> Tuple[str, Optional[int]]:
    """A NO_PROXY entry as (host, port or None): ``[::1]:80``, ``host:80``, ``::1``, ``10.0.0.0/8``."""
    if entry.startswith("["):
        host, bracket, rest = entry[1:].partition("]")
        if not bracket:
            return entry, None  # "[::1": matches nothing
        if rest.startswith(":") and rest[1:].isdigit():
            return host, int(rest[1:])
        return (host, None) if not rest else (entry, None)
    if entry.count(":") == 1:
        host, _, port = entry.partition(":")
        if port.isdigit():
            return host, int(port)
        return entry, None
    return entry, None


def _ip_address(host: str) -> Union[None, ipaddress.IPv4Address, ipaddress.IPv6Address]:
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])  # fe80::1%eth0: the zone does not matter
    except ValueError:
        return None


def _ip_network(entry: str) -> Optional[IPNetwork]:
    """The addresses an entry names (one address is a /32 or /128), or None for a name."""
    if ":" not in entry and not _IPV4_LIKE.fullmatch(entry):
        return None  # a name (ip_network would also read "10" as 0.0.0.10)
    try:
        return ipaddress.ip_network(entry, strict=False)
    except ValueError:
        return None
