"""Every credit-line finding on real copy: news-dev articles and the furniture pages written out
as text (as bench/compare_reports.py does), linted with every rule as `copydesk check` runs them.

Run from the repository root:

    .venv/bin/python bench/credit_findings.py counts          # findings per rule, corpus and part
    .venv/bin/python bench/credit_findings.py list            # tune-part findings with their line
    .venv/bin/python bench/credit_findings.py export OUT.jsonl   # every finding, for labelling

`export` also writes OUT_key.jsonl beside OUT ({"item", "file", "line", "rule", "part"}): the
rule of each item, which the labellers do not see.

`list` prints only tune-part items (the validation part is not read while tuning). `export`
writes one record per finding, {"item", "file", "line", "message", "context"}: the message
without the rule id, the flagged line with 3 lines before and after (for a missing credit, which is
reported at line 1: the article's first 7 lines, or a page's lines from 3 above its headline
to 12 below it, then its last 4 non-blank lines). The export holds corpus text (Reuters text too): keep it
outside the repository.
"""

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from compare_reports import CORPUS, json_findings, page_files  # noqa: E402
from splits import part  # noqa: E402

CONTEXT = 3


def _item_id(corpus: str, path: Path) -> str:
    """The article or page id of a file: news-dev's file stem, the page id after the number."""
    return path.stem if corpus == "news-dev" else path.stem.split("-", 1)[1]


def findings(scratch: Path) -> list[dict]:
    """Credit-line findings as {"corpus", "id", "part", "path", "rule", "line", "message"}."""
    sets = {"news-dev": sorted((CORPUS / "news-dev" / "articles").glob("*.txt"))}
    for name in ("furniture-dev", "furniture-wcxb-dev"):
        folder = scratch / name
        folder.mkdir()
        sets[name] = page_files(CORPUS / name / "pages.jsonl", folder)
    found = []
    for corpus, files in sets.items():
        for item in json_findings(files):
            if item["category"] != "credit-line":
                continue
            path = Path(item["path"])
            ident = _item_id(corpus, path)
            found.append({"corpus": corpus, "id": ident, "part": part(ident), "path": str(path),
                          "rule": item["rule"], "line": item["line"], "message": item["message"]})
    return sorted(found, key=lambda f: (f["corpus"], f["id"], f["line"], f["rule"]))


def headlines() -> dict[str, int]:
    """The labelled headline line (0-based) of every furniture page, by page id."""
    found = {}
    for name in ("furniture-dev", "furniture-wcxb-dev"):
        with open(CORPUS / name / "pages.jsonl", encoding="utf-8") as handle:
            for page in map(json.loads, handle):
                found[page["id"]] = next((i for i, item in enumerate(page["lines"]) if item.get("headline")), 0)
    return found


def context(path: str, line: int, rule: str, headline: int | None = None) -> str:
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    if rule == "credit-line.missing":
        top = 0 if headline is None else max(0, headline - CONTEXT)
        head = lines[top : top + 2 * CONTEXT + 1 if headline is None else headline + 13]
        tail = [t for t in lines if t.strip()][-4:]
        return "\n".join(head + ["[...]"] + tail)
    return "\n".join(lines[max(0, line - 1 - CONTEXT) : line + CONTEXT])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["counts", "list", "export"])
    parser.add_argument("out", nargs="?", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        found = findings(Path(tmp))
        if args.action == "counts":
            for (corpus, rule, share), n in sorted(Counter((f["corpus"], f["rule"], f["part"]) for f in found).items()):
                print(f"{corpus}\t{share}\t{rule}\t{n}")
        elif args.action == "list":
            for f in found:
                if f["part"] == "tune":
                    lines = Path(f["path"]).read_text(encoding="utf-8").split("\n")
                    print(f"{f['corpus']}/{f['id']}:{f['line']} {f['rule']} :: {lines[f['line'] - 1][:160]}")
        else:
            if args.out is None:
                sys.exit("export needs an output file")
            tops = headlines()
            key_path = args.out.with_name(args.out.stem + "_key.jsonl")
            with open(key_path, "w", encoding="utf-8") as key:
                for number, f in enumerate(found, 1):
                    key.write(json.dumps({"item": number, "file": f"{f['corpus']}/{f['id']}", "line": f["line"],
                                          "rule": f["rule"], "part": f["part"]}) + "\n")
            with open(args.out, "w", encoding="utf-8") as out:
                for number, f in enumerate(found, 1):
                    top = tops.get(f["id"]) if f["corpus"] != "news-dev" else None
                    out.write(json.dumps({"item": number, "file": f"{f['corpus']}/{f['id']}", "line": f["line"],
                                          "message": f["message"], "context": context(f["path"], f["line"], f["rule"], top)},
                                         ensure_ascii=False) + "\n")
            print(f"wrote {len(found)} findings to {args.out} and their rules to {key_path}")


if __name__ == "__main__":
    main()
