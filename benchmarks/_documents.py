"""The documents the benchmark's server sends: pygeoapi-shaped, generated once and kept as bytes.

Only the standard library here: the 2.0.1 worker imports this module too (for the scenario names and
the job ids), and it must not import the project's package.
"""

from __future__ import annotations

import datetime
import json
import threading
import urllib.parse
import uuid
from typing import Any, Dict, List, Optional

__all__ = [
    "BIG_LIST",
    "DECODE",
    "JOB_COUNTS",
    "PAGED",
    "PAGE_SIZE",
    "RESULTS",
    "RESULT_COUNT",
    "SIZED",
    "STATUS",
    "Documents",
    "job_id",
    "job_list",
    "list_key",
    "page_url",
    "results_map",
    "sized_host",
    "status_info",
    "to_body",
]

JOB_COUNTS = (10, 1_000, 10_000)
BIG_LIST = 10_000
RESULT_COUNT = 1_000
PAGE_SIZE = 1_000  # the page size of the paging scenario
PAGED = "/paged"  # the base path of the paged list: {url}/paged/jobs?limit=1000&offset=K
SIZED = "/sized"  # {url}/sized/N/jobs is the list of N jobs (2.0.1's get_jobs_jobs_get has no limit)
PUBLIC_BASE = "http://localhost:5000"  # the links inside the documents (never followed)
RESULTS_REL = "http://www.opengis.net/def/rel/ogc/1.0/results"
FIRST_JOB = datetime.datetime(2026, 11, 28, 10, 6, 10, 103002, tzinfo=datetime.timezone.utc)

# the names of the timed scenarios, shared with the 2.0.1 worker
STATUS = "status"
RESULTS = "results"
DECODE = "decode"


def list_key(count: int) -> str:
    return f"jobs_{count}"


def sized_host(url: str, count: int) -> str:
    """A base URL whose ``/jobs`` is the list of ``count`` jobs."""
    return f"{url}{SIZED}/{count}"


def page_url(url: str, limit: int, offset: Optional[int] = None) -> str:
    """The URL of a page of the paged list (the first page when ``offset`` is None)."""
    query = f"limit={limit}" if offset is None else f"limit={limit}&offset={offset}"
    return f"{url}{PAGED}/jobs?{query}"


