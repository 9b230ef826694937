"""Rule kinds: generic engines; rule files supply only their data.

Each kind module has OPTIONS (the option schema), ARGS (extra message placeholders beyond
{match}), prepare(options, lexicons, path) that compiles once, and check(doc, prepared, ctx)
that yields Hits. A kind that reads article prose sets PROSE = True and may take the
common PROSE_OPTIONS (scope, skip_quoted) of lint.kinds.common: the engine, not the kind,
drops its hits on furniture lines, outside the scope and inside quotations.
"""

from lint.kinds import (
    conditional,
    credit,
    existence,
    front_matter,
    furniture,
    provenance,
    quote_balance,
    substitution,
)

KINDS = {
    "existence": existence,
    "substitution": substitution,
    "conditional": conditional,
    "furniture": furniture,
    "quote-balance": quote_balance,
    "credit": credit,
    "provenance": provenance,
    "front-matter": front_matter,
}
