"""`make bench`: regwatch at the scale of a ten-year archive, in one run, as ratios against
baselines measured in the same run. Prints a table and writes it to {work}/results.json.

Sizes (defaults are the issue's): BENCH_YEARS=10, BENCH_ANNOUNCEMENTS=20000 (the synthetic
archive, regwatch.synth), BENCH_MEASURES=20000 (the history published), BENCH_SEED=1.
BENCH_WORK=DIR keeps the work folder (default: a temporary folder, removed afterwards).
Each step runs in a process of its own (bench/steps.py); its wall time, CPU time and peak
memory (the step's and its crawler processes') are taken from os.wait4.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {
    "rebuild": 3.0,  # × the bare lxml parse
    "one_more": 0.05,  # × the full rebuild
    "rewritten": 0,  # files
    "bytes": 0.01,  # × a full crawl's bytes
    "publish": 90.0,  # seconds
    "diff": 2.0,  # seconds
    "memory": 2048.0,  # MB
}


def machine() -> dict:
    info = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next(
        (ln.split(":", 1)[1].strip() for ln in info.splitlines() if ln.startswith("model name")),
        platform.processor(),
    )
    mem = Path("/proc/meminfo").read_text().split()[1] if Path("/proc/meminfo").exists() else "0"
    return {"cpu": model, "cores": os.cpu_count(), "memory_gb": round(int(mem) / 2**20, 1),
            "python": platform.python_version(), "load_before": os.getloadavg()[0]}  # fmt: skip


def step(work: Path, name: str, *args: str) -> dict:
    """Run one step in its own process; its result plus wall, CPU and peak memory."""
    result = work / f"{name}-{int(time.time() * 1000)}.json"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.steps", name, str(result), *args], cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"bench step {name} failed ({os.waitstatus_to_exitcode(status)})")
    out = json.loads(result.read_text())
    out.update(wall=wall, cpu=usage.ru_utime + usage.ru_stime, peak_mb=usage.ru_maxrss / 1024)
    return out


def verdict(value: float, target: float, lower_is_better: bool = True) -> str:
    if value <= target:
        return "met"
    if target == 0:
        return f"missed by {value:g}"
    return f"missed: {value / target:.1f}× the target"


def main() -> int:
    years = int(os.environ.get("BENCH_YEARS", "10"))
    announcements = int(os.environ.get("BENCH_ANNOUNCEMENTS", "20000"))
    measures = int(os.environ.get("BENCH_MEASURES", "20000"))
    seed = int(os.environ.get("BENCH_SEED", "1"))
    keep = "BENCH_WORK" in os.environ
    work = (
        Path(os.environ["BENCH_WORK"]) if keep else Path(tempfile.mkdtemp(prefix="regwatch-bench-"))
    )
    if keep and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    host = machine()
    print(
        f"bench: {years} years, {announcements} announcements, {measures} measures; work in {work}",
        flush=True,
    )
    # In a process of its own too: a child's peak memory as os.wait4 reports it includes what
    # the parent held when it forked, so the parent must stay small.
    made = step(work, "synth", str(work), str(years), str(announcements), str(seed))
    archive, nxt = made["archive"], Path(made["next"])
    print(f"  synth: {archive['snapshots']} snapshots in {archive['seconds']:.0f} s", flush=True)

    r = {"machine": host, "archive": archive}
    r["parse"] = step(work, "parse", str(work / "snapshots"))
    print(f"  bare parse: {r['parse']['seconds']:.1f} s", flush=True)
    r["rebuild"] = step(work, "rebuild", str(work / "snapshots"), str(work / "data"))
    print(f"  rebuild: {r['rebuild']['wall']:.0f} s", flush=True)
    r["publish_history"] = step(work, "publish", str(work / "data"), str(work / "public"))
    print(f"  publish of the rebuilt history: {r['publish_history']['wall']:.0f} s", flush=True)
    r["one_more"] = step(work, "one_more", str(nxt), str(work / "data"), str(work / "public"))
    print(f"  one new announcement: {r['one_more']['wall']:.1f} s", flush=True)
    r["no_change"] = step(
        work, "no_change", str(nxt), str(work / "live"), str(work / "live-public")
    )
    print("  no-change run: done", flush=True)
    r["history"] = step(work, "history", str(work / "big"), str(measures))
    r["publish"] = step(work, "publish", str(work / "big"), str(work / "big-public"))
    print(f"  publish {measures} measures: {r['publish']['wall']:.0f} s", flush=True)
    r["diffs"] = step(work, "diffs", str(work / "data"))
    r["total_seconds"] = time.perf_counter() - began
    rows = table(r, measures)
    r["table"] = rows
    (work / "results.json").write_text(json.dumps(r, indent=2, default=str))
    print_table(rows, host, r["total_seconds"])
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def table(r: dict, measures: int) -> list[list[str]]:
    parse, rebuild, one = r["parse"]["seconds"], r["rebuild"]["wall"], r["one_more"]["wall"]
    full, none = r["no_change"]["full"], r["no_change"]["no_change"]
    peak = max(v["peak_mb"] for v in r.values() if isinstance(v, dict) and "peak_mb" in v)
    diff = max(r["diffs"]["archive"]["slowest"], r["diffs"]["adversarial"]["slowest"])
    byte_ratio = none["bytes"] / full["bytes"]
    return [
        ["Full rebuild (crawl replay + normalize + release)",
         f"{rebuild:.1f} s (CPU {r['rebuild']['cpu']:.0f} s)",
         f"bare lxml parse {parse:.1f} s ({r['parse']['pages']:,} pages)", f"{rebuild / parse:.1f}×",
         "≤ 3×", verdict(rebuild / parse, TARGETS["rebuild"])],
        ["One new announcement (crawl + normalize + release + publish)",
         f"{one:.1f} s (CPU {r['one_more']['cpu']:.0f} s)",
         f"full rebuild {rebuild:.1f} s", f"{one / rebuild:.1%}", "≤ 5 %",
         verdict(one / rebuild, TARGETS["one_more"])],
        ["No-change run: published files rewritten", str(none["rewritten"]),
         f"{none['files']} files online", "—", "0", verdict(none["rewritten"], 0)],
        ["No-change run: bytes downloaded (conditional GET)", f"{none['bytes']:,} B",
         f"full crawl {full['bytes']:,} B", f"{byte_ratio:.2%}", "≤ 1 %",
         verdict(byte_ratio, TARGETS["bytes"])],
        [f"Publish {measures:,} measures (site + feeds + API)", f"{r['publish']['wall']:.1f} s",
         "—", "—", "≤ 90 s", verdict(r["publish"]["wall"], TARGETS["publish"])],
        ["Slowest single diff (archive / adversarial)",
         f"{r['diffs']['archive']['slowest']:.3f} s / {r['diffs']['adversarial']['slowest']:.3f} s",
         "DIFF_TIMEOUT 1 s", "—", "≤ 2 s", verdict(diff, TARGETS["diff"])],
        ["Peak memory (largest step, crawlers included)", f"{peak:.0f} MB", "—", "—", "≤ 2 GB",
         verdict(peak, TARGETS["memory"])],
    ]  # fmt: skip


def print_table(rows: list[list[str]], host: dict, total: float) -> None:
    head = ["Measure", "Result", "Baseline", "Ratio", "Target", "Verdict"]
    widths = [max(len(str(x[i])) for x in [head, *rows]) for i in range(len(head))]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    print()
    print(f"Machine: {host['cpu']}, {host['cores']} cores, {host['memory_gb']} GB; "
          f"load average before the run {host['load_before']:.1f}")  # fmt: skip
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))
    print(f"\nbench took {total / 60:.1f} min")


def reprint(results: Path) -> int:
    """`python -m bench.run RESULTS.json`: the table of an earlier run, again."""
    r = json.loads(results.read_text())
    measures = r["history"].get("measures") or r["publish"]["report"]["counts"]["measures"]
    print_table(table(r, measures), r["machine"], r["total_seconds"])
    return 0


if __name__ == "__main__":
    sys.exit(reprint(Path(sys.argv[1])) if len(sys.argv) > 1 else main())
