"""The one question the furniture detector asks about credits: is this line a byline, a
dateline, an agency line or a credit trailer?  Such lines are never furniture (they belong to
the credit-line checks); every step of the detector asks `is_credit`."""

from functools import lru_cache

import regex

from lint.matching import MATCH_TIMEOUT


_BYLINE = regex.compile(
    r"^(?:(?:by|par|por|von|di|door|av|autor|autorka)\s+\p{Lu}[\w.'’-]*(?:\s+\p{Lu}[\w.'’-]*){0,3}"
    r"|\p{Lu}[\w.'’-]+(?:\s+\p{Lu}[\w.'’-]+){1,3}\s*[|,/•–—-]\s*\p{Lu}[\w.&'’ -]{1,40})\s*[.,]?$",
    regex.IGNORECASE,
)
_BY = regex.compile(r"\b(?:by|par|por|von)\s+\p{Lu}", regex.IGNORECASE)
_AGENCY = regex.compile(
    r"^(?:\(?(?:AFP|AP|Reuters|UPI|CNN|dpa|ANSA|EFE|Kyodo|Xinhua|PA|AAP|TASS|Bloomberg|"
    r"Associated Press|Agence France-Presse|Press Association)\)?)(?:\s*[/,]\s*\w+)?$",
    regex.IGNORECASE,
)
_TRAILER = regex.compile(
    r"^\(?(?:(?:additional\s+)?reporting by|editing by|writing by|compiled by)\b"
    r"|contributed(?:\s+to)?(?:\s+this)?\s+report(?:ing)?\.?\)?$"
    r"|^©\s*\d{4}\s+(?:the\s+)?(?:associated press|reuters|afp)",
    regex.IGNORECASE,
)
_DATELINE = regex.compile(r"^\p{Lu}[\p{Lu}\s.,'’-]{1,40}(?:,[\w\s.]{1,20})?\s*\((?:AP|AFP|Reuters|UPI|CNN|dpa)\)\s*[-–—]*$")


@lru_cache(maxsize=4096)
def is_credit(text: str) -> bool:
    """Bylines, agency lines and trailers belong to the credit-line check, not to furniture.
    (Cached: a line is asked about from several steps.)"""
    return bool(_BYLINE.match(text, timeout=MATCH_TIMEOUT) or _AGENCY.match(text, timeout=MATCH_TIMEOUT)
                or _TRAILER.search(text, timeout=MATCH_TIMEOUT) or _DATELINE.match(text, timeout=MATCH_TIMEOUT))
