"""Writing the outputs of a job to files: links streamed to disk (and resumed), inline values as JSON, text or bytes.

Every output becomes one file in the target folder, ``<output id><extension>``; an array output of links or
qualified values becomes ``<output id>-1<ext>``, ``<output id>-2<ext>``, ... Each file is written to
``<name>.part`` first and renamed when complete, so a file under its final name is always whole.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import errno
import hashlib
import json
import mimetypes
import os
import re
import time
import unicodedata
import urllib.parse
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, Dict, Iterator, List, Mapping, Optional, Set, Tuple, Union

from ..api_client import ApiClient
from ..exceptions import (
    ApiDecodeError,
    ApiException,
    ApiIncompleteResponseError,
    ApiTypeError,
    ApiValueError,
    OpenApiException,
)
from ..models._base import json_text
from ..models._json import to_json_value
from ..models.bbox import Bbox
from ..models.inline_or_ref_data_input import InlineOrRefDataInput
from ..models.link import Link
from ..models.qualified_input_value_input import QualifiedInputValueInput
from ..rest import RESTResponse, safe_url
from .polling import is_transient, retry_after

__all__ = ["download_results", "DownloadError", "safe_file_name", "CHUNK_SIZE", "MAX_ATTEMPTS"]

CHUNK_SIZE = 1 << 18
MAX_ATTEMPTS = 5
PART = ".part"
#: the longest file name stem, in UTF-8 bytes (file systems allow 255 for the whole name)
MAX_STEM_BYTES = 160

_FORBIDDEN = frozenset('<>:"/\\|?*')  # separators on any system, and what Windows refuses in names
_DEVICES = re.compile(r"(con|prn|aux|nul|conin\$|conout\$|(com|lpt)[0-9\u00b9\u00b2\u00b3])", re.IGNORECASE)
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}")
_EXTENSION = re.compile(r"(\.[a-z0-9]{1,10}){1,2}")
_SCRIPT_SUFFIXES = frozenset({".php", ".asp", ".aspx", ".jsp", ".cgi", ".do", ".action"})
_EXTENSIONS = {
    "application/json": ".json", "application/geo+json": ".geojson", "application/vnd.geo+json": ".geojson",
    "image/tiff": ".tif", "image/geotiff": ".tif",  # GeoTIFF and COG: image/tiff; application=geotiff[; profile=...]
    "application/x-netcdf": ".nc", "application/netcdf": ".nc", "application/x-netcdf4": ".nc",
    "application/x-hdf5": ".h5", "application/x-hdf": ".hdf",
    "application/vnd+zarr": ".zarr", "application/vnd.zarr": ".zarr", "application/x-zarr": ".zarr",
    "application/zip": ".zip", "application/x-zip-compressed": ".zip", "application/x-zipped-shp": ".zip",
    "application/gzip": ".gz", "application/x-tar": ".tar",
    "application/geopackage+sqlite3": ".gpkg", "application/vnd.apache.parquet": ".parquet",
    "application/x-parquet": ".parquet", "application/vnd.flatgeobuf": ".fgb", "application/flatgeobuf": ".fgb",
    "application/gml+xml": ".gml", "application/vnd.google-earth.kml+xml": ".kml",
    "application/vnd.google-earth.kmz": ".kmz", "application/x-grib": ".grib", "application/grib": ".grib",
    "application/vnd.las": ".las", "application/vnd.laszip": ".laz", "image/jp2": ".jp2",
    "text/plain": ".txt", "text/csv": ".csv", "text/html": ".html", "text/xml": ".xml", "application/xml": ".xml",
    "application/yaml": ".yaml", "application/x-yaml": ".yaml", "text/yaml": ".yaml", "application/cwl": ".cwl",
    "image/png": ".png", "image/jpeg": ".jpg", "application/pdf": ".pdf",
}  # fmt: skip
_UNSPECIFIC = frozenset({"", "application/octet-stream", "binary/octet-stream", "application/unknown"})
_BUILTIN_TYPES: List[mimetypes.MimeTypes] = []  # Python's own table, not the system's: names alike everywhere
#: how one request for a file went (or the transient error that stopped it)
DONE, MORE, RESTART = "done", "more", "restart"
Outcome = Union[str, OpenApiException]


class DownloadError(OpenApiException, OSError):
    """A file of a download could not be written: a full disk, a missing permission, a file in the way.

    Both a package error and an :class:`OSError`: ``errno`` and ``strerror`` are those of the OSError behind
    it (its ``__cause__``), ``filename`` the file concerned.
    """

    def __init__(self, message: str, path: Union[str, os.PathLike[str]], cause: Optional[OSError] = None) -> None:
        super().__init__(message)
        self.errno = cause.errno if cause is not None else None
        self.strerror = cause.strerror if cause is not None else None
        self.filename = os.fspath(path)

    def __str__(self) -> str:
        return str(self.args[0])


def download_results(
    api_client: ApiClient,
    results: Mapping[str, Any],
    target: Union[str, os.PathLike[str]],
    *,
    overwrite: bool = True,
    max_attempts: int = MAX_ATTEMPTS,
    chunk_size: int = CHUNK_SIZE,
) -> List[Path]:
    """Write every output of ``results`` (output id -> value) to a file in ``target``; return the paths.

    - A link is streamed to disk ``chunk_size`` bytes at a time (``Accept``: its ``type``). When the
      transfer breaks, it goes on with ``Range`` from the bytes received (``If-Range``: the file's ETag, or
      its Last-Modified); a server that answers with the whole file (it changed, or knows no ranges) is read
      again from the start. Credentials go only to the API's own origin.
    - A qualified value (``value`` + ``mediaType``) is written as bytes when its ``encoding`` is base64,
      as text when it is a string, as JSON otherwise. A string is written as text, a bounding box and
      any other JSON value as JSON.
    - The name is ``<output id><extension>``: the id made a safe file name (:func:`safe_file_name`), the
      extension from the media type, else the link's path, else the answer's Content-Type, else ``.bin``.
      Names in one call never collide (``-2``, ``-3`` ... are added).

    :param target: the folder, created if needed.
    :param overwrite: replace files that exist (the default); ``False`` raises :class:`DownloadError`
        for an existing file (before the body of that output is read) and leaves it as it is.
    :param max_attempts: how many requests for one file may fail in a row (transport errors, 429/5xx,
        a cut transfer) without bringing a new byte; pauses follow the configured retry policy's backoff and
        honour ``Retry-After`` up to its ``retry_after_max``.
    :param chunk_size: the most bytes of a link read (and written) at once; memory stays a few of them.
    :raises ApiValueError: an unusable target or link; :class:`ApiException`: the error status of a link
        (404 ...); :class:`ApiConnectionError`: the last failure once the attempts ran out;
        :class:`ApiDecodeError`: a base64 value that is not base64; :class:`DownloadError`: a file could
        not be written. Files written before the error stay; the one being written is removed.
    """
    if not isinstance(results, Mapping):
        raise ApiTypeError(f"results must be a mapping of output ids to values, not {type(results).__name__}")
    for name, value in (("max_attempts", max_attempts), ("chunk_size", chunk_size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ApiValueError(f"{name} must be a whole number >= 1, not {value!r}")
    writer = _Writer(api_client, _folder(target), overwrite, max_attempts, chunk_size)
    paths: List[Path] = []
    for output_id, value in results.items():
        if not isinstance(output_id, str):
            raise ApiTypeError(f"output ids must be strings, not {type(output_id).__name__}")
        for stem, instance in _items(output_id, value):
            paths.append(writer.write(stem, instance))
    return paths


def safe_file_name(output_id: str, extension: str = "") -> str:
    """A file name for an output id that is safe on every system: one name (never a path, ``.`` or ``..``),
    never empty, without control or invisible characters, not a Windows device name, at most
    ``MAX_STEM_BYTES`` bytes before its extension (a long id is cut and keeps a hash of itself). The same id
    always gives the same name. ``extension`` (``".tif"``) is kept when it is a plain one."""
    return _stem(output_id) + (extension.lower() if _EXTENSION.fullmatch(extension.lower()) else "")


# --- names ----------------------------------------------------------------------------------------------
def _stem(output_id: str) -> str:
    text = unicodedata.normalize("NFC", output_id)
    text = "".join("_" if ch in _FORBIDDEN or (unicodedata.category(ch)[0] in "CZ" and ch != " ") else ch
                   for ch in text).strip(" .")  # fmt: skip
    if _DEVICES.fullmatch(text.split(".", 1)[0].rstrip(" ")):
        text = "_" + text
    if len(text.encode("utf-8")) > MAX_STEM_BYTES:
        digest = hashlib.sha256(output_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        cut = text.encode("utf-8")[: MAX_STEM_BYTES - 9].decode("utf-8", "ignore").rstrip(" .")
        text = f"{cut}-{digest}"
    return text or "output"


class _Names:
    """The names given in one call, compared as a case-insensitive file system would (with their ``.part``)."""

    def __init__(self) -> None:
        self._taken: Set[str] = set()

    def claim(self, stem: str, extension: str) -> str:
        number = 1
        while True:
            name = f"{stem}{extension}" if number == 1 else f"{stem}-{number}{extension}"
            keys = {unicodedata.normalize("NFC", name).casefold(), unicodedata.normalize("NFC", name + PART).casefold()}
            if not keys & self._taken:
                self._taken |= keys
                return name
            number += 1


def _media_type(value: Optional[str]) -> str:
    return (value or "").split(";", 1)[0].strip().lower()


def _extension(media_type: Optional[str]) -> Optional[str]:
    """The extension for a media type, or None when it says nothing specific (absent, octet-stream)."""
    essence = _media_type(media_type)
    if essence in _UNSPECIFIC:
        return None
    known = _EXTENSIONS.get(essence)
    if known is None:
        for suffix in ("json", "xml", "zip"):
            if essence.endswith("+" + suffix):
                known = "." + suffix
                break
    if known is None:
        if not _BUILTIN_TYPES:
            _BUILTIN_TYPES.append(mimetypes.MimeTypes())
        known = _BUILTIN_TYPES[0].guess_extension(essence, strict=False)
    return known if known and _EXTENSION.fullmatch(known) else None


def _href_extension(url: str) -> Optional[str]:
    """The extension of the file a URL names (``.tif``, ``.tar.gz``), if it has a plain one."""
    segment = urllib.parse.unquote(urllib.parse.urlsplit(url).path).rsplit("/", 1)[-1]
    suffixes = [suffix.lower() for suffix in PurePosixPath(segment).suffixes if _SUFFIX.fullmatch(suffix)]
    if not suffixes or not segment.lower().endswith(suffixes[-1]) or suffixes[-1] in _SCRIPT_SUFFIXES:
        return None
    double = "".join(suffixes[-2:])
    if len(suffixes) > 1 and suffixes[-2] in (".tar", ".zarr") and segment.lower().endswith(double):
        return double
    return suffixes[-1]


# --- what to write --------------------------------------------------------------------------------------
def _items(output_id: str, value: Any) -> Iterator[Tuple[str, Any]]:
    """(file stem, value) of each file of one output: an array of links or qualified values gives one each."""
    instance = InlineOrRefDataInput.wrap(value).actual_instance
    if isinstance(instance, list) and any(_is_reference(item) for item in instance):
        for index, item in enumerate(instance, 1):
            yield f"{_stem(output_id)}-{index}", InlineOrRefDataInput.wrap(item).actual_instance
    else:
        yield _stem(output_id), instance


def _is_reference(item: Any) -> bool:
    if isinstance(item, InlineOrRefDataInput):
        item = item.actual_instance
    if isinstance(item, (Link, QualifiedInputValueInput)):
        return True
    return isinstance(item, dict) and (isinstance(item.get("href"), str) or "value" in item)


def _inline(stem: str, instance: Any) -> Tuple[bytes, str]:
    """The bytes and extension of an inline value."""
    if isinstance(instance, QualifiedInputValueInput):
        media, value = instance.media_type, instance.value
        encoding = (instance.encoding or "").strip().lower()
        if encoding in ("base64", "base64url") and isinstance(value, str):
            return _base64(stem, value, encoding), _extension(media) or ".bin"
        json_media = _is_json(media)
        if isinstance(value, str):
            text = json_text(value) if json_media and not _is_json_text(value) else value
            return text.encode("utf-8"), _extension(media) or ".txt"
        return json_text(to_json_value(value)).encode("utf-8"), (_extension(media) if json_media else None) or ".json"
    if isinstance(instance, Bbox):
        return json_text(instance.to_dict()).encode("utf-8"), ".json"
    if isinstance(instance, (bytes, bytearray)):
        return bytes(instance), ".bin"
    if isinstance(instance, str):
        return instance.encode("utf-8"), ".txt"
    return json_text(to_json_value(instance)).encode("utf-8"), ".json"


def _base64(stem: str, value: str, encoding: str) -> bytes:
    text = "".join(value.split())  # line breaks of MIME-style base64
    text += "=" * (-len(text) % 4)
    if encoding == "base64url":
        text = text.replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ApiDecodeError(f"output {stem}: the value is not valid {encoding}: {error}") from None


def _is_json(media_type: Optional[str]) -> bool:
    essence = _media_type(media_type)
    return essence == "application/json" or essence.endswith("+json")


def _is_json_text(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


# --- where and how to write -----------------------------------------------------------------------------
def _folder(target: Union[str, os.PathLike[str]]) -> Path:
    if not isinstance(target, (str, os.PathLike)):
        raise ApiTypeError(f"target must be a folder path (str or os.PathLike), not {type(target).__name__}")
    text = os.fspath(target)
    if not isinstance(text, str):
        raise ApiTypeError("target must be a folder path as text, not bytes")
    if not text.strip():
        raise ApiValueError("target must name a folder, not be empty")
    path = Path(target)
    if path.exists() and not path.is_dir():
        raise ApiValueError(f"target {os.fspath(path)!r} exists and is not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DownloadError(f"cannot create the folder {os.fspath(path)!r}: {error.strerror or error}", path,
                            error) from error  # fmt: skip
    return path


class _PartFile:
    """The temporary file of one output, ``<name>.part`` beside it: renamed over ``<name>`` when complete,
    removed when not. Created anew (never through a link that happens to be there)."""

    def __init__(self, final: Path) -> None:
        self.final = final
        self.path = final.with_name(final.name + PART)
        with _disk("create", self.path):
            if os.path.lexists(self.path):
                os.unlink(self.path)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            self.file: BinaryIO = os.fdopen(os.open(self.path, flags, 0o666), "wb")

    def write(self, data: bytes) -> None:
        with _disk("write", self.path):
            self.file.write(data)

    def restart(self) -> None:
        with _disk("write", self.path):
            self.file.seek(0)
            self.file.truncate()

    def commit(self, overwrite: bool) -> None:
        with _disk("write", self.path):
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
        with _disk("rename", self.final):
            if overwrite:
                os.replace(self.path, self.final)
                return
            try:  # a hard link fails when the name is taken, even by a file that appeared meanwhile
                os.link(self.path, self.final)
            except FileExistsError:
                raise _exists(self.final) from None
            except OSError:  # a file system without hard links
                if os.path.lexists(self.final):
                    raise _exists(self.final) from None
                os.replace(self.path, self.final)
            else:
                os.unlink(self.path)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            os.unlink(self.path)


@contextlib.contextmanager
def _disk(action: str, path: Path) -> Iterator[None]:
    """Turns an :class:`OSError` of the file system into a :class:`DownloadError` that keeps it."""
    try:
        yield
    except DownloadError:
        raise
    except OSError as error:
        why = error.strerror or str(error)
        raise DownloadError(f"cannot {action} {os.fspath(path)!r}: {why}", path, error) from error


def _exists(path: Path) -> DownloadError:
    cause = FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), os.fspath(path))
    return DownloadError(f"{os.fspath(path)!r} exists (overwrite=False)", path, cause)


class _Writer:
    def __init__(self, api_client: ApiClient, folder: Path, overwrite: bool, max_attempts: int, size: int) -> None:
        self.api_client = api_client
        self.folder = folder
        self.root = folder.resolve()
        self.overwrite = overwrite
        self.max_attempts = max_attempts
        self.chunk_size = size
        self.names = _Names()

    def write(self, stem: str, instance: Any) -> Path:
        if isinstance(instance, Link):
            return self._fetch(stem, instance)
        data, extension = _inline(stem, instance)
        part = self._part_file(self.names.claim(stem, extension))
        try:
            part.write(data)
            part.commit(self.overwrite)
        except BaseException:
            part.discard()
            raise
        return part.final

    def _part_file(self, name: str) -> _PartFile:
        final = self.folder / name
        if final.parent.resolve() != self.root or os.path.basename(name) != name or name in (".", ".."):
            raise ApiValueError(f"the file name {name!r} is not inside the target folder")
        if not self.overwrite and os.path.lexists(final):
            raise _exists(final)
        return _PartFile(final)

    # --- links ------------------------------------------------------------------------------------------
    def _fetch(self, stem: str, link: Link) -> Path:
        url = self.api_client.link_url(link.href)
        transfer = _Transfer()
        failures, best = 0, 0
        try:
            while True:
                outcome = self._attempt(url, stem, link.type, transfer)
                if outcome == DONE:
                    break
                progressed = transfer.received > best  # new bytes: the failures in a row start again
                best = max(best, transfer.received)
                failures = 0 if progressed else failures + 1
                if progressed and outcome == MORE:
                    continue
                if failures >= self.max_attempts:
                    if isinstance(outcome, OpenApiException):
                        raise outcome
                    raise ApiIncompleteResponseError(
                        f"could not get the whole of {safe_url(url)} in {self.max_attempts} attempts: "
                        f"{transfer.received} of {transfer.length if transfer.length is not None else '?'} bytes",
                        url=safe_url(url),
                    )
                if isinstance(outcome, OpenApiException):
                    self._pause(outcome, max(failures, 1))
            assert transfer.part is not None
            transfer.part.commit(self.overwrite)
            return transfer.part.final
        except BaseException:
            if transfer.part is not None:
                transfer.part.discard()
            raise

    def _attempt(self, url: str, stem: str, media_type: Optional[str], transfer: _Transfer) -> Outcome:
        """One request for the file (or for its rest): how it went, or the transient error that stopped it."""
        try:
            response = self.api_client.open_link(url, accept=_accept(media_type), headers=transfer.request_headers())
        except OpenApiException as error:
            if isinstance(error, ApiException) and error.status == 416 and transfer.part is not None:
                return transfer.unsatisfiable(error)
            if is_transient(error):
                return error
            raise
        try:
            if transfer.part is None:  # the first answer: the name may depend on its Content-Type
                extension = (_extension(media_type) or _href_extension(url)
                             or _extension(response.headers.get("Content-Type")) or ".bin")  # fmt: skip
                transfer.part = self._part_file(self.names.claim(stem, extension))
            return transfer.receive(response, self.chunk_size)
        finally:
            response.release()

    def _pause(self, error: OpenApiException, failures: int) -> None:
        policy = self.api_client.configuration.retries
        asked = retry_after(error) if isinstance(error, ApiException) else None
        if asked is not None and asked > policy.retry_after_max:
            raise error  # the server asks for longer than this client waits
        time.sleep(asked if asked is not None else policy.backoff(failures))


def _accept(media_type: Optional[str]) -> str:
    """``Accept`` for a link: its type first, anything else after (a server that cannot match the exact
    parameters still answers)."""
    if not media_type or not re.fullmatch(r"[\x21-\x7e][\x20-\x7e]*", media_type) or "," in media_type:
        return "*/*"
    return f"{media_type.strip()}, */*;q=0.1"


class _Transfer:
    """What is known of a file being received: its bytes on disk, its size, its validator."""

    def __init__(self) -> None:
        self.received = 0
        self.length: Optional[int] = None  # the size of the whole file, when the server said it
        self.validator: Optional[str] = None  # its strong ETag, else its Last-Modified
        self.ranges = True  # whether asking for the rest is worth it
        self.part: Optional[_PartFile] = None

    def request_headers(self) -> Dict[str, str]:
        headers = {"Accept-Encoding": "identity"}  # ranges count the bytes of the file itself
        if self.received and self.ranges:
            headers["Range"] = f"bytes={self.received}-"
            if self.validator:
                headers["If-Range"] = self.validator
        return headers

    def receive(self, response: RESTResponse, chunk_size: int) -> Outcome:
        """Read one answer into the part file: :data:`DONE`, :data:`MORE` (a clean end before the whole
        file), :data:`RESTART` (the answer does not continue what is there) or the transport error that cut it."""
        part = self.part
        assert part is not None
        headers = response.headers
        if response.status == 206:
            span = _content_range(headers.get("Content-Range"))
            if span is None or span[0] != self.received or not self._same_file(headers, span[2]):
                self._restart()
                return RESTART
            if span[2] is not None:
                self.length = span[2]
            self.validator = self.validator or _validator(headers)
        else:  # the whole file, from its first byte
            if self.received:
                self._restart()
            encoded = headers.get("Content-Encoding", "identity").strip().lower() not in ("", "identity")
            self.length = None if encoded else _number(headers.get("Content-Length"))
            self.validator = _validator(headers)
            self.ranges = not encoded and headers.get("Accept-Ranges", "").strip().lower() != "none"
        try:
            for chunk in response.iter_content(chunk_size):
                part.write(chunk)
                self.received += len(chunk)
        except OpenApiException as error:
            if isinstance(error, DownloadError) or not is_transient(error):
                raise
            return error
        if self.length is None or self.received == self.length:
            return DONE
        if self.received > self.length:
            self._restart()
            return RESTART
        return MORE

    def unsatisfiable(self, error: OpenApiException) -> Outcome:
        """A 416 to ``Range``: the part is complete when the size the server gives is its size; else start over."""
        span = _content_range((error.headers or {}).get("Content-Range"))
        if span is not None and span[2] == self.received and self.length in (None, self.received):
            return DONE
        self._restart()
        return RESTART

    def _same_file(self, headers: Mapping[str, str], total: Optional[int]) -> bool:
        if self.length is not None and total is not None and total != self.length:
            return False
        if self.validator is None:
            return True
        current = headers.get("ETag" if self.validator.startswith('"') else "Last-Modified")
        return current is None or current.strip() == self.validator

    def _restart(self) -> None:
        if self.part is not None:
            self.part.restart()
        self.received, self.length, self.validator = 0, None, None


def _validator(headers: Mapping[str, str]) -> Optional[str]:
    """What ``If-Range`` may carry: a strong ETag, else the Last-Modified date."""
    etag = (headers.get("ETag") or "").strip()
    if etag.startswith('"') and etag.endswith('"') and len(etag) > 1:
        return etag
    return (headers.get("Last-Modified") or "").strip() or None


def _content_range(value: Optional[str]) -> Optional[Tuple[int, Optional[int], Optional[int]]]:
    """``bytes first-last/size`` (or ``bytes */size``) as (first, last, size); None when unusable."""
    match = re.fullmatch(r"\s*bytes\s+(?:([0-9]+)-([0-9]+)|\*)/([0-9]+|\*)\s*", value or "", re.IGNORECASE)
    if match is None:
        return None
    first, last, size = (None if group in (None, "*") else int(group) for group in match.groups())
    if first is None:
        return (-1, None, size)
    if last is None or last < first or (size is not None and last >= size):
        return None
    return first, last, size


def _number(value: Optional[str]) -> Optional[int]:
    return int(value) if value is not None and value.strip().isdigit() and value.strip().isascii() else None
