"""Swapped credits: does the provenance check catch a story whose credit was changed to another
outlet, and stay quiet on the same story with its true credit?

Run from the repository root: `.venv/bin/python bench/credit_swaps.py`.

Stories: the news-dev articles and the furniture pages written out as text (as
bench/compare_reports.py does) whose credit names an outlet and whose text holds a
first-person marker of that same outlet ("told Reuters" in a Reuters story). Each is linted as
`copydesk check` runs it (page furniture first, then credit-line.provenance), twice:

- true credit: any provenance finding is a false alarm;
- swapped: every outlet alias on the story's credit lines replaced by another outlet (AFP for
  a Reuters story, Reuters for any other); caught when a finding names the true outlet.

Prints, per part of bench/splits.py (tune, validation), the number of stories, recall on the
swapped ones and the false-alarm rate on the true ones. Only figures are printed.
"""

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from compare_reports import CORPUS, COPYDESK  # noqa: E402
from splits import part  # noqa: E402

from lint.newsroom.credit import CreditReader, find_credits, find_provenance_markers  # noqa: E402
from lint.rules import builtin_dir, load_packs  # noqa: E402

RULE = "credit-line.provenance"
SWAP_TO = {"Reuters": "AFP"}   # any other credited outlet becomes Reuters
DEFAULT_SWAP = "Reuters"


@dataclass(frozen=True)
class Story:
    ident: str
    part: str
    outlets: frozenset[str]
    true_text: str
    swapped_text: str


def texts():
    """(id, text) of every news-dev article and furniture page."""
    for path in sorted((CORPUS / "news-dev" / "articles").glob("*.txt")):
        yield path.stem, path.read_text(encoding="utf-8")
    for name in ("furniture-dev", "furniture-wcxb-dev"):
        with open(CORPUS / name / "pages.jsonl", encoding="utf-8") as handle:
            for page in map(json.loads, handle):
                yield page["id"], "\n".join(item["text"] for item in page["lines"]) + "\n"


def swapped(lines: list[str], credit_lines: set[int], outlets: frozenset[str], reader) -> str:
    """The text with every alias on the credit lines replaced by the swap outlet's name."""
    target = SWAP_TO.get(next(iter(sorted(outlets))), DEFAULT_SWAP) if len(outlets) == 1 else DEFAULT_SWAP
    out = list(lines)
    for index in credit_lines:
        out[index] = reader.alias_re.sub(lambda match: target, out[index])
    return "\n".join(out)


def stories(reader) -> list[Story]:
    found = []
    for ident, text in texts():
        lines = text.split("\n")
        credits = [c for c in find_credits(lines, {}, [], reader) if c.form != "front-matter"]
        outlets = frozenset().union(*(c.outlets for c in credits)) if credits else frozenset()
        if not outlets or DEFAULT_SWAP in outlets and "AFP" in outlets:
            continue
        if not any(m.outlet in outlets for m in find_provenance_markers(text, reader)):
            continue
        found.append(Story(ident, part(ident), outlets, text,
                           swapped(lines, {c.line for c in credits}, outlets, reader)))
    return found


def provenance_outlets(files: dict[str, Path]) -> dict[str, set[str]]:
    """For each story id, the outlets its provenance findings name (linted as check runs)."""
    named = defaultdict(set)
    by_path = {str(path.resolve()): ident for ident, path in files.items()}
    paths = list(by_path)
    for start in range(0, len(paths), 300):
        run = subprocess.run(COPYDESK + ["check", "--format", "json", "--no-cache", *paths[start:start + 300]],
                             capture_output=True, text=True, cwd=ROOT)
        if run.returncode not in (0, 1):
            sys.exit(f"copydesk exited {run.returncode}: {run.stderr.strip()[-400:]}")
        for item in json.loads(run.stdout)["findings"]:
            if item["rule"] == RULE:
                named[by_path[str(Path(item["path"]).resolve())]].add(item["message"].split(" marks reporting by ", 1)[1].split(",")[0])
    return named


def main() -> None:
    reader = CreditReader.from_lexicons(load_packs([builtin_dir()])[1])
    found = stories(reader)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        true_files, swapped_files = {}, {}
        for number, story in enumerate(found):
            true_files[story.ident] = folder / f"true-{number:04d}.txt"
            swapped_files[story.ident] = folder / f"swapped-{number:04d}.txt"
            true_files[story.ident].write_text(story.true_text, encoding="utf-8")
            swapped_files[story.ident].write_text(story.swapped_text, encoding="utf-8")
        on_true, on_swapped = provenance_outlets(true_files), provenance_outlets(swapped_files)
    for share in ("tune", "validation"):
        chosen = [s for s in found if s.part == share]
        caught = sum(bool(on_swapped.get(s.ident, set()) & s.outlets) for s in chosen)
        alarms = sum(bool(on_true.get(s.ident)) for s in chosen)
        total = len(chosen) or 1
        print(f"{share}: {len(chosen)} stories with a marker of their own credited outlet; "
              f"swapped credit caught {caught}/{len(chosen)} (recall {caught / total:.3f}); "
              f"true credit false alarms {alarms}/{len(chosen)} ({alarms / total:.3f})")


if __name__ == "__main__":
    main()
