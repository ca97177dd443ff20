"""The pages of the workflow layer (docs/Client.md, docs/Job.md): every example runs against pygeoapi."""

from __future__ import annotations

import pathlib
import re
from typing import Dict, List

import pytest

pytestmark = pytest.mark.pygeoapi

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
PLACEHOLDER_HOST = re.compile(r"""(?P<quote>["'])http://localhost/?(?P=quote)""")

#: what the output of each page's examples must show
PROOFS: Dict[str, List[str]] = {
    "Campaign": [
        "new rows: 3",
        "again: False",
        "{'successful': 3, 'failed': 1}",
        "failed: nameless - ",
        "Cannot process without a name",
        "exported: 4",
        "written: ['",
    ],
    "Client": [
        "processes: hello-world, echo",
        "echo takes: echoInput",
        "successful Hello World!",
        "sync Hello Sync!",
        "(at most 12, read 5 at a time)",
        "ours is among them: True",
    ],
    "Job": [
        "<Job ",
        "seen: accepted",
        "-> successful",
        "results: {",
        "'value': 'Hello'",
        "failed: ",
        "Cannot process without a name",
        " after 0.5 s",
        "dismissed: dismissed",
    ],
}


@pytest.mark.parametrize("page", sorted(PROOFS))
def test_the_examples_of_the_page_run(page: str, pygeoapi_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    blocks = FENCE.findall(text)
    assert blocks
    for index, block in enumerate(blocks):
        code = PLACEHOLDER_HOST.sub(lambda m: m.group("quote") + pygeoapi_url + m.group("quote"), block)
        exec(compile(code, f"docs/{page}.md[{index}]", "exec"), {})
    printed = capsys.readouterr().out
    for proof in PROOFS[page]:
        assert proof in printed, (proof, printed)
