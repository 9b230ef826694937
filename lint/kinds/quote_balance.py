"""Quote balance: quotation marks that open and close by newsroom conventions."""

from lint.context import Hit
from lint.schema import Option

PROBLEMS = ("unclosed", "runs-on", "unopened", "mixed", "wrong-direction")

OPTIONS = {
    "problems": Option("list", required=True, choices=PROBLEMS, help="the quotation-mark problems this rule reports"),
}
ARGS = ("detail",)
PROSE = True  # the engine drops problems on furniture lines; quotations are what it reads


def prepare(options: dict, lexicons, path: str):
    return {"problems": frozenset(options["problems"])}


def check(doc, prepared, ctx):
    for problem in ctx.quotes[1]:
        if problem.code in prepared["problems"]:
            yield Hit(problem.start, problem.end, {"detail": problem.message})
