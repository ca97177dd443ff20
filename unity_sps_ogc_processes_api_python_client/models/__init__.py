"""The payload models (pydantic v2), one per module, imported on first use."""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .bbox import Bbox as Bbox
    from .conf_classes import ConfClasses as ConfClasses
    from .enumeration import Enumeration as Enumeration
    from .exception import Exception as Exception
    from .execute import Execute as Execute
    from .execute200_response_input import Execute200ResponseInput as Execute200ResponseInput
    from .execute_workflows import ExecuteWorkflows as ExecuteWorkflows
    from .health_check import HealthCheck as HealthCheck
    from .http_validation_error import HTTPValidationError as HTTPValidationError
    from .inline_or_ref_data_input import InlineOrRefDataInput as InlineOrRefDataInput
    from .input_description_input import InputDescriptionInput as InputDescriptionInput
    from .job_control_options import JobControlOptions as JobControlOptions
    from .job_list import JobList as JobList
    from .job_list_input import JobListInput as JobListInput
    from .landing_page import LandingPage as LandingPage
    from .link import Link as Link
    from .metadata_input import MetadataInput as MetadataInput
    from .ogcapppkg import Ogcapppkg as Ogcapppkg
    from .output_description_input import OutputDescriptionInput as OutputDescriptionInput
    from .problem_details import ProblemDetails as ProblemDetails
    from .process_input import ProcessInput as ProcessInput
    from .process_list import ProcessList as ProcessList
    from .process_list_input import ProcessListInput as ProcessListInput
    from .process_summary import ProcessSummary as ProcessSummary
    from .process_summary_input import ProcessSummaryInput as ProcessSummaryInput
    from .qualified_input_value_input import QualifiedInputValueInput as QualifiedInputValueInput
    from .status_code import StatusCode as StatusCode
    from .status_info import StatusInfo as StatusInfo
    from .subscriber import Subscriber as Subscriber
    from .validation_error import ValidationError as ValidationError

_EXPORTS = {
    "Bbox": ".bbox",
    "ConfClasses": ".conf_classes",
    "Enumeration": ".enumeration",
    "Exception": ".exception",
    "Execute": ".execute",
    "Execute200ResponseInput": ".execute200_response_input",
    "ExecuteWorkflows": ".execute_workflows",
    "HTTPValidationError": ".http_validation_error",
    "HealthCheck": ".health_check",
    "InlineOrRefDataInput": ".inline_or_ref_data_input",
    "InputDescriptionInput": ".input_description_input",
    "JobControlOptions": ".job_control_options",
    "JobList": ".job_list",
    "JobListInput": ".job_list_input",
    "LandingPage": ".landing_page",
    "Link": ".link",
    "MetadataInput": ".metadata_input",
    "Ogcapppkg": ".ogcapppkg",
    "OutputDescriptionInput": ".output_description_input",
    "ProblemDetails": ".problem_details",
    "ProcessInput": ".process_input",
    "ProcessList": ".process_list",
    "ProcessListInput": ".process_list_input",
    "ProcessSummary": ".process_summary",
    "ProcessSummaryInput": ".process_summary_input",
    "QualifiedInputValueInput": ".qualified_input_value_input",
    "StatusCode": ".status_code",
    "StatusInfo": ".status_info",
    "Subscriber": ".subscriber",
    "ValidationError": ".validation_error",
}

# A literal list, so type checkers see the names. "Exception" stays out of it: `from ...models import *`
# must not shadow the builtin. A test keeps __all__, _EXPORTS and the imports above in step.
__all__ = [
    "Bbox",
    "ConfClasses",
    "Enumeration",
    "Execute",
    "Execute200ResponseInput",
    "ExecuteWorkflows",
    "HTTPValidationError",
    "HealthCheck",
    "InlineOrRefDataInput",
    "InputDescriptionInput",
    "JobControlOptions",
    "JobList",
    "JobListInput",
    "LandingPage",
    "Link",
    "MetadataInput",
    "Ogcapppkg",
    "OutputDescriptionInput",
    "ProblemDetails",
    "ProcessInput",
    "ProcessList",
    "ProcessListInput",
    "ProcessSummary",
    "ProcessSummaryInput",
    "QualifiedInputValueInput",
    "StatusCode",
    "StatusInfo",
    "Subscriber",
    "ValidationError",
]
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
