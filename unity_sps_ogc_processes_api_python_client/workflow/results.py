"""Results: the results map of a job (a ``dict`` of output id -> value), shown as a table in a notebook."""

from __future__ import annotations

from typing import Dict

from ..models import _html
from ..models.inline_or_ref_data_input import InlineOrRefDataInput

__all__ = ["Results"]


class Results(Dict[str, InlineOrRefDataInput]):
    """The results of a job, by output id: a plain ``dict`` (equal to one with the same items), whose
    ``repr()`` is short (each value shortened, the first ten named) and which a notebook shows as a table
    of the values, links as links."""

    __slots__ = ()

    def __repr__(self) -> str:
        return _html.results_repr(type(self).__name__, self)

    def _repr_html_(self) -> str:
        return _html.results_html(self)
