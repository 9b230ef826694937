"""Credits and provenance markers over the furniture-dev corpus, for checking by eye.

Run from the repository root: `.venv/bin/python bench/credits_clean.py`.  Prints, for the
clean article texts and for the labelled page lines (which keep the bylines that
Readability drops), how many articles have a credit of each form, how many have none, and
every provenance marker with its file and an excerpt.
"""

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.newsroom.credit import CreditReader, find_credits, find_provenance_markers  # noqa: E402
from lint.rules import builtin_dir, load_packs  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "furniture-dev"
EXCERPT = 50


def load() -> CreditReader:
    return CreditReader.from_lexicons(load_packs([builtin_dir()])[1])


def articles() -> dict[str, dict[str, list[str]]]:
    """{"clean": {name: lines}, "pages": {id: lines from the headline on}}."""
    clean = {p.name: p.read_text(encoding="utf-8").split("\n") for p in sorted((CORPUS / "clean").glob("*.txt"))}
    pages = {}
    with open(CORPUS / "pages.jsonl", encoding="utf-8") as handle:
        for record in map(json.loads, handle):
            lines = record["lines"]
            top = next((i for i, line in enumerate(lines) if line.get("headline")), 0)
            pages[record["id"]] = [line["text"] for line in lines[top:]]
    return {"clean": clean, "pages": pages}


def report(label: str, docs: dict[str, list[str]], outlets) -> None:
    forms, without = Counter(), 0
    print(f"== {label}: {len(docs)} articles")
    for name, lines in docs.items():
        credits = find_credits(lines, {}, [], outlets)
        forms.update({c.form for c in credits})
        without += not credits
        for credit in credits:
            print(f"  credit {name}:{credit.line + 1} {credit.form} {sorted(credit.outlets)} {list(credit.names)} | {credit.text[:80]}")
        text = "\n".join(lines)
        for marker in find_provenance_markers(text, outlets):
            excerpt = text[max(0, marker.start - EXCERPT):marker.end + EXCERPT].replace("\n", " ")
            print(f"  marker {name} {marker.strength} {marker.outlet}: ...{excerpt}...")
    print(f"  articles with a credit, by form: {dict(sorted(forms.items()))}")
    print(f"  articles without any credit: {without}")


def main() -> None:
    outlets = load()
    for label, docs in articles().items():
        report(label, docs, outlets)


if __name__ == "__main__":
    main()
