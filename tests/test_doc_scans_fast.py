"""The shortcuts of the per-document credit and provenance scans find what the plain versions
find: the alias finder grouped by first letter, the trailer lines found by text search, and
the outlets hashed once."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.newsroom import credit
from lint.context import Context, _CreditLines, outlets_of
from lint.newsroom.document import Document
from lint.rules import builtin_dir, load_packs

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

OUTLETS = outlets_of(load_packs([builtin_dir()])[1])

WORDS = st.lists(st.sampled_from(["A", "AP", "AFP", "ABC", "ABC News", "R", "Reuters", "x", "é", "É", "[", "\\"]),
                 max_size=6)
TEXT = st.lists(st.sampled_from(["A", "AP", "AFP", "ABC News", "Reuters", "x", " ", "é", "[", "\\", "\n"]),
                max_size=30).map("".join)


@SETTINGS
@given(WORDS, TEXT)
def test_aliases_grouped_by_first_letter_match_where_the_flat_alternation_does(words, text):
    flat = re.compile("(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")")
    grouped = re.compile(credit._by_first_letter(words))
    assert [bool(grouped.match(text, i)) for i in range(len(text) + 1)] == [
        bool(flat.match(text, i)) for i in range(len(text) + 1)
    ]


LINE_TOKENS = [
    "Reporting by Jane Doe", "Jane Doe contributed reporting.", "Writing by Joe Bloggs", "Compiled by AP",
    "© 2024 Reuters", "(c) 2024 The Associated Press", "Copyright 2024 AFP", "copyright 2024 AFP",
    "COPYRIGHT", "C", "c", "(", "©", "By Jane Doe", "Word", "words here", "#", "> ", "*", "_", " ", "\t",
    "\x1c", "\xa0", "\u3000", "\n", "\n\n", "(AP) -", "LONDON (Reuters) - ",
]
ARTICLE = st.lists(st.sampled_from(LINE_TOKENS), max_size=60).map("".join)


@SETTINGS
@given(ARTICLE, st.integers(0, 40))
def test_trailer_lines_hold_every_line_that_may_trail(text, first):
    doc = Document("a.txt", text)
    found = credit.trailer_lines(doc.prose, doc.line_starts, first)
    expected = [i for i, line in enumerate(doc.prose_lines)
                if i >= first and credit._may_trail(line.lstrip(credit._LEADING_MARKUP))]
    assert set(expected) <= set(found)
    assert all(first <= i < len(doc.line_starts) for i in found) and found == sorted(set(found))


def test_the_trailer_words_are_those_may_trail_looks_for():
    for word in credit._TRAILER_WORDS:
        assert credit._may_trail("x" + word)
    assert not credit._may_trail("xcontribute Report Write Compile")


@SETTINGS
@given(ARTICLE, st.sets(st.integers(1, 40), max_size=5))
def test_credits_over_the_view_are_those_over_a_plain_list_of_lines(text, hidden):
    doc = Document("a.txt", "Headline\n\n" + "One two three four five six seven eight nine ten eleven twelve.\n" * 13 + text)
    view = _CreditLines(doc, hidden)
    plain = [line for line in view]
    fields = ["byline"]
    assert credit.find_credits(view, {}, fields, OUTLETS) == credit.find_credits(plain, {}, fields, OUTLETS)


def test_outlets_hash_and_compare_as_their_tuple():
    known = credit._Outlets(OUTLETS)
    assert hash(known) == hash(tuple(OUTLETS)) == hash(known) and known == tuple(OUTLETS)
    assert credit._alias_re(known) is credit._alias_re(tuple(OUTLETS))


def test_context_credits_use_the_view():
    doc = Document("a.txt", "Headline\n\nBy Jane Doe\n\n" + "Words here.\n" * 30 + "\nJane Doe contributed reporting.\n")
    ctx = Context(doc, {"credit_fields": [], "quote_style": "us"}, {}, OUTLETS)
    assert [c.form for c in ctx.credits] == ["byline", "trailer"]
