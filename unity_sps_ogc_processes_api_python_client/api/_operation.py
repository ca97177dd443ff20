"""Each API operation is declared once; its three generated-style methods are derived here.

An API class declares an operation as a typed signature with a docstring, decorated with
:func:`operation`: the :class:`Endpoint` (HTTP method, path template, status -> response type) and where
each parameter goes (``path_params``, ``query``, ``headers``, ``body``)::

    STATUS = Endpoint("GET", "/jobs/{jobId}", {200: StatusInfo, 404: ProblemDetails})


    class JobsApi(BaseApi):
        @operation(STATUS, path_params={"job_id": Param("jobId", text)})
        def get_status_jobs_job_id_get(self, job_id: str, **options: Unpack[RequestOptions]) -> StatusInfo:
            '''retrieve the status of a job'''

        get_status_jobs_job_id_get_with_http_info = get_status_jobs_job_id_get.with_http_info
        get_status_jobs_job_id_get_without_preload_content = get_status_jobs_job_id_get.without_preload_content

The body of the declared function is never run. :func:`operation` replaces it with a plain function
that carries the two variants as attributes, plain functions too; the class assigns them to their
generated-style names. So ``inspect.signature``, ``help()``, Sphinx autodoc and ``mock.create_autospec``
see three ordinary methods. They show the declared signature with its annotations resolved and the
per-call options of :class:`RequestOptions` spelled out as keyword-only parameters (as generated clients
spell them out), so a mock built from them refuses a misspelled keyword. Type checkers see the
:class:`Operation` protocol instead, which keeps the three typed signatures.

A call binds its arguments to the declared signature, builds the request with :class:`ApiClient` and
decodes the answer; the API class itself never sees urllib3.
"""

from __future__ import annotations

import datetime
import enum
import inspect
import types
from dataclasses import dataclass
from typing import (
    Any,
    Callable,
    Dict,
    List,
    Mapping,
    Optional,
    Tuple,
    TypeVar,
    Union,
    cast,
    overload,
)

from typing_extensions import Concatenate, ParamSpec, Protocol, TypedDict, get_type_hints

from ..api_client import ApiClient, put_header
from ..api_response import ApiResponse
from ..exceptions import ApiTypeError, ApiValueError
from ..rest import RequestTimeout, UrllibResponse

__all__ = ["RequestOptions", "Param", "Endpoint", "operation", "Operation", "BaseApi"]

P = ParamSpec("P")
T = TypeVar("T")


class RequestOptions(TypedDict, total=False):
    """The per-call keywords every operation accepts, as in generated clients."""

    #: seconds for the whole request, or a ``(connect, read)`` pair; default: the configuration's
    _request_timeout: RequestTimeout
    #: credentials for this call only, e.g. ``{"in": "header", "key": "Authorization", "value": "Bearer t"}``
    _request_auth: Optional[Dict[str, Any]]
    #: the Content-Type of the request body
    _content_type: Optional[str]
    #: extra headers for this call (they win over the operation's own)
    _headers: Optional[Dict[str, Any]]
    #: index of the server to use; this API declares one server, so only 0 is valid
    _host_index: int


_OPTION_NAMES = frozenset(RequestOptions.__annotations__)


@dataclass(frozen=True)
class Param:
    """Where one argument goes: its wire name and the check that turns it into what is sent."""

    wire: str
    check: Optional[Callable[[str, Any], Any]] = None


ParamMap = Mapping[str, Union[str, Param]]


@dataclass(frozen=True)
class Endpoint:
    """An HTTP endpoint: method, path template and what each status decodes into.

    A response type is a model class, a typing form (``Dict[str, X]``), ``None`` (no body expected)
    or a :class:`~unity_sps_ogc_processes_api_python_client.api_client.ResponseDecoder`. Several
    declarations may share one endpoint (``DefaultApi`` names the same endpoints as the tagged APIs).
    """

    method: str
    path: str
    responses: Mapping[int, Any]
    accept: str = "application/json"
    auth: Tuple[str, ...] = ("bearerAuth",)


