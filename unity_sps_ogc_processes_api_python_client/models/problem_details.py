from __future__ import annotations

from typing import Any, Dict, Optional, Union

from pydantic import StrictInt

from ._base import OgcModel

__all__ = ["ProblemDetails"]


class ProblemDetails(OgcModel):
    """An error description: RFC 7807 problem details (``type``, ``title``, ``status``, ``detail``,
    ``instance``). Extension members are kept, such as pygeoapi's ``code`` and ``description``.

    Also importable as ``models.exception.Exception`` (its name in the 2.0.1 client).
    """

    type: Optional[str] = None
    title: Optional[str] = None
    status: Optional[Union[StrictInt, str]] = None
    detail: Optional[str] = None
    instance: Optional[str] = None

    @property
    def additional_properties(self) -> Dict[str, Any]:
        """The members beyond RFC 7807 (``code``, ``description``, ...)."""
        return dict(self.model_extra or {})
