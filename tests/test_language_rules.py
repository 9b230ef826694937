"""Attribution and unsourced-claim rules on fixture articles: every finding and every
near miss (tests/fixtures/language/NAME.txt, expected findings in NAME.expected as lines
`line:col rule-id`), plus the seed article and the engine options the rules rely on."""

from pathlib import Path

import pytest

from lint.newsroom.document import Document
from lint.rules import builtin_dir, load_packs
from lint.runner import Runner

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "language"
SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "000_0234c8ca2d2e7ce2.txt"
CATEGORIES = ("attribution", "unsourced-claim")

RULES, LEXICONS = load_packs([builtin_dir()])
# The rules a newsroom gets by default; rules that are off by default are tested on their own.
LANGUAGE_IDS = [r.id for r in RULES if r.category in CATEGORIES and r.enabled]


def _lint(path: Path, select) -> set[str]:
    runner = Runner(select=select)
    _, findings, notices = runner.lint_text(path.name, path.read_bytes(), Path("."))
    assert not notices
    return {f"{f.line}:{f.column} {f.rule}" for f in findings}


def _expected(path: Path) -> set[str]:
    lines = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


FIXTURE_NAMES = sorted(p.stem for p in FIXTURES.glob("*.txt") if p.stem != "market")


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_findings(name):
    path = FIXTURES / f"{name}.txt"
    assert _lint(path, LANGUAGE_IDS) == _expected(path)


def test_market_move_is_off_by_default_and_works_when_selected():
    path = FIXTURES / "market.txt"
    assert "unsourced-claim.market-move" not in LANGUAGE_IDS
    assert _lint(path, LANGUAGE_IDS) == set()
    assert _lint(path, ["unsourced-claim.market-move"]) == _expected(path)


def test_category_select_leaves_rules_that_are_off_by_default_off():
    """--select attribution,unsourced-claim runs what is enabled; a disabled rule needs its id."""
    path = FIXTURES / "claims.txt"
    assert _lint(path, list(CATEGORIES)) == _expected(path)
    market = FIXTURES / "market.txt"
    assert _lint(market, list(CATEGORIES)) == set()


def test_seed_article_body_has_no_language_findings():
    if not SEED.exists():
        pytest.skip("seed not present")
    text = SEED.read_text(encoding="utf-8")
    furniture_line = text[: text.index("More from International News")].count("\n") + 1
    found = _lint(SEED, LANGUAGE_IDS)
    assert all(int(f.split(":")[0]) >= furniture_line for f in found), found


def test_every_language_rule_has_description_and_examples():
    ids = {r.id for r in RULES if r.category in CATEGORIES}
    assert {
        "attribution.anonymous-source", "attribution.bare-source", "attribution.weasel",
        "attribution.loaded-verb", "attribution.hedge", "attribution.quote-without-speaker",
        "unsourced-claim.casualty-count", "unsourced-claim.statistic", "unsourced-claim.superlative",
        "unsourced-claim.accusation", "unsourced-claim.market-move",
    } <= ids


def _conditional(options: dict):
    from lint.kinds import conditional
    from lint.schema import validate

    checked = validate(options, conditional.OPTIONS, "test")
    return conditional.prepare(checked, LEXICONS, "test")


def _hits(prepared, text: str):
    """Matched text of a conditional rule built from options, run through the engine."""
    from types import SimpleNamespace

    from lint.config import Config
    from lint.engine import Linter
    from lint.kinds import conditional

    rule = SimpleNamespace(id="attribution.test", category="attribution", severity="warning",
                           message="{match}", engine=conditional, prepared=prepared, options=prepared, path="test")
    doc = Document("t.txt", text)
    found, _ = Linter([rule], LEXICONS, Config().house).lint(doc)
    return [f.message for f in found]


def test_conditional_previous_paragraph_window():
    prepared = _conditional({"trigger": {"terms": ["doubled"]}, "require": {"terms": ["said"]},
                             "window": ["previous-paragraph", "sentence"]})
    assert _hits(prepared, "Head\n\nThe office said so.\n\nRents doubled.\n") == []
    # a caption (no closing punctuation) between is skipped over
    assert _hits(prepared, "Head\n\nThe office said so.\n\nA photo caption\n\nRents doubled.\n") == []
    assert _hits(prepared, "Head\n\nNothing here.\n\nRents doubled.\n") == ["doubled"]
    plain = _conditional({"trigger": {"terms": ["doubled"]}, "require": {"terms": ["said"]}})
    assert _hits(plain, "Head\n\nThe office said so.\n\nRents doubled.\n") == ["doubled"]


def test_conditional_quote_unless():
    options = {"trigger_quotes": 4, "require": {"terms": ["said"]}}
    text = 'Head\n\nIt ran alert("Your settings are now saved") today.\n'
    assert len(_hits(_conditional(options), text)) == 1
    options["quote_unless"] = {"patterns": [r"\G(?<=\()[\"“]"]}
    assert _hits(_conditional(options), text) == []


def _phrases(*names):
    from lint.kinds.common import compile_phrases

    return compile_phrases({"lexicons": list(names)}, LEXICONS, "test", "test")


