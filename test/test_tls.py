"""HTTPS with a local certificate authority (trustme): verified by default, typed errors otherwise.

Also client certificates (``cert_file`` / ``key_file``) against a server that requires one, over TLS 1.2
(refused in the handshake) and TLS 1.3 (refused after it, on the first read).
"""

from __future__ import annotations

import json
import ssl
import time
from typing import Iterator, List, Optional, Tuple, Union

import pytest
import urllib3
from pytest_httpserver import HTTPServer

from unity_sps_ogc_processes_api_python_client import (
    ApiClient,
    ApiConnectionError,
    ApiTimeoutError,
    Configuration,
    JobsApi,
    RetryPolicy,
)

from .conftest import LocalCA, status

JOB_BODY = json.dumps(status(jobID="x"))


@pytest.fixture(scope="module")
def https_server(local_ca: LocalCA) -> Iterator[Tuple[HTTPServer, str]]:
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=local_ca.server_context())
    server.start()
    server.expect_request("/jobs/x").respond_with_data(JOB_BODY, content_type="application/json")
    yield server, local_ca.ca_file
    server.stop()


def test_https_with_the_right_authority(https_server: Tuple[HTTPServer, str]) -> None:
    server, ca_file = https_server
    config = Configuration(host=server.url_for("/"), ssl_ca_cert=ca_file)
    assert config.host.startswith("https://")
    with ApiClient(config) as client:
        assert JobsApi(client).get_status_jobs_job_id_get("x").job_id == "x"


def test_unknown_authority_is_a_typed_error(https_server: Tuple[HTTPServer, str]) -> None:
    server, _ = https_server
    with (
        ApiClient(Configuration(host=server.url_for("/"), retries=0)) as client,
        pytest.raises(ApiConnectionError) as caught,
    ):
        JobsApi(client).get_status_jobs_job_id_get("x")
    assert "certificate" in str(caught.value).lower()


def test_an_unknown_authority_is_not_retried(https_server: Tuple[HTTPServer, str]) -> None:
    server, _ = https_server
    policy = RetryPolicy(max_retries=3, backoff_factor=2.0, backoff_max=2.0)  # a retry would wait >= 1 s
    started = time.monotonic()
    with (
        ApiClient(Configuration(host=server.url_for("/"), retries=policy)) as client,
        pytest.raises(ApiConnectionError, match="certificate"),
    ):
        JobsApi(client).get_status_jobs_job_id_get("x")
    assert time.monotonic() - started < 1.0


def test_verification_can_be_turned_off(https_server: Tuple[HTTPServer, str]) -> None:
    server, _ = https_server
    config = Configuration(host=server.url_for("/"))
    config.verify_ssl = False
    with ApiClient(config) as client, pytest.warns(urllib3.exceptions.InsecureRequestWarning):
        assert JobsApi(client).get_status_jobs_job_id_get("x").job_id == "x"


# --- client certificates ------------------------------------------------------------------------------
class MutualTlsServer:
    """An HTTPS server that requires a client certificate signed by the session's CA; counts handshakes."""

    def __init__(self, local_ca: LocalCA, maximum_version: ssl.TLSVersion) -> None:
        context = local_ca.server_context(require_client_cert=True, maximum_version=maximum_version)
        self.hellos: List[Optional[str]] = []
        # called for every ClientHello, with or without SNI (None for an IP address)
        context.sni_callback = lambda _sock, name, _context: self.hellos.append(name)
        self.server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
        self.server.start()
        self.server.expect_request("/jobs/x").respond_with_data(JOB_BODY, content_type="application/json")
        self.ca_file = local_ca.ca_file

    def config(self, retries: Union[RetryPolicy, int] = 0) -> Configuration:
        return Configuration(
            host=self.server.url_for("/"), ssl_ca_cert=self.ca_file, retries=retries, connect_timeout=2, read_timeout=5
        )


@pytest.fixture(scope="module", params=[ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3], ids=["TLSv1.2", "TLSv1.3"])
def mtls_server(request: pytest.FixtureRequest, local_ca: LocalCA) -> Iterator[MutualTlsServer]:
    server = MutualTlsServer(local_ca, request.param)
    yield server
    server.server.stop()


@pytest.mark.parametrize("combined", [False, True], ids=["cert-and-key-files", "key-inside-cert-file"])
def test_client_certificate_is_accepted(mtls_server: MutualTlsServer, local_ca: LocalCA, combined: bool) -> None:
    config = mtls_server.config()
    config.cert_file, config.key_file = local_ca.client_certificate(combined=combined)
    with ApiClient(config) as client:
        assert JobsApi(client).get_status_jobs_job_id_get("x").job_id == "x"


def test_missing_client_certificate_is_a_connection_error(mtls_server: MutualTlsServer) -> None:
    config = mtls_server.config()
    with ApiClient(config) as client, pytest.raises(ApiConnectionError) as caught:
        JobsApi(client).get_status_jobs_job_id_get("x")
    assert not isinstance(caught.value, ApiTimeoutError)
    assert f"127.0.0.1:{mtls_server.server.port}" in str(caught.value)
    assert caught.value.status is None


def test_client_certificate_of_another_authority_is_refused(
    mtls_server: MutualTlsServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    stranger = LocalCA(tmp_path_factory.mktemp("stranger-ca"))
    config = mtls_server.config()
    config.cert_file, config.key_file = stranger.client_certificate()
    with ApiClient(config) as client, pytest.raises(ApiConnectionError) as caught:
        JobsApi(client).get_status_jobs_job_id_get("x")
    assert not isinstance(caught.value, ApiTimeoutError)


def test_missing_client_certificate_is_not_retried(mtls_server: MutualTlsServer) -> None:
    # a refused certificate is refused again: retrying only delays the error
    config = mtls_server.config(retries=RetryPolicy(max_retries=3, backoff_factor=2.0, backoff_max=2.0))
    before = len(mtls_server.hellos)
    started = time.monotonic()
    with ApiClient(config) as client, pytest.raises(ApiConnectionError):
        JobsApi(client).get_status_jobs_job_id_get("x")
    assert len(mtls_server.hellos) - before == 1
    assert time.monotonic() - started < 1.0
