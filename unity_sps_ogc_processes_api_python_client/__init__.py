"""A client for OGC API - Processes (Part 1 Core and Part 2 Deploy, Replace, Undeploy).

Names are imported on first use, so ``import unity_sps_ogc_processes_api_python_client`` is cheap.
"""

from typing import TYPE_CHECKING

from ._lazy import lazy_exports
from .api import _EXPORTS as _api_exports
from .exceptions import __all__ as _exceptions_all
from .models import _EXPORTS as _model_exports

# the workflow layer's names, listed here so that importing the package does not import the layer
_workflow_all = ["Client", "Job", "JobError", "JobFailedError", "JobDismissedError", "JobTimeoutError", "PollPolicy",
                 "DownloadError"]  # fmt: skip

__version__ = "2.1.0"

if TYPE_CHECKING:
    from .api import *  # noqa: F403  (the API classes)
    from .api_client import ApiClient as ApiClient
    from .api_response import ApiResponse as ApiResponse
    from .campaign import Campaign as Campaign
    from .campaign import CampaignError as CampaignError
    from .campaign import CampaignLockedError as CampaignLockedError
    from .configuration import Configuration as Configuration
    from .exceptions import *  # noqa: F403
    from .models import *  # noqa: F403  (the models)
    from .models.exception import Exception as Exception
    from .retry import RetryPolicy as RetryPolicy
    from .workflow import *  # noqa: F403  (Client, Job and their errors)

_EXPORTS = {
    "ApiClient": ".api_client",
    "ApiResponse": ".api_response",
    "Configuration": ".configuration",
    "RetryPolicy": ".retry",
    **dict.fromkeys(_exceptions_all, ".exceptions"),
    **{name: ".api" + module for name, module in _api_exports.items()},
    **{name: ".models" + module for name, module in _model_exports.items()},
    **dict.fromkeys(_workflow_all, ".workflow"),
    **dict.fromkeys(("Campaign", "CampaignError", "CampaignLockedError"), ".campaign"),
}

# "Exception" stays out of __all__: `from unity_sps_ogc_processes_api_python_client import *` must not
# shadow the builtin. It is still importable by name, as in the 2.0.1 client.
__all__ = [name for name in _EXPORTS if name != "Exception"]
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
