"""ApiClient: builds requests (URL, headers, auth, body), sends them, and decodes the answers."""

from __future__ import annotations

import datetime
import enum
import functools
import json
import re
import urllib.parse
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import rest
from ._gc import without_collection
from .api_response import ApiResponse
from .configuration import Configuration, RedactedStr, RefreshableToken
from .exceptions import (
    ApiDecodeError,
    ApiException,
    ApiResponseValidationError,
    ApiTypeError,
    ApiValueError,
)
from .models._json import check_json, to_json_value
from .models._union import map_reader
from .models.problem_details import ProblemDetails

__all__ = ["ApiClient", "RequestParts", "ResponseDecoder", "decode_json", "type_adapter", "get_header", "put_header"]

#: method, url, headers, body, form parameters: what ``param_serialize`` gives ``call_api``.
RequestParts = Tuple[str, str, Dict[str, str], Optional[bytes], List[Tuple[str, Any]]]
ResponseTypes = Mapping[Any, Any]

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # RFC 9110 field-name
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]+")  # what urllib.parse.quote never encodes
_ADAPTERS: Dict[Any, TypeAdapter[Any]] = {}


@dataclass(frozen=True)
class ResponseDecoder:
    """The decoding of a response that its type alone cannot describe (a body whose kind depends on
    its Content-Type, an empty or partial body completed from headers)."""

    decode: Callable[[rest.RESTResponse], Any]


def type_adapter(response_type: Any) -> TypeAdapter[Any]:
    """One adapter per type, built on first use (building one costs far more than using it)."""
    adapter = _ADAPTERS.get(response_type)
    if adapter is None:
        adapter = _ADAPTERS.setdefault(response_type, TypeAdapter(response_type))
    return adapter


#: a quicker decoding of a response type than its adapter's, where there is one (see ``map_reader``)
_quick_decoder = functools.lru_cache(maxsize=None)(map_reader)


