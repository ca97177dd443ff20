"""Writing the outputs of a job to files (placeholder until the streaming downloader lands)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, List, Union

from ..api_client import ApiClient
from ..models.inline_or_ref_data_input import InlineOrRefDataInput

__all__ = ["download_results"]


def download_results(
    api_client: ApiClient,
    results: Dict[str, InlineOrRefDataInput],
    target: Union[str, os.PathLike[str]],
    **options: Any,
) -> List[Path]:
    raise NotImplementedError
