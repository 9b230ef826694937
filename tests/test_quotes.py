"""lint.newsroom.quotes: one fixture per newsroom quotation convention (see NEWSROOM.md, "Quotes")."""

import random
import time
from pathlib import Path

import pytest

from lint.newsroom.quotes import QuoteSpan, paragraph_spans, scan_quotes

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_0234c8ca2d2e7ce2.txt"


def scan(text, style="us"):
    return scan_quotes(text, paragraph_spans(text), style)


def problems(text, style="us"):
    return [(p.code, p.start) for p in scan(text, style)[1]]


def quoted(text, style="us"):
    return [text[s.start : s.end] for s in scan(text, style)[0]]


# --- not errors --------------------------------------------------------------------------

CLEAN = {
    "curly": "“We will win,” she said.",
    "straight": 'He said, "We will win." Then he left.',
    "straight-before-dash": '"We will win"—or so he said.',
    "us-nesting": "“He told me, ‘Never again,’ and left,” she said.",
    "straight-nesting": "\"He told me, 'Never again,' and left,\" she said.",
    "contractions": "“Don’t go,” he said. It's late and we can't stay.",
    "possessives": "The students’ union met James' lawyer. “The players’ union agreed,” he said.",
    "possessive-in-single-quote": "‘The players’ union’ was the name.",
    "years": "Born in the '90s, raised in the ’80s, she loved the ‘70s too.",
    "rock-n-roll": "“I love rock 'n' roll, rock ’n’ roll,” he said. 'Rock 'n' roll,' she said.",
    "rock-n-roll-autocorrect": "“Rock ‘n’ roll,” he said.",
    "leading-elisions": "’Til then, ’em and ’cause, ’tis the season, 'em and 'til.",
    "dropped-g": "“We were goin’ home, nothin' else,” he said. ‘Just goin’,’ she said.",
    "names": "O’Brien met D'Angelo and O'Neil.",
    "heights": 'He is 6\'3" tall and 5′ 11″ wide. “He is 6\'3" tall,” she said.',
    "records": 'A 12" record. "He is 6\'3" tall," she said.',
    "coordinates": "The ship was at 40° 26' 46\" N.",
    "headline-single": "Israel says Turkey aims for 'protectorate'\n\nBody text here.",
    "headline-single-curly": "‘GMA’ Cookie Search: ‘Penguin Post Office’ opens\n\nBody.",
    "number-in-quotes": '"Party like it\'s 1999" is a song.',
    "single-number": "'Catch-22' is a novel. ‘1984’ is another.",
    "french": "Il a parlé d’un « mémorandum argumenté » et de «boîtes noires».",
    "german": "Er sagte: „Wir gewinnen.“ Und: »Nie wieder.« Sie: ‚gut‘.",
    "polish": "Powiedział: „Wygramy”.",
    "cjk-straight": '您认为这篇文章与" 新一网（08008.HK） "相关度高吗？',
    "cjk-single": "“今年是国家‘十三五’规划的关键时期，‘一带一路’建设。”",
    "empty-quotes": 'He said "" and left.',
    "soft-wrap": "“We will win,\nwe will,” she said.",
}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_conventions_are_not_errors(name):
    assert problems(CLEAN[name]) == []


def test_uk_nesting():
    text = "‘He told me, “Never again,” and left,’ she said."
    assert problems(text, "uk") == []
    assert quoted(text, "uk") == ["‘He told me, “Never again,” and left,’", "“Never again,”"]


def test_uk_copy_tolerates_us_nesting():
    assert problems(CLEAN["us-nesting"], "uk") == []


def test_multi_paragraph_quotation_is_carried_over():
    text = "“We will win,\nwe will.\n\n“And then we rest.\n\n“Forever,” he said."
    assert problems(text) == []
    assert quoted(text) == ["“We will win,\nwe will.", "“And then we rest.", "“Forever,”"]


def test_multi_paragraph_straight_and_nested_carry_over():
    text = "\"He said, 'go\n\n\"'and he went,' she said.\" Fine."
    assert problems(text) == []


def test_spans_have_depth_and_order():
    spans, _ = scan("“A ‘b “c” d’ e,” he said.")
    assert spans == [QuoteSpan(0, 16, 1), QuoteSpan(3, 12, 2), QuoteSpan(6, 9, 3)]


def test_apostrophes_make_no_spans():
    assert quoted("Don’t tell O’Brien about the ’90s or the students’ bus.") == []


def test_seed_article_is_clean():
    if not SEED.exists():
        pytest.skip("seed article absent")
    text = SEED.read_text(encoding="utf-8")
    spans, found = scan(text)
    assert found == []
    assert '"victory plan,"' in [text[s.start : s.end] for s in spans]


# --- errors ------------------------------------------------------------------------------


def test_unclosed_at_document_end():
    assert problems("Lead.\n\nHe said, “we will win.") == [("unclosed", 16)]


def test_unclosed_when_a_new_quote_opens():
    text = "“We will win, he said. “Next week.”"
    assert problems(text) == [("unclosed", 0)]


def test_unclosed_when_next_paragraph_neither_reopens_nor_closes():
    text = "“We will win,\n\nshe said.\n\nDone."
    found = scan(text)[1]
    assert [(p.code, p.start) for p in found] == [("unclosed", 0)]
    assert found[0].message == "add the closing mark for this “ where the speaker's words end"


def test_runs_on_into_next_paragraph():
    text = "Lead.\n\n“We will win,\n\nshe said, tomorrow.” Done."
    found = scan(text)[1]
    assert [(p.code, p.start) for p in found] == [("runs-on", 7)]
    assert "does not reopen" in found[0].message


