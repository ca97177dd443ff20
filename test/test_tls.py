"""HTTPS with a local certificate authority (trustme): verified by default, typed errors otherwise."""

from __future__ import annotations

import json
import ssl
from typing import Iterator, Tuple

import pytest
import trustme
import urllib3
from pytest_httpserver import HTTPServer

from unity_sps_ogc_processes_api_python_client import ApiClient, ApiConnectionError, Configuration, JobsApi

from .conftest import status


@pytest.fixture(scope="module")
def https_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tuple[HTTPServer, str]]:
    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    ca_file = tmp_path_factory.mktemp("tls") / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    server.expect_request("/jobs/x").respond_with_data(json.dumps(status(jobID="x")), content_type="application/json")
    yield server, str(ca_file)
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


def test_verification_can_be_turned_off(https_server: Tuple[HTTPServer, str]) -> None:
    server, _ = https_server
    config = Configuration(host=server.url_for("/"))
    config.verify_ssl = False
    with ApiClient(config) as client, pytest.warns(urllib3.exceptions.InsecureRequestWarning):
        assert JobsApi(client).get_status_jobs_job_id_get("x").job_id == "x"
