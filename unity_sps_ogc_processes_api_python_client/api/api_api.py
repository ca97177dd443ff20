# mypy: disable-error-code="empty-body"
# (operation bodies are declarations: @operation supplies the behaviour)
"""APIApi: the API definition document (OpenAPI) and the list of process identifiers."""

from __future__ import annotations

from typing import Any, Optional

from typing_extensions import Unpack

from ..models.enumeration import Enumeration
from ..models.problem_details import ProblemDetails
from ._operation import BaseApi, Endpoint, RequestOptions, operation
from .landing_page_api import FORMAT, INFO_ERRORS

__all__ = ["APIApi"]

API_DEFINITION = Endpoint("GET", "/api", {200: Any, **INFO_ERRORS})
PROCESSES_LIST = Endpoint("GET", "/api/processes-list", {200: Enumeration, 404: ProblemDetails, **INFO_ERRORS})


class APIApi(BaseApi):
    """The API definition."""

    @operation(API_DEFINITION, query=FORMAT)
    def get_api_api_get(self, f: Optional[str] = None, **options: Unpack[RequestOptions]) -> Any:
        """retrieve this API definition

        :param f: the format of the answer (``json``)
        :return: the API definition (an OpenAPI document) as decoded JSON
        """

    get_api_api_get_with_http_info = get_api_api_get.with_http_info
    get_api_api_get_without_preload_content = get_api_api_get.without_preload_content

    @operation(PROCESSES_LIST, query=FORMAT)
    def get_api_processes_api_processes_list_get(
        self, f: Optional[str] = None, **options: Unpack[RequestOptions]
    ) -> Enumeration:
        """retrieve the list of processes available from this API implementation & deployment

        :param f: the format of the answer (``json``)
        :return: the process identifiers, as an enumeration
        """

    get_api_processes_api_processes_list_get_with_http_info = get_api_processes_api_processes_list_get.with_http_info
    get_api_processes_api_processes_list_get_without_preload_content = (
        get_api_processes_api_processes_list_get.without_preload_content
    )