def test_unclosed_straight_single_quote():
    assert problems("Fail to Stop 'Superbug Outbreaks") == [("unclosed", 13)]


def test_unopened_double():
    text = "He said no.” Then he left."
    found = scan(text)[1]
    assert [(p.code, p.start) for p in found] == [("unopened", 11)]
    assert found[0].message == "” here; add the opening mark where the speaker's words begin"


def test_unopened_single_after_punctuation():
    assert problems("He said no.’ Then he left.") == [("unopened", 11)]


def test_mixed_straight_opens_curly_closes():
    text = '"Minibars lose money,” Sharon said.'
    found = scan(text)[1]
    assert [(p.code, p.start) for p in found] == [("mixed", 21)]
    assert found[0].message == 'curly ” closes a straight " quotation'


def test_mixed_curly_opens_straight_closes():
    text = '“Hi," she said.'
    found = scan(text)[1]
    assert [(p.code, p.start) for p in found] == [("mixed", 4)]
    assert found[0].message == 'straight " closes a curly “ quotation'


def test_wrong_direction_at_paragraph_start():
    assert problems("Lead.\n\n”We go,” he said.") == [("wrong-direction", 7)]


def test_wrong_direction_after_space():
    assert problems("He said ”no” today.") == [("wrong-direction", 8)]


def test_wrong_direction_opening_mark_closes():
    assert problems("He said “no“ today.") == [("wrong-direction", 11)]


def test_wrong_direction_single():
    assert problems("’Hello,’ he said.") == [("wrong-direction", 0)]


def test_offsets_are_exact_across_soft_wraps():
    text = "Title\n\nFirst line\nsecond “line\nthird line.\n\nNext."
    start = text.index("“")
    assert problems(text) == [("unclosed", start)]
    problem = scan(text)[1][0]
    assert (problem.start, problem.end) == (start, start + 1)


def test_unknown_style_is_refused():
    with pytest.raises(ValueError):
        scan("“a”", "fr")


# --- robustness --------------------------------------------------------------------------


@pytest.mark.parametrize("mark", ['"', "“", "”", "'", "‘", "’", "«", "»", "„"])
def test_ten_thousand_marks_in_linear_time(mark):
    text = mark * 10_000
    began = time.perf_counter()
    spans, found = scan(text)
    assert time.perf_counter() - began < 2
    assert all(0 <= p.start < p.end <= len(text) for p in found)
    assert all(text[p.start] in "\"“”'‘’«»„" for p in found)


def test_deep_nesting():
    depth = 5_000
    text = "“‘" * depth + "x" + "’”" * depth
    began = time.perf_counter()
    spans, found = scan(text)
    assert time.perf_counter() - began < 2
    assert found == []
    assert max(span.depth for span in spans) == 2 * depth


def test_closer_far_below_a_deep_stack_stays_linear():
    text = "‘x " + "“x " * 10_000 + "y.’" * 10_000
    began = time.perf_counter()
    scan(text)
    assert time.perf_counter() - began < 2


def test_random_text_never_crashes_and_offsets_point_at_marks():
    rng = random.Random(20240501)
    alphabet = "ab1 \n.,—(\"“”„«»'‘’‚‹›′″五"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 200)))
        spans, found = scan(text, rng.choice(["us", "uk"]))
        for problem in found:
            assert text[problem.start] in "\"“”„«»'‘’‚‹›"
            assert problem.end == problem.start + 1
        for span in spans:
            assert 0 <= span.start < span.end <= len(text) and span.depth >= 1
        assert [s.start for s in spans] == sorted(s.start for s in spans)


# --- issue 14: NYT-style '' quotes, a plural possessive, one problem per error -------------


def test_nyt_doubled_apostrophes_are_a_double_quotation():
    text = "''We did not see it coming,'' the director said. ''Nor did they.''"
    assert problems(text) == []
    assert quoted(text) == ["''We did not see it coming,'", "''Nor did they.'"]


def test_nyt_doubled_apostrophes_still_report_an_unclosed_quotation():
    text = "''We did not see it coming, the director said."
    assert problems(text) == [("unclosed", 0)]


def test_plural_possessive_inside_nyt_quotation():
    text = "The director said: ''The agents' reports were late, and we lost a week.''"
    assert problems(text) == []
    assert quoted(text) == ["''The agents' reports were late, and we lost a week.'"]


def test_plural_possessive_inside_single_quotation():
    text = "She called it 'the agents' finest hour' in a speech."
    assert problems(text) == []
    assert quoted(text) == ["'the agents' finest hour'"]


def test_plural_possessive_near_miss_closes_when_nothing_follows():
    """With no later single mark, the s' closes the quotation as before."""
    text = "She called it 'a hit for the agents' and left."
    assert problems(text) == []
    assert quoted(text) == ["'a hit for the agents'"]


def test_one_misplaced_mark_is_one_problem():
    """`said," [Warhol] liked ..."` pairs wrongly twice; the paragraph gets one finding."""
    text = 'Wilkins said," they liked the photo booths".'
    assert problems(text) == [("unopened", 13)]


def test_a_wrong_way_closer_is_not_also_mixed():
    text = '"We are disappointed with the decision.“ However, the centre will stay open.'
    assert [code for code, _ in problems(text)] == ["wrong-direction"]


def test_two_errors_in_two_paragraphs_are_both_reported():
    text = 'Wilkins said," they liked it.\n\nShe added, they loved it" and left.'
    assert [code for code, _ in problems(text)] == ["unopened", "unopened"]
