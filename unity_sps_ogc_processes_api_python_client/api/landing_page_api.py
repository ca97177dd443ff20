# mypy: disable-error-code="empty-body"
# (operation bodies are declarations: @operation supplies the behaviour)
"""LandingPageApi: the entry point of the API."""

from __future__ import annotations

from typing import Optional

from typing_extensions import Unpack

from ..models.http_validation_error import HTTPValidationError
from ..models.landing_page import LandingPage
from ..models.problem_details import ProblemDetails
from ._operation import BaseApi, Endpoint, Param, RequestOptions, operation, text

__all__ = ["LandingPageApi"]

#: the ``f`` query parameter of the informational endpoints: the format of the answer (``json``)
FORMAT = {"f": Param("f", text)}
INFO_ERRORS = {406: ProblemDetails, 422: HTTPValidationError, 500: ProblemDetails}
LANDING_PAGE = Endpoint("GET", "/", {200: LandingPage, **INFO_ERRORS})


class LandingPageApi(BaseApi):
    """The landing page."""

    @operation(LANDING_PAGE, query=FORMAT)
    def get_landing_page_get(self, f: Optional[str] = None, **options: Unpack[RequestOptions]) -> LandingPage:
        """landing page of this API

        The landing page provides links to the API definition, the Conformance statements and the
        processes. For more information, see
        [Section 7.2](https://docs.ogc.org/is/18-062r2/18-062r2.html#sc_landing_page).

        :param f: the format of the answer (``json``); without it the client asks for JSON
        :return: the landing page
        """

    get_landing_page_get_with_http_info = get_landing_page_get.with_http_info
    get_landing_page_get_without_preload_content = get_landing_page_get.without_preload_content
