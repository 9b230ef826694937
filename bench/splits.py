"""Which part of a corpus an article or page belongs to: `tune` (read and tuned on) or
`validation` (held out: figures are reported on it, its pages are never read while designing).

The part is fixed by a hash of the page or article id, chosen before any tuning of the
open-web furniture, credit and language checks (December 2026): 30% of ids are validation.
Every bench script that reports a figure on real copy reports it per part.

    python bench/splits.py news-dev          # prints "<id>\t<part>" for every article
"""

import hashlib
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
VALIDATION_PERCENT = 30


def part(item_id: str) -> str:
    """'validation' for 30% of ids, 'tune' for the rest; stable across runs and machines."""
    bucket = int(hashlib.sha256(item_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    return "validation" if bucket < VALIDATION_PERCENT else "tune"


def corpus_ids(name: str) -> list[str]:
    """Ids of one corpus: page ids for the furniture sets, article ids for news-dev."""
    folder = CORPUS / name
    if name == "news-dev":
        rows = (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    else:
        rows = (folder / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(row)["id"] for row in rows if row.strip()]


if __name__ == "__main__":
    for item in corpus_ids(sys.argv[1] if len(sys.argv) > 1 else "news-dev"):
        print(f"{item}\t{part(item)}")
