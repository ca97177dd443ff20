"""One progress display for a whole campaign: done, failed, running and pending counts."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Dict, Optional

from ..workflow.progress import in_notebook

if TYPE_CHECKING:
    from .runner import Campaign

__all__ = ["CampaignProgress"]


def _line(counts: Dict[str, int]) -> str:
    done, failed = counts.get("successful", 0), counts.get("failed", 0) + counts.get("dismissed", 0)
    running = counts.get("accepted", 0) + counts.get("running", 0) + counts.get("submitting", 0)
    parts = [f"{done} done", f"{failed} failed", f"{running} running", f"{counts.get('pending', 0)} pending"]
    if counts.get("unknown"):
        parts.append(f"{counts['unknown']} unknown")
    return ", ".join(parts)


class CampaignProgress:
    """``progress=True``: a tqdm bar (notebook or terminal) when tqdm is installed and the output is one,
    else a line per change on standard error; a function is called with the counts at each change."""

    def __init__(self, progress: Any, campaign: Campaign) -> None:
        self.progress, self.campaign = progress, campaign
        self.last: Optional[Dict[str, int]] = None
        self.bar: Any = None

    def __enter__(self) -> CampaignProgress:
        if self.progress is True and (in_notebook() or sys.stderr.isatty()):
            try:
                from tqdm.auto import tqdm
            except ImportError:
                pass
            else:
                self.bar = tqdm(total=self.campaign.summary().total, unit="job", desc="campaign")
        return self

    def update(self) -> None:
        if not self.progress:
            return
        counts = self.campaign.journal.counts()
        if counts == self.last:
            return
        self.last = counts
        if callable(self.progress) and self.progress is not True:
            self.progress(dict(counts))
        elif self.bar is not None:
            self.bar.n = sum(counts.get(state, 0) for state in ("successful", "failed", "dismissed", "unknown"))
            self.bar.set_postfix_str(_line(counts))
        else:
            print(f"campaign: {_line(counts)}", file=sys.stderr, flush=True)

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.close()
