"""Decoders for answers whose shape depends on more than their status (used by several APIs)."""

from __future__ import annotations

import urllib.parse
from typing import Any, Dict, Optional

from ..api_client import ResponseDecoder, decode_json, type_adapter
from ..exceptions import ApiResponseValidationError
from ..models.execute200_response_input import Execute200ResponseInput
from ..models.status_info import StatusInfo
from ..rest import RESTResponse, safe_url

__all__ = ["SYNC_RESULTS", "ASYNC_STATUS", "OPTIONAL_JSON", "DISMISSED", "job_id_from_location"]


def _media_type(response: RESTResponse) -> str:
    return response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


def _sync_results(response: RESTResponse) -> Execute200ResponseInput:
    """A results map, a document, any JSON value - or, for a raw output that is not JSON, its bytes."""
    media_type = _media_type(response)
    if _is_json(media_type) or (not media_type and response.data.lstrip()[:1] in (b"{", b"[", b'"')):
        result: Execute200ResponseInput = decode_json(response, Execute200ResponseInput)
        return result
    return Execute200ResponseInput(response.data, media_type=response.headers.get("Content-Type"))


def job_id_from_location(location: Optional[str]) -> Optional[str]:
    """The job id of ``.../jobs/{jobId}`` (its last path segment, decoded); ``None`` when there is none."""
    if not location:
        return None
    try:
        path = urllib.parse.urlsplit(location.strip()).path.rstrip("/")
    except ValueError:  # a malformed URL ("http://[::1"): no job id in it
        return None
    return urllib.parse.unquote(path.rsplit("/", 1)[-1]) or None


def _async_status(response: RESTResponse) -> StatusInfo:
    """The status of a job created by an asynchronous execution (201/202).

    Servers answer with a full status, a partial one (pygeoapi 0.24: jobID, type, status) or nothing
    at all (pygeoapi 0.21: ``null``). What is missing is completed from the ``Location`` header (the
    job id is its last path segment) and from the meaning of the status code (the job was accepted).
    """
    location = response.headers.get("Location")
    # a body that is not JSON (text/plain "Created", an HTML page) says nothing more than the Location
    textual = location and not _is_json(_media_type(response)) and response.data.lstrip()[:1] not in (b"{", b"[")
    body = decode_json(response, Any) if response.data.strip() and not textual else None
    fields: Dict[str, Any] = dict(body) if isinstance(body, dict) else {}
    job_id = job_id_from_location(location)
    if "jobID" not in fields and job_id is not None:
        fields["jobID"] = job_id
    fields.setdefault("status", "accepted")
    try:
        status: StatusInfo = type_adapter(StatusInfo).validate_python(fields)
    except ValueError as error:
        raise ApiResponseValidationError(
            f"the answer to the execution at {safe_url(response.url)} names no job (no jobID, no Location): {error}",
            url=safe_url(response.url), status=response.status, reason=response.reason, headers=response.headers,
            raw_body=response.data,
        ) from None  # fmt: skip
    return status


def _dismissed(response: RESTResponse) -> StatusInfo:
    """The status of a dismissed job; an empty answer (the job is gone) is a success too: the status
    then has the job id of the request and ``status`` ``dismissed``."""
    if response.data.strip():
        status: StatusInfo = decode_json(response, StatusInfo)
        return status
    return StatusInfo.model_validate({"jobID": job_id_from_location(response.url), "status": "dismissed"})


def _optional_json(response: RESTResponse) -> Any:
    """Any JSON, or ``None`` for an empty body (deploy, replace and undeploy may answer without one)."""
    return decode_json(response, Any) if response.data.strip() else None


SYNC_RESULTS = ResponseDecoder(_sync_results)
ASYNC_STATUS = ResponseDecoder(_async_status)
OPTIONAL_JSON = ResponseDecoder(_optional_json)
DISMISSED = ResponseDecoder(_dismissed)
