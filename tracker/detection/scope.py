"""Where a restriction applies: prohibition triggers and the span each governs.

A topic word ("weapons", "minors") is only evidence of a restriction when it
sits inside the scope of a prohibition: the complement of "must not use the
model for ...", the subject of "... is prohibited", or an item of a list that
a restrictive lead-in opens. "You must not remove the notice from files used
in our military history course" prohibits removing a notice, not military use;
"we do not collect personal data" describes the licensor, it restricts no one.

Triggers are one prefix-gated regex; each alternative is a named group whose
name says how its scope is found:

- ``d``: deontic ("shall not", "agree not to", "we prohibit"): the rest of the
  clause when a use verb follows within a few words, else only the next few
  words ("must not harass people", "shall not infringe").
- ``m``: modal or descriptive ("may not", "cannot", "never"): the rest of the
  clause only when a use verb follows; "the model may not work well on
  clinical notes" restricts nothing.
- ``u``: the trigger already names a use ("no use in", "not to be used",
  "under no circumstances"): the rest of the clause.
- ``p``: passive ("... is prohibited", "off-limits", "not permitted"): the
  whole clause around it, subject included.
- ``w*``: the soft, model-card forms ("should not", "not suitable for",
  "out of scope"), same shapes with a lower strength.
"""

import re
from dataclasses import dataclass

from .patterns import Rule

STRONG, BLOCK, SOFT = 1.0, 0.9, 0.7
WINDOW_WORDS = 3  # scope of a deontic trigger that is not followed by a use verb
VERB_WORDS = 4  # how far after a trigger its use verb may sit

