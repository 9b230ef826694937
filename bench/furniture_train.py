"""Fit the furniture line model (lint/newsroom/furniture/weights.json) on the tune part.

Usage (from the repo root):  .venv/bin/python bench/furniture_train.py [--epochs N]

Examples: every non-blank line of the tune pages of furniture-wcxb-dev and furniture-dev
(labelled body or furniture), and every line of the tune part's clean texts (news-dev stories,
the page sets' gold article texts: all story).  Features come from the detector's own layout
steps (lint.newsroom.furniture.analyse and model.features), so what is fitted is what runs.
Logistic regression, Adagrad with L2, in plain Python; the validation part is never read.
"""

import argparse
import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from furniture_score import PAGE_SETS, clean_texts  # noqa: E402
from splits import CORPUS, part  # noqa: E402

from lint.newsroom.furniture import analyse  # noqa: E402
from lint.newsroom.furniture.model import WEIGHTS, LineContext, features, neighbourhood  # noqa: E402
from lint.newsroom.furniture.verdict import never_furniture  # noqa: E402
from lint.newsroom.credit import CreditReader  # noqa: E402
from lint.rules import builtin_dir, load_packs  # noqa: E402

# furniture-dev has a tenth of wcxb's pages: its lines count more, so both shape the model
SET_WEIGHT = {"furniture-wcxb-dev": 1.0, "furniture-dev": 4.0, "clean": 0.5}


def examples_of(lines: list[str], labels: list[bool] | None, prepared: dict, weight: float) -> list:
    """(feature names, is furniture, weight, in the article span, fitted) for the non-blank
    lines of one text (labels None: all story); lines never furniture are not fitted but
    their scores are the neighbourhood of others."""
    page = analyse(lines, prepared["phrases"], prepared["thresholds"], prepared["reader"])
    context = LineContext(page, page.start, page.end, page.headline)
    body = [i for i in context.shown if not (labels and labels[i])] or [-1]
    return [(features(page, i, context), bool(labels and labels[i]), weight, body[0] <= i <= body[-1],
             not never_furniture(page, i)) for i in context.shown]


def collect(prepared: dict) -> list:
    rows = []
    for name in PAGE_SETS:
        for raw in (CORPUS / name / "pages.jsonl").read_text(encoding="utf-8").splitlines():
            page = json.loads(raw)
            if part(page["id"]) != "tune":
                continue
            lines = [line["text"] for line in page["lines"]]
            labels = [line["label"] == "furniture" for line in page["lines"]]
            rows.append(examples_of(lines, labels, prepared, SET_WEIGHT[name]))
    for name in ("news-dev", *PAGE_SETS):
        for item_id, path in clean_texts(name):
            if part(item_id) == "tune":
                rows.append(examples_of(path.read_text(encoding="utf-8").split("\n"), None, prepared,
                                        SET_WEIGHT["clean"]))
    return rows


def fit(rows: list, epochs: int, rate: float = 0.1, l2: float = 1e-5) -> dict[str, float]:
    weights: dict[str, float] = {"bias": 0.0}
    squares: dict[str, float] = {}
    order = list(range(len(rows)))
    random.Random(12).shuffle(order)
    for epoch in range(epochs):
        loss = 0.0
        for k in order:
            names, label, weight = rows[k]
            names = ["bias", *names]
            total = sum(weights.get(n, 0.0) for n in names)
            p = 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))
            loss -= weight * math.log(p if label else 1.0 - p + 1e-12) if (p if label else 1 - p) > 0 else 30.0
            grad = weight * (p - label)
            for n in names:
                w = weights.get(n, 0.0)
                g = grad + l2 * w
                squares[n] = squares.get(n, 1e-8) + g * g
                weights[n] = w - rate * g / math.sqrt(squares[n])
        print(f"epoch {epoch + 1}: mean loss {loss / len(rows):.4f}", file=sys.stderr)
    return weights


def _kept(weights: dict[str, float]) -> dict[str, float]:
    return {n: round(w, 4) for n, w in sorted(weights.items()) if abs(w) >= 1e-3}


def sweep(rows: list, weights: dict[str, float]) -> None:
    """Span F1 and story lines flagged on the training lines (the pages only) at a few
    thresholds: a sanity check, optimistic by construction; bench/furniture_score.py says
    what users get."""
    scored = [(1.0 / (1.0 + math.exp(-max(min(weights["bias"] + sum(weights.get(n, 0.0) for n in names), 30), -30))),
               label, inside) for names, label, weight, inside, _ in rows if weight != SET_WEIGHT["clean"]]
    story = sum(1 for _, label, _ in scored if not label)
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        tp = sum(1 for p, label, inside in scored if inside and label and p >= threshold)
        fp = sum(1 for p, label, inside in scored if not label and p >= threshold)
        fn = sum(1 for p, label, inside in scored if inside and label and p < threshold)
        print(f"threshold {threshold}: span F1 {2 * tp / max(2 * tp + fp + fn, 1):.3f}, "
              f"story flagged {100 * fp / max(story, 1):.2f}%", file=sys.stderr)


def probability(weights: dict[str, float], names: list[str]) -> float:
    total = weights["bias"] + sum(weights.get(n, 0.0) for n in names)
    return 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))


def second_stage(pages: list, lines_weights: dict[str, float]) -> list:
    """The pages' rows with the neighbourhood features of the first stage's scores."""
    staged = []
    for rows in pages:
        first = [probability(lines_weights, row[0]) for row in rows]
        staged.append([(neighbourhood(first, k), *row[1:]) for k, row in enumerate(rows)])
    return staged


def fitted(pages: list) -> list:
    return [(names, label, weight) for rows in pages for names, label, weight, _, fit_it in rows if fit_it]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=6)
    args = parser.parse_args()
    rules, lexicons = load_packs([builtin_dir()])
    prepared = {**next(r for r in rules if r.id == "page-furniture.scraped-boilerplate").prepared,
                "reader": CreditReader.from_lexicons(lexicons)}
    pages = collect(prepared)
    rows = fitted(pages)
    print(f"{len(rows)} lines, {sum(r[1] for r in rows)} furniture", file=sys.stderr)
    lines_weights = fit(rows, args.epochs)
    staged = second_stage(pages, lines_weights)
    neighbourhood_weights = fit(fitted(staged), args.epochs)
    sweep([row for rows in staged for row in rows if row[4]], neighbourhood_weights)
    payload = {"about": "furniture line model; fitted by bench/furniture_train.py on the tune part "
                        "of furniture-wcxb-dev, furniture-dev and the clean texts",
               "epochs": args.epochs, "lines": _kept(lines_weights), "neighbourhood": _kept(neighbourhood_weights)}
    WEIGHTS.write_text(json.dumps(payload, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"weights written to {WEIGHTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
