"""The shortcuts of the credit and provenance scans find what the plain versions find: the
alias finder grouped by first letter, the trailer lines found by one scan of the text, the
markers tried only around aliases, the credits read through the context's view."""

import re

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.alternation import by_first_letter, literal_alternation
from lint.context import Context, _CreditLines
from lint.newsroom.credit import CreditReader, find_credits, find_provenance_markers, trailer_lines
from lint.newsroom.credit import lines as forms
from lint.newsroom.credit.markers import alias_starts
from lint.newsroom.document import Document
from lint.rules import builtin_dir, load_packs

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
READER = CreditReader.from_lexicons(load_packs([builtin_dir()])[1])

WORDS = st.lists(st.sampled_from(["A", "AP", "AFP", "ABC", "ABC News", "R", "Reuters", "x", "é", "É", "[", "\\", ""]),
                 max_size=6)
TEXT = st.lists(st.sampled_from(["A", "AP", "AFP", "ABC News", "Reuters", "x", " ", "é", "[", "\\", "\n"]),
                max_size=30).map("".join)


@SETTINGS
@given(WORDS, TEXT)
def test_literals_grouped_by_first_letter_match_where_the_flat_alternation_does(words, text):
    flat = re.compile("(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")")
    grouped = re.compile(literal_alternation(words))
    assert [bool(grouped.match(text, i)) for i in range(len(text) + 1)] == [
        bool(flat.match(text, i)) for i in range(len(text) + 1)
    ]


PATTERNS = st.lists(st.sampled_from([r"More\s+from", "most", "Menu", r"\d+", "x", "m", r"a(?:b|c)", "ab|x", "a?b", ""]),
                    max_size=6)
LINE = st.lists(st.sampled_from(["More from", "most", "MENU", "12", "x", "m", "ab", "ac", "b", " "]), max_size=4).map("".join)


@SETTINGS
@given(PATTERNS, LINE, st.booleans())
def test_patterns_grouped_by_first_letter_match_as_the_plain_alternation(patterns, line, ignore_case):
    flags = regex.IGNORECASE if ignore_case else 0
    plain = regex.match("|".join(f"(?:{p})" for p in patterns), line, flags) if patterns else None
    grouped = regex.match(by_first_letter(patterns, ignore_case), line, flags) if patterns else None
    assert (plain and plain.span()) == (grouped and grouped.span())


LINE_TOKENS = [
    "Reporting by Jane Doe", "Jane Doe contributed reporting.", "Writing by Joe Bloggs", "Compiled by AP",
    "© 2024 Reuters", "(c) 2024 The Associated Press", "Copyright 2024 AFP", "copyright 2024 AFP",
    "COPYRIGHT", "C", "c", "(", "©", "By Jane Doe", "Word", "words here", "#", "> ", "*", "_", " ", "\t",
    "\x1c", "\xa0", "\u3000", "\n", "\n\n", "(AP) -", "LONDON (Reuters) - ", "Reuter", "REUTER", ". ",
]
ARTICLE = st.lists(st.sampled_from(LINE_TOKENS), max_size=60).map("".join)


@SETTINGS
@given(ARTICLE, st.integers(0, 40))
def test_trailer_lines_hold_every_line_a_trailer_form_takes(text, first):
    doc = Document("a.txt", text)
    found = trailer_lines(doc.prose, doc.line_starts, first, READER)
    expected = [i for i, line in enumerate(doc.prose_lines)
                if i >= first and forms.trailer(forms.clean(line), READER)]
    assert set(expected) <= set(found)
    assert all(first <= i < len(doc.line_starts) for i in found) and found == sorted(set(found))


class _Plain(list):
    """A plain list of lines that reads hidden credit lines as the view does."""

    def __init__(self, view):
        super().__init__(view)
        self.credit_text, self.plain, self.plain_lines = view.credit_text, view.plain, view.plain_lines


