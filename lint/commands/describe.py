"""How a rule is named to a reader: a title from its id, and whether it has a safe fix.

Light on imports: the SARIF format uses it for `shortDescription`.
"""

CATEGORY_LABELS = {
    "attribution": "Attribution",
    "unsourced-claim": "Unsourced claim",
    "credit-line": "Credit line",
    "quote-balance": "Quote balance",
    "page-furniture": "Page furniture",
    "style": "Style",
    "copydesk": "Suppression comments",
}


def rule_title(rule) -> str:
    """A short title for a rule, from its id: `attribution.weasel` -> "Attribution: weasel"."""
    return rule_title_of(rule.id)


def rule_title_of(rule_id: str) -> str:
    category, _, name = rule_id.partition(".")
    label = CATEGORY_LABELS.get(category, category.replace("-", " ").capitalize())
    return f"{label}: {name.replace('-', ' ')}"


def has_safe_fix(rule) -> bool:
    """Whether `check --fix` can fix this rule's findings (its kind's hits carry a safe fix)."""
    return bool(getattr(getattr(rule, "engine", None), "FIXABLE", False))
