"""Where a restriction applies: prohibition triggers and the span each governs.

A topic word ("weapons", "minors") is only evidence of a restriction when it
sits inside the scope of a prohibition: the complement of "must not use the
model for ...", the subject of "... is prohibited", or an item of a list that
a restrictive lead-in opens. "You must not remove the notice from files used
in our military history course" prohibits removing a notice, not military use;
"we do not collect personal data" describes the licensor, it restricts no one.

The trigger table, and how each kind of trigger finds its scope, is in
triggers.py.
"""

import re
from dataclasses import dataclass

STRONG, BLOCK, SOFT = 1.0, 0.9, 0.7
WINDOW_WORDS = 3  # scope of a deontic trigger that is not followed by a use verb
VERB_WORDS = 4  # how far after a trigger its use verb may sit

# Verbs after which the rest of the clause names the prohibited use.
_USE_VERB = re.compile(
    r"\b(?:us(?:e|es|ed|ing)|utili[sz]\w*|employ\w*|deploy\w*|appl(?:y|ies|ied"
    r"|ying)|leverag\w*|exploit\w*|operat\w*|run|runs|running|rel(?:y|ies|ied"
    r"|ying)|engag\w*|permit\w*|allow\w*|let|lets|letting|enabl\w*|help\w*"
    r"|assist\w*|facilitat\w*|attempt\w*|try|trying|seek\w*|aid|contribut\w*"
    r"|participat\w*|integrat\w*|incorporat\w*|host\w*|offer\w*|provid\w*"
    r"|access\w*|ask|asking|prompt\w*|instruct\w*|request\w*|fine-?tun\w*"
    r"|train\w*|build\w*|built|develop\w*|creat\w*|generat\w*|produc\w*|mak(?:e|es"
    r"|ing)|made|writ(?:e|es|ing|ten)|compos\w*|design\w*|output\w*|synthesi[sz]\w*"
    r"|depict\w*|render\w*|distribut\w*|redistribut\w*|shar(?:e|es|ed|ing)"
    r"|publish\w*|post(?:s|ed|ing)?|send\w*|sent|disseminat\w*|spread\w*"
    r"|promot\w*|sell\w*|sold|market\w*|advertis\w*|transmit\w*|upload\w*"
    r"|input\w*|feed\w*|collect\w*|process\w*|harvest\w*|scrap(?:e|es|ed|ing)"
    r"|disclos\w*|plan(?:s|ned|ning)?|carry|carrying|commit\w*|conduct\w*"
    r"|automat\w*|power(?:s|ed|ing)?|driv(?:e|es|ing)|control\w*"
    r"|decid\w*|determin\w*|target\w*|encourag\w*|incit\w*|glorif\w*"
    r"|simulat\w*|pretend\w*|misrepresent\w*|present\w*|pass\w* off"
    r"|circumvent\w*|tak(?:e|es|en|ing)|took|put|putting|clon\w*|imitat\w*"
    r"|impersonat\w*|mimic\w*|replicat\w*|recreat\w*|submit\w*|enter(?:s|ed|ing)?"
    r"|suppl(?:y|ies|ied|ying)|giv(?:e|es|en|ing)|gave|hand(?:s|ed|ing)? over"
    # verbs of the harmful conduct itself: the clause after them is its object
    r"|discriminat\w*|harass\w*|defam\w*|disparag\w*|infring\w*|violat\w*|harm\w*"
    r"|abus\w*|threat\w*|stalk\w*|intimidat\w*|bull(?:y|ies|ying)|deceiv\w*"
    r"|mislead\w*|defraud\w*|surveil\w*|track\w*|monitor\w*|profil\w*|spy|spying"
    r"|endanger\w*|attack\w*|manipulat\w*|scam\w*|spam\w*|phish\w*|hack\w*"
    r"|infect\w*|steal\w*|dox\w*|sexuali[sz]\w*|groom\w*|recruit\w*|radicali[sz]\w*"
    r"|evad\w*|launder\w*|traffick\w*|infer\w*|predict\w*|identif\w*|rank\w*"
    r"|scor(?:e|es|ed|ing)|screen\w*|classif\w*|judg\w*|assess\w*|diagnos\w*"
    r"|treat(?:s|ed|ing)?|advis\w*|interfer\w*|influenc\w*|cheat\w*|plagiar\w*"
    r"|kill\w*|hurt\w*|injur\w*|discover\w*|uncover\w*|extract\w*|find out"
    r"|work out)\b"
)
_PASSIVE = re.compile(r"^\W*(?:\w+ ){0,2}?be (?:\w+ly )?\w+(?:ed|en|wn|ne|t)\b")
# Verbs by which a first-person "we do not ..." still restricts others.
_PERMISSION = re.compile(
    r"\W*(?:\w+ )?(?:allow|permit|authori[sz]e|tolerate|condone|grant|license"
    r"|support|accept|endorse|want|wish)\b"
)
_FIRST_PERSON = re.compile(
    r"\b(?:we|i)(?: (?:also|currently|generally|still|simply|really|certainly"
    r"|will|do|would))?\s*$"
)
_IMPERATIVE_BEFORE = re.compile(
    r"(?:^|[:;,(\-]|\b(?:please|and|or|so|you|users?|licensees?|recipients?"
    r"|customers?|developers?|operators?|deployers?|partners?|contributors?"
    r"|also|therefore|thus|then))\s*$"
)
_WORDS = re.compile(r"\W*[\w'-]+")
# A prohibition that is discussed, not imposed.
_META_BEFORE = re.compile(
    r"\b(?:whether|if) (?:\w+ ){0,4}?(?:should|could|would|ought to) $"
    r"|\b(?:argued|argues|argue|claimed|claims|suggested|wondered|asked why)"
    r" (?:that )?(?:\w+ ){0,5}?$"
)
# "<subject> banned <object>": a past restriction reported, not one imposed.
_PAST = frozenset(("banned", "prohibited", "forbidden"))
_REPORTED_PAST = re.compile(
    r"\b(?:polic(?:y|ies)|rules?|laws?|regulations?|governments?|platforms?"
    r"|they|he|she|it|we|courts?|countries|states?|versions?) (?:\w+ly )?$"
)
# "recognises prohibited items in baggage": the participle names a kind of
# thing, it imposes nothing (unless it names a use: "prohibited uses include")
_ATTRIBUTIVE = re.compile(
    r" (?!(?:uses?|usage|activit\w*|conduct|content|purposes?|practices?"
    r"|behaviou?rs?|acts?|actions?|applications?|outputs?|materials?|from|by|under"
    r"|in|for|to|and|or|nor|unless|except|without|at|on|within|as|where|when|if"
    r"|but|while|whereas|of|is|are|was|were|here|there|this|these|that|which|who"
    r"|outright|entirely|everywhere)\b)[a-z]+\b"
)
_BE_BEFORE = re.compile(
    r"\b(?:is|are|be|been|being|was|were|remains?|strictly|expressly|also|hereby"
    r"|explicitly|absolutely|generally|specifically|likewise|equally|always)\s*$"
)
_PASSIVE_AFTER = re.compile(r"\W*(?:$|from\b|by\b|under\b|in\b|for\b|to\b|and\b|or\b)")
# Where the clause a trigger governs ends: a new subject, a relative clause
# about something else, a condition. "without" keeps its own first word in
# scope so that "without human review" still counts as a topic.
_CLAUSE_END = re.compile(
    r", (?:which|who|whose)\b|\b(?:whereas|although|though)\b"
    r"| but\b|, (?:and|so|or|as) (?:we|i|it|its|our|this|that|these|those|there"
    r"|they|he|she)\b|(?P<without> without\b)"
)
# Where the clause around a passive prohibition starts (the last of these).
_CLAUSE_STARTS = (
    "; ",
    ": ",
    ", but ",
    ", which ",
    ", who ",
    ", whereas ",
    ", while ",
    ", although ",
    " but ",
    " whereas ",
)
BEFORE_CHARS = 120  # the subject and modal a trigger depends on sit close by
_PERMISSIVE_DOES = re.compile(
    r"\W*(?:\w+ )?(?:permit|allow|authori[sz]e|grant|license|cover|extend)\w*\b"
)