@SETTINGS
@given(ARTICLE, st.sets(st.integers(1, 40), max_size=5))
def test_credits_over_the_view_are_those_over_a_plain_list_of_lines(text, hidden):
    doc = Document("a.txt", "Headline\n\n" + "One two three four five six seven eight nine ten eleven twelve.\n" * 13 + text)
    view = _CreditLines(doc, hidden, READER)
    assert find_credits(view, {}, ["byline"], READER) == find_credits(_Plain(view), {}, ["byline"], READER)


def test_a_credit_line_taken_for_furniture_still_credits_the_story():
    doc = Document("a.txt", "HEADLINE\n\nLONDON, Feb 26 - Shares rose.\n\nThey fell later.\n\nReuter\n")
    hidden = {7}
    credits = find_credits(_CreditLines(doc, hidden, READER), {}, [], READER)
    assert [(c.line, c.form, c.outlets) for c in credits] == [(6, "trailer", frozenset({"Reuters"}))]
    doc = Document("a.txt", "HEADLINE\n\nLONDON, Feb 26 - Shares rose.\n\nThey fell later.\n\nMore news\n")
    assert find_credits(_CreditLines(doc, {7}, READER), {}, [], READER) == []


def test_context_credits_use_the_view():
    doc = Document("a.txt", "Headline\n\nBy Jane Doe\n\n" + "Words here.\n" * 30 + "\nJane Doe contributed reporting.\n")
    ctx = Context(doc, {"credit_fields": [], "quote_style": "us"}, {}, READER)
    assert [c.form for c in ctx.credits] == ["byline", "trailer"]


def _ref_alias_starts(text):
    starts = set()
    for alias in READER.bare_aliases:
        at = text.find(alias)
        while at >= 0:
            starts.add(at)
            at = text.find(alias, at + 1)
    return sorted(starts)


def _ref_markers(text):
    """Each marker pattern matched from every offset of the text (no window, no alias finder):
    per outlet occurrence the first form that takes it, strong before interview."""
    found = []
    for at in _ref_alias_starts(text):
        for compiled, strength in READER.marker_res:
            hits = [m for m in (compiled.match(text, i) for i in range(at + 1)) if m and _slot(m) == at]
            hits = [m for m in hits if strength == "strong" or READER.outlet_of(m) in READER.data.interview_outlets]
            if hits:
                found.append((hits[0].start(), hits[0].group(), READER.outlet_of(hits[0]), strength))
                break
    for compiled, outlet in READER.house_form_res:
        found += [(m.start(), m.group(), outlet, "strong") for m in compiled.finditer(text)]
    return sorted(found)


def _slot(match):
    return next(match.start(name) for name, value in match.groupdict().items()
                if value is not None and name.startswith("o") and "_" in name)


MARKER_TOKENS = [
    "seen by ", "ſeen by ", "SEEN BY ", "told ", "revİewed by ", "reached by ", "spoke to ", "in an interview with ",
    "a ", "an ", "the ", "The ", "could not verify", " reporter", " tally", "Reuters", "Thomson Reuters", "AP", "CAP",
    "AP-", "'AP", "’AP", "APé", "éAP", "AFP", "ABC News", "ABC Newsroom", "ABC", "Editing by",
    "(Reporting by Jane; Editing by Joe)", " ", "\n", ".", ",", "told a ",
]
marker_texts = st.lists(st.sampled_from(MARKER_TOKENS), max_size=30).map("".join)


@SETTINGS
@given(marker_texts)
def test_alias_starts_hold_every_slot_match(text):
    slot = regex.compile(READER.alias_pattern, regex.V1)
    starts = set(alias_starts(text, READER))
    for match in slot.finditer(text, overlapped=True):
        assert _slot(match) in starts
    assert starts <= set(_ref_alias_starts(text))


@SETTINGS
@given(marker_texts)
def test_markers_tried_around_aliases_are_those_matched_from_every_offset(text):
    found = [(m.start, m.phrase, m.outlet, m.strength) for m in find_provenance_markers(text, READER)]
    assert found == _ref_markers(text)


def test_the_missing_credit_check_finds_text_exactly_where_str_isalnum_does():
    from lint.kinds.credit import _ALNUM

    for code in range(0x110000):
        char = chr(code)
        assert bool(_ALNUM.match(char)) == char.isalnum(), hex(code)
