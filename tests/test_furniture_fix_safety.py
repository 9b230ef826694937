"""The detector never takes story copy for furniture (what --fix would delete), and fixing twice
changes nothing: the inputs the reliability property tests found, the general rules behind
them, and a property test over articles with inline teaser boxes and free-form headlines.

Rules (lint/newsroom/furniture/):
- a prose paragraph after a teaser box is the story going on, unless a list claims it (a
  summary under a bulleted title, laid out as the list's other summaries, or one of a run of
  title + summary pairs that goes on under it);
- the headline is never below a body paragraph: the first title-like line of the file wins
  when a lede sits close under it and reaches the body through a box;
- a body-like paragraph above the chosen headline with more body after it is kept;
- repeated link text is a short phrase (at most max_phrase_words) said two or three times,
  never a sentence written twice;
- with no headline found, the first line of the file is the headline unless a phrase or a
  list marks it.
"""

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint import fix
from lint.config import HOUSE_SPEC
from lint.engine import Linter
from lint.newsroom.document import Document
from lint.schema import validate
from lint.newsroom.credit import CreditReader
from lint.rules import builtin_dir, load_packs
from lint.newsroom.furniture import ROLES, compile_lexicon, find_furniture

ROOT = Path(__file__).resolve().parent.parent
READER = CreditReader.from_lexicons(load_packs([builtin_dir()])[1])


def detect(lines, phrases, options=None):
    """find_furniture with the built-in credit recogniser, as the engine runs it."""
    return find_furniture(lines, phrases, options, READER)


LEDE = "The talks resumed on Monday in Geneva after a week of delays, officials said."
AFTER = "Ministers from both sides met to discuss tariffs and the border dispute, officials said."
MID_ARTICLE = [
    "Talks Resume In Geneva As Deadline Nears", "", "By Jane Doe, Reuters", "", LEDE, "",
    "More from International News", "", "Trade Ministers Meet Behind Closed Doors", "",
    "Border Dispute Divides Two Countries", "", AFTER, "",
]