@dataclass(frozen=True, slots=True)
class Scope:
    """A span of one unit's text inside which topics count as restricted."""

    start: int
    end: int
    strength: float


def _words_end(text: str, pos: int, count: int) -> int:
    end = pos
    for _ in range(count):
        m = _WORDS.match(text, end)
        if not m:
            break
        end = m.end()
    return end


def _clause_spans(text: str, lo: int, pos: int) -> list[tuple[int, int]]:
    """From lo to the end of the clause that continues past pos, leaving out
    "without ..." asides up to their closing comma ("generating nude images
    without consent, creating deepfakes" keeps both uses in scope)."""
    spans = []
    search = pos
    while True:
        m = _CLAUSE_END.search(text, search)
        if not m:
            spans.append((lo, len(text)))
            return spans
        if not m.group("without"):
            if m.start() > lo:
                spans.append((lo, m.start()))
            return spans
        spans.append((lo, m.start() + 2))
        comma = text.find(", ", m.end())
        if comma < 0:
            return spans
        lo, search = comma + 2, comma


def _clause_start(text: str, pos: int) -> int:
    best = 0
    for mark in _CLAUSE_STARTS:
        found = text.rfind(mark, 0, pos)
        if found >= 0 and found + len(mark) > best:
            best = found + len(mark)
    return best


