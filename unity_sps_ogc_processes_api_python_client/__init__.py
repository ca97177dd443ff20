"""A client for OGC API - Processes (Part 1 Core and Part 2 Deploy, Replace, Undeploy).

Names are imported on first use, so ``import unity_sps_ogc_processes_api_python_client`` is cheap.
"""

from typing import TYPE_CHECKING

from ._lazy import lazy_exports

__version__ = "3.0.0"

if TYPE_CHECKING:
    from .api.jobs_api import JobsApi as JobsApi
    from .api_client import ApiClient as ApiClient
    from .api_response import ApiResponse as ApiResponse
    from .configuration import Configuration as Configuration
    from .exceptions import (
        ApiAttributeError as ApiAttributeError,
    )
    from .exceptions import (
        ApiConnectionError as ApiConnectionError,
    )
    from .exceptions import (
        ApiDecodeError as ApiDecodeError,
    )
    from .exceptions import (
        ApiException as ApiException,
    )
    from .exceptions import (
        ApiIncompleteResponseError as ApiIncompleteResponseError,
    )
    from .exceptions import (
        ApiKeyError as ApiKeyError,
    )
    from .exceptions import (
        ApiResponseValidationError as ApiResponseValidationError,
    )
    from .exceptions import (
        ApiTimeoutError as ApiTimeoutError,
    )
    from .exceptions import (
        ApiTypeError as ApiTypeError,
    )
    from .exceptions import (
        ApiValueError as ApiValueError,
    )
    from .exceptions import (
        BadRequestException as BadRequestException,
    )
    from .exceptions import (
        ConflictException as ConflictException,
    )
    from .exceptions import (
        ForbiddenException as ForbiddenException,
    )
    from .exceptions import (
        NotFoundException as NotFoundException,
    )
    from .exceptions import (
        OpenApiException as OpenApiException,
    )
    from .exceptions import (
        ServiceException as ServiceException,
    )
    from .exceptions import (
        TooManyRequestsException as TooManyRequestsException,
    )
    from .exceptions import (
        UnauthorizedException as UnauthorizedException,
    )
    from .exceptions import (
        UnprocessableEntityException as UnprocessableEntityException,
    )
    from .models.bbox import Bbox as Bbox
    from .models.exception import Exception as Exception
    from .models.http_validation_error import HTTPValidationError as HTTPValidationError
    from .models.inline_or_ref_data_input import InlineOrRefDataInput as InlineOrRefDataInput
    from .models.job_list import JobList as JobList
    from .models.job_list_input import JobListInput as JobListInput
    from .models.link import Link as Link
    from .models.problem_details import ProblemDetails as ProblemDetails
    from .models.qualified_input_value_input import QualifiedInputValueInput as QualifiedInputValueInput
    from .models.status_code import StatusCode as StatusCode
    from .models.status_info import StatusInfo as StatusInfo
    from .models.validation_error import ValidationError as ValidationError
    from .retry import RetryPolicy as RetryPolicy

_EXCEPTIONS = (
    "OpenApiException ApiTypeError ApiValueError ApiAttributeError ApiKeyError ApiException "
    "BadRequestException UnauthorizedException ForbiddenException NotFoundException ConflictException "
    "UnprocessableEntityException TooManyRequestsException ServiceException ApiConnectionError "
    "ApiTimeoutError ApiIncompleteResponseError ApiDecodeError ApiResponseValidationError"
).split()
_MODELS = {
    "Bbox": ".models.bbox",
    "Exception": ".models.exception",
    "HTTPValidationError": ".models.http_validation_error",
    "InlineOrRefDataInput": ".models.inline_or_ref_data_input",
    "JobList": ".models.job_list",
    "JobListInput": ".models.job_list_input",
    "Link": ".models.link",
    "ProblemDetails": ".models.problem_details",
    "QualifiedInputValueInput": ".models.qualified_input_value_input",
    "StatusCode": ".models.status_code",
    "StatusInfo": ".models.status_info",
    "ValidationError": ".models.validation_error",
}
_EXPORTS = {
    "JobsApi": ".api.jobs_api",
    "ApiClient": ".api_client",
    "ApiResponse": ".api_response",
    "Configuration": ".configuration",
    "RetryPolicy": ".retry",
    **{name: ".exceptions" for name in _EXCEPTIONS},
    **_MODELS,
}

# "Exception" stays out of __all__: `from unity_sps_ogc_processes_api_python_client import *` must not
# shadow the builtin. It is still importable by name, as in the 2.0.1 client.
__all__ = [name for name in _EXPORTS if name != "Exception"]
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
