"""Counts per rule, most frequent first."""

from collections import Counter


def render(report) -> str:
    counts = Counter((f.rule, f.severity) for f in report.findings)
    if not counts:
        return "No findings.\n"
    width = max(len(rule) for rule, _ in counts)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    lines = [f"{count:>5}  {rule:<{width}}  {severity}" for (rule, severity), count in rows]
    return "\n".join(lines) + f"\n{sum(counts.values()):>5}  total\n"