def job_id(index: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{PUBLIC_BASE}/jobs/{index}"))


def _stamp(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def status_info(index: int) -> Dict[str, Any]:
    """The status of a finished job, as pygeoapi writes it (about 730 bytes of JSON)."""
    job = job_id(index)
    created = FIRST_JOB + datetime.timedelta(seconds=37 * index, microseconds=(7919 * index) % 1_000_000)
    started = created + datetime.timedelta(microseconds=10_900)
    finished = started + datetime.timedelta(microseconds=69_617)
    results = f"{PUBLIC_BASE}/jobs/{job}/results"
    return {
        "type": "process",
        "processID": "hello-world",
        "jobID": job,
        "status": "successful",
        "message": "Job complete",
        "progress": 100,
        "parameters": None,
        "created": _stamp(created),
        "started": _stamp(started),
        "finished": _stamp(finished),
        "updated": _stamp(finished),
        "links": [
            {"href": f"{results}?f=json", "rel": RESULTS_REL, "type": "application/json", "title": "results as JSON"},
            {"href": f"{results}?f=html", "rel": RESULTS_REL, "type": "text/html", "title": "results as HTML"},
        ],
    }


def job_list(count: int, start: int = 0, links: Optional[List[Dict[str, str]]] = None) -> Dict[str, Any]:
    """A list of ``count`` jobs, the ``start``-th job first."""
    return {
        "type": "FeatureCollection",
        "jobs": [status_info(index) for index in range(start, start + count)],
        "numberMatched": count,
        "links": links
        if links is not None
        else [
            {"href": f"{PUBLIC_BASE}/jobs?f=json", "rel": "self", "type": "application/json", "title": "this document"},
            {"href": f"{PUBLIC_BASE}/jobs?f=html", "rel": "alternate", "type": "text/html", "title": "as HTML"},
        ],
    }


def result_value(index: int) -> Any:
    """One output, cycling through strings, numbers, links, qualified values (objects) and bboxes."""
    kind = index % 6
    if kind == 0:
        return f"granule {index:04d} processed: 1284 tiles, 0 warnings"
    if kind == 1:
        return index * 1.25 + 0.001 if index % 12 == 1 else index * 37
    if kind == 2:
        return {
            "href": f"{PUBLIC_BASE}/jobs/{job_id(0)}/outputs/tile_{index:04d}.tif",
            "type": "image/tiff; application=geotiff",
            "rel": "http://www.opengis.net/def/rel/iana/1.0/enclosure",
            "title": f"tile {index}",
        }
    if kind == 3:
        return {
            "value": {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [-118.17 + index / 1e4, 34.2 - index / 1e4]},
                "properties": {"name": f"station {index}", "score": index % 97, "valid": index % 2 == 0},
            },
            "mediaType": "application/geo+json",
        }
    if kind == 4:
        west, south = -120.0 + index / 100, 33.0 + index / 200
        return {
            "bbox": [round(west, 4), round(south, 4), round(west + 0.5, 4), round(south + 0.4, 4)],
            "crs": "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
        }
    return {"value": f"checksum-{index:08x}", "mediaType": "text/plain"}


def results_map(count: int) -> Dict[str, Any]:
    return {f"output_{index:04d}": result_value(index) for index in range(count)}


def to_body(document: Any) -> bytes:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


class Documents:
    """The bodies the server sends, each generated once and kept as bytes (the server thread then
    allocates next to nothing while it serves: it matters for the tracemalloc measurements, which see
    the whole process)."""

    def __init__(self) -> None:
        self.status = to_body(status_info(0))
        self.results = to_body(results_map(RESULT_COUNT))
        self._lists: Dict[int, bytes] = {}
        self._lock = threading.Lock()
        self.pages: Dict[int, bytes] = {}  # the paged list: offset -> page
        self.page_size = PAGE_SIZE
        for count in JOB_COUNTS:
            self.jobs(count)

    def jobs(self, limit: int) -> bytes:
        with self._lock:
            body = self._lists.get(limit)
            if body is None:
                body = self._lists[limit] = to_body(job_list(limit))
            return body

    def build_pages(self, url: str, total: int, page_size: int = PAGE_SIZE) -> None:
        """The pages of a list of ``total`` distinct jobs at ``{url}/paged/jobs``: each but the last has a
        ``next`` link (absolute, as pygeoapi writes them) to the following one."""
        pages: Dict[int, bytes] = {}
        for offset in range(0, total, page_size):
            count = min(page_size, total - offset)
            links = [{"href": page_url(url, page_size, offset), "rel": "self", "type": "application/json"}]
            if offset + count < total:
                next_page = page_url(url, page_size, offset + page_size)
                links.append({"href": next_page, "rel": "next", "type": "application/json"})
            document = job_list(count, start=offset, links=links)
            document["numberMatched"] = total
            document["numberReturned"] = count
            pages[offset] = to_body(document)
        self.page_size = page_size
        self.pages = pages

    def body_for(self, target: str) -> Optional[bytes]:
        """The body for a request target (path and query), or None for 404."""
        parts = urllib.parse.urlsplit(target)
        segments = [segment for segment in parts.path.split("/") if segment]
        query = urllib.parse.parse_qs(parts.query)
        if segments == ["jobs"]:
            limit = _number(query, "limit", 10)
            return self.jobs(limit) if limit is not None and 1 <= limit <= 100_000 else None
        if len(segments) == 3 and segments[0] == SIZED[1:] and segments[2] == "jobs" and segments[1].isdigit():
            return self.jobs(int(segments[1])) if 1 <= int(segments[1]) <= 100_000 else None
        if segments == [PAGED[1:], "jobs"]:
            limit, offset = _number(query, "limit", self.page_size), _number(query, "offset", 0)
            return self.pages.get(offset) if limit == self.page_size and offset is not None else None
        if len(segments) == 2 and segments[0] == "jobs":
            return self.status
        if len(segments) == 3 and segments[0] == "jobs" and segments[2] == "results":
            return self.results
        return None


def _number(query: Dict[str, List[str]], name: str, default: int) -> Optional[int]:
    values = query.get(name)
    if not values:
        return default
    return int(values[0]) if values[0].isdigit() else None
