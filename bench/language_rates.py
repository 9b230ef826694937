"""Language checks (attribution, unsourced claims, quote balance) on hard news: findings per
article, precision from independent labels with the labellers' agreement, and recall against
articles read in full, every figure split by part (bench/splits.py).

Usage (from the repo root):
    .venv/bin/python bench/language_rates.py                      # findings per article
    .venv/bin/python bench/language_rates.py --show tune          # list tune-part findings
    .venv/bin/python bench/language_rates.py --sample OUT --key KEY   # labelling sample
    .venv/bin/python bench/language_rates.py --labels A B --recall RA RB   # raw label files

With no --labels, precision is read from tests/data/language_precision_labels.jsonl and recall
from tests/data/language_recall_{a,b}.jsonl (the committed labels).

The corpora are the news of ../shared/corpus: every news-dev article, the furniture-dev/clean
pages whose genre is news, and the furniture-wcxb-dev/clean pages with "news" in their URL
(that set labels no genre; the recall set chose its pages the same way). Rules off by default are left out: the figures are what
a newsroom sees with the defaults.

--sample writes, for labellers who must not see rule ids, one row per sampled finding
{item, file, line, part, message, sentence, context} (context: the paragraph before, the
finding's paragraph and the one after) and --key the item -> {rule, category} mapping.
--labels reads two labellers' {item, label, why} files against the sample and key and prints
precision per category and part with Cohen's kappa. --recall reads two labellers' rows
{article, line, category} for the articles read in full and prints recall per category and
part against their union and against each one. --show lists findings of the tune part only:
the validation part is never read while designing.
"""

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from lint.rules import builtin_dir, load_packs  # noqa: E402
from lint.runner import Runner  # noqa: E402
from splits import CORPUS, part  # noqa: E402

CATEGORIES = ("attribution", "unsourced-claim", "quote-balance")
PARTS = ("tune", "validation")
RECALL_CATEGORIES = ("unsourced-claim", "loaded-verb", "unnamed-source", "quote-without-speaker")
# The recall labellers' categories, by rule: every unsourced-claim rule is one category.
RECALL_OF_RULE = {
    "attribution.loaded-verb": "loaded-verb",
    "attribution.anonymous-source": "unnamed-source",
    "attribution.bare-source": "unnamed-source",
    "attribution.weasel": "unnamed-source",
    "attribution.hedge": "unnamed-source",
    "attribution.unnamed-study": "unnamed-source",
    "attribution.quote-without-speaker": "quote-without-speaker",
}
SAMPLE_MIN = {"attribution": 120, "unsourced-claim": 120}
DATA = ROOT / "tests" / "data"
# Two labellers' precision labels on the sample drawn at SAMPLE_COMMIT (they describe the rules
# of that commit: a later rule change needs a new sample), and the recall labellers' items.
PRECISION_LABELS = DATA / "language_precision_labels.jsonl"
SAMPLE_COMMIT = "e7a4d86"
RECALL_LABELS = (DATA / "language_recall_a.jsonl", DATA / "language_recall_b.jsonl")
SEED = 14


def recall_category(rule: str) -> str | None:
    if rule.startswith("unsourced-claim."):
        return "unsourced-claim"
    return RECALL_OF_RULE.get(rule)


