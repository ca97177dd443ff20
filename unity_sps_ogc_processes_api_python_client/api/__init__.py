"""The API classes, one per tag of the OpenAPI document, imported on first use."""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .jobs_api import JobsApi as JobsApi

_EXPORTS = {
    "JobsApi": ".jobs_api",
}
__all__ = list(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
