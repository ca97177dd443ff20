# mypy: disable-error-code="empty-body"
# (operation bodies are declarations: @operation supplies the behaviour)
"""DRUApi: deploy, replace and undeploy processes (OGC API - Processes, Part 2)."""

from __future__ import annotations

from typing import Any, Dict, Optional, Union

from typing_extensions import Unpack

from ..models.http_validation_error import HTTPValidationError
from ..models.ogcapppkg import Ogcapppkg
from ..models.problem_details import ProblemDetails
from ._operation import BaseApi, Endpoint, Param, RequestOptions, boolean, operation, text
from ._responses import OPTIONAL_JSON
from .processes_api import PROCESS_ID

__all__ = ["DRUApi", "package_media_type"]

_ERRORS = {403: ProblemDetails, 404: ProblemDetails, 409: ProblemDetails, 422: HTTPValidationError, 500: ProblemDetails}
DEPLOY = Endpoint("POST", "/processes", {200: OPTIONAL_JSON, 201: OPTIONAL_JSON, **_ERRORS})
REPLACE = Endpoint("PUT", "/processes/{processId}", {200: OPTIONAL_JSON, 204: None, **_ERRORS})
UNDEPLOY = Endpoint("DELETE", "/processes/{processId}", {200: OPTIONAL_JSON, 204: None, **_ERRORS})

#: An OGC application package (model or JSON object), or a CWL document as text or bytes.
ApplicationPackage = Union[Ogcapppkg, Dict[str, Any], str, bytes]


def package_media_type(package: Any) -> Optional[str]:
    """The Content-Type of a deployment body, unless the caller gives ``_content_type``.

    A model or object is an OGC application package in JSON; text or bytes are a CWL document:
    JSON when it starts with ``{``, YAML otherwise.
    """
    if isinstance(package, (str, bytes)):
        start = package.lstrip()[:1]
        return "application/cwl+json" if start in ("{", b"{") else "application/cwl+yaml"
    return "application/json"


class DRUApi(BaseApi):
    """Deploy, replace and undeploy processes (Part 2)."""

    @operation(DEPLOY, query={"w": Param("w", text)}, body="ogcapppkg", body_media_type=package_media_type)
    def deploy_processes_post(
        self, w: Optional[str] = None, ogcapppkg: Optional[ApplicationPackage] = None, **options: Unpack[RequestOptions]
    ) -> Any:
        """deploy a process.

        Deploys a process. For more information, see
        [Section 6.3](http://docs.ogc.org/DRAFTS/20-044.html#_87a6983e-d060-458c-95ab-27e232e64822).
        The body is an OGC application package (``Ogcapppkg`` or a JSON object, sent as
        ``application/json``) or a CWL document (text or bytes, sent as ``application/cwl+yaml`` or
        ``application/cwl+json``); ``_content_type`` overrides the media type.

        :param w: the workflow identifier (the ``w`` query parameter)
        :param ogcapppkg: the application package or CWL document
        :return: the decoded JSON answer, or None when the answer has no body
        """

    deploy_processes_post_with_http_info = deploy_processes_post.with_http_info
    deploy_processes_post_without_preload_content = deploy_processes_post.without_preload_content

    @operation(
        REPLACE, path_params=PROCESS_ID, body="ogcapppkg",
        body_media_type=package_media_type,
    )  # fmt: skip
    def replace_processes_process_id_put(
        self, process_id: str, ogcapppkg: Optional[ApplicationPackage] = None, **options: Unpack[RequestOptions]
    ) -> Any:
        """replace a process.

        Replaces a process. For more information, see
        [Section 6.4](http://docs.ogc.org/DRAFTS/20-044.html#_18582f42-ebc6-4284-9333-c089068f62b6).

        :param process_id: the identifier of the process (required)
        :param ogcapppkg: the application package or CWL document
        :return: the decoded JSON answer, or None (204)
        """

    replace_processes_process_id_put_with_http_info = replace_processes_process_id_put.with_http_info
    replace_processes_process_id_put_without_preload_content = replace_processes_process_id_put.without_preload_content

    @operation(UNDEPLOY, path_params=PROCESS_ID, query={"force": Param("force", boolean)})
    def undeploy_processes_process_id_delete(
        self, process_id: str, force: Optional[bool] = None, **options: Unpack[RequestOptions]
    ) -> Any:
        """undeploy a process.

        Undeploys a process. For more information, see
        [Section 6.5](http://docs.ogc.org/DRAFTS/20-044.html#_16391f9e-538f-4a84-9710-72a6bab82842).

        :param process_id: the identifier of the process (required)
        :param force: undeploy even when jobs of the process exist (``force=true``)
        :return: the decoded JSON answer, or None (204)
        """

    undeploy_processes_process_id_delete_with_http_info = undeploy_processes_process_id_delete.with_http_info
    undeploy_processes_process_id_delete_without_preload_content = (
        undeploy_processes_process_id_delete.without_preload_content
    )