_TRIGGERS: list[tuple[str, str, tuple[str, ...]]] = [
    # --- passive forms that follow a verb of prohibition: "prohibited from" ---
    (
        "d",
        r"\b(?:prohibited|forbidden|banned|barred|restricted|precluded) from\b",
        (
            "prohibited from",
            "forbidden from",
            "banned from",
            "barred from",
            "restricted from",
            "precluded from",
        ),
    ),
    (
        "d",
        r"\b(?:shall|must)(?: (?:also|further|ever|likewise|equally|therefore))?"
        r" ?(?:not|never)\b|\bmustn't\b|\bshan't\b",
        (
            "shall also",
            "shall further",
            "shall ever",
            "shall likewise",
            "shall equally",
            "shall therefore",
            "must also",
            "must further",
            "must ever",
            "must likewise",
            "must equally",
            "must therefore",
            "shall not",
            "shallnot",
            "shall never",
            "must not",
            "mustnot",
            "must never",
            "mustn't",
            "shan't",
        ),
    ),
    (
        "d",
        r"\bagrees? (?:not to|never to|to not|to never"
        r"|(?:that )?(?:you|it|they|licensee|the licensee|users?|recipients?)"
        r" (?:will|shall) (?:not|never))\b",
        (
            "agree not",
            "agrees not",
            "agree never",
            "agrees never",
            "agree to not",
            "agrees to not",
            "agree to never",
            "agrees to never",
            "agree that",
            "agrees that",
            "agree you",
            "agrees you",
            "agree it",
            "agrees it",
            "agree they",
            "agrees they",
            "agree licensee",
            "agrees licensee",
            "agree the licensee",
            "agrees the licensee",
            "agree user",
            "agrees user",
            "agree recipient",
            "agrees recipient",
        ),
    ),
    (
        "d",
        r"\b(?:refrain|abstain)s? from\b",
        ("refrain from", "refrains from", "abstain from", "abstains from"),
    ),
    (
        "d",
        r"\b(?:prohibit|prohibits|prohibiting|forbid|forbids|forbidding|bans"
        r"|banning)\b|\bban (?:on|the|all|any|using|use)\b",
        (
            "prohibit",
            "forbid",
            "bans",
            "banning",
            "ban on",
            "ban the",
            "ban all",
            "ban any",
            "ban using",
            "ban use",
        ),
    ),
    (
        "u",
        r"\bprohibitions? (?:on|of|against)\b|\bavoid(?:s)? (?:using|use of"
        r"|employing|deploying|relying|applying|putting|running|letting)\b",
        (
            "prohibition on",
            "prohibition of",
            "prohibition against",
            "prohibitions on",
            "prohibitions of",
            "prohibitions against",
            "avoid using",
            "avoid use of",
            "avoid employing",
            "avoid deploying",
            "avoid relying",
            "avoid applying",
            "avoid putting",
            "avoid running",
            "avoid letting",
            "avoids using",
            "avoids use of",
            "avoids employing",
            "avoids deploying",
            "avoids relying",
            "avoids applying",
            "avoids putting",
            "avoids running",
            "avoids letting",
        ),
    ),
    ("u", r"\bunder no circumstances\b", ("under no circumstances",)),
    (
        "d",
        r"\b(?:nobody|no one|no-one|no person|no party|no user|no licensee)"
        r" (?:\w+ )?(?:may|shall|can|is allowed to|is permitted to)\b",
        (
            "nobody",
            "no one",
            "no-one",
            "no person",
            "no party",
            "no user",
            "no licensee",
        ),
    ),
    (
        "p",
        r"\boutside (?:of )?(?:what (?:we|is|you are) (?:allow|permit)\w*"
        r"|(?:the )?(?:permitted|allowed|acceptable) uses?)\b"
        r"|\b(?:is|are|counts? as|constitutes?) (?:a |an )?misuse\b",
        (
            "outside what",
            "outside of what",
            "outside the permitted",
            "outside permitted",
            "outside the allowed",
            "outside allowed",
            "outside the acceptable",
            "outside acceptable",
            "outside of the",
            "is a misuse",
            "are a misuse",
            "is misuse",
            "are misuse",
            "count as misuse",
            "counts as misuse",
            "count as a misuse",
            "counts as a misuse",
            "constitute a misuse",
            "constitutes a misuse",
            "constitute misuse",
            "constitutes misuse",
            "is an misuse",
        ),
    ),
    (
        "m",
        r"\bin no (?:event|case|circumstances?) (?:may|shall|will|can|should|is|are)\b",
        ("in no event", "in no case", "in no circumstance"),
    ),
    (
        "u",
        r"\bno (?:use|uses|usage|application|applications|deployment|deployments)"
        r" (?:in|for|of|as|on|to|with|that|which|by|within)\b",
        ("no use", "no usage", "no application", "no deployment"),
    ),
    (
        "u",
        r"\bnot for (?:any )?(?:use|uses|usage|deployment)\b",
        (
            "not for use",
            "not for uses",
            "not for usage",
            "not for deployment",
            "not for any",
        ),
    ),
    (
        "u",
        r"(?<!should )(?<!shouldn't )\bnot (?:to )?be (?:used|deployed|applied"
        r"|employed|utili[sz]ed|relied)\b",
        (
            "not be used",
            "not be deployed",
            "not be applied",
            "not be employed",
            "not be utilised",
            "not be utilized",
            "not be relied",
            "not to be used",
            "not to be deployed",
            "not to be applied",
            "not to be employed",
            "not to be utilised",
            "not to be utilized",
            "not to be relied",
        ),
    ),
    (
        "p",
        r"\bnot (?:permitted|allowed|authori[sz]ed|acceptable|tolerated)\b",
        (
            "not permitted",
            "not allowed",
            "not authorised",
            "not authorized",
            "not acceptable",
            "not tolerated",
        ),
    ),
    (
        "p",
        r"\b(?:prohibited|forbidden|banned|disallowed|impermissible|unacceptable)\b"
        r"|\boff[- ]limits\b",
        (
            "prohibited",
            "forbidden",
            "banned",
            "disallowed",
            "impermissible",
            "unacceptable",
            "off-limits",
            "off limits",
        ),
    ),
    (
        "p",
        r"\b(?:use|usage) restrictions?\b|\brestricted uses?\b",
        ("use restriction", "usage restriction", "restricted use"),
    ),
    # --- modal and descriptive negations: only with a use verb after them ---
    (
        "m",
        r"\b(?:will|may|can)(?: (?:also|further|ever|therefore))? ?not\b",
        (
            "will not",
            "willnot",
            "may not",
            "maynot",
            "can not",
            "cannot",
            "will also",
            "will further",
            "will ever",
            "will therefore",
            "may also",
            "may further",
            "may ever",
            "may therefore",
            "can also",
            "can further",
            "can ever",
            "can therefore",
        ),
    ),
    ("m", r"\b(?:won't|can't)\b", ("won't", "can't")),
    ("m", r"\b(?:do not|don't)\b", ("do not", "don't")),
    (
        "m3",
        r"\b(?:does not|doesn't)\b",
        ("does not", "doesn't"),
    ),
    ("m", r"\bnever\b", ("never",)),
    # --- soft, model-card wording ---
    (
        "wd",
        r"\bshould(?: also| further| ever)? ?(?:not|never)\b|\bshouldn't\b",
        (
            "should not",
            "shouldnot",
            "should never",
            "shouldn't",
            "should also",
            "should further",
            "should ever",
        ),
    ),
    (
        "wu",
        r"\bnot (?:be )?(?:intended|suitable|appropriate|recommended|designed|meant"
        r"|fit|safe) (?:for|to)\b",
        (
            "not intended",
            "not suitable",
            "not appropriate",
            "not recommended",
            "not designed",
            "not meant",
            "not fit",
            "not safe",
            "not be intended",
            "not be suitable",
            "not be appropriate",
            "not be recommended",
            "not be designed",
            "not be meant",
            "not be fit",
            "not be safe",
        ),
    ),
    (
        "wp",
        r"\bout[- ]of[- ]scope\b",
        ("out-of-scope", "out of scope", "out-of scope", "out of-scope"),
    ),
    (
        "wu",
        r"\b(?:do|does) not recommend\b|\bdiscourage[sd]?\b"
        r"|\b(?:advise|advises|recommend|recommends|caution|cautions|warn|warns)"
        r" against\b|\b(?:are|is) advised not to\b"
        r"|\b(?:we|i) ask (?:that )?(?:you|users) not\b",
        (
            "do not recommend",
            "does not recommend",
            "discourage",
            "advise against",
            "advises against",
            "recommend against",
            "recommends against",
            "caution against",
            "cautions against",
            "warn against",
            "warns against",
            "are advised not",
            "is advised not",
            "we ask",
            "i ask",
        ),
    ),
]


def _trigger_rule() -> tuple[Rule, dict[str, str]]:
    kinds: dict[str, str] = {}
    parts, anchors = [], []
    for n, (kind, regex, words) in enumerate(_TRIGGERS):
        kinds[f"t{n}"] = kind
        parts.append(f"(?P<t{n}>{regex})")
        anchors.extend(words)
    pattern = re.compile("|".join(parts), re.MULTILINE)
    return Rule(pattern, tuple(dict.fromkeys(anchors)), prefix=True), kinds


TRIGGER, TRIGGER_KINDS = _trigger_rule()

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
    r"|kill\w*|hurt\w*|injur\w*)\b"
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
