"""Findings per article of the attribution and unsourced-claim rules on the clean corpus,
and their precision against hand labels.

Usage (from the repo root):
    PYTHONPATH=. .venv/bin/python bench/language_rates.py [--dump FILE] [--labels FILE]

Lints every ../shared/corpus/furniture-dev/clean/*.txt with the enabled built-in rules of
the two categories (rules that are off by default, such as unsourced-claim.market-move,
are left out: the figures are what a newsroom sees with the defaults).  Prints the mean
number of findings per article by category and by rule.  --dump writes every finding as
JSONL {file, line, column, rule, message, sentence, context}, where context is the
finding's paragraph with the paragraph before and the one after (blank-line separated), so a
labeller can see attribution given just before or just after.  The labels (default
tests/data/language_labels.jsonl, one {file, line, column, rule, sentence, label, note} per
line, label 1 = an editor would want this finding) are matched to the current findings by
(file, line, column, rule), or failing that by (file, rule, sentence); the precision per
category is computed over the labels that match, and the count of matches is printed, followed
by every finding no label matches (new findings, to be labelled independently).
"""

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.rules import builtin_dir, load_packs  # noqa: E402
from lint.runner import Runner  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpus" / "furniture-dev" / "clean"
LABELS = ROOT / "tests" / "data" / "language_labels.jsonl"
CATEGORIES = ("attribution", "unsourced-claim")
TARGET_MEAN = {"attribution": 2.0, "unsourced-claim": 3.0}
TARGET_PRECISION = 0.9


def language_rule_ids() -> list[str]:
    rules, _ = load_packs([builtin_dir()])
    return [rule.id for rule in rules if rule.category in CATEGORIES and rule.enabled]


def sentence_of(doc, line: int, column: int) -> str:
    offset = doc.line_starts[line - 1] + column - 1
    start, end, _ = doc.sentences[doc.sentence_index(offset)] if doc.sentences else (0, len(doc.text), 0)
    return " ".join(doc.text[start:end].split())


def context_of(doc, line: int, column: int) -> str:
    """The finding's paragraph with its neighbours, each on one line, blank-line separated."""
    offset = doc.line_starts[line - 1] + column - 1
    blocks = doc.blocks
    index = next((i for i, b in enumerate(blocks) if b.start <= offset < b.end), None)
    if index is None:
        return ""
    chosen = blocks[max(index - 1, 0): index + 2]
    return "\n\n".join(" ".join(doc.text[b.start:b.end].split()) for b in chosen)


def collect(corpus: Path = CORPUS) -> tuple[list[dict], int]:
    """Every finding on the corpus as a record, and the number of articles."""
    runner = Runner(select=language_rule_ids())
    files = sorted(corpus.glob("*.txt"))
    records = []
    for path in files:
        doc, findings, notices = runner.lint_text(path.name, path.read_bytes(), ROOT)
        for notice in notices:
            print(notice, file=sys.stderr)
        for f in findings:
            records.append({
                "file": path.name, "line": f.line, "column": f.column, "rule": f.rule,
                "category": f.category, "message": f.message,
                "sentence": sentence_of(doc, f.line, f.column),
                "context": context_of(doc, f.line, f.column),
            })
    return records, len(files)


def load_labels(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def match_labels(records: list[dict], labels: list[dict]) -> list[tuple[dict, dict]]:
    by_position = {(r["file"], r["line"], r["column"], r["rule"]): r for r in records}
    by_sentence = defaultdict(list)
    for r in records:
        by_sentence[(r["file"], r["rule"], r["sentence"])].append(r)
    matched, used = [], set()
    for label in labels:
        key = (label["file"], label["line"], label["column"], label["rule"])
        record = by_position.get(key)
        if record is None:
            candidates = [r for r in by_sentence.get((label["file"], label["rule"], label["sentence"]), [])
                          if id(r) not in used]
            record = candidates[0] if candidates else None
        if record is not None and id(record) not in used:
            used.add(id(record))
            matched.append((label, record))
    return matched


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dump", type=Path, help="write every finding as JSONL")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)

    records, articles = collect(args.corpus)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps({k: r[k] for k in ("file", "line", "column", "rule", "message", "sentence", "context")},
                                     ensure_ascii=False) + "\n")

    per_rule = Counter(r["rule"] for r in records)
    per_category = Counter(r["category"] for r in records)
    ok = True
    print(f"{articles} articles, {len(records)} findings")
    for category in CATEGORIES:
        mean = per_category[category] / articles if articles else 0.0
        verdict = "ok" if mean <= TARGET_MEAN[category] else "OVER TARGET"
        ok &= mean <= TARGET_MEAN[category]
        print(f"{category:16} {per_category[category]:5} findings  mean {mean:.2f}/article "
              f"(target <= {TARGET_MEAN[category]:g}) {verdict}")
        for rule in sorted(r for r in per_rule if r.startswith(category + ".")):
            print(f"  {rule:38} {per_rule[rule]:5}  mean {per_rule[rule] / articles:.2f}")

    labels = load_labels(args.labels)
    matched = match_labels(records, labels)
    print(f"labels: {len(labels)} in {args.labels.name}, {len(matched)} match current findings")
    for category in CATEGORIES:
        pairs = [(label, r) for label, r in matched if r["category"] == category]
        findings = per_category[category]
        if not pairs:
            print(f"{category:16} precision n/a (no matching labels; {findings} findings)")
            continue
        good = sum(label["label"] for label, _ in pairs)
        precision = good / len(pairs)
        ok &= precision >= TARGET_PRECISION
        coverage = f"{len(pairs)}/{findings} findings labelled"
        print(f"{category:16} precision {precision:.3f} ({good}/{len(pairs)}; {coverage}) "
              f"{'ok' if precision >= TARGET_PRECISION else 'BELOW TARGET'}")
        for rule in sorted({r["rule"] for _, r in pairs}):
            rule_pairs = [label["label"] for label, r in pairs if r["rule"] == rule]
            print(f"  {rule:38} {sum(rule_pairs)}/{len(rule_pairs)}")
    labelled = {id(r) for _, r in matched}
    unlabelled = [r for r in records if id(r) not in labelled]
    print(f"unlabelled findings: {len(unlabelled)} (label them independently before claiming precision)")
    for r in unlabelled:
        print(f"  {r['rule']} {r['file']}:{r['line']}:{r['column']}  {r['sentence']}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
