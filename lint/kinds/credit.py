"""Credit: the article says who reported it, in a form the newsroom accepts.

`missing` reports a file with no credit of an accepted form (at line 1); `outlet` reports
a credit naming an outlet the house does not accept.
"""

import re

from lint.context import Hit
from lint.schema import Option

FORMS = ("byline", "agency-line", "dateline", "trailer", "front-matter")

OPTIONS = {
    "check": Option("str", required=True, choices=("missing", "outlet"), help="missing: no credit in an accepted form; outlet: a credit naming an outlet the house does not accept"),
    "forms": Option("list", default=list(FORMS), choices=FORMS, help="credit forms that count"),
}
ARGS = ("outlet", "forms")
_ALNUM = re.compile(r"[^\W_]")  # stdlib \w is str.isalnum() or "_"


def prepare(options: dict, lexicons, path: str):
    return dict(options)


def check(doc, prepared, ctx):
    credits = [c for c in ctx.credits if c.form in prepared["forms"]]
    if prepared["check"] == "missing":
        if not credits and _ALNUM.search(doc.prose):
            yield Hit(0, 0, {"forms": ", ".join(prepared["forms"])})
        return
    accepted = set(ctx.house["outlets"])
    if not accepted:
        return
    for credit in credits:
        for outlet in sorted(credit.outlets - accepted):
            if credit.form == "front-matter":
                field = credit.text.split(":", 1)[0]
                start, end = doc.line_span(doc.front_matter_lines.get(field, 1))
            else:
                start, end = doc.line_span(credit.line + 1)
            yield Hit(start, end, {"outlet": outlet})
