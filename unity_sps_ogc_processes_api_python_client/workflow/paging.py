"""Following the pages of a list (jobs, processes): ``rel="next"`` links in the body or in a ``Link``
header, whatever their style (offset, skip, page, token), one page in memory at a time."""

from __future__ import annotations

import re
from typing import Any, Callable, Iterator, List, Mapping, Optional, Sequence, Set, TypeVar

from ..api_response import ApiResponse

__all__ = ["follow_pages", "next_href"]

T = TypeVar("T")
_LINK_VALUE = re.compile(r"<([^>]*)>((?:\s*;\s*[^;,]+)*)")
_PARAM = re.compile(r"""\s*;\s*([^=;,\s]+)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^;,]*))?""")


def next_href(links: Optional[Sequence[Any]], headers: Optional[Mapping[str, str]]) -> Optional[str]:
    """The ``next`` link of a page: from its ``links`` (objects with ``rel`` and ``href``), else from its
    ``Link`` header (RFC 8288)."""
    for link in links or ():
        rel = getattr(link, "rel", None)
        href = getattr(link, "href", None)
        if isinstance(rel, str) and "next" in rel.lower().split() and isinstance(href, str) and href.strip():
            return href
    header = headers.get("Link") if headers is not None else None
    return _next_in_link_header(header) if isinstance(header, str) else None


def _next_in_link_header(value: str) -> Optional[str]:
    for match in _LINK_VALUE.finditer(value):
        for name, raw in _PARAM.findall(match.group(2)):
            rel = raw.strip().strip('"') if raw else ""
            if name.lower() == "rel" and "next" in rel.lower().split() and match.group(1).strip():
                return match.group(1).strip()
    return None


def follow_pages(
    first: Callable[[], ApiResponse[Any]],
    follow: Callable[[str], ApiResponse[Any]],
    items: Callable[[Any], List[T]],
    key: Callable[[T], Any],
    resolve: Callable[[str], str],
    links: Callable[[Any], Optional[Sequence[Any]]],
    max_items: Optional[int] = None,
) -> Iterator[T]:
    """Every item of every page, each once, up to ``max_items``.

    It stops on an empty page, on a page whose items are all those of the page before (a server that
    ignores the paging parameters), and on a ``next`` link already followed (a loop, or one pointing to
    the page itself). Items repeated from the page before (a list that shifted while it was read) are
    skipped. Only the current page and the keys of the one before are kept in memory.
    """
    if max_items is not None and max_items <= 0:
        return
    yielded = 0
    response = first()
    followed: Set[str] = set()
    previous: Set[Any] = set()
    while True:
        page = response.data
        batch = items(page) if page is not None else []
        keys = {key(item) for item in batch}
        if not batch or (previous and keys <= previous):
            return
        for item in batch:
            if key(item) in previous:
                continue
            yield item
            yielded += 1
            if max_items is not None and yielded >= max_items:
                return
        href = next_href(links(page), response.headers)
        if href is None:
            return
        url = resolve(href)
        if url in followed:
            return
        followed.add(url)
        previous = keys
        del page, batch, item, response  # freed before the next page arrives: one page in memory, not two
        response = follow(url)
