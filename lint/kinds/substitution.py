"""Substitution: a word with a better plain alternative ("claimed" -> "said").

Keys of `swap` are phrases or regexes; when a regex has a group, the first group is the
reported span, so context can be matched without being flagged.
"""

from lint.context import Hit
from lint.errors import ConfigError
from lint.kinds.common import GENRES, PROSE_OPTIONS, in_genre
from lint.patterns import GatedRegex, check_regex
from lint.schema import Option, line_of

OPTIONS = {
    "swap": Option("map", required=True, help="regex or phrase -> suggested replacement"),
    **PROSE_OPTIONS,
    "ignore_case": Option("bool", default=True, help="match phrases whatever their case"),
    "genres": GENRES,
}
ARGS = ("replacement",)
PROSE = True


def prepare(options: dict, lexicons, path: str):
    compiled = []
    for pattern, replacement in options["swap"].items():
        problem = check_regex(pattern)
        if problem:
            raise ConfigError(path, line_of(options["swap"], pattern), f"'options.swap' has an invalid regex `{pattern}`: {problem}")
        compiled.append((GatedRegex(pattern, options["ignore_case"]), replacement))
    return {**options, "swaps": compiled}


def check(doc, prepared, ctx):
    if not in_genre(ctx, prepared["genres"]):
        return
    for swap, replacement in prepared["swaps"]:
        for match in swap.finditer(doc.prose):
            group = 1 if match.re.groups else 0
            start, end = match.span(group)
            if start < 0 or start == end:
                continue
            yield Hit(start, end, {"replacement": replacement})
