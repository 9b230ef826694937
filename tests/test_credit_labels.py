"""The precision and agreement figures of bench/credit_labels.py."""

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "credit_labels.py"
spec = importlib.util.spec_from_file_location("credit_labels", BENCH)
credit_labels = importlib.util.module_from_spec(spec)
spec.loader.exec_module(credit_labels)


def test_kappa_is_zero_for_chance_agreement_and_one_for_full_agreement():
    assert credit_labels.kappa([(1, 1), (1, 0), (0, 0), (0, 1)]) == 0.0
    assert credit_labels.kappa([(1, 1)] * 8 + [(0, 0)] * 2) == 1.0
    assert round(credit_labels.kappa([(1, 1)] * 6 + [(1, 0)] * 2 + [(0, 0)] * 2), 3) == 0.545


def test_summary_counts_split_items_neither_way():
    line = credit_labels.summary([(1, 1), (1, 1), (0, 0), (1, 0)])
    assert "n=4" in line and "both-agree=0.667 (split 1)" in line and "A=0.750 B=0.500" in line


def test_the_committed_labels_cover_every_item_with_a_0_or_1_and_no_reuters_text():
    key = credit_labels.read(credit_labels.DEFAULTS[0])
    items = {row["item"] for row in key}
    for path in credit_labels.DEFAULTS[1:]:
        labels = credit_labels.read(path)
        assert {row["item"] for row in labels} == items and all(row["label"] in (0, 1) for row in labels)
        reuters = {row["item"] for row in key if row["file"].startswith("news-dev/reuters-")}
        assert not any("why" in row for row in labels if row["item"] in reuters)
