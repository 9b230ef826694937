"""Credit lines (five forms) and provenance markers, including what must NOT count."""

from pathlib import Path

import pytest

from lint.newsroom.credit import Credit, CreditReader, find_credits, find_provenance_markers
from lint.rules import builtin_dir, load_packs

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_0234c8ca2d2e7ce2.txt"


@pytest.fixture(scope="module")
def outlets() -> CreditReader:
    return CreditReader.from_lexicons(load_packs([builtin_dir()])[1])


def credit_of(line: str, outlets, headline: str = "Headline of the story") -> Credit | None:
    found = find_credits([headline, "", line], {}, [], outlets)
    return found[0] if found else None


def test_load_outlets(outlets):
    by_id = {o.id: o for o in outlets.outlets}
    assert "Associated Press" in by_id["AP"].aliases
    assert len(by_id) >= 47
    assert all(isinstance(o.aliases, tuple) for o in outlets.outlets)


@pytest.mark.parametrize("line, ids, names", [
    ("By Jane Doe", set(), ("Jane Doe",)),
    ("By Jane Doe and John Roe", set(), ("Jane Doe", "John Roe")),
    ("By Jane Doe, John Roe and Ann Lee", set(), ("Jane Doe", "John Roe", "Ann Lee")),
    ("By Jane Doe, Reuters", {"Reuters"}, ("Jane Doe",)),
    ("By Jane Doe, The Associated Press", {"AP"}, ("Jane Doe",)),
    ("By JEFFREY GETTLEMAN JAN. 13, 2017", set(), ("JEFFREY GETTLEMAN",)),
    ("**By Jane Doe**", set(), ("Jane Doe",)),
    ("By Jane Doe, Senior Writer", set(), ("Jane Doe",)),
    ("By AFP", {"AFP"}, ()),
    ("By Reuters Staff", {"Reuters"}, ()),
    ("By The New York Times", {"NYT"}, ()),
    ("Jane Doe | AFP", {"AFP"}, ("Jane Doe",)),
    ("by Eleanor Ainge Roy (reporting) and Adrian Malloch (photography)", set(),
     ("Eleanor Ainge Roy", "Adrian Malloch")),
])
def test_bylines(outlets, line, ids, names):
    credit = credit_of(line, outlets)
    assert credit and credit.form == "byline"
    assert credit.outlets == frozenset(ids) and credit.names == names
    assert credit.line == 2


@pytest.mark.parametrize("line", [
    "By the end of the year, prices had doubled.",
    "By 2030 the city wants no more coal.",
    "By comparison, the old plant was tiny.",
    "By Monday, most shops had closed.",
    "By Christmas Eve most shops had closed",
    "By Taboola by Taboola",
    "Oli Scarff | Getty Images",
    "The company said it was by far the largest.",
])
def test_not_credits(outlets, line):
    assert credit_of(line, outlets) is None


@pytest.mark.parametrize("line, ids", [
    ("AFP", {"AFP"}),
    ("Reuters", {"Reuters"}),
    ("The Associated Press", {"AP"}),
    ("AFP/Reuters", {"AFP", "Reuters"}),
])
def test_agency_line(outlets, line, ids):
    credit = credit_of(line, outlets)
    assert credit.form == "agency-line" and credit.outlets == frozenset(ids)


def test_agency_line_only_near_top_or_as_a_sign_off(outlets):
    lines = ["Headline"] + [f"Paragraph {i} of the story goes on." for i in range(8)] + ["AFP"] + ["More text."] * 3
    assert find_credits(lines, {}, [], outlets) == []


@pytest.mark.parametrize("line, ids", [
    ("LONDON (Reuters) - Britain said on Monday it would act.", {"Reuters"}),
    ("WASHINGTON (AP) — The Senate voted.", {"AP"}),
    ("Paris (AFP) – La France a voté.", {"AFP"}),
    ("HAYWARD, Calif. (AP) — A fire broke out.", {"AP"}),
    ("LONDON, Jan 5 (Reuters) - Shares fell.", {"Reuters"}),
    ("(CNN)The president spoke on Friday.", {"CNN"}),
    ("(CNN) -- The president spoke on Friday.", {"CNN"}),
    ("KYIV (AFP/Reuters) -- Sirens sounded.", {"AFP", "Reuters"}),
])
def test_datelines(outlets, line, ids):
    credit = credit_of(line, outlets)
    assert credit.form == "dateline" and credit.outlets == frozenset(ids)


@pytest.mark.parametrize("line", [
    "The firm (AP) said nothing.",
    "The Senate (which met Monday) - voted.",
    "LONDON (Getty) - Shares fell.",
])
def test_not_datelines(outlets, line):
    assert credit_of(line, outlets) is None


@pytest.mark.parametrize("line, ids, names", [
    ("(Reporting by Jane Doe in London; Editing by John Smith)", set(), ("Jane Doe", "John Smith")),
    ("Heba Habib contributed to this report.", set(), ("Heba Habib",)),
    ("Jane Doe and John Roe contributed reporting.", set(), ("Jane Doe", "John Roe")),
    ("Associated Press writers Jane Doe in Paris and John Roe contributed to this report.",
     {"AP"}, ("Jane Doe", "John Roe")),
    ("Reuters contributed to this report.", {"Reuters"}, ()),
    ("© 2024 The Associated Press. All rights reserved.", {"AP"}, ()),
    ("Copyright © 2015 The Associated Press. All rights reserved.", {"AP"}, ()),
])
def test_trailers(outlets, line, ids, names):
    lines = ["Headline"] + [f"Paragraph {i} of the story goes on." for i in range(20)] + [line]
    credit = find_credits(lines, {}, [], outlets)[0]
    assert credit.form == "trailer" and credit.line == 21
    assert credit.outlets == frozenset(ids) and credit.names == names


