from __future__ import annotations

from typing import Dict, Optional

from .input_description_input import InputDescriptionInput
from .output_description_input import OutputDescriptionInput
from .process_summary_input import ProcessSummaryInput

__all__ = ["ProcessInput"]


class ProcessInput(ProcessSummaryInput):
    """The description of a process (``GET /processes/{processId}``): the members of
    :class:`ProcessSummaryInput` and the descriptions of its ``inputs`` and ``outputs``, by name.

    Also the ``processDescription`` of an application package (:class:`Ogcapppkg`).
    """

    inputs: Optional[Dict[str, InputDescriptionInput]] = None
    outputs: Optional[Dict[str, OutputDescriptionInput]] = None