@dataclass(frozen=True)
class _Spec:
    endpoint: Endpoint
    path_params: Mapping[str, Param]
    query: Mapping[str, Param]
    headers: Mapping[str, Param]
    body: Optional[str]
    body_media_type: Optional[Callable[[Any], Optional[str]]]


class BaseApi:
    """What every API class shares: the :class:`ApiClient` it sends through."""

    def __init__(self, api_client: Optional[ApiClient] = None) -> None:
        self.api_client = ApiClient.get_default() if api_client is None else api_client


class Operation(Protocol[P, T]):
    """What type checkers see of a declared operation: a method typed ``(self, *P) -> T`` and its variants.

    At run time :func:`operation` returns a plain function (``types.FunctionType``) that has this shape:
    it binds to API instances like any method, and carries ``with_http_info`` and
    ``without_preload_content``, the plain functions that the API class assigns to its own
    ``<name>_with_http_info`` and ``<name>_without_preload_content``.
    """

    #: the variant that returns an :class:`ApiResponse` (status, headers, decoded data, raw bytes)
    with_http_info: Callable[Concatenate[Any, P], ApiResponse[T]]
    #: the variant that returns the urllib3 response with its body unread
    without_preload_content: Callable[Concatenate[Any, P], UrllibResponse]

    def __call__(self, api: Any, /, *args: P.args, **kwargs: P.kwargs) -> T: ...

    @overload
    def __get__(self, obj: None, owner: Optional[type] = None) -> Operation[P, T]: ...

    @overload
    def __get__(self, obj: object, owner: Optional[type] = None) -> Callable[P, T]: ...


_DATA, _INFO, _RAW = "data", "http_info", "raw"


def operation(
    endpoint: Endpoint,
    *,
    path_params: Optional[ParamMap] = None,
    query: Optional[ParamMap] = None,
    headers: Optional[ParamMap] = None,
    body: Optional[str] = None,
    body_media_type: Optional[Callable[[Any], Optional[str]]] = None,
) -> Callable[[Callable[Concatenate[Any, P], T]], Operation[P, T]]:
    """Declare an operation: which argument goes where (path, query, header, body) on ``endpoint``.

    ``body_media_type(body)`` gives the Content-Type of a body (default: JSON); ``_content_type`` wins.
    """
    spec = _Spec(
        endpoint=endpoint, path_params=_params(path_params), query=_params(query), headers=_params(headers),
        body=body, body_media_type=body_media_type,
    )  # fmt: skip

    def declare(template: Callable[Concatenate[Any, P], T]) -> Operation[P, T]:
        declared = inspect.signature(template)
        shown = _shown_signature(template, declared)

        def derive(mode: str, returns: Any, suffix: str) -> types.FunctionType:
            return _method(spec, template, declared, shown.replace(return_annotation=returns), mode, suffix)

        data_type = shown.return_annotation
        method = derive(_DATA, data_type, "")
        method.__dict__.update(
            with_http_info=derive(_INFO, cast(Any, ApiResponse)[data_type], "_with_http_info"),
            without_preload_content=derive(_RAW, UrllibResponse, "_without_preload_content"),
        )
        return cast("Operation[P, T]", method)

    return declare


def _params(params: Optional[ParamMap]) -> Dict[str, Param]:
    return {name: (p if isinstance(p, Param) else Param(p)) for name, p in (params or {}).items()}


def _option_parameters() -> Tuple[inspect.Parameter, ...]:
    """The per-call options as keyword-only parameters, with the defaults of generated clients."""
    return tuple(
        inspect.Parameter(
            name, inspect.Parameter.KEYWORD_ONLY, default=0 if name == "_host_index" else None, annotation=hint
        )
        for name, hint in get_type_hints(RequestOptions).items()
    )


_OPTION_PARAMETERS = _option_parameters()


