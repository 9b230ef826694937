"""credit: a story says who reported it (`missing`), naming only outlets the house accepts (`outlet`)."""

from .helper import check

MISSING = {"kind": "credit", "message": "{forms}", "options": {"check": "missing"}}
OUTLET = {"kind": "credit", "message": "{outlet}", "options": {"check": "outlet"}}
BODY = "The talks resumed on Monday after a two-week pause, officials said.\n"


def test_missing_found_and_near_miss():
    check(f"Talks resume in Geneva\n\n{BODY}", MISSING, (1, 1))
    check(f"Talks resume in Geneva\n\nGENEVA (Reuters) - {BODY}", MISSING)
    check(f"---\nbyline: Jane Doe\n---\nTalks resume in Geneva\n\n{BODY}", MISSING)


def test_forms_that_count():
    bylined = f"Talks resume in Geneva\n\nBy Jane Doe\n\n{BODY}"
    check(bylined, MISSING)
    check(bylined, {**MISSING, "options": {"check": "missing", "forms": ["dateline"]}}, (1, 1))


def test_unaccepted_outlet():
    text = f"Talks resume in Geneva\n\nBy Jane Doe, Reuters\n\n{BODY}"
    check(text, OUTLET, (3, 1), house={"outlets": ["AP"]})
    check(text, OUTLET, house={"outlets": ["AP", "Reuters"]})
    check(text, OUTLET)
