"""How the page-furniture rule does on labelled pages and on clean copy, per part of each corpus.

Usage (from the repo root):
    .venv/bin/python bench/furniture_score.py            # the table, tune and validation parts
    .venv/bin/python bench/furniture_score.py --show     # also list tune-part story lines flagged

Every page goes through the real path: the page's lines written as a scraper hands them over
(one line per line, as ../shared/tools/realcopy.py does), a Document, the Linter with the
built-in page-furniture rules, and lint.fix for what `--fix` would remove.  Furniture is the
positive class; figures are micro-averaged over the pages of a part, over all lines and over
the article span (first to last body line of each page, realcopy's definition).
"story flagged" is the share of body lines inside a finding, "story fixed" the share `--fix`
would remove.  Clean copy (the gold article texts, news-dev's stories): share of non-blank
lines flagged and removed.  Validation pages are processed only for these aggregate figures;
--show lists tune-part lines only.
"""

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from splits import CORPUS, part  # noqa: E402

from lint import fix  # noqa: E402
from lint.config import HOUSE_SPEC  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.newsroom.document import Document  # noqa: E402
from lint.rules import builtin_dir, load_packs  # noqa: E402
from lint.schema import validate  # noqa: E402

PAGE_SETS = ("furniture-wcxb-dev", "furniture-dev")
PARTS = ("tune", "validation")
SEED = ROOT / "tests" / "fixtures" / "seed.txt"
SEED_FIRST = "More from International News"


def furniture_linter() -> Linter:
    rules, lexicons = load_packs([builtin_dir()])
    chosen = [r for r in rules if r.category == "page-furniture" and r.enabled]
    return Linter(chosen, lexicons, validate({}, HOUSE_SPEC, "house", "house"))


def run(linter: Linter, name: str, text: str) -> tuple[set[int], set[int]]:
    """(lines flagged, lines --fix removes), 1-based, for one text."""
    findings, _ = linter.lint(Document(name, text))
    flagged = {n for f in findings for n in range(f.line, f.end_line + 1)}
    _, removed, refused = fix.apply(text, [f for f in findings if f.fix])
    assert not refused, (name, refused)
    return flagged, removed


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: bool, gold: bool) -> None:
        self.tp += predicted and gold
        self.fp += predicted and not gold
        self.fn += gold and not predicted

    def prf(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{p:.3f} {r:.3f} {f:.3f}"


@dataclass
class PageScore:
    pages: int = 0
    every: Tally = None
    span: Tally = None
    story: int = 0
    story_flagged: int = 0
    story_fixed: int = 0

    def __post_init__(self):
        self.every, self.span = Tally(), Tally()

    def row(self, label: str) -> str:
        story = max(self.story, 1)
        return (f"{label:<28} {self.pages:>5}  {self.every.prf()}   {self.span.prf()}   "
                f"{100 * self.story_flagged / story:6.2f}%  {100 * self.story_fixed / story:6.2f}%")


def score_pages(linter: Linter, name: str, show: bool) -> dict[str, PageScore]:
    scores = {p: PageScore() for p in PARTS}
    for raw in (CORPUS / name / "pages.jsonl").read_text(encoding="utf-8").splitlines():
        page = json.loads(raw)
        which = part(page["id"])
        texts = [line["text"] for line in page["lines"]]
        gold = [line["label"] == "furniture" for line in page["lines"]]
        flagged, removed = run(linter, page["id"], "\n".join(texts) + "\n")
        body = [n for n, g in enumerate(gold, 1) if not g]
        score = scores[which]
        score.pages += 1
        for n, g in enumerate(gold, 1):
            score.every.add(n in flagged, g)
            if body and body[0] <= n <= body[-1]:
                score.span.add(n in flagged, g)
        score.story += len(body)
        score.story_flagged += sum(n in flagged for n in body)
        score.story_fixed += sum(n in removed for n in body)
        if show and which == "tune":
            for n in body:
                if n in flagged:
                    print(f"  {name}/{page['id']}:{n} {'FIXED' if n in removed else 'flag'}  {texts[n - 1][:110]}")
    return scores


def clean_texts(name: str) -> list[tuple[str, Path]]:
    """(id, path) of a corpus's clean articles: news-dev's stories, the gold texts of the page sets."""
    if name == "news-dev":
        rows = (CORPUS / name / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
        items = [json.loads(row) for row in rows if row.strip()]
        folder = CORPUS / name / "articles"
        return [(item["id"], next(folder.glob(f"{item['id']}.*"))) for item in items]
    return [(path.stem, path) for path in sorted((CORPUS / name / "clean").glob("*.txt"))]


def score_clean(linter: Linter, name: str, show: bool) -> dict[str, list[int]]:
    """Per part: [non-blank lines, flagged, removed, articles with a flag]."""
    totals = {p: [0, 0, 0, 0] for p in PARTS}
    for item_id, path in clean_texts(name):
        which = part(item_id)
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        flagged, removed = run(linter, item_id, text)
        nonblank = {n for n, line in enumerate(lines, 1) if line.strip()}
        counts = totals[which]
        counts[0] += len(nonblank)
        counts[1] += len(flagged & nonblank)
        counts[2] += len(removed & nonblank)
        counts[3] += bool(flagged & nonblank)
        if show and which == "tune" and flagged & nonblank and not name.startswith("news"):
            for n in sorted(flagged & nonblank):
                print(f"  clean {name}/{item_id}:{n}  {lines[n - 1][:110]}")
    return totals


def seed_check(linter: Linter) -> str:
    """The seed's 'More from ...' list down to the end must be flagged, nothing above it."""
    if not SEED.exists():
        return "seed: absent"
    text = SEED.read_text(encoding="utf-8")
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines, 1) if line.strip() == SEED_FIRST)
    flagged, removed = run(linter, "seed", text)
    wanted = {n for n in range(first, len(lines) + 1) if lines[n - 1].strip()}
    above = {n for n in flagged | removed if n < first and lines[n - 1].strip()}
    ok = wanted <= flagged and wanted <= removed and not above
    return f"seed: {'PASS' if ok else 'FAIL'} (flagged {sorted(flagged)}, fixed {sorted(removed)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the tune-part story lines flagged")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print("../shared/corpus is absent")
        return 1
    linter = furniture_linter()
    print(f"{'labelled pages':<28} {'pages':>5}  {'all lines P R F1':<17}   {'span P R F1':<17}   "
          f"{'story':>7}  {'story':>7}")
    print(f"{'':<28} {'':>5}  {'':<17}   {'':<17}   {'flagged':>7}  {'fixed':>7}")
    for name in PAGE_SETS:
        scores = score_pages(linter, name, args.show)
        for which in PARTS:
            print(scores[which].row(f"{name} {which}"))
    print(f"\n{'clean copy':<28} {'texts':>5}  {'lines':>7}  {'flagged':>8}  {'fixed':>8}  {'texts flagged':>13}")
    for name in ("news-dev", "furniture-wcxb-dev", "furniture-dev"):
        totals = score_clean(linter, name, args.show)
        for which in PARTS:
            lines, flagged, removed, texts = totals[which]
            count = sum(1 for item_id, _ in clean_texts(name) if part(item_id) == which)
            print(f"{name + ' ' + which:<28} {count:>5}  {lines:>7}  {100 * flagged / max(lines, 1):7.2f}%  "
                  f"{100 * removed / max(lines, 1):7.2f}%  {texts:>13}")
    print("\n" + seed_check(linter))
    return 0


if __name__ == "__main__":
    sys.exit(main())
