"""People's names as credits write them: "Jane Doe", "Anna de Vries", "JEFFREY GETTLEMAN",
"Mark O'Neill", and lists of them ("A, B and C", "A & B")."""

import regex

FLAGS = regex.V1

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
         r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
# Capitalised words that open sentences like "By Monday, ..." or "By The Way ..." rather
# than a name.
NOT_FIRST_NAME = (r"(?:The|This|That|These|Those|Then|Now|Next|Last|Early|Late|Mid|Most|Some|"
                  r"All|Many|Far|Comparison|Contrast|Monday|Tuesday|Wednesday|Thursday|Friday|"
                  r"Saturday|Sunday|Christmas|Easter|New|Noon|Midnight|Law|Way|Default|Design|"
                  r"Order|Means|Virtue|Chance|Mistake|Year|End|Day|Night|Morning|Evening)")
_NAME_WORD = r"(?:\p{Lu}\.|\p{Lu}[\p{L}\p{M}'’\-]*\p{L}\.?)"
_PARTICLE = r"(?:de|da|del|della|der|den|di|du|dos|la|le|van|von|bin|ibn|al|el|ter)"
# Two to five name words; a date ("JAN. 13") ends the name.
NAME = (rf"(?!{NOT_FIRST_NAME}\b)(?!{MONTH}\.?\s+\d){_NAME_WORD}"
        rf"(?:\s+(?:{_PARTICLE}\s+)*(?!(?i:{MONTH})\.?\s+\d)(?!(?i:updated|staff)\b){_NAME_WORD}){{1,4}}")
NAME_RE = regex.compile(NAME, FLAGS)
FULL_NAME_RE = regex.compile(rf"^{NAME}$", FLAGS)
# A sentence's full stop after a name ("Posted by Alon Zakai."), kept on "Jr." and initials.
TRAILING_STOP = regex.compile(r"(?<!\b(?:Jr|Sr|\p{Lu}))\.$", FLAGS)
# "A", "A and B", "A, B and C", "A & B" (each may carry a "(role)"); "A, Senior Writer" is one name.
_ONE = rf"{NAME}(?:\s*\([^()]*\))?"
NAME_LIST_RE = regex.compile(rf"{_ONE}(?:(?:\s*,\s*{_ONE})*(?:\s*,?\s+and\s+|\s*&\s*){_ONE})?", FLAGS)
# Three lower-case words in a row (not "of", "and", ...): a sentence, not a credit's titles.
LOWER_RUN = regex.compile(r"(?:\b(?!(?:and|of|the|for|in|at|with|on)\b)\p{Ll}+\b[\s,]+){3}", FLAGS)
# An outlet as the byline when the outlets lexicon does not know it: "The Atlantic", or one
# word with a capital inside or all capitals ("FiveThirtyEight", "POLITICO"); it may go on
# with the outlet's staff ("By The Currency editors").
OUTLET_NAME_RE = regex.compile(
    rf"(?:(?i:the)\s+(?!{NOT_FIRST_NAME}\b)\p{{Lu}}[\p{{L}}\p{{N}}'’&.\-]*(?:\s+(?:of\s+)?\p{{Lu}}[\p{{L}}\p{{N}}'’&.\-]*){{0,3}}"
    r"|\p{Lu}\p{L}*\p{Ll}\p{Lu}[\p{L}\p{N}]*|\p{Lu}{3,})(?![\p{L}\p{N}])"
    r"(?:\s+(?:staff|editors|editorial\s+team|team|desk|newsroom|news\s+desk|staff\s+writers?|reporters?)\b)?", FLAGS)
# A date as pages print it near a byline: "August 13, 2024", "19 Dec, 2025", "12.12.2025",
# "2025-08-29", "Updated October 17, 2025", "Published 3 hours ago", "Jan. 31, 2026 7:47 am EST".
DATE = (rf"(?:(?i:(?:updated|published|posted|last\s+updated|modified)(?:\s+on)?:?\s+)?"
        rf"(?:(?:(?i:mon|tue|wed|thu|fri|sat|sun)\p{{L}}*\.?,?\s+)?(?:{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}\.?,?\s+\d{{4}}|{MONTH}\.?\s+\d{{4}}"
        rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b)"
        r"|(?i:\d{1,2}\s+(?:minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago)))")
DATE_RE = regex.compile(DATE, FLAGS)
