"""Sentence segmentation: the hand-made gold set, offsets and linear behaviour on long input."""

from pathlib import Path

import pytest
import yaml

from lint.newsroom.sentences import sentence_spans

GOLD_PATH = Path(__file__).parent / "data" / "sentences_gold.yaml"
GOLD = yaml.safe_load(GOLD_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", GOLD, ids=[case["text"][:40] for case in GOLD])
def test_gold(case):
    text = case["text"]
    assert [text[a:b] for a, b in sentence_spans(text)] == case["sentences"]


def test_window_offsets_index_the_whole_text():
    text = "Skip this. First one. Second one.  Tail"
    start = text.index("First")
    spans = sentence_spans(text, start, text.index("Tail"))
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one."]


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_blank_text_has_no_sentences(text):
    assert sentence_spans(text) == []


def test_whitespace_is_trimmed():
    assert sentence_spans("  One. Two.\n") == [(2, 6), (7, 11)]


def test_megabyte_without_punctuation_is_one_sentence():
    text = "word " * 200_000 + "end"
    assert sentence_spans(text) == [(0, len(text))]


def test_many_candidates_stay_linear_enough_to_finish():
    text = "He left. " * 50_000
    assert len(sentence_spans(text)) == 50_000