def _shown_signature(template: Callable[..., Any], declared: inspect.Signature) -> inspect.Signature:
    """The signature the methods show: annotations resolved, ``**options`` spelled out as named keywords.

    Spelling the options out makes a misspelled keyword an error for ``inspect.Signature.bind`` (and so for
    ``mock.create_autospec``), as it is for a real call.
    """
    try:  # resolved where the operation is declared, so that typing.get_type_hints works on the methods
        hints = get_type_hints(template, include_extras=True)
    except Exception:  # an annotation that cannot be evaluated here stays as written
        hints = {}
    parameters = [
        p.replace(annotation=hints.get(p.name, p.annotation))
        for p in declared.parameters.values()
        if p.kind is not inspect.Parameter.VAR_KEYWORD
    ]
    if len(parameters) < len(declared.parameters):
        parameters.extend(_OPTION_PARAMETERS)
    return declared.replace(parameters=parameters, return_annotation=hints.get("return", declared.return_annotation))


def _method(
    spec: _Spec,
    template: Callable[..., Any],
    declared: inspect.Signature,
    shown: inspect.Signature,
    mode: str,
    suffix: str,
) -> types.FunctionType:
    """One of the three methods: binds a call to the declared signature, shows the ``shown`` one."""
    options_name = next((p.name for p in declared.parameters.values() if p.kind is inspect.Parameter.VAR_KEYWORD), None)
    bind = _binder(declared, options_name)

    def call(api: BaseApi, *args: Any, **kwargs: Any) -> Any:
        bound = bind(args, kwargs)
        if bound is None:  # not a plain call: the signature says what is wrong (or binds what is unusual)
            try:
                arguments = declared.bind(api, *args, **kwargs).arguments
            except TypeError as error:
                raise ApiTypeError(f"{call.__name__}(): {error}") from None
            options: Dict[str, Any] = dict(arguments.pop(options_name, None) or {}) if options_name else {}
            bound = arguments, options
        return _send(api.api_client, spec, bound[0], bound[1], mode)

    call.__name__ = template.__name__ + suffix
    call.__qualname__ = template.__qualname__ + suffix
    call.__module__ = template.__module__
    call.__doc__ = template.__doc__
    call.__signature__ = shown  # type: ignore[attr-defined]
    call.__annotations__ = {
        **{p.name: p.annotation for p in shown.parameters.values() if p.annotation is not p.empty},
        "return": shown.return_annotation,
    }
    return cast(types.FunctionType, call)


Bound = Tuple[Dict[str, Any], Dict[str, Any]]


