#!/usr/bin/env python3
"""Are two benchmark runs the same within the machine's noise?

    python3 Benchmarks/harness/compare.py Benchmarks/results/A.json Benchmarks/results/B.json

For every workload in both runs, a markdown table: each contender's median wall time in run A
and run B, how far B is from A, whether the two runs' min–max ranges overlap, each contender's
ratio to Tessera in both runs and how far that moved, and the targets' verdicts side by side.
On a shared machine the absolute times drift with the machine's speed (every contender
together); the ratios, measured within one run, are what must reproduce. Standard library
only, like the harness.
"""
import json
import sys
from pathlib import Path


def load(path: str) -> dict:
    data = json.loads(Path(path).read_text())
    return {w["id"]: w for w in data["workloads"]}, data


def seconds(value) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def overlap(a: dict, b: dict) -> bool:
    """The two runs' min–max ranges overlap."""
    return a["min"] <= b["max"] and b["min"] <= a["max"]


def ratio_change(a, b) -> str:
    try:
        return f"{(float(b) / float(a) - 1) * 100:+.0f}%"
    except (TypeError, ValueError, ZeroDivisionError):
        return "—"


def compare(a: dict, b: dict) -> list:
    lines = [f"#### {a['id']}: {a['title']}", "",
             "| contender | median A | min–max A | median B | min–max B | B − A | ranges overlap | ratio A | ratio B | ratio B − A |",
             "|---|--:|--:|--:|--:|--:|:-:|--:|--:|--:|"]
    theirs = {c["key"]: c for c in b.get("contenders", [])}
    for ca in a.get("contenders", []):
        cb = theirs.get(ca["key"])
        if not cb or ca.get("median") is None or cb.get("median") is None:
            lines.append(f"| {ca['name']} | {seconds(ca.get('median'))} | | {seconds(cb and cb.get('median'))} | | | | | | |")
            continue
        change = (cb["median"] - ca["median"]) / ca["median"] * 100
        lines.append(
            f"| {ca['name']} | {seconds(ca['median'])} | {seconds(ca['min'])}–{seconds(ca['max'])} "
            f"| {seconds(cb['median'])} | {seconds(cb['min'])}–{seconds(cb['max'])} | {change:+.0f}% "
            f"| {'yes' if overlap(ca, cb) else 'no'} | {ca.get('ratio') or '—'} | {cb.get('ratio') or '—'} "
            f"| {ratio_change(ca.get('ratio'), cb.get('ratio'))} |")
    targets_b = {t["label"]: t for t in b.get("targets") or []}
    if a.get("targets"):
        lines += ["", "| target | run A | run B |", "|---|---|---|"]
        for t in a["targets"]:
            tb = targets_b.get(t["label"], {})
            lines.append(f"| {t['label']} | {t['status']}: {t['detail']} | {tb.get('status', '—')}: {tb.get('detail', '')} |")
    return lines + [""]


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    (a, run_a), (b, run_b) = load(sys.argv[1]), load(sys.argv[2])
    print(f"Run A: {Path(sys.argv[1]).name} ({run_a.get('seconds', 0):.0f} s); "
          f"run B: {Path(sys.argv[2]).name} ({run_b.get('seconds', 0):.0f} s).\n")
    for key, workload in a.items():
        if key in b and workload.get("contenders"):
            print("\n".join(compare(workload, b[key])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
