"""Prohibition triggers: the words that open a restriction, by kind.

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

from .patterns import Rule

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
    # "the recipient will make no attempt to ...": deontic unless said of us
    (
        "dn",
        r"\bmak(?:e|es|ing) no (?:attempts?|efforts?) to\b",
        ("make no", "makes no", "making no"),
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
    # a grant on condition that the work is not put to some use: "on condition
    # that the weights are not used to ...", "provided that it is never applied"
    (
        "u",
        r"\b(?:on (?:the )?condition that|provided that|providing that|so long as"
        r"|as long as|only if) (?:[\w'-]+ ){0,5}?(?:is|are|will be|shall be|gets?)"
        r" (?:not|never) (?:being )?(?:used|deployed|applied|employed|utili[sz]ed"
        r"|put)\b",
        (
            "on condition",
            "on the condition",
            "provided that",
            "providing that",
            "so long as",
            "as long as",
            "only if",
        ),
    ),
    # "nothing may be done on the service that ...": an impersonal ban
    (
        "u",
        r"\bnothing (?:else )?(?:may|shall|must|is to|can) (?:ever )?be (?:done|used"
        r"|built|made|created|generated|deployed|run|posted|shared|uploaded"
        r"|published|sent|hosted|stored)\b",
        ("nothing",),
    ),
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
