"""front-matter: the YAML block at the top parses (`syntax`, reported where an unclosed bracket
opened) and has the house's fields (`required`)."""

from .helper import check

SYNTAX = {"kind": "front-matter", "message": "{detail}", "options": {"check": "syntax"}}
REQUIRED = {"kind": "front-matter", "message": "{detail}", "options": {"check": "required", "fields": ["title", "byline"]}}


def test_syntax_found_and_near_miss():
    check("---\ntitle: Talks resume\ntags: [politics\n---\nTalks resume\n", SYNTAX, (3, 1))  # the unclosed [, not ---
    check("---\ntitle: Talks resume\ntags: [politics]\n---\nTalks resume\n", SYNTAX)


def test_required_fields():
    check("---\ntitle: Talks resume\n---\nTalks resume\n", REQUIRED, (1, 1))
    check("---\ntitle: Talks resume\nbyline: Jane Doe\n---\nTalks resume\n", REQUIRED)


def test_required_fields_need_front_matter_to_check():
    check("Talks resume\n\nThe talks resumed.\n", REQUIRED)