class ApiClient:
    """Sends the requests of the API classes over one connection pool.

    Use it as a context manager (or call :meth:`close`) so the pool is closed. One client may be used
    by many threads at once.
    """

    _default: ClassVar[Optional[ApiClient]] = None

    def __init__(
        self,
        configuration: Optional[Configuration] = None,
        header_name: Optional[str] = None,
        header_value: Optional[str] = None,
        cookie: Optional[str] = None,
    ) -> None:
        from . import __version__

        self.configuration = Configuration.get_default() if configuration is None else configuration
        self.rest_client = rest.RESTClientObject(self.configuration)
        self.default_headers: Dict[str, str] = {}
        if header_name is not None:
            self.set_default_header(header_name, header_value or "")
        self.cookie = cookie
        self.user_agent = f"unity-sps-ogc-processes-api-python-client/{__version__} (python)"
        self.client_side_validation = self.configuration.client_side_validation

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the pooled connections. The client can still be used: it reconnects."""
        self.rest_client.close()

    def __repr__(self) -> str:
        return f"ApiClient({self.configuration!r})"

    @property
    def user_agent(self) -> str:
        return get_header(self.default_headers, "User-Agent") or ""

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.set_default_header("User-Agent", value)

    def set_default_header(self, header_name: str, header_value: str) -> None:
        """A header sent with every request of this client (replacing one of the same name, in any case)."""
        put_header(self.default_headers, header_name, _header_value(header_name, header_value))

    @classmethod
    def get_default(cls) -> ApiClient:
        if cls._default is None:
            cls._default = ApiClient()
        return cls._default

    @classmethod
    def set_default(cls, default: Optional[ApiClient]) -> None:
        cls._default = default

    # --- building a request -----------------------------------------------------------------------
    def param_serialize(
        self,
        method: str,
        resource_path: str,
        path_params: Optional[Mapping[str, Any]] = None,
        query_params: Optional[Sequence[Tuple[str, Any]]] = None,
        header_params: Optional[Mapping[str, Any]] = None,
        body: Any = None,
        post_params: Optional[List[Tuple[str, Any]]] = None,
        files: Optional[Mapping[str, Any]] = None,
        auth_settings: Optional[Sequence[str]] = None,
        collection_formats: Optional[Mapping[str, str]] = None,
        _host: Optional[str] = None,
        _request_auth: Optional[Mapping[str, Any]] = None,
    ) -> RequestParts:
        """The method, URL, headers, body and form parameters of one request.

        Path parameters become exactly one path segment each (``/``, ``?``, ``#``, ``%``, ``.``/``..``
        and non-ASCII are percent-encoded); header values with line breaks are refused.
        """
        if files:
            raise ApiValueError("file uploads are not used by this API")
        headers: Dict[str, str] = dict(self.default_headers)
        if self.cookie:
            put_header(headers, "Cookie", RedactedStr(_header_value("Cookie", self.cookie)))
        if header_params is not None and type(header_params) is not dict and not isinstance(header_params, Mapping):
            raise ApiTypeError(f"headers must be a mapping of names to values, not {type(header_params).__name__}")
        for name, value in (header_params or {}).items():
            if value is not None:
                put_header(headers, name, _header_value(name, value))
        path = resource_path
        for name, value in (path_params or {}).items():
            path = path.replace("{" + name + "}", encode_path_segment(name, value))
        queries = list(query_params or [])
        self.update_params_for_auth(headers, queries, auth_settings, resource_path, method, body, _request_auth)
        url = (_host or self.configuration.host).rstrip("/") + path
        if queries:
            url += "?" + encode_query(queries)
        payload = None
        if body is not None:
            payload = self._encode_body(body)
            if get_header(headers, "Content-Type") is None:
                headers["Content-Type"] = "application/json"
        return method, url, headers, payload, list(post_params or [])

    def _encode_body(self, body: Any) -> bytes:
        """The bytes of a body: bytes and text as given; anything else as JSON, after one check that it
        has a JSON form (models and plain values alike): :class:`ApiTypeError`/:class:`ApiValueError`
        before anything is sent."""
        if isinstance(body, (bytes, bytearray)):
            return bytes(body)
        if isinstance(body, str):
            return body.encode("utf-8")
        value = to_json_value(check_json(body, "body"))
        try:
            return json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
        except (TypeError, ValueError) as error:  # a model holding a value with no JSON form
            raise ApiValueError(f"the body cannot be written as JSON: {error}") from None

    def update_params_for_auth(
        self,
        headers: Dict[str, str],
        queries: List[Tuple[str, Any]],
        auth_settings: Optional[Sequence[str]],
        resource_path: str,
        method: str,
        body: Any,
        request_auth: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Add the credentials: ``request_auth`` for this call, else the configured ones.

        A configured credential never replaces a header of the same name that the call gave itself
        (``_headers``) or that the client sends by default; ``request_auth`` does.
        """
        if request_auth is not None:
            settings = [_checked_auth(request_auth)]
        else:
            configured = self.configuration.auth_settings()
            names = list(auth_settings or ())
            names += [name for name in configured if name not in names]  # basic, API keys: every operation
            settings = [configured[name] for name in names if name in configured]
        if not settings:
            return
        given = {name.lower() for name in headers} if request_auth is None else set()
        for setting in settings:
            if request_auth is None and setting["in"] == "header":
                if setting["key"].lower() in given:
                    continue  # the call's own header wins; the first configured scheme wins over the others
                given.add(setting["key"].lower())
            value = setting["value"]
            value = value if isinstance(value, RedactedStr) else RedactedStr(value)
            if setting["in"] == "query":
                queries.append((setting["key"], value))
            elif setting["in"] == "cookie":
                cookie = get_header(headers, "Cookie")
                pair = RedactedStr(f"{setting['key']}={value}")
                put_header(headers, "Cookie", RedactedStr(f"{cookie}; {pair}") if cookie else pair)
            else:
                put_header(headers, setting["key"], _header_value(setting["key"], value))  # stays redacted

    def select_header_accept(self, accepts: Sequence[str]) -> Optional[str]:
        if not accepts:
            return None
        return next((a for a in accepts if _is_json(a)), accepts[0])

    def select_header_content_type(self, content_types: Sequence[str]) -> Optional[str]:
        if not content_types:
            return None
        return next((c for c in content_types if _is_json(c)), content_types[0])

    def sanitize_for_serialization(self, obj: Any) -> Any:
        """Models, enums and date-times as JSON values (wire names, only what was set)."""
        if isinstance(obj, BaseModel):
            return obj.model_dump(mode="json", by_alias=True, exclude_unset=True)
        if hasattr(obj, "to_dict"):
            return obj.to_dict()
        if isinstance(obj, enum.Enum):
            return obj.value
        if isinstance(obj, (datetime.datetime, datetime.date)):
            return obj.isoformat()
        if isinstance(obj, (list, tuple)):
            return [self.sanitize_for_serialization(item) for item in obj]
        if isinstance(obj, dict):
            return {str(key): self.sanitize_for_serialization(value) for key, value in obj.items()}
        return obj

    # --- sending ----------------------------------------------------------------------------------
    def call_api(
        self,
        method: str,
        url: str,
        header_params: Optional[Mapping[str, str]] = None,
        body: Optional[bytes] = None,
        post_params: Optional[List[Tuple[str, Any]]] = None,
        _request_timeout: rest.RequestTimeout = None,
        *,
        _preload_content: bool = True,
    ) -> rest.RESTResponse:
        """Send the request; transport problems raise :class:`ApiConnectionError` subclasses.

        When the configured ``access_token`` is a function and the server answers 401, the function is
        called once more and the request sent once more with the new token (POST included: a 401 means
        nothing was done).
        """
        response = self.rest_client.request(
            method, url, headers=header_params, body=body, post_params=post_params,
            _request_timeout=_request_timeout, preload_content=_preload_content,
        )  # fmt: skip
        if response.status == 401 and isinstance(get_header(header_params or {}, "Authorization"), RefreshableToken):
            bearer = self.configuration.auth_settings().get("bearerAuth")
            if bearer is not None:
                headers = dict(header_params or {})
                put_header(headers, "Authorization", bearer["value"])
                response = self.rest_client.request(
                    method, url, headers=headers, body=body, post_params=post_params,
                    _request_timeout=_request_timeout, preload_content=_preload_content,
                )  # fmt: skip
        return response

    # --- links: next pages, result files -------------------------------------------------------------
    def get_link(
        self, href: str, response_type: Any, *, accept: str = "application/json", _request_timeout: Any = None
    ) -> ApiResponse[Any]:
        """GET a link the API gave (a ``next`` page, a result) and decode it as ``response_type``.

        A relative ``href`` is resolved against the host. Credentials are sent only when the link is on
        the API's own origin (scheme, host and port of ``configuration.host``).
        """
        url, headers = self._link_request(href, accept, None)
        response = self.call_api("GET", url, headers, _request_timeout=_request_timeout)
        return self.response_deserialize(response, {200: response_type})

    def open_link(
        self,
        href: str,
        *,
        accept: str = "*/*",
        headers: Optional[Mapping[str, str]] = None,
        _request_timeout: Any = None,
    ) -> rest.RESTResponse:
        """GET a link the API gave, leaving its body unread: stream it with ``iter_content()``, and call
        ``release()`` when not reading it to its end. An error status raises its :class:`ApiException`;
        credentials go only to the API's own origin (see :meth:`get_link`)."""
        url, request_headers = self._link_request(href, accept, headers)
        response = self.call_api("GET", url, request_headers, _request_timeout=_request_timeout, _preload_content=False)
        if not 200 <= response.status <= 299:
            response.release()
            raise self.error_for(response)
        return response

    def link_url(self, href: str) -> str:
        """``href`` as an absolute URL: a relative one is resolved against the host (its path prefix kept)."""
        if not isinstance(href, str) or not href.strip():
            raise ApiValueError(f"a link must be a non-empty URL, not {href!r}")
        try:
            url = urllib.parse.urljoin(self.configuration.host + "/", href.strip())
            parts = urllib.parse.urlsplit(url)
            parts.port  # noqa: B018  (raises ValueError for a bad port)
        except ValueError as error:
            raise ApiValueError(f"unusable link {rest.safe_url(href)!r}: {error}") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ApiValueError(f"unusable link {rest.safe_url(href)!r}: not an http(s) URL")
        return urllib.parse.urlunsplit(parts._replace(fragment=""))

    def _link_request(self, href: str, accept: str, extra: Optional[Mapping[str, str]]) -> Tuple[str, Dict[str, str]]:
        url = self.link_url(href)
        headers: Dict[str, str] = dict(self.default_headers)
        put_header(headers, "Accept", accept)
        for name, value in (extra or {}).items():
            put_header(headers, name, _header_value(name, value))
        if rest.origin(url) == rest.origin(self.configuration.host):  # credentials stay with the API
            if self.cookie:
                put_header(headers, "Cookie", RedactedStr(_header_value("Cookie", self.cookie)))
            queries: List[Tuple[str, Any]] = []
            self.update_params_for_auth(headers, queries, ("bearerAuth",), "", "GET", None)
            if queries:
                url += ("&" if urllib.parse.urlsplit(url).query else "?") + encode_query(queries)
        return url, headers

    # --- decoding ---------------------------------------------------------------------------------
    def response_deserialize(
        self, response_data: rest.RESTResponse, response_types_map: Optional[ResponseTypes] = None
    ) -> ApiResponse[Any]:
        """The decoded answer of a 2xx response; any other status raises its :class:`ApiException`."""
        data = self.response_data(response_data, response_types_map)
        return ApiResponse(status_code=response_data.status, data=data, raw_data=response_data.data,
                           headers=response_data.headers)  # fmt: skip

    def response_data(
        self, response_data: rest.RESTResponse, response_types_map: Optional[ResponseTypes] = None
    ) -> Any:
        """The decoded body of a 2xx response (what :meth:`response_deserialize` gives as ``data``); any other
        status raises its :class:`ApiException`."""
        types = response_types_map or {}
        status = response_data.status
        response_type = _declared(types, status)
        declared = response_type is not None or status in types or str(status) in types
        # 2xx succeed; a 1xx/3xx only when the operation declares it (303 See Other after an execution)
        if status >= 400 or not (200 <= status <= 299 or declared):
            raise self.error_for(response_data, response_type)
        if not declared:  # 203 from a proxy, 206, 226...: the body is the operation's success type
            response_type = _success_type(types)
        if isinstance(response_type, ResponseDecoder):
            return response_type.decode(response_data)
        if response_type is None:  # a declared answer without a body (204 of replace, undeploy)
            return None
        if response_type is bytes or response_type == "bytearray":
            return response_data.data
        return decode_json(response_data, response_type)

    def error_for(self, response_data: rest.RESTResponse, error_type: Any = None) -> ApiException:
        """The exception for an error response, with its problem details parsed when it has some."""
        data = None
        if _looks_like_json(response_data):
            for candidate in (error_type, ProblemDetails):
                if candidate is None or isinstance(candidate, str):
                    continue
                try:
                    data = type_adapter(candidate).validate_json(response_data.data)
                    break
                except ValidationError:
                    continue
        error = ApiException.from_response(http_resp=response_data, body=None, data=data)
        error.url = rest.safe_url(response_data.url)
        return error

    def deserialize(
        self, response_text: Union[str, bytes], response_type: Any, content_type: Optional[str] = None
    ) -> Any:
        """Decode a JSON text into ``response_type`` (a model class or typing form such as ``Dict[str, X]``)."""
        try:
            return without_collection(type_adapter(response_type).validate_json, response_text)
        except ValidationError as error:
            raise ApiValueError(f"cannot decode {getattr(response_type, '__name__', response_type)}: {error}") from None


