"""The payload models (pydantic v2), one per module, imported on first use."""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .bbox import Bbox as Bbox
    from .exception import Exception as Exception
    from .http_validation_error import HTTPValidationError as HTTPValidationError
    from .inline_or_ref_data_input import InlineOrRefDataInput as InlineOrRefDataInput
    from .job_list import JobList as JobList
    from .job_list_input import JobListInput as JobListInput
    from .link import Link as Link
    from .problem_details import ProblemDetails as ProblemDetails
    from .qualified_input_value_input import QualifiedInputValueInput as QualifiedInputValueInput
    from .status_code import StatusCode as StatusCode
    from .status_info import StatusInfo as StatusInfo
    from .validation_error import ValidationError as ValidationError

_EXPORTS = {
    "Bbox": ".bbox",
    "Exception": ".exception",
    "HTTPValidationError": ".http_validation_error",
    "InlineOrRefDataInput": ".inline_or_ref_data_input",
    "JobList": ".job_list",
    "JobListInput": ".job_list_input",
    "Link": ".link",
    "ProblemDetails": ".problem_details",
    "QualifiedInputValueInput": ".qualified_input_value_input",
    "StatusCode": ".status_code",
    "StatusInfo": ".status_info",
    "ValidationError": ".validation_error",
}

# "Exception" stays out of __all__: `from ...models import *` must not shadow the builtin.
__all__ = [name for name in _EXPORTS if name != "Exception"]
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
