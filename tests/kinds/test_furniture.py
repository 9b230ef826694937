"""furniture: page boilerplate around the story, each role filled by lexicons, the structure
thresholds overridable; the lines it flags are dropped from every prose kind's hits."""

import pytest

from lint.errors import ConfigError

from .helper import build_rule, check

STORY = ("Council approves new budget after months of debate\n\n"
         "The city council approved a new budget on Tuesday after months of debate over spending on schools.\n\n"
         "The plan raises property taxes by two percent and adds three new bus routes, officials said.\n\n")
END = "Opponents argued that the increase would hurt small businesses already struggling with higher costs.\n"
LEXICONS = {"desk-prompts": {"terms": ["share this story"]}, "desk-headers": {"terms": ["more from"]}}


def rule(**options):
    return {"kind": "furniture", "message": "{reason}", "options": options}


def test_prompt_found_and_near_miss():
    prompts = rule(prompts=["desk-prompts"])
    check(f"{STORY}Share this story\n\n{END}", prompts, (7, 1), lexicons=LEXICONS)
    check(f"{STORY}Share this story with your neighbours, the mayor said at the meeting on Tuesday.\n\n{END}",
          prompts, lexicons=LEXICONS)


def test_teaser_list_under_a_header():
    teasers = f"{STORY}More from Local News\n\n  * Floods displace thousands\n  * Trade talks stall\n\n{END}"
    check(teasers, rule(headers=["desk-headers"]), (7, 1), lexicons=LEXICONS)
    check(teasers, rule(prompts=["desk-prompts"]), lexicons=LEXICONS)


def test_thresholds_override_the_structure():
    text = f"{STORY}Share this story with your friends\n\n{END}"
    check(text, rule(prompts=["desk-prompts"]), (7, 1), lexicons=LEXICONS)
    check(text, rule(prompts=["desk-prompts"], thresholds={"max_phrase_words": 4}), lexicons=LEXICONS)


@pytest.mark.parametrize("role, line, term", [
    ("notices", "Advertisement", "advertisement"),
    ("labels", "Media caption The mayor speaks to reporters outside the council building on Tuesday afternoon",
     "media caption"),
    ("sections", "World News", "world news"),
])
def test_each_role_is_filled_by_its_lexicons(role, line, term):
    lexicons = {"desk-role": {"terms": [term]}, "desk-other": {"terms": ["nothing on this page"]}}
    text = f"{STORY}{line}\n\n{END}"
    check(text, rule(**{role: ["desk-role"]}), (7, 1), lexicons=lexicons)
    check(text, rule(**{role: ["desk-other"]}), lexicons=lexicons)


@pytest.mark.parametrize("options, message", [
    ({}, "names no furniture lexicon"),
    ({"prompts": ["no-such-lexicon"]}, "unknown lexicon 'no-such-lexicon'"),
    ({"prompts": ["desk-prompts"], "thresholds": {"no_such": 1}}, "unknown key 'options.thresholds.no_such'"),
    ({"prompts": ["desk-prompts"], "thresholds": {"max_phrase_words": -1}}, "must be a non-negative integer"),
])
def test_bad_options_are_config_errors(options, message):
    with pytest.raises(ConfigError, match=message):
        build_rule(rule(**options), LEXICONS)