def decode_json(response: rest.RESTResponse, response_type: Any) -> Any:
    """Validate the raw body into ``response_type`` in one pass; failures keep the body."""
    raw = response.data
    content_type = response.headers.get("Content-Type", "")
    source: Union[bytes, str] = raw
    charset = _charset(content_type)
    if charset not in ("", "utf-8", "utf8", "us-ascii", "ascii"):
        try:
            source = raw.decode(charset)
        except (UnicodeError, LookupError, ValueError, TypeError) as error:  # bad bytes, or no text codec
            raise ApiDecodeError(f"the body is not valid {charset}: {error}", **_context(response)) from None
    quick = _quick_decoder(response_type)
    if quick is not None:
        try:
            return without_collection(quick, source)
        except ValueError:  # not JSON, not an object, an invalid value: the validation below says what
            pass
    try:
        return without_collection(type_adapter(response_type).validate_json, source)
    except ValidationError as error:
        common = _context(response)
        problems = error.errors(include_url=False)
        if any(problem["type"] == "json_invalid" for problem in problems):
            what = content_type or "no Content-Type"
            raise ApiDecodeError(
                f"expected JSON from {common['url']} (status {response.status}), got {what}: "
                f"{problems[0]['msg']}; body starts {raw[:80]!r}",
                **common,
            ) from None
        name = getattr(response_type, "__name__", str(response_type))
        summary = "; ".join(f"{'.'.join(map(str, p['loc'])) or '(root)'}: {p['msg']}" for p in problems[:5])
        raise ApiResponseValidationError(
            f"the response from {common['url']} is not a valid {name}: {summary}", errors=problems, **common
        ) from None


