"""provenance: another outlet's first-person reporting marker in a story credited elsewhere."""

from .helper import check

RULE = {"kind": "provenance", "message": "{outlet} {credit}", "options": {}}
HEAD = "Ukraine urges NATO invitation\n\n"


def test_marker_found_and_near_miss():
    check(f"{HEAD}AFP\n\nIn a letter seen by Reuters, the minister argued for an invitation.\n", RULE, (5, 13))
    check(f"{HEAD}AFP\n\nThe minister argued for an invitation, according to Reuters.\n", RULE)
    check(f"{HEAD}KYIV (Reuters) - In a letter seen by Reuters, the minister argued for it.\n", RULE)


def test_staff_copy_is_read_as_the_house_outlet():
    text = f"{HEAD}In a letter seen by Reuters, the minister argued for an invitation.\n"
    check(text, RULE)
    check(text, RULE, (3, 13), house={"outlet": "AFP"})


def test_strengths():
    text = f"{HEAD}AFP\n\nIn a letter seen by Reuters, the minister argued for an invitation.\n"
    check(text, {**RULE, "options": {"strengths": ["interview"]}})


def test_skip_quoted():
    text = f'{HEAD}AFP\n\n"In a letter seen by Reuters, I argued for it," the minister said.\n'
    check(text, RULE)
    check(text, {**RULE, "options": {"skip_quoted": False}}, (5, 14))


def test_scope():
    text = f"{HEAD}AFP\n\nIn a letter seen by Reuters, the minister argued for an invitation.\n"
    check(text, {**RULE, "options": {"scope": "headline"}})
    check(text, {**RULE, "options": {"scope": "body"}}, (5, 13))