def trigger_scope(text: str, start: int, end: int, kind: str) -> tuple[Scope, ...]:
    """The scope of one trigger match text[start:end] of the given kind."""
    soft = kind.startswith("w")
    shape = kind[1] if soft else kind[0]
    strength = SOFT if soft else STRONG
    before = text[max(0, start - BEFORE_CHARS) : start]
    if start > BEFORE_CHARS:
        before = "\x00" + before  # not the start of the unit: "^" must not match
    if kind == "dn" and _FIRST_PERSON.search(before):
        return ()  # "we make no attempt to identify you" describes us
    if kind in ("m", "m3") and _FIRST_PERSON.search(before):
        # "we do not sell data" describes us; "we do not allow ..." restricts
        if not _PERMISSION.match(text, end):
            return ()
    if kind == "m3" and not _PERMISSIVE_DOES.match(text, end):
        return ()  # "the model does not generate ..." is a description
    if shape == "m" and text[start:end] in ("do not", "don't", "never"):
        if _IMPERATIVE_BEFORE.search(before):
            shape = "d"
    if _META_BEFORE.search(before):
        return ()  # "... argued that a ban on X", "whether labs should prohibit X"
    if (
        shape == "p"
        and text[start:end] in _PAST
        and _ATTRIBUTIVE.match(text, end)
        and not _BE_BEFORE.search(before)
    ):
        return ()
    if shape == "p" and _REPORTED_PAST.search(before) and text[start:end] in _PAST:
        if not _PASSIVE_AFTER.match(text, end):
            return ()  # "the old policy banned political content": a report
    lo = start
    head_end = _words_end(text, end, VERB_WORDS)
    if shape in ("u", "p"):
        if shape == "p":
            lo = _clause_start(text, start)
    elif ":" in text[end : head_end + 1]:
        pass  # a lead-in: "customers may not:", "shall not: (1) ..."
    else:
        head = text[end:head_end]
        if _USE_VERB.search(head):
            if _PASSIVE.match(head):
                lo = _clause_start(text, start)
        elif shape == "d":
            stop = _clause_spans(text, start, end)[0][1]
            return (
                Scope(start, min(stop, _words_end(text, end, WINDOW_WORDS)), strength),
            )
        else:
            return ()
    return tuple(Scope(a, b, strength) for a, b in _clause_spans(text, lo, end))


def strength_at(scopes: tuple[Scope, ...] | None, pos: int) -> float:
    """The strongest scope holding offset pos (0.0 when none does)."""
    if not scopes:
        return 0.0
    best = 0.0
    for s in scopes:
        if s.start <= pos < s.end and s.strength > best:
            best = s.strength
    return best


RESTRICTION_HEADING = re.compile(
    r"^(?:attachment \w+ )?(?:[\w&'-]+ ){0,3}?(?:(?:use|usage|license|licence)"
    r" restrictions?|restrictions?|prohibited (?:uses?|activities|conduct)"
    r"|restricted uses?|forbidden uses?|banned uses?|out[- ]of[- ]scope(?: uses?"
    r"| use cases)?|misuse|unacceptable uses?|you (?:agree|must) not"
    r"|off[- ]limits|(?:also )?(?:banned|prohibited|forbidden|not allowed"
    r"|not permitted)|(?:must|may|should) not|don'?ts|do not)\b"
)
# Text after these words describes what stays allowed.
EXCEPTION = re.compile(r"\b(?:unless|except|excluding|other than|save for)\b")