def _declared(types: ResponseTypes, status: int) -> Any:
    return types.get(status, types.get(str(status), types.get(f"{status // 100}XX")))


def _success_type(types: ResponseTypes) -> Any:
    """The type of a 2xx the operation does not declare: that of 200, else of its first 2xx."""
    codes = sorted(int(code) for code in types if str(code).isdigit() and 200 <= int(code) <= 299)
    return _declared(types, 200 if 200 in codes else codes[0]) if codes else None


def get_header(headers: Mapping[str, str], name: str) -> Optional[str]:
    """The value of a header, whatever the case of its name."""
    lowered = name.lower()
    return next((value for key, value in headers.items() if key.lower() == lowered), None)


def put_header(headers: Dict[str, str], name: str, value: str) -> None:
    """Set a header, replacing any of the same name in another case (names are case-insensitive)."""
    lowered = name.lower()
    for key in [key for key in headers if key.lower() == lowered]:
        del headers[key]
    headers[name] = value


def _checked_auth(request_auth: Any) -> Mapping[str, Any]:
    """``_request_auth`` as ``{"in": "header" | "query" | "cookie", "key": name, "value": credential}``."""
    if not isinstance(request_auth, Mapping):
        raise ApiTypeError(
            '_request_auth must be a mapping such as {"in": "header", "key": "Authorization", "value": "Bearer t"}, '
            f"not {type(request_auth).__name__}"
        )
    where = request_auth.get("in", "header")
    key, value = request_auth.get("key"), request_auth.get("value")
    if where not in ("header", "query", "cookie"):
        raise ApiValueError(f'_request_auth "in" must be "header", "query" or "cookie", not {where!r}')
    if not isinstance(key, str) or not key or not isinstance(value, str):
        raise ApiValueError('_request_auth needs a "key" (the header or parameter name) and a string "value"')
    return {"in": where, "key": key, "value": value}


