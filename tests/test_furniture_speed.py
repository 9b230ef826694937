"""The detector's fast paths (lint/newsroom/furniture/) agree with the plain per-line computation.

Line features come from string methods and bytes.translate instead of regexes, and phrases
are matched by one scan over a document's joined lines instead of one match per line and
role; the references below are the per-line code those replaced.
"""

from pathlib import Path

import pytest
import regex
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.alternation import by_first_letter, opening_letter
from lint.newsroom import furniture as F
from lint.newsroom.furniture import lines as L, phrases as P
from lint.patterns import term_pattern

ROOT = Path(__file__).resolve().parent.parent
OPTS = dict(F.DEFAULTS)


def reference_line(line: str) -> tuple:
    """A line's features as the detector computed them with a regex each."""
    stripped = line.strip()
    bullet = L._BULLET.match(stripped)
    text = stripped[bullet.end():] if bullet else stripped
    cjk = len(L._CJK.findall(text))
    words = len(L._WORD.findall(text)) - cjk + (cjk + 1) // 2
    sentence = bool(L._SENTENCE_END.search(text))
    prose = words >= OPTS["min_body_words"] and (sentence or words >= 2 * OPTS["min_body_words"])
    marker = "" if not bullet else "#" if stripped[:1].isdigit() else "*"
    indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
    return (not stripped, text, words, bool(bullet), marker, sentence, bool(L._LETTER.search(text)), prose, indent,
            False)   # credit: no line is one for the test's recogniser (_no_credit)


def _no_credit(text: str) -> bool:
    return False


def reference_unmarked(text: str) -> str:
    text = L._EMPHASIS.sub("", text).strip() or text
    return L._NUMERIC_EDGES.sub("", text) or text


def reference_kinds(lines: list[str], phrases: dict) -> list[tuple]:
    """Each line matched against each role's full alternation, one line at a time."""
    roles = [(role, regex.compile("|".join(f"(?:{p})" for p in phrases[role]), regex.IGNORECASE | regex.V0))
             for role in P._MATCH_ORDER if phrases.get(role)]
    out = []
    for line in lines:
        item = L._Line(*reference_line(line))
        out.append((None, False))
        if item.blank:
            continue
        core = reference_unmarked(item.text)
        for role, pattern in roles:
            if role != "labels" and item.words > OPTS["max_phrase_words"]:
                continue
            found = pattern.match(core)
            if not found:
                continue
            filled = not core[found.end():].strip(" :.…»›>")
            if role == "sections" and not filled or role == "headers" and item.text.endswith("."):
                continue
            out[-1] = (role, filled)
            break
    return out


def kinds(lines: list[str], phrases: dict) -> list[tuple]:
    found, whole = P.phrase_kinds(L.describe_lines(lines, OPTS, _no_credit), P.compile_phrases(P.frozen_phrases(phrases)), OPTS)
    return list(zip(found, whole))


@pytest.fixture(scope="module")
def builtin_phrases():
    by_name = {}
    for path in sorted((ROOT / "rules" / "lexicons").glob("furniture-*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        by_name[data["name"]] = P.compile_lexicon(data)
    rule = yaml.safe_load((ROOT / "rules" / "page-furniture" / "scraped-boilerplate.yaml").read_text(encoding="utf-8"))
    return {role: [p for name in rule["options"].get(role, []) for p in by_name[name]] for role in P.ROLES}


# Characters that tell the fast paths from the regexes: bullets, emphasis, edges, closers,
# spaces that str.strip and \s disagree on, digits and letters of other scripts, CJK.
ALPHABET = list("ab oO1.2)*_[]-–•»›>:;!?…\"'’”)(#|,\t") + ["\x1c", "\u2003", "\xa0", "٣", "é", "कि", "日本", "한", "ſ", "K"]
LINES = st.lists(st.sampled_from(ALPHABET), max_size=14).map("".join)
WORDS = st.sampled_from(["more", "from", "Latest", "news", "Share", "menu", "tags", "reply", "12", "x", "Home",
                         "Read more", "©", "Follow @bbc", "log in", "Image caption", "opens in new window", "…"])
PHRASE_LINES = st.lists(st.one_of(WORDS, LINES), min_size=0, max_size=5).map(" ".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LINES, PHRASE_LINES), max_size=8))
def test_line_features_are_those_of_the_regexes(lines):
    assert [tuple(item) for item in L.describe_lines(lines, OPTS, _no_credit)] == [reference_line(line) for line in lines]
    for item in L.describe_lines(lines, OPTS, _no_credit):
        if not item.blank:
            assert P._unmarked(item.text) == reference_unmarked(item.text)


