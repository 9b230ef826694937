"""Front matter: the YAML block at the top parses, and holds the fields the house requires."""

from lint.context import Hit
from lint.schema import Option

OPTIONS = {
    "check": Option("str", required=True, choices=("syntax", "required"), help="syntax: the YAML parses; required: the `fields` are present"),
    "fields": Option("list", default=[], help="fields that must be present (check: required)"),
}
ARGS = ("detail",)


def prepare(options: dict, lexicons, path: str):
    return dict(options)


def check(doc, prepared, ctx):
    if prepared["check"] == "syntax":
        if doc.front_matter_error:
            line, detail = doc.front_matter_error
            start, end = doc.line_span(min(line, len(doc.lines)))
            yield Hit(start, end, {"detail": detail})
        return
    if doc.body_start == 0:
        return
    for name in prepared["fields"]:
        if name not in doc.front_matter:
            yield Hit(0, 0, {"detail": f"missing field '{name}'"})
