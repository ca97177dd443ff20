"""A call's arguments are bound without inspect.Signature.bind when the call is plain: the result must be the
one the signature gives, for every operation and every form of call, and unusual calls still go through
the signature (which binds them or raises ApiTypeError)."""

from __future__ import annotations

import inspect
from typing import Any, Dict, List, Optional, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import unity_sps_ogc_processes_api_python_client as ogc
from unity_sps_ogc_processes_api_python_client.api import _operation

API_CLASSES = [ogc.JobsApi, ogc.ProcessesApi, ogc.DRUApi, ogc.LandingPageApi, ogc.ConformanceApi, ogc.HealthApi,
               ogc.APIApi, ogc.DefaultApi]  # fmt: skip
OPTION_NAMES = sorted(_operation._OPTION_NAMES)


def declared_signatures() -> List[Tuple[str, inspect.Signature, Optional[str]]]:
    """Each operation's declared signature: the one it shows, with the spelled-out options as ``**options``."""
    found = []
    for api in API_CLASSES:
        for name, method in vars(api).items():
            if name.startswith("_") or not inspect.isfunction(method) or name.endswith(("_info", "_content")):
                continue
            shown = inspect.signature(method)
            kept = [p for p in shown.parameters.values() if p.name not in _operation._OPTION_NAMES]
            options = inspect.Parameter("options", inspect.Parameter.VAR_KEYWORD)
            found.append((f"{api.__name__}.{name}", shown.replace(parameters=[*kept, options]), "options"))
    return found


SIGNATURES = declared_signatures()


def by_signature(declared: inspect.Signature, options_name: Optional[str], args: Tuple[Any, ...],
                 kwargs: Dict[str, Any]) -> Optional[Tuple[Dict[str, Any], Dict[str, Any]]]:  # fmt: skip
    try:
        arguments = dict(declared.bind(None, *args, **kwargs).arguments)
        arguments.pop("self")
    except TypeError:
        return None
    options = dict(arguments.pop(options_name, None) or {}) if options_name else {}
    return arguments, options


def test_every_operation_is_found() -> None:
    assert len(SIGNATURES) >= 25


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_plain_call_binds_as_the_signature_does(data: st.DataObject) -> None:
    name, declared, options_name = data.draw(st.sampled_from(SIGNATURES), label="operation")
    parameters = [p.name for p in declared.parameters.values()][1:]
    keywords = [*parameters, *OPTION_NAMES, "unknown", "_typo"]
    positional = data.draw(st.integers(0, len(parameters) + 1), label="positional")
    args = tuple(f"p{index}" for index in range(positional))
    chosen = data.draw(st.lists(st.sampled_from(keywords), unique=True, max_size=6), label="keywords")
    kwargs = {keyword: f"k-{keyword}" for keyword in chosen}
    fast = _operation._binder(declared, options_name)(args, kwargs)
    if fast is not None:  # the fast binding, when it binds, is exactly the signature's
        assert fast == by_signature(declared, options_name, args, kwargs), name


@pytest.mark.parametrize(("name", "declared", "options_name"), SIGNATURES, ids=[s[0] for s in SIGNATURES])
def test_the_usual_calls_take_the_fast_binding(name: str, declared: inspect.Signature, options_name: str) -> None:
    parameters = list(declared.parameters.values())[1:]
    names = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
    required = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is p.empty]
    bind = _operation._binder(declared, options_name)
    for args, kwargs in [
        (tuple(required), {}),
        ((), {n: n for n in required}),
        (tuple(names), {"_request_timeout": 3}),
        (tuple(required), {"_headers": {"a": "b"}, "_host_index": 0}),
    ]:
        assert bind(args, kwargs) == by_signature(declared, options_name, args, kwargs), (name, args, kwargs)
    for args, kwargs in [
        ((*names, "extra"), {}),  # too many
        (tuple(required), {n: n for n in required[:1]}),  # twice
        (tuple(required[:-1]), {}),  # a required one missing
        (tuple(required), {"_typo": 1}),  # unknown: the signature's **options takes it, _send refuses it
    ]:
        if args == tuple(required[:-1]) and not required:
            continue
        assert bind(args, kwargs) is None, (name, args, kwargs)


def test_a_wrong_call_is_still_an_api_type_error() -> None:
    api = ogc.JobsApi(ogc.ApiClient(ogc.Configuration(host="http://127.0.0.1:9")))
    with pytest.raises(ogc.ApiTypeError, match="get_status_jobs_job_id_get"):
        api.get_status_jobs_job_id_get()  # type: ignore[call-arg]
    with pytest.raises(ogc.ApiTypeError, match="multiple values"):
        api.get_status_jobs_job_id_get("a", job_id="b")  # type: ignore[misc]
    with pytest.raises(ogc.ApiTypeError, match="_typo"):
        api.get_status_jobs_job_id_get("a", _typo=1)  # type: ignore[call-arg]