# Patterns whose matches run past a line, match empty, or end at the line's end.
EDGY = [r"more\s+from", r"x?", r"a.*", r"tags\s*(?::|$)", r"\W+\w", r"(?:share|12)\s*", r"news\s+\S+", r"[^a]*b"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LINES, PHRASE_LINES, st.just("")), max_size=12),
       st.lists(st.sampled_from(EDGY), max_size=3), st.sampled_from(list(P.ROLES)))
def test_scanned_kinds_are_those_of_matching_each_line(builtin_phrases, lines, extra, role):
    phrases = {name: list(patterns) for name, patterns in builtin_phrases.items()}
    phrases[role] = extra + phrases[role]
    assert kinds(lines, phrases) == reference_kinds(lines, phrases)


def test_a_match_running_into_the_next_line_is_not_taken_for_either(builtin_phrases):
    phrases = {"headers": [term_pattern("More from"), term_pattern("More")], "notices": [r"from\s+x\s*$"]}
    lines = ["More", "from x", "More", "", "from the archive"]
    assert kinds(lines, phrases) == reference_kinds(lines, phrases) == [
        ("headers", True), ("notices", True), ("headers", True), (None, False), (None, False)]


@pytest.mark.parametrize("pattern", [
    r"menu(?=\s)", r"menu\Z", r"\Amenu", r"menu\s*+$", r"(?>menu\s*)$", r"(a)\1", r"(?i)menu",
    r"(?P<x>menu)", r"(?:menu){e<=1}", r"menu(*SKIP)x", r"(?<=\n)menu", r"a{1,2}+"])
def test_patterns_that_read_a_line_end_differently_turn_the_scan_off(pattern):
    assert not P._scan_safe(pattern)
    lines = ["menu", "", "menu  ", "main menu", "aa", "a"]
    phrases = {"notices": [pattern, r"main"]}
    assert not P.compile_phrases(P.frozen_phrases(phrases)).scanned
    assert kinds(lines, phrases) == reference_kinds(lines, phrases)


def test_the_builtin_lexicons_are_scanned(builtin_phrases):
    assert P.compile_phrases(P.frozen_phrases(builtin_phrases)).scanned
    for patterns in builtin_phrases.values():
        for pattern in patterns:
            assert P._scan_safe(pattern), pattern


def test_term_look_behind_is_dropped_only_where_it_opens_the_pattern():
    assert P._at_line_start(term_pattern("Read more")) == r"Read\s+more(?![\w'’])"
    assert P._at_line_start(r"(?<![\w'’])?x") == r"(?<![\w'’])?x"
    assert P._at_line_start(r"x(?<![\w'’])") == r"x(?<![\w'’])"


def test_every_cjk_character_is_outside_the_ranges_skipped():
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    cjk = L._CJK.findall(everything)
    assert cjk and all(L._MAYBE_CJK.match(char) for char in cjk)


def test_ascii_edges_are_those_of_the_regexes():
    for code in range(128):
        char = chr(code)
        assert (char in L._LEADING_EDGE) == bool(regex.match(L._EDGE_START, char))
        assert (char in L._TRAILING_EDGE) == bool(regex.match(L._EDGE_END, char))
        assert (L._ASCII_WORDS[code] != 32) == bool(regex.match(r"\w", char))


def test_patterns_are_grouped_by_opening_letter_only_where_order_is_kept():
    assert opening_letter(r"More\s+from", ignore_case=True) == "m"
    for pattern in [r"x?y", r"a*", r"a{2}", r"ab|cd", r"\(?c\)", r".{0,80}x", r"©"]:
        assert opening_letter(pattern) is None, pattern
    assert opening_letter(r"a(?:b|c)[|]") == "a"
    grouped = by_first_letter([r"More\s+from", r"Latest", r"\d+\s*min", r"most", r"Menu", "x"], ignore_case=True)
    assert grouped == r"m(?:(?:ore\s+from))|l(?:(?:atest))|(?:\d+\s*min)|m(?:(?:ost)|(?:enu))|x(?:(?:))"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([r"More\s+from", r"more", r"Most", r"latest\s+\w+", r"m\w*", r"\w+", r"l?", "x", r"ab|m"]),
                min_size=1, max_size=6), LINES)