@pytest.mark.parametrize("line", [
    "Rising prices contributed to the slump.",
    "The company contributed.",
    "© 2025 Atlas Obscura. All rights reserved.",
    "Reporting by the newspaper found no such letter.",
])
def test_not_trailers(outlets, line):
    lines = ["Headline"] + [f"Paragraph {i} of the story goes on." for i in range(20)] + [line]
    assert find_credits(lines, {}, [], outlets) == []


def test_front_matter(outlets):
    lines = ["---", "title: X", "credit: [Jane Doe, AFP]", "---", "Headline", "", "Text."]
    front = {"title": "X", "credit": ["Jane Doe", "AFP"], "author": "By John Roe and Reuters"}
    credits = find_credits(lines, front, ["credit", "author", "source"], outlets)
    assert credits[0] == Credit(2, "front-matter", frozenset({"AFP"}), ("Jane Doe",), "credit: Jane Doe, AFP")
    assert credits[1].outlets == frozenset({"Reuters"}) and credits[1].names == ("John Roe",)
    assert len(credits) == 2


def markers(text, outlets):
    return [(m.phrase, m.outlet, m.strength) for m in find_provenance_markers(text, outlets)]


@pytest.mark.parametrize("text, phrase, outlet", [
    ("In a letter seen by Reuters, he argued.", "seen by Reuters", "Reuters"),
    ("Documents obtained by The Associated Press show it.", "obtained by The Associated Press", "AP"),
    ("Records reviewed by the Wall Street Journal show it.", "reviewed by the Wall Street Journal", "WSJ"),
    ("AFP could not independently verify the claim.", "AFP could not independently verify", "AFP"),
    ("Reuters could not verify the video.", "Reuters could not verify", "Reuters"),
    ("Reuters could not immediately verify it.", "Reuters could not immediately verify", "Reuters"),
    ("When reached by ABC News, she declined.", "reached by ABC News", "ABC News"),
    ("CNN was unable to confirm the report.", "CNN was unable to confirm", "CNN"),
    ("A Reuters reporter saw tanks.", "A Reuters reporter", "Reuters"),
    ("an AFP photographer at the scene said", "an AFP photographer", "AFP"),
    ("an AFP correspondent said", "an AFP correspondent", "AFP"),
    ("Reuters has learned that the bank", "Reuters has learned", "Reuters"),
    ("When contacted by AFP, the ministry declined", "contacted by AFP", "AFP"),
    ("(Reporting by Jane Doe; Editing by John Smith)", "(Reporting by Jane Doe; Editing by John Smith)", "Reuters"),
])
def test_strong_markers(outlets, text, phrase, outlet):
    assert markers(text, outlets) == [(phrase, outlet, "strong")]


@pytest.mark.parametrize("text, phrase, outlet", [
    ("the minister told AFP on Monday", "told AFP", "AFP"),
    ("she told the Associated Press", "told the Associated Press", "AP"),
    ("he said in an interview with Reuters", "in an interview with Reuters", "Reuters"),
    ("the company said in a statement to Reuters", "in a statement to Reuters", "Reuters"),
])
def test_interview_markers(outlets, text, phrase, outlet):
    assert markers(text, outlets) == [(phrase, outlet, "interview")]


@pytest.mark.parametrize("text", [
    "according to the Associated Press",
    "Reuters reported on Monday",
    "as first reported by Axios",
    "citing Interfax, the agency said",
    "CNN said the video was authentic",
    "as Reuters reported last week",
    "a report by Bloomberg said",
    "an AP report said",
    "a Reuters/Ipsos poll found",
    "(AP Photo/Jane Doe)",
    "REUTERS/Jane Doe",
    "Photo: Jane Doe/AFP via Getty Images",
    "(Reporting by Jane Doe)",
    "according to an AFP tally based on official sources",
    "according to a CNN tally",
    "a Reuters investigation found",
    "he spoke with CNN",
    "she told CBS News on Super Tuesday",
    "he said in an interview with CNN",
    "she told ABC's 'Good Morning America'",
    "he told The New York Times",
])
def test_citations_are_not_markers(outlets, text):
    assert markers(text, outlets) == []


@pytest.mark.parametrize("text", [
    "he told the post office",
    "she told Post readers",
    "he told Times readers",
    "documents seen by the times",
    "he told ap staff",
    "a document seen by Pennsylvania officials",
    "he told PAs in the office",
    "the Guardian Council could not verify the vote",
    "a Nikkei 225 analysis",
])
def test_ambiguous_words_are_not_outlets(outlets, text):
    assert markers(text, outlets) == []


def test_marker_offsets(outlets):
    text = "Sybiha, in a letter seen by Reuters, argued."
    marker = find_provenance_markers(text, outlets)[0]
    assert text[marker.start:marker.end] == marker.phrase == "seen by Reuters"


@pytest.mark.skipif(not SEED.exists(), reason="shared seed article not available")
def test_seed(outlets):
    text = SEED.read_text(encoding="utf-8")
    credits = find_credits(text.split("\n"), {}, [], outlets)
    assert [(c.line, c.form, c.outlets) for c in credits] == [(2, "agency-line", frozenset({"AFP"}))]
    found = find_provenance_markers(text, outlets)
    assert found[0].phrase == "seen by Reuters" and found[0].strength == "strong"
    assert {(m.outlet, m.strength) for m in found} == {("Reuters", "strong")}
