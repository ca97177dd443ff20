# mypy: disable-error-code="empty-body"
# (operation bodies are declarations: @operation supplies the behaviour)
"""HealthApi: whether the service is up (an extension of this API, not of the OGC standard)."""

from __future__ import annotations

from typing_extensions import Unpack

from ..models.health_check import HealthCheck
from ..models.problem_details import ProblemDetails
from ._operation import BaseApi, Endpoint, RequestOptions, operation

__all__ = ["HealthApi"]

HEALTH = Endpoint("GET", "/health", {200: HealthCheck, 500: ProblemDetails})


class HealthApi(BaseApi):
    """The health of the service."""

    @operation(HEALTH)
    def get_health_health_get(self, **options: Unpack[RequestOptions]) -> HealthCheck:
        """retrieve the health status of the API

        :return: the health check (``status`` and whatever else the service reports)
        """

    get_health_health_get_with_http_info = get_health_health_get.with_http_info
    get_health_health_get_without_preload_content = get_health_health_get.without_preload_content
