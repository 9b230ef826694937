"""Gates must never lose a match: a gated regex finds exactly what a full scan finds."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.newsroom.document import Document
from lint import gates, matching
from lint.patterns import GatedRegex, PhraseSet, compile_alternation, finditer
from lint.prefilter import DIGIT, NOT_WORD, analyse
from lint.rules import builtin_dir, load_packs

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "furniture-dev" / "clean"


@pytest.fixture(autouse=True)
def _gates_from_the_first_text(monkeypatch):
    """In a run gates start after GATE_AFTER characters; these tests want them at once."""
    monkeypatch.setattr(gates, "GATE_AFTER", 0)


def test_a_short_article_never_pays_for_reading_gates(monkeypatch):
    monkeypatch.setattr(gates, "GATE_AFTER", 1000)
    gated = GatedRegex(r"\brose\s+\d+")
    assert _spans(gated.finditer("Prices rose 5 points. " * 10)) == [(7 + 22 * k, 13 + 22 * k) for k in range(10)]
    assert gated._gate is None
    text = "Prices rose 5 points. " * 50
    assert len(list(gated.finditer(text))) == 50  # 220 + 1100 characters read: gated from here on
    assert len(list(gated.finditer(text + "x"))) == 50
    assert gated._gate


def _readable(found):
    return None if found is None else {text.replace(NOT_WORD, "_").replace(DIGIT, "#"): word for text, word in found}


@pytest.mark.parametrize(
    "pattern, openings, anchors",
    [
        (r"\b(?:rose|fell)\s+\d+", {"rose_#": True, "fell_#": True}, {"rose_#": True, "fell_#": True}),
        (r"(?<![\w.,])\d+\s*%", {"#_%": True, "#%": True}, {"#_%": True, "#%": True}),
        (r"\bpersons?\b", {"person_": True, "persons_": True}, {"person_": True, "persons_": True}),
        (r"(?:[$€]|US\$)\s?\d",
         {"$_#": False, "$#": False, "€_#": False, "€#": False, "us$_#": False, "us$#": False}, {"#": True}),
        (r"[,?]\s*[”]\s+(?:he|\p{Lu}\w+)\s+(claimed|admitted)\b",
         {",_”_he_claimed_": False, ",_”_he_admitted_": False, ",_”_": False, ",”_he_claimed_": False,
          ",”_he_admitted_": False, ",”_": False, "?_”_he_claimed_": False, "?_”_he_admitted_": False, "?_”_": False,
          "?”_he_claimed_": False, "?”_he_admitted_": False, "?”_": False},
         {"claimed_": True, "admitted_": True}),
        (r"(?-i:\p{Lu})\w+\s+said", None, {"said": True}),
        (r"sources\s+said", {"sources_said": False}, {"said": True}),
        (r"\bthe\s+(?:\w+ly\s+)?(?:regarded|seen)\s+by\b", {"the_": True, "the_regarded_by_": True, "the_seen_by_": True},
         {"regarded_by_": True, "seen_by_": True}),
        (r"\bcritics\b|\bexperts\b", {"critics_": True, "experts_": True}, {"critics_": True, "experts_": True}),
    ],
)
def test_what_a_gate_reads_off_a_pattern(pattern, openings, anchors):
    found_openings, found_anchors = analyse(pattern)
    assert _readable(found_openings) == openings
    assert _readable(found_anchors) == anchors


@pytest.mark.parametrize(
    "pattern",
    [
        r"\G\s*\w+",  # anchored where the scan is
        r"(?-i:\p{Lu})\w+\s*said",  # may begin with any capital, and no gap before "said"
        r"(\w)\1",  # a back-reference
        r"[[:alpha:]]+",  # a POSIX class
        r"(?:cat){e<=1}",  # fuzzy matching
        r"(?x) cat",  # verbose: spaces mean nothing
        r"x*",  # may match nothing
        r"(?a)\bcat",  # ASCII word boundaries
        r"\x41",  # a code point escape
    ],
)
def test_syntax_it_does_not_model_is_scanned_in_full(pattern):
    assert analyse(pattern) == (None, None)


# Words, digits (ASCII and not), apostrophes, and the characters `regex` folds into ASCII
# letters (Kelvin sign, dotted capital I, long s), next to each other in any order.
WORDS = ["rose", "Rose", "ROSE", "fell", "said", "Said", "us", "US$", "per", "cent", "the", "critics", "\u212aelvin",
         "kelvin", "\u0130stanbul", "istanbul", "\u017fays", "says", "claimed", "12", "٣", "²", "1,200", "x_rose",
         "rose_x", "roses", "é", "e\u0301"]
GLUE = [" ", "  ", "\n", "\n\n", ".", ",", "'", "’", "-", "$", "€", "%", "(", ")", "“", "”", '"', "", "_"]
texts = st.lists(st.sampled_from(WORDS + GLUE), max_size=30).map("".join)

PIECES = [
    r"\b", r"\s+", r"\s*", r"\d+", r"(?:rose|fell|said)", r"(?:us\$|\$|€)", r"rose", r"kelvin", r"istanbul",
    r"says", r"(?<![\w.,])", r"(?<!\w)", r"(?![\w'’])", r"(?:per\s+cent|%)", r"(?:the\s+)?", r"(?:\w+\s+){0,2}",
    r"[,.]", r"['’]", r"critics?", r"(?-i:[A-Z])", r"\p{Lu}", r"(claimed|admitted)", r"(?:roses?|cent)\b",
]
regexes = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)


def _spans(matches):
    return [match.span() for match in matches]


@pytest.mark.parametrize(
    "pattern, text",
    [
        (r"\brose", "roses rose_x Rose rose"),  # a word that starts with the opening
        (r"\brose\b", "roses rose_x Rose rose"),
        (r"(?<!\w)\d+", "٣ apples, 12 pears, x9"),  # a digit of any script
        (r"\bkelvin\b", "\u212aelvin and kelvin"),  # the Kelvin sign folds to k
        (r"\bsays\b", "\u017fays and says"),  # so does the long s to s
        (r"\bistanbul\b", "\u0130stanbul and istanbul"),
        (r"(?:us\$|\$)\d+", "costs US$12 or $3 or us$4"),
        (r"\s+(?:claimed|admitted)\b", "he claimed, she admitted."),
        (r"\b(?:a\s+third|half)\s+of\b", "a third of them, a thirdly of, half of, a  third of"),  # words after a gap
        (r"\brose\s+\d", "rose 5, rose five, rose ٣, rose\n12"),
        (r"(?<![\w.,])\d+(?:\.\d+)?\s+times\b", "3 times, 3.5 times, ٣ times, 3times, 3 timesx, x3 times"),
        (r"\bper\s+cen", "per cent, per century, per  cen, perc"),  # the last word left open
        (r"\bcent", "per cent, centre, decent"),
    ],
)
def test_gated_edges(pattern, text):
    assert analyse(pattern) != (None, None)
    for ignore_case in (True, False):
        expected = _spans(finditer(compile_alternation((pattern,), ignore_case), text))
        assert _spans(GatedRegex(pattern, ignore_case).finditer(text)) == expected
        assert expected or not ignore_case


@pytest.mark.parametrize("text", ["'said said' ’said said’ said", "said' 'said", "x'said'x said"])
def test_terms_next_to_apostrophes(text):
    phrases = PhraseSet([("term", "said"), ("term", "told reporters")])
    assert phrases.index
    expected = _spans(finditer(compile_alternation(phrases.regexes, True), text))
    assert list(phrases.spans(text)) == expected
    for start in range(len(text)):
        for end in range(start, len(text) + 1):
            assert list(phrases.spans(text, start, end)) == _spans(finditer(compile_alternation(phrases.regexes, True), text, start, end))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pattern=regexes, text=texts, ignore_case=st.booleans(), cut=st.tuples(st.integers(0, 400), st.integers(0, 400)))
def test_a_gated_regex_finds_what_a_full_scan_finds(pattern, text, ignore_case, cut):
    start, end = sorted((min(cut[0], len(text)), min(cut[1], len(text))))
    full = compile_alternation((pattern,), ignore_case)
    expected = _spans(finditer(full, text, start, end))
    if any(a == b for a, b in expected):
        return  # an empty match: gates only ever serve patterns that consume text
    gated = GatedRegex(pattern, ignore_case)
    assert _spans(gated.finditer(text, start, end)) == expected
    first = gated.first(text, start, end)
    assert (first.span() if first else None) == (expected[0] if expected else None)


def test_a_gated_regex_that_turns_to_search_after_costly_misses_finds_the_same(monkeypatch):
    """After a few misses a gated regex searches instead of trying each candidate (a miss can
    cost `regex` a scan to the end of the text for "times"); the matches must be the same."""
    monkeypatch.setattr(matching, "_MISSES", 2)
    monkeypatch.setattr(matching, "_COSTLY_MISS", 0.0)
    text = "1 x 2 x 3 times, 4 x 5 x 6 x 7 times and 8"
    gated = GatedRegex(r"\b\d+\s+\w*times\b")  # candidates: every number
    expected = _spans(finditer(compile_alternation((gated.pattern,)), text))
    assert expected == [(8, 15), (29, 36)]
    assert _spans(gated.finditer(text)) == expected
    assert gated.first(text, 9, len(text)).span() == (29, 36)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    entries=st.lists(
        st.one_of(st.tuples(st.just("term"), st.sampled_from(["rose", "said", "per cent", "US", "critics", "kelvin", "says"])),
                  st.tuples(st.just("regex"), regexes)),
        min_size=1, max_size=4),
    text=texts,
    ignore_case=st.booleans(),
)
def test_phrase_sets_with_gates_match_like_their_alternation(entries, text, ignore_case):
    phrases = PhraseSet(entries, ignore_case)
    expected = _spans(finditer(compile_alternation(phrases.regexes, ignore_case), text))
    assert list(phrases.spans(text)) == expected


def _corpus_texts():
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*")) if p.is_file()]
    if CORPUS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[12:40]]
    return texts


def test_builtin_substitutions_find_what_a_full_scan_finds_on_the_corpus():
    rules, _ = load_packs([builtin_dir()])
    swaps = [swap for r in rules if isinstance(r.prepared, dict) for swap, _ in r.prepared.get("swaps", ())]
    assert swaps and any(analyse(swap.pattern)[1] for swap in swaps)
    for text in _corpus_texts():
        prose = Document("x.txt", text).prose
        for swap in swaps:
            assert _spans(swap.finditer(prose)) == _spans(finditer(swap.compiled, prose)), swap.pattern
