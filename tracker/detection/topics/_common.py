"""Wordings shared by several groups of category patterns."""

_LAW = r"(?:laws?|regulations?|statutes?|legal requirements|legislation)\b"
_PROTECTED = (
    r"\b(?:legally )?protected (?:characteristics|categories|attributes|classes|groups)"
    r"|\b(?:race|racial|ethnic\w*|religio\w*|gender|sexual orientation|disabilit\w*"
    r"|nationality|national origin|skin colou?r|caste)\b"
)
# "on the basis of X": X is what a decision rests on, not a thing inferred
_BASIS = (
    r"(?:on the basis of|based on|because of|by reason of|on the grounds? of"
    r"|on grounds? of|on account of)"
)
