"""Time linear in the length of one sentence (issue 17, point 5).

A sentence repeated without a full stop is one sentence that grows with the file. Linting four
times as much must cost about four times the CPU, not sixteen (the bound is eight, for noise).
bench/long_sentences.py prints the full table, up to 384 KB and a 10 MB line.
"""

import time
from pathlib import Path

import pytest

from lint.newsroom.document import Document
from lint.runner import Runner

REPEATED = ("shares fell 5% ", "40 percent of voters ", "12 people were killed ", "the highest ever ")


@pytest.fixture(scope="module")
def linter():
    return Runner(use_cache=False).linter_for(Path("."))


def _cpu(linter, unit: str, size: int) -> float:
    raw = ("Headline\n\n" + unit * (size // len(unit)) + "\n").encode()
    best = float("inf")
    for _ in range(2):
        began = time.process_time()
        linter.lint(Document.from_bytes("long.txt", raw))
        best = min(best, time.process_time() - began)
    return best


@pytest.mark.parametrize("unit", REPEATED)
def test_one_long_sentence_costs_time_linear_in_its_length(linter, unit):
    _cpu(linter, unit, 20_000)  # compiles the patterns and reads the gates
    short, long = _cpu(linter, unit, 32 * 1024), _cpu(linter, unit, 128 * 1024)
    assert long < 8 * short + 0.1, f"{unit!r}: 32 KB {short:.2f} s, 128 KB {long:.2f} s of CPU"
