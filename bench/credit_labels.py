"""Precision of the credit-line findings from two independent labellers, and their agreement.

    .venv/bin/python bench/credit_labels.py [KEY A B]

KEY is the export's key ({"item", "file", "line", "rule", "part"}, bench/credit_findings.py
export); A and B are the labellers' files ({"item", "label": 0|1, "why"}). Defaults:
tests/data/credit_labels_key.jsonl and tests/data/credit_labels_{a,b}.jsonl, as committed.

Prints, per rule and part (tune, validation) and over all: the number of findings, each
labeller's precision (share labelled 1), the precision where both agree (items they split
are counted neither way, and their number is given), and Cohen's kappa between the two.
"""

import json
import sys
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
DEFAULTS = (DATA / "credit_labels_key.jsonl", DATA / "credit_labels_a.jsonl", DATA / "credit_labels_b.jsonl")


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def kappa(pairs: list[tuple[int, int]]) -> float:
    """Cohen's kappa of two labellers' 0/1 labels (1.0 when both give one label throughout)."""
    total = len(pairs)
    if not total:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / total
    share_a = sum(a for a, _ in pairs) / total
    share_b = sum(b for _, b in pairs) / total
    expected = share_a * share_b + (1 - share_a) * (1 - share_b)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def summary(pairs: list[tuple[int, int]]) -> str:
    total = len(pairs)
    agreed = [a for a, b in pairs if a == b]
    both = f"{sum(agreed) / len(agreed):.3f}" if agreed else "n/a"
    return (f"n={total} precision A={sum(a for a, _ in pairs) / total:.3f} B={sum(b for _, b in pairs) / total:.3f} "
            f"both-agree={both} (split {total - len(agreed)}) kappa={kappa(pairs):.3f}")


def main(key_path: Path, a_path: Path, b_path: Path) -> None:
    key = {row["item"]: row for row in read(key_path)}
    a = {row["item"]: int(row["label"]) for row in read(a_path)}
    b = {row["item"]: int(row["label"]) for row in read(b_path)}
    missing = sorted(set(key) - set(a) | set(key) - set(b))
    if missing:
        print(f"items without both labels (left out): {len(missing)}")
    groups = defaultdict(list)
    for item, row in sorted(key.items()):
        if item in a and item in b:
            pair = (a[item], b[item])
            groups[(row["rule"], row["part"])].append(pair)
            groups[(row["rule"], "all")].append(pair)
            groups[("all rules", row["part"])].append(pair)
            groups[("all rules", "all")].append(pair)
    for (rule, part), pairs in sorted(groups.items()):
        print(f"{rule}\t{part}\t{summary(pairs)}")


if __name__ == "__main__":
    main(*(map(Path, sys.argv[1:4]) if len(sys.argv) == 4 else DEFAULTS))
