"""Are the JSON reports the same as before a change? For moves that must not change behaviour.

Usage (from the repo root):
    .venv/bin/python bench/compare_reports.py save /tmp/before.json
    ... make the change ...
    .venv/bin/python bench/compare_reports.py compare /tmp/before.json

It lints every corpus in ../shared/corpus (news-dev articles, the furniture pages written out
as text files, their clean/ articles) and the test fixtures with `copydesk check --format json
--no-cache`, and keeps each set's findings keyed by file. `compare` prints, per set, the number
of files and findings and whether they are identical, then the first differences; it exits 1
when any set differs.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
COPYDESK = [sys.executable, "-m", "lint"]


def page_files(pages: Path, folder: Path) -> list[Path]:
    """Each labelled page written out as the text a scraper would hand over, one line per line."""
    files = []
    for number, line in enumerate(pages.read_text(encoding="utf-8").splitlines()):
        page = json.loads(line)
        path = folder / f"{number:04d}-{page['id']}.txt"
        path.write_text("\n".join(item["text"] for item in page["lines"]) + "\n", encoding="utf-8")
        files.append(path)
    return files


def text_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md") and p.is_file())


def json_findings(files: list[Path]) -> list[dict]:
    """The JSON report's findings for these files, linted 300 at a time with the defaults."""
    found = []
    for start in range(0, len(files), 300):
        chunk = [str(p) for p in files[start : start + 300]]
        run = subprocess.run(COPYDESK + ["check", "--format", "json", "--no-cache", *chunk],
                             capture_output=True, text=True, cwd=ROOT)
        if run.returncode not in (0, 1):
            sys.exit(f"copydesk exited {run.returncode}: {run.stderr.strip()[-400:]}")
        found += json.loads(run.stdout)["findings"]
    return found


def lint(files: list[Path], base: Path) -> dict[str, list]:
    """Findings per file (path relative to base), in report order."""
    found: dict[str, list] = {str(p.relative_to(base)): [] for p in files}
    for finding in json_findings(files):
        key = str(Path(finding.pop("path")).resolve().relative_to(base.resolve()))
        found.setdefault(key, []).append(finding)
    return found


def snapshot() -> dict[str, dict]:
    sets: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for name in ("furniture-dev", "furniture-wcxb-dev"):
            if (CORPUS / name / "pages.jsonl").is_file():
                folder = scratch / name
                folder.mkdir()
                sets[f"{name}/pages"] = lint(page_files(CORPUS / name / "pages.jsonl", folder), folder)
                sets[f"{name}/clean"] = lint(text_files(CORPUS / name / "clean"), CORPUS / name / "clean")
        if (CORPUS / "news-dev" / "articles").is_dir():
            articles = CORPUS / "news-dev" / "articles"
            sets["news-dev/articles"] = lint(text_files(articles), articles)
    fixtures = ROOT / "tests" / "fixtures"
    sets["tests/fixtures"] = lint(text_files(fixtures), fixtures)
    return sets


def compare(before: dict, after: dict) -> bool:
    same_everywhere = True
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, {}), after.get(name, {})
        count = sum(len(v) for v in new.values())
        same = old == new
        same_everywhere &= same
        print(f"{name}: {len(new)} files, {count} findings (before {sum(len(v) for v in old.values())}): "
              + ("identical" if same else "DIFFERENT"))
        if not same:
            shown = 0
            for key in sorted(set(old) | set(new)):
                if old.get(key) != new.get(key) and shown < 5:
                    shown += 1
                    gone = [f for f in old.get(key, []) if f not in new.get(key, [])]
                    added = [f for f in new.get(key, []) if f not in old.get(key, [])]
                    print(f"  {key}: -{len(gone)} +{len(added)}", (gone + added)[:2])
    return same_everywhere


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "compare"])
    parser.add_argument("snapshot", type=Path)
    args = parser.parse_args()
    current = snapshot()
    if args.action == "save":
        args.snapshot.write_text(json.dumps(current), encoding="utf-8")
        print(f"saved {sum(len(s) for s in current.values())} files' findings to {args.snapshot}")
        return
    before = json.loads(args.snapshot.read_text(encoding="utf-8"))
    sys.exit(0 if compare(before, current) else 1)


if __name__ == "__main__":
    main()
