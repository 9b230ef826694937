"""existence: a phrase that should not appear, with `unless`, the common prose options and
the furniture filter applied by the engine."""

from .helper import check

RULE = {"kind": "existence", "options": {"terms": ["reportedly"]}}


def test_term_found_and_near_miss():
    check("Headline\n\nThe mayor reportedly resigned.\n", RULE, (3, 11))
    check("Headline\n\nThe mayor reported a loss.\n", RULE)


def test_patterns_and_lexicons():
    check("Head\n\nIt was done, some say.\n", {"kind": "existence", "options": {"patterns": [r"\bsome say\b"]}}, (3, 14))
    check("Head\n\nIt was done, some said.\n", {"kind": "existence", "options": {"patterns": [r"\bsome say\b"]}})
    lexicon = {"kind": "existence", "options": {"lexicons": ["desk-words"]}}
    check("Head\n\nA so-called plan.\n", lexicon, (3, 3), lexicons={"desk-words": {"terms": ["so-called"]}})
    check("Head\n\nA so called plan.\n", lexicon, lexicons={"desk-words": {"terms": ["so-called"]}})


def test_ignore_case():
    rule = {"kind": "existence", "options": {"terms": ["Reportedly"], "ignore_case": False}}
    check("Head\n\nReportedly, he left.\n", rule, (3, 1))
    check("Head\n\nHe reportedly left.\n", rule)


def test_unless_cancels_in_the_same_sentence_only():
    rule = {"kind": "existence", "options": {"terms": ["reportedly"], "unless": {"terms": ["according to"]}}}
    check("Head\n\nHe reportedly left, according to police.\n", rule)
    check("Head\n\nHe reportedly left. That is according to police.\n", rule, (3, 4))


def test_skip_quoted():
    text = 'Head\n\n"He reportedly left," she said.\n'
    check(text, RULE)
    check(text, {"kind": "existence", "options": {"terms": ["reportedly"], "skip_quoted": False}}, (3, 5))


def test_scope():
    text = "Reportedly a headline\n\nHe reportedly left.\n"
    check(text, RULE, (1, 1), (3, 4))
    check(text, {"kind": "existence", "options": {"terms": ["reportedly"], "scope": "headline"}}, (1, 1))
    check(text, {"kind": "existence", "options": {"terms": ["reportedly"], "scope": "body"}}, (3, 4))


def test_hits_on_page_furniture_are_dropped():
    text = ("Council approves budget\n\n"
            "The council approved the budget on Tuesday after a long debate over schools.\n\n"
            "The plan raises taxes by two percent and adds three bus routes, officials said.\n\n"
            "Share this article on Facebook\n")
    rule = {"kind": "existence", "options": {"terms": ["facebook"]}}
    check(text, rule, (7, 23))
    check(text, rule, furniture=True)
