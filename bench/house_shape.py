"""The house targets of issue 15, measured: modules in lint/ over 450 lines, functions over 50
lines, functions with more than 5 positional parameters.

Usage (from the repo root):  python bench/house_shape.py   (exit 1 when a target is missed)
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULE_LINES, FUNCTION_LINES, POSITIONAL = 450, 50, 5


def positional(args: ast.arguments) -> int:
    names = [a.arg for a in args.posonlyargs + args.args]
    return len([n for n in names if n not in ("self", "cls")])


def main() -> int:
    missed = 0
    modules = sorted((ROOT / "lint").rglob("*.py"))
    for path in modules:
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        name = path.relative_to(ROOT)
        if lines > MODULE_LINES:
            missed += 1
            print(f"{name}: {lines} lines (over {MODULE_LINES})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > FUNCTION_LINES:
                    missed += 1
                    print(f"{name}:{node.lineno}: {node.name} is {length} lines (over {FUNCTION_LINES})")
                if positional(node.args) > POSITIONAL:
                    missed += 1
                    print(f"{name}:{node.lineno}: {node.name} takes {positional(node.args)} positional parameters")
    biggest = max(modules, key=lambda p: len(p.read_text(encoding="utf-8").splitlines()))
    print(f"{len(modules)} modules in lint/, largest {biggest.relative_to(ROOT)} "
          f"({len(biggest.read_text(encoding='utf-8').splitlines())} lines); {missed} over a target")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