def test_caption_credit_is_a_source_only_where_it_closes_a_sentence():
    cues = _phrases("attribution-cues")
    assert cues.search("(Reuters)") is not None
    assert cues.search("Gunmen stormed the museum, killing 19 people. (AP Photo/Jane Doe)") is not None
    # a dateline names the agency that filed the story, not a source for the lede's figures
    assert cues.search("LONDON (Reuters) - At least 40 people were killed in the blast") is None


def test_first_person_is_not_the_country():
    for name in ("first-person", "own-account"):
        phrases = _phrases(name)
        assert phrases.search("The US economy grew 3% last year.") is None
        assert phrases.search("The company told us it grew 3% last year.") is not None


def test_dated_history_leaves_running_tolls_alone():
    dated = _phrases("dated-history")
    assert dated.search("The attack was in 2002, when militants killed 20 people.") is not None
    assert dated.search("In January, militants beheaded 21 hostages.") is not None
    for text in ("More than 300 people have been killed since 2011.",
                 "At least 40 people were killed in the blast on Tuesday.",
                 "Over 300 people were killed in 2024 so far.",
                 "Many people may leave, the mayor said.",
                 "The toll rose on January 5."):
        assert dated.search(text) is None, text


def test_conditional_prose_paragraph_windows():
    """A reporter's paragraph next to a figure sources it; a quotation paragraph does not."""
    prepared = _conditional({"trigger": {"terms": ["40 percent"]}, "require": {"terms": ["said"]},
                             "window": ["previous-prose-paragraph", "sentence", "next-prose-paragraph"]})
    before = "Headline\n\nThe agency said prices rose again.\n\nFood cost 40 percent more.\n"
    after = "Headline\n\nFood cost 40 percent more.\n\nThe agency said so in its monthly report.\n"
    quoted = "Headline\n\n“We will cope,” the mayor said.\n\nFood cost 40 percent more.\n"
    caption = "Headline\n\nThe agency said prices rose\n\nFood cost 40 percent more.\n"
    assert _hits(prepared, before) == []
    assert _hits(prepared, after) == []
    assert _hits(prepared, quoted) == ["40 percent"]
    assert _hits(prepared, caption) == ["40 percent"]


# --- issue 14: genre, the sourced lede, a long run of quotation paragraphs ----------------

ARGUED = "Rents doubled in the capital over the past decade. Critics say the plan is unaffordable.\n"


def _lint_text(text: str, folder: Path = Path(".")) -> set[str]:
    _, findings, _ = Runner(select=LANGUAGE_IDS).lint_text("t.txt", text.encode(), folder)
    return {f.rule for f in findings}


def test_news_gets_the_claim_and_the_weasel():
    assert _lint_text("Housing costs\n\n" + ARGUED) == {"unsourced-claim.statistic", "attribution.weasel"}


@pytest.mark.parametrize("top", [
    "---\ngenre: opinion\n---\nHousing costs\n\n",
    "Opinion\n\nHousing costs\n\n",
    "Housing costs\n\nColumn: Jo Smith\n\n",
    "Letters to the editor\n\nHousing costs\n\n",
])
def test_argued_pieces_are_not_held_to_news_sourcing(top):
    assert _lint_text(top + ARGUED) == set()


def test_analysis_keeps_the_weasel_but_not_the_claim():
    assert _lint_text("Analysis\n\nHousing costs\n\n" + ARGUED) == {"attribution.weasel"}


def test_kicker_word_inside_a_sentence_is_no_kicker():
    assert _lint_text("Housing costs\n\nOpinion polls put him ahead.\n\n" + ARGUED) == {
        "unsourced-claim.statistic", "attribution.weasel"}


def test_house_genre_setting(tmp_path):
    (tmp_path / ".copydesk.yaml").write_text("house:\n  genre: opinion\n", encoding="utf-8")
    assert _lint_text("Housing costs\n\n" + ARGUED, tmp_path) == set()
    # front matter wins over the house setting
    assert _lint_text("---\ngenre: news\n---\nHousing costs\n\n" + ARGUED, tmp_path) == {
        "unsourced-claim.statistic", "attribution.weasel"}


def test_sourced_lede_covers_the_reports_later_figures():
    prepared = _conditional({"trigger": {"terms": ["rose 2 pct", "fell 3 pct"]}, "require": {"terms": ["said"]},
                             "window": ["sentence", "sourced-lede"]})
    sourced = "Head\n\nOutput grew by a record 2 pct in May, the ministry said.\n\nExports fell 3 pct.\n"
    unsourced = "Head\n\nThe ministry said it would publish data.\n\nExports fell 3 pct.\n"
    assert _hits(prepared, sourced) == []
    assert _hits(prepared, unsourced) == ["fell 3 pct"]


def test_previous_paragraph_walks_back_a_long_run_of_quotation_paragraphs():
    prepared = _conditional({"trigger_quotes": 4, "require": {"terms": ["extracts from"]},
                             "window": ["previous-paragraph", "sentence"], "require_unquoted": True})
    quotes = "".join(f'"The conference noted item number {n} of the agenda."\n\n' for n in range(12))
    assert _hits(prepared, "Head\n\nFollowing are extracts from the communique.\n\n" + quotes) == []
    assert len(_hits(prepared, "Head\n\nThe meeting ended.\n\n" + quotes)) == 12
