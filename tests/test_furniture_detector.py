"""Tests of lint.newsroom.furniture.find_furniture on small inline articles (and the seed article)."""

from pathlib import Path

import pytest
import yaml

from lint.newsroom.credit import CreditReader
from lint.rules import builtin_dir, load_packs
from lint.newsroom.furniture import DEFAULTS, ROLES, compile_lexicon, find_furniture

ROOT = Path(__file__).resolve().parent.parent
READER = CreditReader.from_lexicons(load_packs([builtin_dir()])[1])


def detect(lines, phrases, options=None):
    """find_furniture with the built-in credit recogniser, as the engine runs it."""
    return find_furniture(lines, phrases, options, READER)

SEED = ROOT / "tests" / "fixtures" / "seed.txt"

HEADLINE = "Council approves new budget after months of debate"
BODY = [
    "The city council approved a new budget on Tuesday after months of debate over spending on schools and roads.",
    "The plan raises property taxes by two percent and adds funding for three new bus routes, officials said.",
    "Opponents argued that the increase would hurt small businesses already struggling with higher costs this year.",
    "The mayor said the budget balanced the needs of residents with the city's long-term financial health.",
]


@pytest.fixture(scope="module")
def phrases():
    """Regexes per detector role, filled as the built-in rule fills them."""
    by_name = {}
    for path in sorted((ROOT / "rules" / "lexicons").glob("furniture-*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        by_name[data["name"]] = compile_lexicon(data)
    rule = yaml.safe_load((ROOT / "rules" / "page-furniture" / "scraped-boilerplate.yaml").read_text(encoding="utf-8"))
    return {role: [p for name in rule["options"].get(role, []) for p in by_name[name]] for role in ROLES}


def article(*parts: str) -> list[str]:
    """Lines as a real article has them: a blank line between paragraphs."""
    lines = []
    for part in parts:
        lines += [part, ""]
    return lines[:-1]


def flagged(lines, phrases) -> set[str]:
    return {lines[i] for a, b, *_ in detect(lines, phrases) for i in range(a, b + 1) if lines[i].strip()}


def test_more_from_header_and_teaser_list_are_one_block(phrases):
    teasers = ["More from International News", "* Floods displace thousands in river delta",
               "* Talks on trade deal stall again", "* Central bank holds rates steady"]
    lines = article(HEADLINE, *BODY, *teasers)
    blocks = detect(lines, phrases)
    assert len(blocks) == 1
    first, last, reason, fixable = blocks[0]
    assert lines[first] == "More from International News" and last == len(lines) - 1
    assert "More from International News" in reason


def test_teaser_pairs_after_the_story(phrases):
    pairs = ["Related stories",
             "• Floods displace thousands in river delta",
             "Heavy rain has forced thousands of families from their homes in the delta region, local officials said on Monday.",
             "• Talks on trade deal stall again",
             "Negotiators from both sides left the capital without an agreement after a third round of talks this month.",
             "• Central bank holds rates steady",
             "The central bank kept its main interest rate unchanged for the fourth meeting in a row, citing stubborn inflation."]
    lines = article(HEADLINE, *BODY, *pairs)
    assert flagged(lines, phrases) == set(pairs)


def test_teaser_pairs_without_a_header_are_never_removed(phrases):
    pairs = ["Floods displace thousands in river delta",
             "Heavy rain has forced thousands of families from their homes in the delta region, local officials said on Monday.",
             "Talks on trade deal stall again",
             "Negotiators from both sides left the capital without an agreement after a third round of talks this month.",
             "Central bank holds rates steady",
             "The central bank kept its main interest rate unchanged for the fourth meeting in a row, citing stubborn inflation."]
    # no header names them a list: title + paragraph pairs may be the story's own subheads, so
    # whatever is flagged is left to the editor, and no story paragraph is flagged
    for tail in ([], ["Bus drivers accept new pay offer after months of talks"]):
        lines = article(HEADLINE, *BODY, *pairs, *tail)
        assert not any(block.fixable for block in detect(lines, phrases))
        assert not flagged(lines, phrases) & set(BODY)


@pytest.mark.parametrize("line", [
    "Share this story", "Share on Facebook", "Follow us on Twitter", "Sign up for our newsletter",
    "Subscribe", "We use cookies to improve your experience", "Advertisement", "12 comments",
    "© 2024 Example Media Group", "Skip to content",
])
def test_standalone_furniture_lines_inside_the_story(line, phrases):
    lines = article(HEADLINE, BODY[0], BODY[1], line, BODY[2], BODY[3])
    assert flagged(lines, phrases) == {line}


def test_lone_social_handle(phrases):
    lines = article(HEADLINE, BODY[0], BODY[1], "@cityhalldesk", BODY[2], BODY[3])
    assert flagged(lines, phrases) == {"@cityhalldesk"}


def test_trailing_section_list(phrases):
    sections = ["Politics", "Business", "Blogs"]
    lines = article(HEADLINE, *BODY, *sections)
    assert flagged(lines, phrases) == set(sections)


def test_navigation_before_the_headline(phrases):
    nav = ["Skip to content", "* Home", "* World", "* Politics", "* Business"]
    lines = article(*nav, HEADLINE, *BODY)
    assert flagged(lines, phrases) == set(nav)
    # above the headline, phrase lines (a skip link, section names) are sure enough to remove
    assert [lines[i] for block in detect(lines, phrases) if block.fixable
            for i in range(block.first, block.last + 1) if lines[i]] == nav


def test_clean_article_has_no_furniture(phrases):
    assert detect(article(HEADLINE, *BODY), phrases) == []


def test_headline_byline_agency_line_and_trailer_are_kept(phrases):
    lines = article(HEADLINE, "By Jane Doe, Reuters", "AFP", *BODY,
                    "(Reporting by Jane Doe; Editing by John Smith)")
    assert flagged(lines, phrases) == set()


@pytest.mark.parametrize("credit", ["By Jane Doe", "Jane Doe | AP", "Reuters", "LONDON (Reuters) -"])
def test_credit_lines_near_the_top_are_kept(credit, phrases):
    assert flagged(article(HEADLINE, credit, *BODY), phrases) == set()


def test_contributed_reporting_trailer_is_kept(phrases):
    lines = article(HEADLINE, *BODY, "Maria Lopez contributed reporting.")
    assert flagged(lines, phrases) == set()


def test_dateline_paragraph_is_body(phrases):
    lede = "LONDON (Reuters) - Britain's economy grew faster than expected in the third quarter, official data showed."
    assert flagged(article(HEADLINE, lede, *BODY), phrases) == set()


def test_subhead_between_body_paragraphs_is_kept(phrases):
    lines = article(HEADLINE, BODY[0], BODY[1], "What happens next", BODY[2], BODY[3])
    assert flagged(lines, phrases) == set()


def test_list_that_is_part_of_the_story_is_kept(phrases):
    lines = article(HEADLINE, BODY[0], "The budget includes:", "* Three new bus routes",
                    "* Longer library hours", "* Repairs to two bridges", BODY[1], BODY[2])
    assert flagged(lines, phrases) == set()


def test_read_more_sentence_in_the_body_is_prose(phrases):
    sentence = "Read more about the plan on the ministry's website, he said."
    lines = article(HEADLINE, BODY[0], BODY[1], sentence, BODY[2], BODY[3])
    assert flagged(lines, phrases) == set()


def test_blocks_are_sorted_and_disjoint(phrases):
    lines = article("Skip to content", HEADLINE, BODY[0], "Advertisement", BODY[1], BODY[2], "More from News", "* One teaser headline here")
    blocks = detect(lines, phrases)
    assert blocks == sorted(blocks)
    assert all(a[1] < b[0] for a, b in zip(blocks, blocks[1:]))


def test_large_input_runs_in_linear_time(phrases):
    lines = (article(HEADLINE, *BODY, "Advertisement") + [""]) * 20000
    assert detect(lines, phrases)


@pytest.mark.skipif(not SEED.exists(), reason="seed article not present")
def test_seed_article(phrases):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip() == "More from International News")
    marked = {i for a, b, *_ in detect(lines, phrases) for i in range(a, b + 1)}
    assert {i for i in range(first, len(lines)) if lines[i].strip()} <= marked
    assert not any(i < first for i in marked)


def test_subhead_starting_with_a_header_word_is_kept(phrases):
    for subhead in ("Latest developments", "More on the vote", "Related concerns"):
        lines = article(HEADLINE, BODY[0], BODY[1], subhead, BODY[2], BODY[3])
        assert flagged(lines, phrases) == set(), subhead


def test_bare_header_without_prose_under_it_is_flagged(phrases):
    lines = article(HEADLINE, BODY[0], BODY[1], BODY[2], BODY[3], "Read more", "Advertisement")
    assert flagged(lines, phrases) == {"Read more", "Advertisement"}


def test_listicle_items_inside_the_story_are_kept(phrases):
    items = []
    for number, (title, text) in enumerate([
        ("Check the peep hole", "Guests should make sure the peep hole has not been tampered with before they unpack, he said."),
        ("Take the blankets off the bed", "Anything that touched the previous guest's skin should come off the bed as soon as you arrive."),
        ("Avoid the wooden luggage rack", "Bedbugs love wood, so a metal luggage rack is the safer choice for your suitcase on any trip."),
        ("Test the hairdryer first", "Wall-mounted hairdryers are rarely cleaned and often carry more germs than the television remote."),
    ], start=1):
        items += [f"{number}. {title}", text]
    lines = article(HEADLINE, BODY[0], BODY[1], *items, BODY[2], BODY[3])
    assert flagged(lines, phrases) == set()


def test_header_list_stops_at_a_change_of_list_style(phrases):
    lines = article(HEADLINE, BODY[0], BODY[1], "Read more", "* Floods displace thousands in river delta",
                    "* Talks on trade deal stall again", "5. Beware the wall-mounted hairdryer",
                    "It carries more germs than anything else in the room, according to the hotel managers surveyed.",
                    BODY[2], BODY[3])
    assert flagged(lines, phrases) == {"Read more", "* Floods displace thousands in river delta", "* Talks on trade deal stall again"}


def test_header_list_does_not_swallow_the_headline(phrases):
    lines = article("Latest", "* Home", "* Politics", HEADLINE, *BODY)
    assert flagged(lines, phrases) == {"Latest", "* Home", "* Politics"}


@pytest.mark.parametrize("line", [
    "Media caption The mayor said the budget balanced the needs of residents with the city's finances",
    "Click to share on Facebook (Opens in new window)",
    "Opponents argued that the increase would hurt small businesses already struggling with higher… Read more",
    "Sponsored Links Sponsored Links",
])
def test_long_labelled_lines_inside_the_story(line, phrases):
    lines = article(HEADLINE, BODY[0], BODY[1], line, BODY[2], BODY[3])
    assert flagged(lines, phrases) == {line}


def test_short_closing_sentence_after_the_body_is_kept(phrases):
    lines = article(HEADLINE, *BODY, "This article first appeared in the Daily Planet.", "Related", "* Other story headline here")
    assert flagged(lines, phrases) == {"Related", "* Other story headline here"}


def test_roles_and_thresholds_are_checked(phrases):
    with pytest.raises(ValueError, match="furniture-headers"):
        detect(["x"], {"furniture-headers": []})
    with pytest.raises(ValueError, match="no_such_threshold"):
        detect(["x"], phrases, {"no_such_threshold": 1})
    assert detect(article(HEADLINE, *BODY), phrases, dict(DEFAULTS)) == []


def test_roles_can_be_left_empty():
    lines = article(HEADLINE, *BODY, "More from News", "* One teaser headline here")
    assert detect(lines, {}) == detect(lines, {"headers": []})


def test_headline_sharing_no_words_with_the_lede_is_kept(phrases):
    lines = article("Quiet end to a long week", *BODY)
    assert flagged(lines, phrases) == set()
    lines = article("Quiet end to a long week", *BODY, "More from News", "* One teaser headline here")
    assert flagged(lines, phrases) == {"More from News", "* One teaser headline here"}


def test_numeric_table_row_is_not_a_stray_marker(phrases):
    lines = article(HEADLINE, BODY[0], BODY[1], "12 │ 2.4873", "3 │ -0.4325", BODY[2], BODY[3])
    assert flagged(lines, phrases) == set()
