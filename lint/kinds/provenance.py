"""Provenance: the body carries another outlet's first-person reporting marker.

"In a letter seen by Reuters" in a story credited to AFP means the text came from Reuters;
citing another outlet ("according to Reuters") is normal and is not a marker.
"""

from lint.context import Hit
from lint.kinds.common import PROSE_OPTIONS
from lint.newsroom.credit import find_provenance_markers
from lint.schema import Option

OPTIONS = {
    "strengths": Option("list", default=["strong", "medium"], choices=("strong", "medium")),
    "staff_strengths": Option(
        "list",
        default=["strong"],
        choices=("strong", "medium"),
        help="markers reported when the credit names no outlet: staff copy may quote another outlet's interview",
    ),
    **PROSE_OPTIONS,
}
ARGS = ("outlet", "credit")
PROSE = True


def prepare(options: dict, lexicons, path: str):
    return dict(options)


def check(doc, prepared, ctx):
    credited = set().union(*(c.outlets for c in ctx.credits))
    strengths = prepared["strengths"] if credited else prepared["staff_strengths"]
    credit = ", ".join(sorted(credited)) or "staff (no outlet)"
    for marker in find_provenance_markers(doc.prose, ctx.outlets):
        if marker.strength not in strengths or marker.outlet in credited:
            continue
        yield Hit(marker.start, marker.end, {"outlet": marker.outlet, "credit": credit})
