"""quote-balance: quotation marks that open and close by the house style; each problem
is reported only when the rule lists it."""

from .helper import check

UNCLOSED = "Head\n\n“We will rebuild, the mayor said.\n"


def test_unclosed_found_and_near_miss():
    rule = {"kind": "quote-balance", "message": "{detail}", "options": {"problems": ["unclosed"]}}
    check(UNCLOSED, rule, (3, 1))
    check("Head\n\n“We will rebuild,” the mayor said.\n", rule)


def test_only_the_listed_problems():
    check(UNCLOSED, {"kind": "quote-balance", "options": {"problems": ["unopened"]}})
    check("Head\n\nWe will rebuild,” the mayor said.\n", {"kind": "quote-balance", "options": {"problems": ["unopened"]}},
          (3, 17))


def test_mixed_and_wrong_direction():
    mixed = {"kind": "quote-balance", "options": {"problems": ["mixed"]}}
    check('Head\n\n“We will rebuild," the mayor said.\n', mixed, (3, 18))
    check('Head\n\n"We will rebuild," the mayor said.\n', mixed)
    wrong = {"kind": "quote-balance", "options": {"problems": ["wrong-direction"]}}
    check("Head\n\n”We will rebuild,” the mayor said.\n", wrong, (3, 1))
    check("Head\n\n“We will rebuild,” the mayor said.\n", wrong)


def test_runs_on_into_a_paragraph_that_does_not_reopen_it():
    rule = {"kind": "quote-balance", "options": {"problems": ["runs-on"]}}
    check("Head\n\nShe spoke. “We will rebuild.\n\nIt will take years,” she said.\n", rule, (3, 12))
    check("Head\n\nShe spoke. “We will rebuild.\n\n“It will take years,” she said.\n", rule)
