"""A campaign: many jobs run from a journal, against a local pygeoapi (started here) or any server.

    python examples/campaign.py                       # installs and starts pygeoapi on 127.0.0.1, then stops it
    python examples/campaign.py --url https://example.org/ogcapi --rows 48
    python examples/campaign.py --url URL --folder runs/  # run it again: nothing is submitted twice

It adds a few dozen rows of the ``echo`` process (each with a short pause) to a journal (a SQLite file),
runs them with at most 4 jobs at once (the progress on standard error; each job's outputs written to
<folder>/out/<key>/), prints the summary and any failures, and exports every row to a CSV file. With the
same --folder, a second run finds every row there already and finished: it submits nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import pathlib
import sys
import tempfile
from typing import Optional

from demo import local_pygeoapi  # the demo beside this file starts a local pygeoapi the same way

import unity_sps_ogc_processes_api_python_client as ogc


def run_campaign(url: str, folder: pathlib.Path, rows: int, pause: float, timeout: float) -> bool:
    """Add ``rows`` echo jobs, run them, report; whether every row ended successfully."""
    journal = folder / "echo.sqlite"
    with ogc.Client(url) as client, client.campaign(journal) as campaign:
        print(f"Server:  {url}")
        print(f"Journal: {journal}")

        inputs = [{"echoInput": f"row-{n:02d}", "pause": pause} for n in range(rows)]
        added = campaign.add_many("echo", inputs, key="echoInput")  # the key of a row: its echoInput
        print(f"Added:   {added} rows ({rows - added} there already)")

        summary = campaign.run(max_parallel=4, timeout=timeout, progress=True, download=folder / "out")
        print(f"Summary: {summary}")

        for row in campaign.rows(state=["failed", "dismissed", "unknown"]):
            print(f"Not done: {row.key} ({row.state}): {row.error}")
        first = next(campaign.rows(state="successful"), None)
        if first is not None and first.results:
            written = ", ".join(pathlib.Path(path).name for path in first.results)
            print(f"Outputs: {len(list((folder / 'out').iterdir()))} folders under {folder / 'out'} "
                  f"({first.key}: {written})")  # fmt: skip

        exported = campaign.export(folder / "echo.csv")
        print(f"Exported {exported} rows to {folder / 'echo.csv'}")
        return summary.counts.get("successful", 0) == summary.total


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an OGC API - Processes server with the echo process; default: a local pygeoapi")
    parser.add_argument("--rows", type=int, default=36, help="how many echo jobs (default 36)")
    parser.add_argument("--pause", type=float, default=0.2, help="the pause input of each job, in seconds")
    parser.add_argument("--timeout", type=float, default=300, help="seconds the run may take (default 300)")
    parser.add_argument("--folder", type=pathlib.Path, help="where the journal, outputs and CSV go; default: a "
                        "temporary folder")  # fmt: skip
    args = parser.parse_args(argv)
    try:
        with (
            contextlib.nullcontext(args.url) if args.url else local_pygeoapi() as url,
            tempfile.TemporaryDirectory(prefix="ogc-campaign-outputs-") as scratch,
        ):
            folder = args.folder or pathlib.Path(scratch)
            folder.mkdir(parents=True, exist_ok=True)
            done = run_campaign(url, folder, args.rows, args.pause, args.timeout)
    except ogc.OpenApiException as error:
        print(f"The campaign failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0 if done else 1


if __name__ == "__main__":
    sys.exit(main())