def news_articles() -> list[tuple[str, str, Path]]:
    """(corpus, id, path) of every news article, in a stable order."""
    chosen = []
    news = CORPUS / "news-dev"
    for row in (news / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if row.strip():
            item = json.loads(row)
            chosen.append(("news-dev", item["id"], news / item["file"]))
    for name, is_news in (
        ("furniture-dev", lambda page, path: page.get("genre") == "news"),
        ("furniture-wcxb-dev", lambda page, path: "news" in page.get("url", "").lower()),
    ):
        folder = CORPUS / name
        for row in (folder / "pages.jsonl").read_text(encoding="utf-8").splitlines():
            if row.strip():
                page = json.loads(row)
                path = folder / "clean" / f"{page['id']}.txt"
                if is_news(page, path):
                    chosen.append((name, page["id"], path))
    return chosen



def language_rule_ids() -> list[str]:
    rules, _ = load_packs([builtin_dir()])
    return [rule.id for rule in rules if rule.category in CATEGORIES and rule.enabled]


def _block_index(doc, offset: int) -> int | None:
    return next((i for i, b in enumerate(doc.blocks) if b.start <= offset < b.end), None)


def sentence_of(doc, offset: int) -> str:
    if not doc.sentences:
        return ""
    start, end, _ = doc.sentences[doc.sentence_index(offset)]
    return " ".join(doc.text[start:end].split())


def context_of(doc, offset: int) -> str:
    """The finding's paragraph with its neighbours, blank-line separated."""
    index = _block_index(doc, offset)
    if index is None:
        return ""
    chosen = doc.blocks[max(index - 1, 0): index + 2]
    return "\n\n".join(" ".join(doc.text[b.start:b.end].split()) for b in chosen)


def collect(parts=PARTS, with_text: bool = True) -> tuple[list[dict], Counter]:
    """Every finding on the news articles of the given parts, and the article count per
    (corpus, part)."""
    runner = Runner(select=language_rule_ids())
    records, articles = [], Counter()
    for corpus, item, path in news_articles():
        where = part(item)
        if where not in parts or not path.exists():
            continue
        articles[(corpus, where)] += 1
        doc, findings, notices = runner.lint_text(path.name, path.read_bytes(), ROOT)
        for notice in notices:
            print(notice, file=sys.stderr)
        for f in findings:
            offset = doc.line_starts[f.line - 1] + f.column - 1
            record = {"corpus": corpus, "id": item, "part": where,
                      "file": str(path.relative_to(CORPUS)), "line": f.line, "column": f.column,
                      "rule": f.rule, "category": f.category, "message": f.message}
            if with_text:
                record["sentence"] = sentence_of(doc, offset)
                record["context"] = context_of(doc, offset)
            records.append(record)
    return records, articles


def print_rates(records: list[dict], articles: Counter) -> None:
    print("findings per article, by corpus and part")
    for corpus in sorted({c for c, _ in articles}):
        for where in PARTS:
            n = articles[(corpus, where)]
            if not n:
                continue
            counts = Counter(r["category"] for r in records if r["corpus"] == corpus and r["part"] == where)
            rates = "  ".join(f"{c} {counts[c]:4} ({counts[c] / n:.2f})" for c in CATEGORIES)
            print(f"  {corpus:19} {where:10} {n:4} articles  {rates}")
    for where in PARTS:
        n = sum(v for (_, p), v in articles.items() if p == where)
        per_rule = Counter(r["rule"] for r in records if r["part"] == where)
        print(f"by rule, {where} ({n} articles)")
        for rule in sorted(per_rule):
            print(f"  {rule:38} {per_rule[rule]:5}  {per_rule[rule] / max(n, 1):.2f}/article")


# --- the labelling sample -------------------------------------------------------------

_MESSAGE_PREFIX = re.compile(r"^\S+\s*")


def sample(records: list[dict], rng: random.Random) -> list[dict]:
    """Every quote-balance finding; of the other categories, one random finding from every
    article that has any (so the sample spans every article with findings), then random
    others up to SAMPLE_MIN per category (all of them when there are fewer); both parts
    mixed, in random order."""
    chosen = [r for r in records if r["category"] == "quote-balance"]
    for category, least in SAMPLE_MIN.items():
        pool = [r for r in records if r["category"] == category]
        rng.shuffle(pool)
        first, seen = [], {r["file"] for r in chosen}
        for r in pool:
            if r["file"] not in seen:
                seen.add(r["file"])
                first.append(r)
        rest = [r for r in pool if not any(r is f for f in first)]
        chosen += first + rest[: max(least - len(first), 0)]
    rng.shuffle(chosen)
    return chosen


def write_sample(chosen: list[dict], sample_path: Path, key_path: Path) -> None:
    with sample_path.open("w", encoding="utf-8") as out, key_path.open("w", encoding="utf-8") as key:
        for item, r in enumerate(chosen, 1):
            out.write(json.dumps({"item": item, "file": r["file"], "line": r["line"], "part": r["part"],
                                  "message": r["message"], "sentence": r["sentence"],
                                  "context": r["context"]}, ensure_ascii=False) + "\n")
            key.write(json.dumps({"item": item, "file": r["file"], "line": r["line"], "column": r["column"],
                                  "part": r["part"], "rule": r["rule"], "category": r["category"]}) + "\n")


# --- precision and agreement ----------------------------------------------------------

def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def kappa(pairs: list[tuple[int, int]]) -> float | None:
    """Cohen's kappa of two labellers' 0/1 labels on the same items."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def labelled_rows(key_rows: list[dict], labels_a: list[dict], labels_b: list[dict]) -> list[dict]:
    """The key joined with both labellers' labels: the rows of PRECISION_LABELS."""
    a = {row["item"]: int(row["label"]) for row in labels_a}
    b = {row["item"]: int(row["label"]) for row in labels_b}
    return [{**row, "label_a": a[row["item"]], "label_b": b[row["item"]]}
            for row in key_rows if row["item"] in a and row["item"] in b]


def print_precision(rows: list[dict]) -> None:
    key = {row["item"]: row for row in rows}
    a = {row["item"]: row["label_a"] for row in rows}
    b = {row["item"]: row["label_b"] for row in rows}
    print(f"precision: {len(key)} sampled findings, labeller a {len(a)}, labeller b {len(b)}")
    print("  (an item counts as correct for 'both' when both labellers say 1)")
    for category in CATEGORIES:
        for where in PARTS + ("all",):
            items = [i for i, row in key.items() if row["category"] == category
                     and (where == "all" or row["part"] == where) and i in a and i in b]
            if not items:
                continue
            pa = sum(a[i] for i in items) / len(items)
            pb = sum(b[i] for i in items) / len(items)
            both = sum(a[i] and b[i] for i in items) / len(items)
            agree = sum(a[i] == b[i] for i in items)
            k = kappa([(a[i], b[i]) for i in items])
            kappa_text = "n/a" if k is None else f"{k:.2f}"
            print(f"  {category:16} {where:10} n={len(items):4}  a {pa:.3f}  b {pb:.3f}  both {both:.3f}  "
                  f"agree {agree}/{len(items)}  kappa {kappa_text}")
    by_rule = defaultdict(list)
    for i, row in key.items():
        if i in a and i in b:
            by_rule[row["rule"]].append((a[i], b[i]))
    print("  by rule (a, b correct / labelled)")
    for rule in sorted(by_rule):
        pairs = by_rule[rule]
        print(f"    {rule:38} a {sum(x for x, _ in pairs)}/{len(pairs)}  b {sum(y for _, y in pairs)}/{len(pairs)}")


# --- recall ---------------------------------------------------------------------------

def recall_articles() -> list[str]:
    path = DATA / "language_recall_set.txt"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def _article_key(name: str) -> str:
    """Recall rows name an article by path or by id; both reduce to the file's stem and corpus."""
    path = Path(name)
    corpus = next((p for p in path.parts if p in ("news-dev", "furniture-dev", "furniture-wcxb-dev")), "")
    return f"{corpus}/{path.stem}" if corpus else path.stem


def print_recall(records: list[dict], rows_a: list[dict], rows_b: list[dict], slack: int) -> None:
    """Recall of the findings against wanted (article, line, category) items: a wanted item
    is found when a finding of its category lies within `slack` lines of it."""
    articles = recall_articles()
    keys = {_article_key(a) for a in articles}
    found = defaultdict(list)
    for r in records:
        category = recall_category(r["rule"])
        key = _article_key(r["file"])
        if category and key in keys:
            found[(key, category)].append(r["line"])
            found[(r["id"], category)].append(r["line"])

    def wanted_of(rows):
        out = set()
        for row in rows:  # rows without a category mark an article as read ("done")
            key = _article_key(row["article"])
            if row.get("category") in RECALL_CATEGORIES:
                out.add((key, int(row["line"]), row["category"]))
        return out

    wanted_a, wanted_b = wanted_of(rows_a), wanted_of(rows_b)
    union = wanted_a | wanted_b
    part_of = {_article_key(a): part(Path(a).stem) for a in articles}
    print(f"recall: {len(articles)} articles read in full; items wanted: a {len(wanted_a)}, "
          f"b {len(wanted_b)}, union {len(union)}, both {len(wanted_a & wanted_b)}")
    ours = {(key, line, category) for (key, category), lines in found.items() if "/" in key for line in lines}
    near = sum(any(w[0] == o[0] and w[2] == o[2] and abs(w[1] - o[1]) <= slack for w in union) for o in ours)
    print(f"  findings of these categories in those articles: {len(ours)}, on an item the union wants: {near}")
    for category in RECALL_CATEGORIES:
        for where in PARTS:
            cells = []
            for name, wanted in (("union", union), ("a", wanted_a), ("b", wanted_b)):
                items = [w for w in wanted if w[2] == category and part_of.get(w[0], part(w[0].split("/")[-1])) == where]
                hit = sum(any(abs(line - w[1]) <= slack for line in found.get((w[0], category), [])) for w in items)
                cells.append(f"{name} {hit}/{len(items)}" + (f" ({hit / len(items):.2f})" if items else ""))
            print(f"  {category:22} {where:10} " + "  ".join(cells))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", choices=["tune"], help="list the tune part's findings")
    parser.add_argument("--category", help="with --show: only this category or rule prefix")
    parser.add_argument("--sample", type=Path, help="write a labelling sample (both parts)")
    parser.add_argument("--key", type=Path, help="with --sample: where the item -> rule key goes")
    parser.add_argument("--labels", type=Path, nargs=2, metavar=("A", "B"), help="two labellers' precision labels")
    parser.add_argument("--sample-key", type=Path, default=Path("/work/labels/language_findings_key.jsonl"))
    parser.add_argument("--recall", type=Path, nargs=2, metavar=("A", "B"), help="two labellers' recall rows")
    parser.add_argument("--slack", type=int, default=0, help="lines between a wanted item and a finding")
    args = parser.parse_args(argv)

    parts = ("tune",) if args.show else PARTS
    records, articles = collect(parts)
    print_rates(records, articles)
    if args.show:
        for r in records:
            if args.category and not r["rule"].startswith(args.category):
                continue
            print(f"{r['rule']} {r['file']}:{r['line']}:{r['column']}  {r['message']}\n    {r['sentence']}")
    if args.sample:
        if not args.key:
            parser.error("--sample needs --key")
        chosen = sample(records, random.Random(SEED))
        write_sample(chosen, args.sample, args.key)
        count = Counter(r["category"] for r in chosen)
        files = Counter(r["part"] for r in {r["file"]: r for r in chosen}.values())
        print(f"sample: {len(chosen)} findings {dict(count)} from {sum(files.values())} articles {dict(files)}")
    if args.labels:
        print_precision(labelled_rows(read_jsonl(args.sample_key), read_jsonl(args.labels[0]), read_jsonl(args.labels[1])))
    elif PRECISION_LABELS.exists():
        print(f"precision labels: {PRECISION_LABELS.relative_to(ROOT)} (the sample drawn at {SAMPLE_COMMIT})")
        print_precision(read_jsonl(PRECISION_LABELS))
    recall = args.recall or [path for path in RECALL_LABELS if path.exists()]
    if len(recall) == 2:
        print_recall(records, read_jsonl(recall[0]), read_jsonl(recall[1]), args.slack)
    return 0


if __name__ == "__main__":
    sys.exit(main())
