"""Line-level score of lint.newsroom.furniture on the labelled furniture-dev pages, plus the seed check.

Usage (from the repo root):  .venv/bin/python bench/furniture_score.py [--verbose] [--no-blank] [--clean-lines]

Pages have no blank lines; by default they are scored as real articles look (a blank line
between lines, the way paragraphs are separated), with predictions mapped back to the page
lines.  --no-blank scores the raw page lines instead.  Furniture is the positive class;
figures are micro-averaged over all pages, (a) over all lines and (b) over the article span
(first to last body line of each page).

Clean-copy check: the detector also runs on every clean/<id>.txt (the gold article text,
no page around it, paragraphs separated by blank lines); every line it flags there is a
false positive unless furniture was left in the gold text.  --clean-lines lists them.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from lint.newsroom.furniture import ROLES, compile_lexicon, find_furniture  # noqa: E402

PAGES = ROOT / ".." / "shared" / "corpus" / "furniture-dev" / "pages.jsonl"
CLEAN = ROOT / ".." / "shared" / "corpus" / "furniture-dev" / "clean"
SEED = ROOT / "tests" / "fixtures" / "seed.txt"
SEED_FIRST = "More from International News"
LEXICONS = ROOT / "rules" / "lexicons"
RULE = ROOT / "rules" / "page-furniture" / "scraped-boilerplate.yaml"


def load_phrases(rule: Path = RULE) -> dict[str, list[str]]:
    """Regexes per detector role, filled from the lexicons the built-in rule names."""
    by_name = {}
    for path in sorted(LEXICONS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        by_name[data["name"]] = compile_lexicon(data)
    options = yaml.safe_load(rule.read_text(encoding="utf-8"))["options"]
    return {role: [p for name in options.get(role, []) for p in by_name[name]] for role in ROLES}


def predict(texts: list[str], phrases, blank: bool) -> list[bool]:
    """Furniture flag per page line (scored with or without blank lines between them)."""
    lines = [part for text in texts for part in (text, "")][:-1] if blank else texts
    flagged = [False] * len(lines)
    for first, last, _ in find_furniture(lines, phrases):
        for i in range(first, last + 1):
            flagged[i] = True
    return flagged[::2] if blank else flagged


class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, predicted: bool, gold: bool) -> None:
        self.tp += predicted and gold
        self.fp += predicted and not gold
        self.fn += gold and not predicted

    def figures(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def __str__(self) -> str:
        p, r, f = self.figures()
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {self.tp}, fp {self.fp}, fn {self.fn})"


def score_pages(phrases, blank: bool, verbose: bool) -> tuple[Tally, Tally]:
    every, span = Tally(), Tally()
    for raw in PAGES.read_text(encoding="utf-8").splitlines():
        page = json.loads(raw)
        gold = [line["label"] == "furniture" for line in page["lines"]]
        pred = predict([line["text"] for line in page["lines"]], phrases, blank)
        body = [i for i, g in enumerate(gold) if not g]
        page_all, page_span = Tally(), Tally()
        for i, (p, g) in enumerate(zip(pred, gold)):
            for tally in (every, page_all):
                tally.add(p, g)
            if body and body[0] <= i <= body[-1]:
                for tally in (span, page_span):
                    tally.add(p, g)
        if verbose:
            print(f"{page['id']:<45} all {page_all}\n{'':<45} span {page_span}")
    return every, span


def clean_check(phrases, show: bool) -> str:
    """Lines flagged on the clean article texts (ideally none)."""
    files = sorted(CLEAN.glob("*.txt")) if CLEAN.is_dir() else []
    lines_total = flagged_total = 0
    articles = []
    for path in files:
        lines = path.read_text(encoding="utf-8").split("\n")
        lines_total += sum(1 for line in lines if line.strip())
        hits = [(i, reason) for a, b, reason in find_furniture(lines, phrases) for i in range(a, b + 1) if lines[i].strip()]
        if hits:
            articles.append(path.stem)
            flagged_total += len(hits)
        if hits and show:
            print(f"{path.stem}: {len(hits)} line(s)")
            for i, reason in hits:
                print(f"  {i + 1:>5}  [{reason[:40]}]  {lines[i].strip()[:100]}")
    return (f"clean copy    {flagged_total} of {lines_total} non-blank lines flagged, "
            f"in {len(articles)} of {len(files)} articles")


def seed_check(phrases) -> str:
    """The seed's 'More from ...' list down to the end must be flagged, nothing above it."""
    if not SEED.exists():
        return "seed: absent"
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip() == SEED_FIRST)
    flagged = {i for a, b, _ in find_furniture(lines, phrases) for i in range(a, b + 1)}
    wanted = {i for i in range(first, len(lines)) if lines[i].strip()}
    ok = wanted <= flagged and not any(i < first for i in flagged)
    return f"seed: {'PASS' if ok else 'FAIL'} (flagged {sorted(flagged)}, wanted non-blank lines {first}..{len(lines) - 1})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="per-page figures")
    parser.add_argument("--clean-lines", action="store_true", help="list every line flagged in the clean texts")
    parser.add_argument("--no-blank", action="store_true", help="score the raw page lines, no blank lines between")
    args = parser.parse_args()
    phrases = load_phrases()
    every, span = score_pages(phrases, not args.no_blank, args.verbose)
    print(f"representation: {'raw page lines' if args.no_blank else 'page lines joined with blank lines'}")
    print(f"all lines     {every}")
    print(f"article span  {span}")
    print(clean_check(phrases, args.clean_lines))
    print(seed_check(phrases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