def _binder(
    declared: inspect.Signature, options_name: Optional[str]
) -> Callable[[Tuple[Any, ...], Dict[str, Any]], Optional[Bound]]:
    """What ``declared.bind`` gives for the calls that are plain (positional arguments in order, known
    keywords, each given once, the required ones all there): the arguments and the options. Prepared once
    per operation; any other call gives ``None``, and the signature itself binds it (or says what is wrong)."""
    names = [p.name for p in declared.parameters.values() if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD][1:]
    plain = len(names) == len(declared.parameters) - 1 - (options_name is not None)
    known = frozenset(names)
    required = frozenset(p.name for p in declared.parameters.values() if p.default is p.empty and p.name in known)
    option_names = _OPTION_NAMES if options_name is not None else frozenset()

    def bind(args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> Optional[Bound]:
        if not plain or len(args) > len(names):
            return None
        arguments = dict(zip(names, args))
        options: Dict[str, Any] = {}
        for name, value in kwargs.items():
            if name in option_names:
                options[name] = value
            elif name in arguments or name not in known:
                return None  # given twice, or unknown
            else:
                arguments[name] = value
        if len(arguments) < len(names) and not required <= arguments.keys():
            return None
        return arguments, options

    return bind


def _send(client: ApiClient, spec: _Spec, arguments: Dict[str, Any], options: Dict[str, Any], mode: str) -> Any:
    unknown = set(options) - _OPTION_NAMES if options else None
    if unknown:
        raise ApiTypeError(f"unexpected keyword argument(s): {', '.join(sorted(unknown))}")
    host_index = options.get("_host_index", 0)
    if host_index not in (0, None) or isinstance(host_index, bool):
        raise ApiValueError(f"_host_index must be 0: this API declares one server, not {host_index!r}")

    path_values = {}
    for name, param in spec.path_params.items():
        value = arguments.get(name)
        if value is None:
            raise ApiValueError(f"missing the required parameter {name!r}")
        path_values[param.wire] = param.check(name, value) if param.check else value
    query = [
        (param.wire, param.check(name, arguments[name]) if param.check else arguments[name])
        for name, param in spec.query.items()
        if arguments.get(name) is not None
    ]
    endpoint = spec.endpoint
    headers: Dict[str, Any] = {"Accept": endpoint.accept}
    for name, param in spec.headers.items():
        if arguments.get(name) is not None:
            headers[param.wire] = param.check(name, arguments[name]) if param.check else arguments[name]
    body = arguments.get(spec.body) if spec.body else None
    media_type = options.get("_content_type") or (spec.body_media_type(body) if spec.body_media_type else None)
    if body is not None and media_type:
        headers["Content-Type"] = media_type
    extra = options.get("_headers")
    if extra is not None and not isinstance(extra, Mapping):
        raise ApiTypeError(f"_headers must be a mapping of header names to values, not {type(extra).__name__}")
    for name, value in (extra or {}).items():  # the call's headers win, whatever the case of their names
        put_header(headers, name, value)

    method, url, header_values, payload, form = client.param_serialize(
        endpoint.method, endpoint.path, path_params=path_values, query_params=query, header_params=headers,
        body=body, auth_settings=endpoint.auth, _request_auth=options.get("_request_auth"),
    )  # fmt: skip
    response = client.call_api(
        method, url, header_values, payload, form,
        _request_timeout=options.get("_request_timeout"), _preload_content=mode != _RAW,
    )  # fmt: skip
    if mode == _RAW:
        if response.status >= 400:  # the body of an error was read already, to be kept on the error
            raise client.error_for(response, endpoint.responses.get(response.status))
        return response.response
    if mode == _INFO:
        return client.response_deserialize(response, endpoint.responses)
    return client.response_data(response, endpoint.responses)


# --- argument checks shared by the API classes ---------------------------------------------------------
def text(name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ApiTypeError(f"{name} must be a string, not {type(value).__name__}")
    return value


def positive_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiTypeError(f"{name} must be an integer, not {type(value).__name__}")
    if value < 1:
        raise ApiValueError(f"{name} must be >= 1, not {value}")
    return value


def non_negative_int(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiTypeError(f"{name} must be an integer, not {type(value).__name__}")
    if value < 0:
        raise ApiValueError(f"{name} must be >= 0, not {value}")
    return value


def one_or_many_texts(name: str, value: Any) -> List[str]:
    """A string (or string enum) or a sequence of them: sent as repeated parameters."""
    items = [value] if isinstance(value, (str, enum.Enum)) else value
    if not isinstance(items, (list, tuple, set, frozenset)):
        raise ApiTypeError(f"{name} must be a string or a list of strings, not {type(value).__name__}")
    texts = []
    for item in items:
        item = item.value if isinstance(item, enum.Enum) else item
        texts.append(text(name, item))
    return texts


def datetime_or_interval(name: str, value: Any) -> str:
    """An RFC 3339 instant, or a ``(start, end)`` interval with ``None`` for an open end (``..``)."""
    if isinstance(value, tuple):
        if len(value) != 2:
            raise ApiValueError(f"{name} interval must be a (start, end) pair")
        return "/".join(".." if end is None else datetime_or_interval(name, end) for end in value)
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ApiValueError(f"{name} must have a time zone (RFC 3339), e.g. datetime.timezone.utc")
        return value.isoformat()
    return text(name, value)


def boolean(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ApiTypeError(f"{name} must be True or False, not {type(value).__name__}")
    return value