def test_grouped_alternation_matches_as_the_plain_one(patterns, line):
    flags = regex.IGNORECASE | regex.V0
    plain = regex.match("|".join(f"(?:{p})" for p in patterns), line, flags)
    grouped = regex.match(by_first_letter(patterns, ignore_case=True), line, flags)
    assert (plain and plain.span()) == (grouped and grouped.span())


# Patterns that skip lazily to a mark on the line (_mark): the scans leave them out on lines
# without one, and must still find what matching each line with every pattern finds.
MARKED = [r".{0,6}?(?:…|\.\.\.)\s*more", r".*?:\s*$", r".+?(?:-|\|)\s*x", r".{2,}?;", r".{0,3}?\.\s*(?:12|news)"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LINES, PHRASE_LINES, st.just("")), max_size=12),
       st.lists(st.sampled_from(MARKED + EDGY), min_size=1, max_size=3), st.sampled_from(list(P.ROLES)))
def test_kinds_with_patterns_that_skip_to_a_mark_are_those_of_matching_each_line(builtin_phrases, lines, extra, role):
    phrases = {name: list(patterns) for name, patterns in builtin_phrases.items()}
    phrases[role] = extra + phrases[role]
    assert kinds(lines, phrases) == reference_kinds(lines, phrases)


def test_marks_are_found_only_where_a_lazy_skip_opens_the_pattern(builtin_phrases):
    assert P._mark(r".{0,400}?(?:…|\.\.\.)\s*(?:read more|weiterlesen)\b") == ("…", "...")
    assert P._mark(r".*?\(x") == ("(",)
    assert P._mark(r".+?(?:-|\||::)\s*$") == ("-", "|", "::")
    assert P._mark(r".{0,9}?-:?x") == ("-",)
    for pattern in [r".{0,80}\(opens in\)", r".{0,9}?…|more", r"\.{0,3}?…", r".{0,9}?(?:…|a)", r".{0,9}?\s",
                    r".{0,9}?(?:…)?x", r".{0,9}?…?x", r".{0,9}?(?:…){0,2}", r".{0,9}?…*", r"(?:.{0,9}?…)", r"x.{0,9}?…", r".{}?…"]:
        assert P._mark(pattern) == (), pattern
    assert P.compile_phrases(P.frozen_phrases(builtin_phrases)).marks == ("...", "…")


def test_marks_match_only_themselves_ignoring_case():
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    plain = regex.findall(P._MARK_TEXT, "\n".join(everything))
    escaped = regex.findall(P._MARK_TEXT, "\n".join("\\" + chr(code) for code in range(128)))
    marks = set(plain + [mark[1] for mark in escaped])
    assert "…" in marks and "." in marks and "(" in marks and "a" not in marks
    found = regex.findall(f"[{regex.escape(''.join(marks))}]", everything, regex.IGNORECASE | regex.V0)
    assert sorted(found) == sorted(marks)


def test_the_characters_made_spaces_before_counting_words_are_those_outside_w():
    everything = "".join(chr(code) for code in range(128, 0x110000) if not 0xD800 <= code < 0xE000)
    assert set(L._OTHER_NON_WORD.sub("", everything)) == set(regex.findall(r"\w", everything))


def reference_repeated(text: str) -> bool:
    tokens = text.split()
    n = len(tokens)
    for times in (2, 3):
        size = n // times
        if n % times == 0 and 2 <= size <= OPTS["max_phrase_words"] and tokens == tokens[:size] * times:
            return not L._FULL_STOP.search(tokens[size - 1])
    return False


REPEATS = st.tuples(st.lists(st.sampled_from(["Sponsored", "links", "x.", "a", "…", "News!", "»", "b)", "c.”", "’"]),
                             min_size=1, max_size=9), st.sampled_from([1, 2, 3]), st.sampled_from([" ", "  ", "\t", "\u2003"]))


@settings(max_examples=400, deadline=None)
@given(st.one_of(REPEATS.map(lambda r: r[2].join(r[0] * r[1])), LINES))
def test_repeated_link_text_is_that_of_the_plain_split(text):
    text = text.strip()
    if text:
        assert L._repeated(text, OPTS) == reference_repeated(text)
