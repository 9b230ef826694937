"""Furniture: scraped page boilerplate (teaser lists, share prompts, copyright lines).

The lines it flags are not article text, so attribution, claim and quote rules skip them: the
context computes them on first use (Context.furniture_lines) from every furniture rule's
prepared options.  Each option of ROLES names the lexicons that fill one role of the detector
(lint.newsroom.furniture.ROLES); `thresholds` overrides its DEFAULTS.  A hit carries a fix only
when the detector is sure of its block (Block.fixable); the others are the editor's call.
"""

from lint.context import Hit
from lint.errors import ConfigError
from lint.newsroom.furniture import DEFAULTS, ROLES
from lint.schema import Option, line_of

OPTIONS = {
    **{role: Option("list", default=[], help=f"lexicons of {meaning}") for role, meaning in ROLES.items()},
    "thresholds": Option("mapping", default={}, help="structure thresholds passed to the detector: "
                         + ", ".join(sorted(DEFAULTS))),
}
ARGS = ("reason",)
FIXABLE = True  # its sure hits carry a safe fix: remove the block


def prepare(options: dict, lexicons, path: str):
    phrases = {}
    for role in ROLES:
        regexes = []
        for name in options[role]:
            lexicon = lexicons.get(name)
            if lexicon is None:
                raise ConfigError(path, None, f"'options.{role}' names unknown lexicon '{name}'")
            regexes += lexicon.regexes()
        phrases[role] = regexes
    if not any(phrases.values()):
        raise ConfigError(path, None, f"'options' names no furniture lexicon (roles: {', '.join(ROLES)})")
    thresholds = options["thresholds"]
    for key, value in thresholds.items():
        if key not in DEFAULTS:
            raise ConfigError(path, line_of(thresholds, key),
                              f"unknown key 'options.thresholds.{key}' (allowed: {', '.join(sorted(DEFAULTS))})")
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError(path, line_of(thresholds, key), f"'options.thresholds.{key}' must be a non-negative integer")
    return {"phrases": phrases, "thresholds": dict(thresholds)}


def check(doc, prepared, ctx):
    for block in ctx.furniture_blocks(prepared):
        start = doc.line_starts[block.first]
        end = doc.line_span(block.last + 1)[1]
        yield Hit(start, end, {"reason": block.reason}, fix=((block.first + 1, block.last + 1),) if block.fixable else ())
