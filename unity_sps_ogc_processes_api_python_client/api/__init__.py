"""The API classes, one per tag of the OpenAPI document, imported on first use."""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .api_api import APIApi as APIApi
    from .conformance_api import ConformanceApi as ConformanceApi
    from .default_api import DefaultApi as DefaultApi
    from .dru_api import DRUApi as DRUApi
    from .health_api import HealthApi as HealthApi
    from .jobs_api import JobsApi as JobsApi
    from .landing_page_api import LandingPageApi as LandingPageApi
    from .processes_api import ProcessesApi as ProcessesApi

_EXPORTS = {
    "APIApi": ".api_api",
    "ConformanceApi": ".conformance_api",
    "DefaultApi": ".default_api",
    "DRUApi": ".dru_api",
    "HealthApi": ".health_api",
    "JobsApi": ".jobs_api",
    "LandingPageApi": ".landing_page_api",
    "ProcessesApi": ".processes_api",
}
# A literal list, so type checkers see the names; a test keeps it in step with _EXPORTS.
__all__ = [
    "APIApi",
    "ConformanceApi",
    "DefaultApi",
    "DRUApi",
    "HealthApi",
    "JobsApi",
    "LandingPageApi",
    "ProcessesApi",
]
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