@pytest.fixture(scope="module")
def phrases():
    by_name = {}
    for path in sorted((ROOT / "rules" / "lexicons").glob("furniture-*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        by_name[data["name"]] = compile_lexicon(data)
    rule = yaml.safe_load((ROOT / "rules" / "page-furniture" / "scraped-boilerplate.yaml").read_text(encoding="utf-8"))
    return {role: [p for name in rule["options"].get(role, []) for p in by_name[name]] for role in ROLES}


def flagged_numbers(lines, phrases) -> set[int]:
    """1-based non-blank lines flagged."""
    return {i + 1 for a, b, *_ in detect(lines, phrases) for i in range(a, b + 1) if lines[i].strip()}


def fix_once(lines, phrases) -> list[str]:
    """The lines left after removing the flagged blocks the way --fix removes them."""
    ranges = [(block.first + 1, block.last + 1) for block in detect(lines, phrases) if block.fixable]
    removed = fix.removal_lines(lines, ranges) if ranges else set()
    return [line for n, line in enumerate(lines, start=1) if n not in removed]


def test_the_paragraph_after_a_mid_article_teaser_list_is_kept(phrases):
    assert flagged_numbers(MID_ARTICLE, phrases) == {7, 9, 11}


def test_a_teaser_repeating_the_headline_is_not_taken_for_it(phrases):
    lines = list(MID_ARTICLE)
    lines[8] = lines[0]
    assert flagged_numbers(lines, phrases) == {7, 9, 11}


def test_a_teaser_repeating_the_headline_above_a_longer_story_part(phrases):
    # the body span is the part under the box, so the teaser sits where a headline would
    more = [AFTER, "", "Both delegations are expected to stay in Geneva until Friday, when the deadline for a deal "
            "expires and the mediators will report back to the council, officials said.", ""]
    lines = list(MID_ARTICLE[:8]) + [MID_ARTICLE[0], "", "Border Dispute Divides Two Countries", ""] + more
    assert flagged_numbers(lines, phrases) == {7, 9, 11}


def test_a_paragraph_of_one_sentence_said_twice_is_kept(phrases):
    lines = ["Talks Resume In Geneva", "", "By Jane Doe, Reuters", "", LEDE, "", AFTER, "", f"{LEDE} {LEDE}"]
    assert flagged_numbers(lines, phrases) == set()


@pytest.mark.parametrize("line, repeated", [
    ("Sponsored Links Sponsored Links", True),
    ("How Your Brain Corrupts Your Shopping Choices How Your Brain Corrupts Your Shopping Choices", True),
    ("Most Read Most Read Most Read", True),
    ("He said no. He said no.", False),                                 # a sentence, twice
    (f"{AFTER} {AFTER}", False),                                        # too long for link text
    ("one two three four five six seven eight nine " * 2, False),
])
def test_repeated_link_text_is_short_and_never_a_sentence(line, repeated, phrases):
    lines = ["Talks Resume In Geneva", "", LEDE, "", AFTER, "", line.strip(), "", LEDE.replace("Monday", "Tuesday")]
    assert (7 in flagged_numbers(lines, phrases)) is repeated


@pytest.mark.parametrize("headline", ["The The The Talks", "The The The The", "Ceasefire", "Talks Resume Today",
                                      "Why the talks failed:"])
def test_the_first_line_is_the_headline_and_fixing_twice_changes_nothing(headline, phrases):
    lines = [headline, "", "By Jane Doe", "", AFTER, "", LEDE, "", "More from World", "",
             "Trade Ministers Meet Behind Closed Doors", "", "Share this article"]
    assert flagged_numbers(lines, phrases) == {9, 11, 13}
    fixed = fix_once(lines, phrases)
    assert fixed[0] == headline and fix_once(fixed, phrases) == fixed


def test_navigation_above_a_real_headline_is_still_flagged(phrases):
    nav = ["Skip to content", "* Home", "* World", "Introducing Our New App For Readers", "Sign in"]
    body = [LEDE, AFTER, "Both delegations are expected to stay in Geneva until Friday, officials said."]
    lines = []
    for part in nav + ["Talks resume in Geneva after a week of delays"] + body:
        lines += [part, ""]
    assert flagged_numbers(lines, phrases) == {1, 3, 5, 7, 9}


def test_a_teaser_summary_laid_out_like_the_list_is_taken_and_a_paragraph_at_the_margin_is_not(phrases):
    box = ["Related stories", "", "  • Anglers report fish deaths on the upper river", "",
           "    Dozens of dead fish were found along a two-mile stretch of the river last summer, the club said.", "",
           "  • Beach reopens after water quality tests", ""]
    summary = "    Swimmers returned to the main beach on Friday after tests showed the water was clean again, officials said."
    top = ["Water Company Fined Over Sewage Spills", "", LEDE, ""]
    assert flagged_numbers(top + box + [summary], phrases) == {5, 7, 9, 11, 13}
    assert flagged_numbers(top + box + [AFTER], phrases) == {5, 7, 9, 11}


# ---------------------------------------------------------------- property: no lost text

WORDS = ("ministers talks resumed the on Monday in Geneva after a week of delays while ministers from both "
         "sides met behind closed doors to discuss tariffs trade and the border dispute that has "
         "divided the two countries for years according to officials familiar with the plan").split()
word = st.sampled_from(WORDS)
sentence = st.lists(word, min_size=10, max_size=22).map(lambda ws: " ".join(ws).capitalize() + ", officials said.")
title = st.lists(word, min_size=1, max_size=9).map(lambda ws: " ".join(w.capitalize() for w in ws))
summary = st.lists(word, min_size=12, max_size=30).map(lambda ws: " ".join(ws).capitalize() + ".")


@st.composite
def teaser_box(draw, headline: str):
    lines = [f"More from {draw(st.sampled_from(['World', 'International News', 'Business']))}", ""]
    bullet = draw(st.sampled_from(["", "  • ", "- ", "* "]))
    for _ in range(draw(st.integers(2, 5))):
        # a teaser may repeat or resemble the story's own headline
        text = draw(st.one_of(title.filter(lambda t: len(t.split()) >= 4), st.just(headline), st.just(headline.upper())))
        lines += [bullet + text, ""]
        if draw(st.booleans()):
            lines += ["    " + draw(summary) if bullet else draw(summary), ""]
    return lines


@st.composite
def stories(draw):
    """(lines, 1-based lines that must stay): any headline (sharing words with the lede or
    not, however short), a credit, paragraphs, a teaser box between two of them, chrome after."""
    sentences = draw(st.lists(sentence, min_size=2, max_size=10, unique=True))
    headline = draw(title)
    lines = [headline, "", draw(st.sampled_from(["By Jane Doe, Reuters", "AFP", "By Jane Doe"])), ""]
    keep = {1}
    cuts = sorted(draw(st.sets(st.integers(1, len(sentences) - 1), min_size=1, max_size=4)))
    paragraphs = [" ".join(sentences[a:b]) for a, b in zip([0, *cuts], [*cuts, len(sentences)])]
    box_at = draw(st.integers(1, len(paragraphs) - 1))
    for index, text in enumerate(paragraphs):
        if index == box_at:
            lines += draw(teaser_box(headline))
        lines += [text, ""]
        keep.add(len(lines) - 1)
    lines += draw(st.lists(st.sampled_from(["Share this article", "Advertisement", "Follow us on Twitter",
                                            "© 2024 Example News. All rights reserved."]), max_size=3))
    return lines, keep


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(story=stories())
def test_fix_keeps_headline_and_body_with_an_inline_box_and_is_idempotent(story, phrases):
    lines, keep = story
    lost = sorted(keep & flagged_numbers(lines, phrases))
    assert lost == [], f"story lines {lost} flagged in {lines!r}"
    fixed = fix_once(lines, phrases)
    assert fix_once(fixed, phrases) == fixed


# ---------------------------------------------------------------- issue 17, point 6

KEY_CHANGES = """Council approves new budget after months of debate

The city council approved a new budget on Tuesday after months of debate over spending on schools and roads.

Key changes:
- Three new bus routes
- Longer library hours
- Repairs to two bridges
The mayor will sign the budget on Friday, officials said.

Share this article
(c) 2024 Example News. All rights reserved.
"""


@pytest.mark.parametrize("text", [KEY_CHANGES, KEY_CHANGES.replace("\n- ", "\n\n- ")])
def test_fix_twice_equals_fix_once_through_the_engine(text):
    """A story's list and the sentence after it survive --fix, run once or twice; the chrome
    after the story goes in the first run."""
    rules, lexicons = load_packs([builtin_dir()])
    linter = Linter([r for r in rules if r.enabled], lexicons, validate({}, HOUSE_SPEC, "house", "house"))

    def fixed(text: str) -> str:
        return fix.apply(text, [f for f in linter.lint(Document("a.txt", text))[0] if f.fix])[0]

    once = fixed(text)
    assert fixed(once) == once
    for kept in ("Key changes:", "Longer library hours", "The mayor will sign the budget"):
        assert kept in once
