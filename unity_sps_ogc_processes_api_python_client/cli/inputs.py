"""What the command line reads: ``-i name=value`` pairs, an execute body file, an application package.

Every problem here is the user's to fix, so each raises :class:`UsageError` (exit status 2).
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

__all__ = ["UsageError", "parse_value", "parse_inputs", "read_body", "read_package", "BODY_MEMBERS"]

#: the members of an execute request that the command line sends besides ``inputs``
BODY_MEMBERS = frozenset({"outputs", "response", "subscriber"})


class UsageError(Exception):
    """The command line asks for something impossible: exit status 2, with this one-line message."""


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def parse_value(text: str) -> Any:
    """``text`` as JSON when it is JSON (``3`` a number, ``[1,2]`` a list, ``"3"`` a string, ``true``),
    else the text itself. NaN and the infinities are not JSON: they stay text."""
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except ValueError:
        return text
    if isinstance(value, float) and not math.isfinite(value):  # 1e400
        return text
    return value


def read_text(path: str, what: str) -> str:
    """The UTF-8 text of ``path`` (``-``: standard input)."""
    try:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except UnicodeDecodeError:
        raise UsageError(f"{what} {path} is not UTF-8 text") from None
    except OSError as error:
        raise UsageError(f"cannot read {what} {path}: {error.strerror or error}") from None


def parse_inputs(pairs: Sequence[str]) -> Dict[str, Any]:
    """``["name=World", "n=3", "b=[1,2]", "f=@value.json", "n=4"]`` as an inputs object.

    The value after the first ``=`` is JSON when it parses as JSON, else text; ``@FILE`` reads the value
    from a file (JSON when the file is JSON, else its text). A name given more than once collects its
    values into a list, in order.
    """
    inputs: Dict[str, Any] = {}
    repeated: Dict[str, List[Any]] = {}
    for pair in pairs:
        name, equals, text = pair.partition("=")
        name = name.strip()
        if not equals or not name:
            raise UsageError(f"-i expects NAME=VALUE, not {pair!r}")
        if text.startswith("@") and len(text) > 1:
            value = parse_value(read_text(text[1:], f"the value of {name},"))
        else:
            value = parse_value(text)
        if name in repeated:
            repeated[name].append(value)
        elif name in inputs:
            repeated[name] = [inputs[name], value]
            inputs[name] = repeated[name]
        else:
            inputs[name] = value
    return inputs


Body = Tuple[Dict[str, Any], Dict[str, Any]]


def read_body(path: str) -> Body:
    """(inputs, other members) of an execute body file (``-``: standard input).

    The file holds either a whole execute request, ``{"inputs": {...}, "outputs": ..., "response": ...}``
    (an object whose ``inputs`` member is an object; its other members must be among :data:`BODY_MEMBERS`),
    or just the inputs object (one without an ``inputs`` object).
    """
    text = read_text(path, "the input file")
    try:
        document = json.loads(text)
    except ValueError as error:
        raise UsageError(f"the input file {path} is not JSON: {error}") from None
    if not isinstance(document, dict):
        raise UsageError(f"the input file {path} must hold a JSON object, not {type(document).__name__}")
    if not isinstance(document.get("inputs"), dict):
        return document, {}
    unknown = sorted(set(document) - {"inputs"} - BODY_MEMBERS)
    if unknown:
        raise UsageError(f"the input file {path} has members that cannot be sent: {', '.join(unknown)}"
                         f" (an execute body holds inputs, {', '.join(sorted(BODY_MEMBERS))})")  # fmt: skip
    rest = {key: value for key, value in document.items() if key != "inputs"}
    return dict(document["inputs"]), rest


Package = Union[Dict[str, Any], str]


def read_package(path: str) -> Tuple[Package, Optional[str]]:
    """(what to deploy, the process id it names if any) from a file (``-``: standard input).

    A JSON object with ``executionUnit`` or ``processDescription`` is an OGC application package, sent as
    JSON; anything else is a CWL document, sent as its text (JSON or YAML, as written).
    """
    text = read_text(path, "the package")
    if not text.strip():
        raise UsageError(f"the package {path} is empty")
    try:
        document = json.loads(text)
    except ValueError:
        document = None
    if isinstance(document, dict) and ({"executionUnit", "processDescription"} & set(document)):
        description = document.get("processDescription")
        process_id = description.get("id") if isinstance(description, dict) else None
        if isinstance(description, dict) and isinstance(description.get("process"), dict):  # the 1.0 draft form
            process_id = description["process"].get("id", process_id)
        return document, process_id if isinstance(process_id, str) else None
    return text, None
