"""substitution: a word with a plainer alternative; a regex group narrows the reported span."""

from .helper import check

RULE = {"kind": "substitution", "message": "{match} -> {replacement}", "options": {"swap": {"claimed": "said"}}}


def test_swap_found_and_near_miss():
    check("Head\n\nThe minister claimed victory.\n", RULE, (3, 14))
    check("Head\n\nThe minister's claim was denied.\n", RULE)


def test_regex_group_is_the_reported_span():
    rule = {"kind": "substitution", "options": {"swap": {r"in order (to) \w+": "to"}}}
    check("Head\n\nHe came in order to help.\n", rule, (3, 18))
    check("Head\n\nHe came in order, to help.\n", rule)


def test_ignore_case():
    rule = {"kind": "substitution", "options": {"swap": {"Utilise": "use"}, "ignore_case": False}}
    check("Head\n\nUtilise the funds, she said.\n", rule, (3, 1))
    check("Head\n\nThey utilise the funds.\n", rule)


def test_skip_quoted():
    text = 'Head\n\n"They claimed it," she said.\n'
    check(text, RULE)
    check(text, {**RULE, "options": {"swap": {"claimed": "said"}, "skip_quoted": False}}, (3, 7))


def test_scope():
    text = "Minister claimed victory\n\nThe minister claimed victory.\n"
    check(text, RULE, (1, 10), (3, 14))
    check(text, {**RULE, "options": {"swap": {"claimed": "said"}, "scope": "headline"}}, (1, 10))
    check(text, {**RULE, "options": {"swap": {"claimed": "said"}, "scope": "body"}}, (3, 14))
