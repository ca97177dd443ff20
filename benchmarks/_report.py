"""The results of a run of bench_client.py, the targets summary, and their rendering as tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Union

from _documents import BIG_LIST, RESULTS, STATUS, list_key
from bench_campaign import PollRound

__all__ = [
    "CLIENT",
    "IMPORT_BARE",
    "IMPORT_DEPENDENCIES",
    "FIRST_USE",
    "MINIMAL",
    "RAW",
    "SIDES",
    "V201",
    "ImportTime",
    "Memory",
    "Paging",
    "Report",
    "Target",
    "Timing",
    "render",
    "targets",
]

RAW, MINIMAL, CLIENT, V201 = "raw", "minimal", "client", "v201"
SIDES = (RAW, MINIMAL, CLIENT, V201)
LABELS = {RAW: "urllib3+json", MINIMAL: "minimal pydantic", CLIENT: "this client", V201: "2.0.1"}
IMPORT_BARE = "pass"
IMPORT_DEPENDENCIES = "import urllib3, pydantic, dateutil, typing_extensions, json"
FIRST_USE = "import and first use"  # the name of the import row in the targets

Peak = Union[int, str, None]  # bytes, "raises (Type)", or None when not measured


@dataclass
class Timing:
    key: str  # the scenario's name in the targets and in the 2.0.1 worker's answer
    scenario: str
    us: Dict[str, Optional[float]]  # time per call of each side (best of runs); None: not measured
    iterations: Dict[str, int] = field(default_factory=dict)  # calls per run
    raises: Dict[str, str] = field(default_factory=dict)  # side -> the exception its first call raised
    v201_raw_us: Optional[float] = None  # the raw side timed again in the 2.0.1 worker's process


@dataclass
class Memory:
    scenario: str
    listing_peak_bytes: Dict[str, Peak]  # tracemalloc peak of the whole listing (request, body, decode)
    decode_rss_growth_bytes: Dict[str, Optional[int]] = field(default_factory=dict)  # fresh process


@dataclass
class Paging:
    jobs: int  # the length of the paged list
    page_size: int
    runs: int
    seconds: Dict[str, float]  # the whole iteration, best of runs
    counted: Dict[str, int]  # the jobs each side iterated over
    peak_bytes: Dict[str, int]  # tracemalloc peak of the whole iteration
    page_peak_bytes: Dict[str, int]  # tracemalloc peak of getting and decoding one page


@dataclass
class ImportTime:
    name: str
    statement: str
    ms: Dict[str, float]  # interpreter (client, v201) -> best wall time
    net_ratio: Dict[str, Optional[float]]  # against importing the dependencies, both net of `pass`


@dataclass
class Target:
    figure: str
    client: Optional[float]
    v201: Union[float, str, None]  # a ratio, "raises (Type)", or None (not measured)
    target: float  # the figure should be at most this


@dataclass
class Report:
    environment: Dict[str, str]
    mode: str
    v201: Optional[Dict[str, str]] = None  # the versions in the 2.0.1 environment, when it was given
    timings: List[Timing] = field(default_factory=list)
    memory: Optional[Memory] = None
    paging: Optional[Paging] = None
    campaign: Optional[PollRound] = None
    imports: List[ImportTime] = field(default_factory=list)
    targets: List[Target] = field(default_factory=list)
    elapsed_seconds: float = 0.0


# --- the targets -------------------------------------------------------------------------------------
def _ratio(numerator: Optional[float], denominator: Optional[float]) -> Optional[float]:
    return None if numerator is None or not denominator else numerator / denominator


def side_ratio(timing: Timing, side: str, against: str) -> Union[float, str, None]:
    """``side``'s time over ``against``'s; "raises (Type)" when ``side`` raised.

    2.0.1 runs in another process than the sides it is set against, where the same request costs more
    (the process boundary): its ratio to raw is taken against raw urllib3 + json timed in its own process,
    alternating with it, and its ratio to another side goes through raw (2.0.1 / its raw x raw / other).
    """
    if side in timing.raises:
        return f"raises ({timing.raises[side]})"
    if side == V201 and timing.v201_raw_us is not None:
        to_raw = _ratio(timing.us.get(V201), timing.v201_raw_us)
        if against == RAW or to_raw is None:
            return to_raw
        raw_to_other = _ratio(timing.us.get(RAW), timing.us.get(against))
        return None if raw_to_other is None else to_raw * raw_to_other
    return _ratio(timing.us.get(side), timing.us.get(against))


def _timing_ratio(report: Report, key: str, side: str, against: str) -> Union[float, str, None]:
    for timing in report.timings:
        if timing.key == key:
            return side_ratio(timing, side, against)
    return None


def _peak_ratio(peak: Peak, against: Peak) -> Union[float, str, None]:
    if isinstance(peak, str):
        return peak
    return _ratio(peak, against if isinstance(against, int) else None)


def _number(value: Union[float, str, None]) -> Optional[float]:
    return value if isinstance(value, float) else None


def targets(report: Report) -> List[Target]:
    """The five figures of the summary, from the measurements of ``report``."""

    def both(key: str, against: str, figure: str, target: float) -> Target:
        return Target(
            figure,
            _number(_timing_ratio(report, key, CLIENT, against)),
            _timing_ratio(report, key, V201, against),
            target,
        )

    rows = [
        both(STATUS, RAW, "one status call ÷ raw", 1.05),
        both(list_key(BIG_LIST), MINIMAL, f"listing {BIG_LIST:,} jobs ÷ minimal pydantic", 0.90),
    ]
    peaks: Dict[str, Peak] = report.memory.listing_peak_bytes if report.memory else {}
    rows.append(
        Target(
            f"peak memory listing {BIG_LIST:,} jobs ÷ minimal pydantic",
            _number(_peak_ratio(peaks.get(CLIENT), peaks.get(MINIMAL))),
            _peak_ratio(peaks.get(V201), peaks.get(MINIMAL)),
            1.00,
        )
    )
    first_use = next((row.net_ratio for row in report.imports if row.name == FIRST_USE), {})
    rows.append(
        Target(
            "import and first use ÷ importing the four dependencies (net)",
            first_use.get(CLIENT),
            first_use.get(V201),
            1.15,
        )
    )
    rows.append(both(RESULTS, RAW, "results of 1,000 outputs ÷ raw", 2.0))
    return rows


# --- rendering ---------------------------------------------------------------------------------------
def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:]))
        return "  ".join((first, *rest)).rstrip()

    return "\n".join([line(headers), line(["-" * width for width in widths]), *map(line, rows)])


def mib(size: Peak) -> str:
    if isinstance(size, str):
        return size
    return "-" if size is None else f"{size / 2**20:.1f} MiB"


def times(ratio: Union[float, str, None]) -> str:
    if isinstance(ratio, str):
        return ratio
    return "-" if ratio is None else f"{ratio:.2f}x"


def _us(timing: Timing, side: str) -> str:
    if side in timing.raises:
        return f"raises ({timing.raises[side]})"
    value = timing.us.get(side)
    return "-" if value is None else f"{value:,.1f}"


def _time_ratio(timing: Timing, side: str, against: str) -> str:
    return "-" if side in timing.raises else times(side_ratio(timing, side, against))


def _short(key: str) -> str:
    return f"{int(key[5:]):,} jobs" if key.startswith("jobs_") else key


def _timings(report: Report) -> List[str]:
    headers = (
        "scenario",
        *(f"{LABELS[side]} µs" for side in SIDES),
        "minimal/raw",
        "client/raw",
        "client/minimal",
        "2.0.1/raw",
        "2.0.1/minimal",
    )
    rows = [
        (
            timing.scenario,
            *(_us(timing, side) for side in SIDES),
            _time_ratio(timing, MINIMAL, RAW),
            _time_ratio(timing, CLIENT, RAW),
            _time_ratio(timing, CLIENT, MINIMAL),
            _time_ratio(timing, V201, RAW),
            _time_ratio(timing, V201, MINIMAL),
        )
        for timing in report.timings
    ]
    lines = [
        "Time per call (best of runs; a ratio a/b is a's time over b's: 1.00x = as fast, 2.00x = twice the time)",
        table(headers, rows),
    ]
    calibration = [
        f"{_short(timing.key)} {times(_ratio(timing.v201_raw_us, timing.us.get(RAW)))}"
        for timing in report.timings
        if timing.v201_raw_us is not None
    ]
    if calibration:
        lines.append(
            "2.0.1 runs in another process; its ratios are taken against urllib3+json timed in that process, "
            f"alternating with it, whose time ÷ urllib3+json's here is: {', '.join(calibration)}"
        )
    return lines


def _memory(memory: Memory) -> List[str]:
    peaks = memory.listing_peak_bytes
    rows = [
        (
            "tracemalloc peak: request, body and decode",
            *(mib(peaks.get(side)) for side in SIDES),
            times(_peak_ratio(peaks.get(CLIENT), peaks.get(RAW))),
            times(_peak_ratio(peaks.get(CLIENT), peaks.get(MINIMAL))),
            times(_peak_ratio(peaks.get(V201), peaks.get(MINIMAL))),
        )
    ]
    growth = memory.decode_rss_growth_bytes
    if growth:
        rows.append(
            (
                "peak RSS growth, decode only (fresh process)",
                *(mib(growth.get(side)) for side in SIDES),
                times(_ratio(growth.get(CLIENT), growth.get(RAW))),
                times(_ratio(growth.get(CLIENT), growth.get(MINIMAL))),
                "-",
            )
        )
    headers = ("measure", *(LABELS[side] for side in SIDES), "client/raw", "client/minimal", "2.0.1/minimal")
    return [f"Memory: {memory.scenario}", table(headers, rows)]


def _paging(paging: Paging) -> List[str]:
    raw, minimal = paging.seconds.get(RAW), paging.seconds.get(MINIMAL)
    rows = []
    for side in SIDES:
        if side not in paging.seconds:
            rows.append((LABELS[side], "-", "-", "-", "-", "-", "-", "-"))
            continue
        seconds, peak, page = paging.seconds[side], paging.peak_bytes[side], paging.page_peak_bytes[side]
        rows.append(
            (
                LABELS[side],
                f"{paging.counted[side]:,}",
                f"{seconds * 1e3:,.0f}",
                times(_ratio(seconds, raw)),
                times(_ratio(seconds, minimal)),
                mib(peak),
                mib(page),
                times(_ratio(peak, page)),
            )
        )
    headers = (
        "side",
        "jobs",
        "ms for all",
        "/raw",
        "/minimal",
        "peak while paging",
        "peak of one page",
        "paging/one page",
    )
    return [
        f"Paging: all {paging.jobs:,} jobs of a list served in pages of {paging.page_size:,}, following `next` links "
        f"(best of {paging.runs}); peaks by tracemalloc; one page = getting and decoding one page; "
        "2.0.1 has no paging layer",
        table(headers, rows),
    ]


def _campaign(campaign: PollRound) -> List[str]:
    return [
        f"Campaign loop: CPU of one poll round of 1,000 active rows ({campaign.active:,} jobs that never end, "
        f"{campaign.polls:,} polls in {campaign.seconds:g} s)",
        table(
            ("measure", "urllib3+json ms", "this client ms", "client/raw"),
            [
                (
                    "one poll round of 1,000 active rows",
                    f"{campaign.raw_ms:,.0f}",
                    f"{campaign.campaign_ms:,.0f}",
                    times(campaign.ratio),
                )
            ],
        ),
    ]


def _imports(imports: Sequence[ImportTime]) -> List[str]:
    rows = [
        (
            i.name,
            f"{i.ms[CLIENT]:.1f}",
            times(i.net_ratio.get(CLIENT)),
            f"{i.ms[V201]:.1f}" if V201 in i.ms else "-",
            times(i.net_ratio.get(V201)),
        )
        for i in imports
    ]
    return [
        "Import: wall time of `python -I -c STATEMENT`, best of runs, in each side's interpreter; "
        "net ratio = (time - bare) / (dependencies - bare), each interpreter against its own",
        table(("statement", "this client ms", "net ratio", "2.0.1 ms", "2.0.1 net ratio"), rows),
        *(f"  {i.name}: {'; '.join(line.strip() for line in i.statement.splitlines())}" for i in imports),
    ]


def _targets(report: Report) -> List[str]:
    rows = [
        (
            t.figure,
            times(t.client),
            times(t.v201),
            f"<= {t.target:.2f}",
            "-" if t.client is None else ("yes" if t.client <= t.target else "no"),
        )
        for t in report.targets
    ]
    return ["Targets", table(("figure", "this client", "2.0.1", "target", "client within target"), rows)]


def render(report: Report) -> str:
    env = report.environment
    package = env["package"]
    head = (
        f"{package} {env['version']} | urllib3 {env['urllib3']} | pydantic {env['pydantic']} | "
        f"{env['implementation']} {env['python']} | {env['platform']} | {env['cpus']} CPUs | {report.mode}"
    )
    parts = [head]
    if report.v201 is None:
        parts.append("2.0.1: not measured (give --v201 PYTHON, see benchmarks/README.md)")
    else:
        v201 = report.v201
        parts.append(
            f"2.0.1: {v201['python']} | {package} {v201['version']} | urllib3 {v201['urllib3']} | "
            f"pydantic {v201['pydantic']}"
        )
    parts += ["", *_timings(report)]
    if report.memory is not None:
        parts += ["", *_memory(report.memory)]
    if report.paging is not None:
        parts += ["", *_paging(report.paging)]
    if report.campaign is not None:
        parts += ["", *_campaign(report.campaign)]
    if report.imports:
        parts += ["", *_imports(report.imports)]
    if report.targets:
        parts += ["", *_targets(report)]
    parts += ["", f"Total time of the benchmark: {report.elapsed_seconds:.1f} s"]
    return "\n".join(parts)
