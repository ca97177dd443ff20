# mypy: disable-error-code="empty-body"
# (operation bodies are declarations: @operation supplies the behaviour)
"""ConformanceApi: the conformance classes the server implements."""

from __future__ import annotations

from typing import Optional

from typing_extensions import Unpack

from ..models.conf_classes import ConfClasses
from ._operation import BaseApi, Endpoint, RequestOptions, operation
from .landing_page_api import FORMAT, INFO_ERRORS

__all__ = ["ConformanceApi"]

CONFORMANCE = Endpoint("GET", "/conformance", {200: ConfClasses, **INFO_ERRORS})


class ConformanceApi(BaseApi):
    """The conformance declaration."""

    @operation(CONFORMANCE, query=FORMAT)
    def get_conformance_conformance_get(
        self, f: Optional[str] = None, **options: Unpack[RequestOptions]
    ) -> ConfClasses:
        """information about standards that this API conforms to

        A list of all conformance classes, specified in a standard, that the server conforms to. For
        more information, see [Section 7.4](https://docs.ogc.org/is/18-062r2/18-062r2.html#sc_conformance_classes).

        :param f: the format of the answer (``json``)
        :return: the conformance classes
        """

    get_conformance_conformance_get_with_http_info = get_conformance_conformance_get.with_http_info
    get_conformance_conformance_get_without_preload_content = get_conformance_conformance_get.without_preload_content
