"""Writing the rows of a campaign to CSV or JSON Lines, one row at a time."""

from __future__ import annotations

import csv
import json
import os
from typing import Iterable

from ..exceptions import ApiValueError
from .journal import Row

__all__ = ["export_rows"]

FIELDS = ["key", "process", "state", "job_id", "attempts", "added", "submitted", "finished", "updated", "error",
          "results", "inputs", "options", "history"]  # fmt: skip


def export_rows(rows: Iterable[Row], path: str) -> int:
    """Write ``rows`` to ``path`` (``.csv``: JSON in the cells of inputs, results, history; ``.jsonl``: one
    object a line); through a temporary file, so a crash never leaves half an export. Returns the count."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in (".csv", ".jsonl"):
        raise ApiValueError(f"export to a .csv or .jsonl file, not {path!r}")
    count = 0
    partial = path + ".part"
    with open(partial, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, FIELDS) if suffix == ".csv" else None
        if writer is not None:
            writer.writeheader()
        for row in rows:
            record = row.to_dict()
            if writer is not None:
                writer.writerow({name: json.dumps(record[name]) if isinstance(record[name], (dict, list)) else
                                 record[name] for name in FIELDS})  # fmt: skip
            else:
                handle.write(json.dumps({name: record[name] for name in FIELDS}, ensure_ascii=False) + "\n")
            count += 1
    os.replace(partial, path)
    return count