def _context(response: rest.RESTResponse) -> Dict[str, Any]:
    """What a decoding error keeps of its response."""
    return {"url": rest.safe_url(response.url), "status": response.status, "reason": response.reason,
            "headers": response.headers, "raw_body": response.data}  # fmt: skip


def encode_path_segment(name: str, value: Any) -> str:
    """``value`` as exactly one percent-encoded path segment."""
    if type(value) is str and _UNRESERVED.fullmatch(value) and value not in (".", ".."):
        return value  # nothing to encode (a job id, a process id)
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ApiTypeError(f"path parameter {name} must be a string, not {type(value).__name__}")
    text = str(value)
    if not text:
        raise ApiValueError(f"path parameter {name} must not be empty")
    segment = urllib.parse.quote(text, safe="")
    if segment in (".", ".."):  # dot segments would be removed by URL normalisation
        segment = segment.replace(".", "%2E")
    return segment


def encode_query(params: Sequence[Tuple[str, Any]]) -> str:
    """``name=value`` pairs; a list value repeats the name (``status=a&status=b``)."""
    pairs: List[Tuple[str, str]] = []
    for name, value in params:
        for item in value if isinstance(value, (list, tuple)) else (value,):
            if item is not None:
                pairs.append((name, _query_text(item)))
    return urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote)


def _query_text(value: Any) -> str:
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return str(value)


def _header_value(name: str, value: Any) -> str:
    """A header value that is safe to send: no line breaks (header injection), Latin-1 only."""
    if not isinstance(name, str) or not _TOKEN.fullmatch(name):
        raise ApiValueError(f"invalid header name {name!r}")
    text = value.value if isinstance(value, enum.Enum) else value
    if not isinstance(text, str):
        text = str(text)
    if "\r" in text or "\n" in text or "\0" in text:
        raise ApiValueError(f"the value of header {name} contains a line break or NUL")
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        raise ApiValueError(f"the value of header {name} has characters outside Latin-1") from None
    return value if isinstance(value, str) else text  # keeps a RedactedStr redacted


def _charset(content_type: str) -> str:
    if ";" not in content_type:
        return ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset":
            return value.strip().strip('"').lower()
    return ""


def _is_json(media_type: str) -> bool:
    mime = media_type.split(";", 1)[0].strip().lower()
    return mime == "application/json" or mime.endswith("+json")


def _looks_like_json(response: rest.RESTResponse) -> bool:
    """JSON by its Content-Type, or by its first byte (some servers label JSON errors text/html)."""
    if _is_json(response.headers.get("Content-Type", "")):
        return True
    return response.data.lstrip()[:1] in (b"{", b"[")
