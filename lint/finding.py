"""Findings are plain values so that every output format is a pure function of a list."""

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "suggestion")
SEVERITY_RANK = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}

CATEGORIES = (
    "attribution",
    "unsourced-claim",
    "credit-line",
    "quote-balance",
    "page-furniture",
    "style",
)


@dataclass(frozen=True, order=True, slots=True)
class Finding:
    """One problem a rule found: where (1-based lines and columns), which rule, and its message."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    # Safe fixes: ((first_line, last_line), ...) 1-based line ranges to remove. Not part of
    # the JSON contract, equality, ordering or hashing.
    fix: tuple = field(default=(), compare=False)

    def at_least(self, threshold: str) -> bool:
        return SEVERITY_RANK[self.severity] >= SEVERITY_RANK[threshold]

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
        }
