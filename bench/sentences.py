"""Compare lint.newsroom.sentences.sentence_spans with pysbd on real article paragraphs and a gold set.

Run from the repository root:  .venv/bin/python bench/sentences.py [--disagreements N]

By-eye judgment of all 49 corpus paragraphs where the two differ (3354 English paragraphs,
98.5% identical; 18 of the 49 are code snippets such as `res.json().then(`):

    of 49 disagreements          ours right   pysbd right   both defensible
    all                              34             8                7
    prose only (31)                  16             8                7

Ours wins on code (pysbd splits `).then(`), one-letter names before a capitalised first word
("the One S. That revision"), "p.m. Tuesday", "approx. gross", ".@user", "etc.!", citation
markers ("factions.[MP3]") and "... TMZ has learned". pysbd wins where a sentence starts in
lower case ("blind. he's", "z-score. z-score", "(if you want ...)"), with "#MeToo", on an inline
numbered list, and on "News. @ handle" furniture. Both defensible: several sentences inside one
parenthesis (pysbd keeps the parenthesis whole, we split), trailing hashtags and anchors.
On the gold set pysbd also splits soft line wraps, "R-Fla., said", "a.m. Sunday" and "'We will
win.' he said". The gold set was written alongside our segmenter, so read its score with care.
"""

import argparse
import re
import sys
import time
from pathlib import Path

import pysbd
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lint.newsroom.sentences import sentence_spans  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpus" / "furniture-dev" / "clean"
GOLD = ROOT / "tests" / "data" / "sentences_gold.yaml"
ENGLISH_STOPWORDS = frozenset(
    "the and of to a in is that for it was on with as by at from this be are have has".split()
)
ENGLISH_MIN_RATIO = 0.15  # English files score 0.18-0.36 on this corpus, the others below 0.05
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"[^\W\d_]+")


def is_english(text: str) -> bool:
    """English prose is dense in function words; other languages score near zero."""
    words = _WORD.findall(text.lower())
    return bool(words) and sum(word in ENGLISH_STOPWORDS for word in words) / len(words) >= ENGLISH_MIN_RATIO


def paragraphs(corpus: Path) -> list[str]:
    """Non-blank paragraphs (blank-line separated) of the English files in the corpus."""
    found = []
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if is_english(text):
            found.extend(p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip())
    return found


def ours(text: str) -> list[int]:
    """Sentence start offsets from sentence_spans."""
    return [start for start, _ in sentence_spans(text)]


def make_pysbd():
    """Sentence start offsets from pysbd (char spans, whitespace skipped like ours)."""
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def starts(text: str) -> list[int]:
        spans = segmenter.segment(text)
        return [span.start + len(span.sent) - len(span.sent.lstrip()) for span in spans if span.sent.strip()]

    return starts


def split(text: str, starts: list[int]) -> list[str]:
    """The trimmed sentences a list of start offsets cuts a paragraph into."""
    cuts = sorted(set(starts[1:]) | {0}) + [len(text)]
    return [text[a:b].strip() for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def timed(segment, texts: list[str]) -> tuple[list[list[int]], float]:
    began = time.perf_counter()
    results = [segment(text) for text in texts]
    return results, time.perf_counter() - began


def report_corpus(texts: list[str], mine, theirs, t_mine: float, t_theirs: float) -> list[int]:
    """Print counts, agreement and timing; return indexes of paragraphs that differ."""
    differing = [i for i, (a, b) in enumerate(zip(mine, theirs)) if set(a[1:]) != set(b[1:])]
    ours_only = sum(len(set(a[1:]) - set(b[1:])) for a, b in zip(mine, theirs))
    theirs_only = sum(len(set(b[1:]) - set(a[1:])) for a, b in zip(mine, theirs))
    shared = sum(len(set(a[1:]) & set(b[1:])) for a, b in zip(mine, theirs))
    chars = sum(map(len, texts))
    print(f"paragraphs: {len(texts)} ({chars:,} chars)")
    print(f"sentences: ours {sum(map(len, mine))}, pysbd {sum(map(len, theirs))}")
    print(f"identical boundary sets: {len(texts) - len(differing)}/{len(texts)} paragraphs "
          f"({100 * (len(texts) - len(differing)) / len(texts):.1f}%)")
    print(f"boundaries: shared {shared}, ours only {ours_only}, pysbd only {theirs_only}, "
          f"agreement {100 * shared / max(shared + ours_only + theirs_only, 1):.1f}% (shared / union)")
    print(f"time: ours {t_mine:.3f} s, pysbd {t_theirs:.3f} s, pysbd/ours = {t_theirs / t_mine:.0f}x; "
          f"per 10,000 chars: ours {1e4 * t_mine / chars * 1e3:.2f} ms, pysbd {1e4 * t_theirs / chars * 1e3:.1f} ms")
    return differing


def report_gold(pysbd_starts) -> None:
    """Exact-match accuracy of both tools on the hand-made gold paragraphs."""
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    for name, segment in (("ours", ours), ("pysbd", pysbd_starts)):
        right = sum(split(case["text"], segment(case["text"])) == case["sentences"] for case in gold)
        print(f"gold accuracy {name}: {right}/{len(gold)} paragraphs split exactly right")


def show(text: str, mine: list[int], theirs: list[int]) -> None:
    print("-" * 78)
    for name, starts in (("ours", mine), ("pysbd", theirs)):
        print(f"[{name}]")
        for sentence in split(text, starts):
            print(f"  | {sentence}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--disagreements", type=int, default=0, metavar="N", help="show the first N differing paragraphs"
    )
    args = parser.parse_args(argv)
    texts = paragraphs(args.corpus)
    pysbd_starts = make_pysbd()
    mine, t_mine = timed(ours, texts)
    theirs, t_theirs = timed(pysbd_starts, texts)
    differing = report_corpus(texts, mine, theirs, t_mine, t_theirs)
    report_gold(pysbd_starts)
    for i in differing[: args.disagreements]:
        show(texts[i], mine[i], theirs[i])


if __name__ == "__main__":
    main()
