"""Configuration, RetryPolicy and Retry-After parsing (no network)."""

from __future__ import annotations

import copy
import email.utils
import time

import pytest
import urllib3

from unity_sps_ogc_processes_api_python_client import ApiValueError, Configuration, RetryPolicy
from unity_sps_ogc_processes_api_python_client.retry import parse_retry_after


def test_defaults() -> None:
    config = Configuration()
    assert config.host == "http://localhost"
    assert config.connect_timeout == 10 and config.read_timeout == 60
    assert config.retries == RetryPolicy()
    assert config.retries.max_retries >= 2
    assert config.retries.retry_after_max == 5
    assert config.verify_ssl is True


@pytest.mark.parametrize(
    ("given", "expected"),
    [(None, 2), (0, 0), (5, 5), (RetryPolicy(max_retries=7), 7), (urllib3.util.Retry(total=3), 3)],
)
def test_retries_accept_numbers_policies_and_urllib3_retry(given: object, expected: int) -> None:
    assert Configuration(retries=given).retries.max_retries == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
def test_bad_retry_counts_are_refused(bad: object) -> None:
    with pytest.raises(ApiValueError):
        Configuration(retries=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [0, -1, "5", None, True])
def test_bad_timeouts_are_refused(bad: object) -> None:
    with pytest.raises(ApiValueError):
        Configuration(connect_timeout=bad)  # type: ignore[arg-type]
    with pytest.raises(ApiValueError):
        Configuration(read_timeout=bad)  # type: ignore[arg-type]


def test_policy_never_retries_post_and_stops_after_max() -> None:
    policy = RetryPolicy(max_retries=2)
    assert policy.allows("GET", 1) and policy.allows("delete", 2)
    assert not policy.allows("GET", 3)
    assert not policy.allows("POST", 1)
    assert not policy.allows("PATCH", 1)


def test_backoff_grows_and_is_capped() -> None:
    policy = RetryPolicy(backoff_factor=1, backoff_max=3)
    assert 0.5 <= policy.backoff(1) <= 1
    assert 1 <= policy.backoff(2) <= 2
    assert 1.5 <= policy.backoff(10) <= 3


def test_wait_for_status() -> None:
    policy = RetryPolicy(retry_after_max=5)
    assert policy.wait_for_status(500, {}, 1) is None
    assert policy.wait_for_status(503, {"Retry-After": "2"}, 1) == 2
    assert policy.wait_for_status(503, {"Retry-After": "6"}, 1) is None  # longer than the cap: do not wait
    assert 0 < (policy.wait_for_status(502, {}, 1) or 0) <= 0.5


def test_parse_retry_after() -> None:
    assert parse_retry_after("120") == 120
    assert parse_retry_after(" 0 ") == 0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("-5") is None
    in_30_s = email.utils.formatdate(time.time() + 30, usegmt=True)
    assert 25 <= (parse_retry_after(in_30_s) or 0) <= 31
    assert parse_retry_after(email.utils.formatdate(time.time() - 60, usegmt=True)) == 0


def test_secrets_are_not_in_repr() -> None:
    config = Configuration(access_token="tok-123", username="u", password="pw-456", api_key={"k": "key-789"})
    shown = repr(config) + str(config) + repr(config.auth_settings()) + repr(config.get_basic_auth_token())
    for secret in ("tok-123", "pw-456", "key-789"):
        assert secret not in shown
    assert config.auth_settings()["bearerAuth"]["value"] == "Bearer tok-123"  # still the real value


def test_default_configuration_is_copied() -> None:
    Configuration.set_default(Configuration(host="http://example.org/api/"))
    try:
        first = Configuration.get_default()
        first.host = "http://changed"
        assert Configuration.get_default().host == "http://example.org/api"
    finally:
        Configuration.set_default(None)
    assert Configuration.get_default().host == "http://localhost"


def test_deepcopy_keeps_settings() -> None:
    config = Configuration(host="https://gw.example/venue", retries=4, read_timeout=3)
    clone = copy.deepcopy(config)
    assert (clone.host, clone.retries.max_retries, clone.read_timeout) == ("https://gw.example/venue", 4, 3)


def test_debug_report_names_the_version() -> None:
    import unity_sps_ogc_processes_api_python_client as ogc

    assert ogc.__version__ in Configuration().to_debug_report()


@pytest.mark.parametrize(
    ("retry", "expected"),
    [(urllib3.util.Retry(total=False), 0), (urllib3.util.Retry(total=None, connect=3), 3), (urllib3.util.Retry(0), 0)],
)
def test_urllib3_retry_objects_keep_their_meaning(retry: urllib3.util.Retry, expected: int) -> None:
    assert Configuration(retries=retry).retries.max_retries == expected


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_a_policy_cannot_retry_what_is_not_idempotent(method: str) -> None:
    with pytest.raises(ApiValueError, match=method):
        RetryPolicy(methods=frozenset({"GET", method}))
