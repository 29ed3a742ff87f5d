"""Our own per-category wording patterns, written for lowercase squeezed text.

Each category has `topic` patterns (what the restriction is about; they only
count inside a restrictive context) and optionally `self` patterns, which carry
their own restrictive meaning ("for non-commercial purposes only", "monthly
active users"). Patterns are general wordings, not sentences of any one license.
"""

import re
from dataclasses import dataclass

from ._anchors import anchors_of, prefixes_of

F = re.MULTILINE


@dataclass(frozen=True)
class Rule:
    """One regex with the literal anchors that any match must contain."""

    pattern: re.Pattern[str]
    anchors: tuple[str, ...] | None  # None: no safe anchor, always scan
    kind: str = "topic"  # topic: needs a restrictive context; self: carries its own
    weight: float = 0.8
    requires: re.Pattern[str] | None = None  # the unit must also match this
    # True when every match starts with one of the anchors: the regex is then
    # only tried (re.match) where an anchor occurs, not over whole units
    prefix: bool = False


def _rule(
    alternatives,
    *,
    kind="topic",
    weight=0.8,
    requires=None,
    anchors=None,
    prefix=False,
) -> Rule:
    pattern = re.compile("|".join(f"(?:{a})" for a in alternatives), F)
    if anchors is not None:  # hand-written where derivation finds only function words
        return Rule(pattern, tuple(anchors), kind, weight, requires, prefix)
    # Cheapest first: rare prefixes (re.match at each), then rarer required
    # literals (search the units holding one), then any prefixes, then a scan.
    for rare in (True, False):
        prefixes = _union(prefixes_of(alt, rare=rare) for alt in alternatives)
        if prefixes is not None:
            return Rule(pattern, tuple(sorted(prefixes)), kind, weight, requires, True)
        if rare:
            derived = _union(anchors_of(alt, rare=True) for alt in alternatives)
            if derived is not None:
                return Rule(pattern, tuple(sorted(derived)), kind, weight, requires)
    derived = _union(anchors_of(alt) for alt in alternatives)
    anchors = tuple(sorted(derived)) if derived is not None else None
    return Rule(pattern, anchors, kind, weight, requires)


def _union(sets) -> set[str] | None:
    out: set[str] = set()
    for found in sets:
        if found is None:
            return None
        out |= found
    return out


def topic(*alternatives: str, weight: float = 0.8, requires: str | None = None) -> Rule:
    req = re.compile(requires) if requires else None
    return _rule(alternatives, weight=weight, requires=req)


def weak_topic(*alternatives: str) -> Rule:
    return _rule(alternatives, weight=0.62)


def own(*alternatives: str, requires: str | None = None) -> Rule:
    req = re.compile(requires) if requires else None
    return _rule(alternatives, kind="self", weight=0.85, requires=req)


def _rx(
    *alternatives: str, anchors: tuple[str, ...] | None = None, prefix: bool = False
) -> Rule:
    return _rule(alternatives, anchors=anchors, prefix=prefix)


_USE_VERBS = (
    r"use|using|be used|utili[sz]e|employ|deploy|be deployed|apply|be applied|permit"
    r"|allow|engage|create|generate|distribute|develop|train|build|exploit|copy"
    r"|modify|exercise|access|host|offer|provide|make|share|publish|reproduce|sell"
    r"|rely|be relied|attempt|assist|facilitate|enable|help|incorporate|license"
    r"|sublicense|operate|run|disseminate|produce|circumvent|remove|submit|upload"
    r"|input|feed|send|post|process|collect|store|sell|market|advertise|promote"
)

# Prohibition in the unit itself. Every alternative starts with one of the
# listed anchors, so the regex is only tried where those occur.
PROHIBIT = _rx(
    r"\b(?:shall|must) not\b|\b(?:shall|must)not\b|\bmustn't\b|\bshan't\b",
    rf"\b(?:will|may|can) ?not,? (?:\w+,? ){{0,2}}?(?:{_USE_VERBS})\b",
    rf"\b(?:won't|can't|cannot) (?:\w+ ){{0,2}}?(?:{_USE_VERBS})\b",
    rf"\b(?:do not|don't|never) (?:\w+ )?(?:{_USE_VERBS})\b",
    r"\bagrees? (?:not to|that (?:you|it|they|licensee) (?:will|shall) not"
    r"|(?:you|they|licensee) (?:will|shall) not)\b",
    r"\b(?:prohibited|forbidden|banned)\b",
    r"\bnot (?:permitted|allowed|authori[sz]ed)\b|(?<!should )\bnot (?:to )?be used\b",
    r"\brefrain from\b|\b(?:use|usage) restrictions?\b|\brestricted uses?\b",
    anchors=(
        "shall not",
        "shallnot",
        "must not",
        "mustnot",
        "mustn't",
        "shan't",
        "will not",
        "willnot",
        "may not",
        "maynot",
        "can not",
        "cannot",
        "won't",
        "do not",
        "don't",
        "never",
        "agree not",
        "agrees not",
        "agree that",
        "agrees that",
        "agree you",
        "agrees you",
        "agree they",
        "agrees they",
        "agree licensee",
        "agrees licensee",
        "prohibited",
        "forbidden",
        "banned",
        "not permitted",
        "not allowed",
        "not authori",
        "not be used",
        "not to be used",
        "refrain from",
        "use restriction",
        "usage restriction",
        "restricted use",
    ),
    prefix=True,
)
# Softer wording typical of model cards ("should not be used for ...").
WEAK = _rx(
    rf"\b(?:should ?not|shouldn't) (?:\w+ )?(?:{_USE_VERBS})\b",
    r"\bnot (?:be )?(?:intended|suitable|appropriate|recommended) (?:for|to)\b",
    r"\bout[- ]of[- ]scope\b",
    r"\b(?:do|does) not recommend\b|\bdiscourage[sd]?\b",
    r"\b(?:we|i) ask (?:that )?(?:you|users) not\b",
)
# Obligations only give context to license mechanics and to compliance wording.
OBLIGE = _rx(
    r"\b(?:shall|must|will|agree to|agrees to|commit to|is required to"
    r"|are required to|required to)\b"
)
# A unit that lifts restrictions is never evidence of one.
LIFTED = _rx(
    r"\bno (?:use[- ]based |use |usage )?restrictions\b",
    r"\bwithout (?:any )?(?:use |usage )?restrictions?\b",
    r"\bunrestricted\b|\bnot restricted\b|\bfree to use\b|\bmay freely\b",
    r"\bno downstream restrictions\b",
)
# Lead-in or heading that opens a list of restricted uses.
LEAD_IN = _rx(r"\brestrict", r"\bprohibit", r"\bforbid", r"\bout[- ]of[- ]scope")
RESTRICTION_HEADING = re.compile(
    r"^(?:attachment \w+ )?(?:[\w&-]+ ){0,2}?(?:(?:use|usage|license|licence)"
    r" restrictions?|restrictions?|prohibited (?:uses?|activities)|restricted uses?"
    r"|forbidden uses?|out[- ]of[- ]scope(?: uses?| use cases)?|misuse"
    r"|unacceptable uses?|you (?:agree|must) not)\b"
)
# Text after these words describes what stays allowed.
EXCEPTION = re.compile(r"\b(?:unless|except|excluding|other than|save for)\b")


@dataclass(frozen=True)
class CategoryPatterns:
    rules: tuple[Rule, ...] = ()
    veto: re.Pattern[str] | None = None  # a unit matching this never counts
    # category keys that, firing in the same unit, make this one redundant
    subsumed_by: tuple[str, ...] = ()
    keep_if: re.Pattern[str] | None = None
    needs_other_restrictions: bool = False
    # ai-disclosure is usually phrased as the exception ("unless disclosed")
    exceptions_matter: bool = True


_LAW = r"(?:laws?|regulations?|statutes?|legal requirements|legislation)\b"
_PROTECTED = (
    r"\b(?:legally )?protected (?:characteristics|categories|attributes|classes|groups)"
    r"|\b(?:race|racial|ethnic\w*|religio\w*|gender|sexual orientation|disabilit\w*"
    r"|nationality|national origin|skin colou?r|caste)\b"
)

CATEGORY_PATTERNS: dict[str, CategoryPatterns] = {
    "illegal-activity": CategoryPatterns(
        rules=(
            topic(
                rf"\bin (?:violation|breach) of (?:any )?(?:applicable )?"
                rf"(?:[\w-]+ ){{0,3}}?{_LAW}",
                r"\b(?:illegal|unlawful|criminal|illicit) (?:activit\w*|purposes?"
                r"|conduct|acts?|uses?|content|ends|behaviou?rs?|manner)",
                r"\bcommit\w* (?:a )?crimes?\b",
                rf"\b(?:prohibited|not allowed|forbidden"
                rf"|banned) by (?:\w+ ){{0,3}}?{_LAW}",
                rf"\bin ways not allowed by (?:\w+ ){{0,2}}{_LAW}",
                r"\bsubject to applicable regulatory requirements\b",
            ),
            topic(
                r"\b(?:violat|break|breach|contraven|flout)\w*",
                requires=rf"\b{_LAW}",
            ),
            own(
                rf"\b(?:must|shall|will|agree to|commit to|responsible for|required to)"
                rf" (?:\w+ ){{0,2}}?(?:comply|complying|compliance) with (?:all )?"
                rf"(?:applicable )?(?:the )?(?:\w+ )?{_LAW}",
                r"\b(?:only|solely) for lawful purposes\b|\blawful purposes only\b",
            ),
        ),
        veto=re.compile(r"\bpredict\w*\b[^;]{0,80}\bcommit"),
    ),
    "child-safety": CategoryPatterns(
        rules=(
            topic(
                r"\bminors?\b",
                r"\bchild(?:ren|ren's)?\b(?! process| model| class)",
                r"\bcsam\b|\bpedophil\w*|\bpaedophil\w*|\bunderage\b",
                r"\bunder the age of\b|\bgrooming\b|\bage-gating\b|\bage gating\b",
            ),
        ),
    ),
    "violence-terrorism": CategoryPatterns(
        rules=(
            topic(
                r"\bterroris[mt]\w*|\bextremis[mt]\w*|\bradicali[sz]\w*|\bgenocid\w*",
                r"\bviolen(?:ce|t)\b",
                r"\bmass (?:casualt\w*|shootings?|killings?)|\bbodily harm\b",
                r"\bhate crimes?\b|\bincit\w* (?:to )?(?:\w+ )?attacks?\b",
            ),
        ),
    ),
    "harassment": CategoryPatterns(
        rules=(
            topic(
                r"\bharass\w*|\bbull(?:y|ying|ies)\b|\bintimidat\w*|\bstalk\w*",
                r"\bthreat(?:en\w*|s)?\b(?! model| actor| intelligence)",
                r"\babusive (?:content|messages?|language|behaviou?r)\b|\btroll\w*",
            ),
        ),
    ),
    "defamation": CategoryPatterns(
        rules=(
            topic(r"\bdefam\w*|\bdisparag\w*|\blibel\w*|\bslander\w*"),
            weak_topic(r"\breputation\b(?! risks?)"),
        ),
    ),
    "discrimination": CategoryPatterns(
        rules=(
            topic(
                r"\bdiscriminat\w*",
                r"\bprotected (?:characteristics|categories|attributes|classes)",
                r"\b(?:racial|ethnic|religious) (?:hatred|hate|slurs?)\b",
                r"\bhate speech\b|\bhateful\b|\bracis[mt]\b|\bsexis[mt]\b"
                r"|\bxenophob\w*",
            ),
        ),
        subsumed_by=("essential-services-discrimination", "social-scoring"),
        keep_if=re.compile(_PROTECTED),
    ),
    "essential-services-discrimination": CategoryPatterns(
        rules=(
            topic(
                r"\b(?:employment|creditworthiness|credit|housing|insurance|loans?"
                r"|lending|mortgages?|essential (?:goods|services)|public benefits"
                r"|public assistance|social benefits|hiring|tenancy|tenants?"
                r"|job applicants|jobs?|apartments?|flats?|rental)\b",
                requires=r"\b(?:discriminat|unfair|unequal|eligib|deny|denial"
                r"|harmful conduct"
                r"|screen|rank|decid|decision|determin|assess|select|reject)",
            ),
        ),
    ),
    "vulnerable-group-exploitation": CategoryPatterns(
        rules=(
            topic(
                r"\bvulnerabilit(?:y|ies) of\b",
                r"\bvulnerable (?:groups?|people|persons|individuals|populations"
                r"|users)\b",
                r"\bmaterially distort\w*|\bdistort\w* (?:\w+ ){0,2}behaviou?r",
            ),
        ),
    ),
    "self-harm": CategoryPatterns(
        rules=(
            topic(
                r"\bself[- ]?harm\w*|\bsuicid\w*|\bself[- ]injur\w*",
                r"\beating disorders?\b|\bself[- ]mutilat\w*",
            ),
        ),
    ),
    "disinformation": CategoryPatterns(
        rules=(
            topic(
                r"\bdisinformation\b|\bmisinformation\b|\bfake news\b|\bpropaganda\b",
                r"\bfalse (?:or misleading )?(?:\w+ )?(?:information|content|statements"
                r"|news|claims|narratives)\b",
                r"\b(?:verifiably|knowingly|deliberately) (?:false|misleading)\b",
                r"\b(?:misleading|deceptive) (?:information|content|claims|narratives"
                r"|media|material|news)\b",
                r"\bfabricat\w* (?:news|evidence|stories|content|quotes|statements)\b",
                r"\b(?:deceiv\w*|mislead\w*) (?:the public|others|people)\b",
            ),
        ),
    ),
    "impersonation": CategoryPatterns(
        rules=(
            topic(
                r"\bimpersonat\w*|\bdeepfakes?\b|\bdeep fakes?\b",
                r"\bpos(?:e|ing) as (?:another|a real|someone|a specific)\b",
                r"\brights? (?:to|of) (?:\w+ )?(?:likeness|publicity|portrait)\b",
            ),
            topic(
                r"\b(?:likeness|voice|appearance|face|identity)\b",
                requires=r"\b(?:without|unless)\b.{0,40}\b(?:consent|permission"
                r"|authori[sz]ation)",
            ),
            topic(
                r"\bsynthesi[sz]\w*", requires=r"\b(?:appearance|voice|likeness|face)\b"
            ),
        ),
    ),
    "ai-disclosure": CategoryPatterns(
        rules=(
            topic(
                r"\b(?:machine|human|ai|computer)[- ]generated\b",
                r"\bgenerated by (?:an? )?(?:ai|artificial intelligence|machine"
                r"|model)\b",
                r"\bnot a (?:natural )?(?:person|human)\b",
                r"\bdisclaim\w* that\b",
                r"\b(?:talking|speaking|chatting|interacting) (?:to|with) an? (?:ai|bot"
                r"|machine|chatbot|automated)\b",
            ),
            topic(
                r"\bdisclos\w*",
                requires=r"\b(?:ai|artificial intelligence|automated|machine|bot"
                r"|chatbot)\b",
            ),
            topic(
                r"\binteract\w* with (?:a |any )?(?:natural persons?|humans?|people"
                r"|users)\b",
                requires=r"\b(?:disclos\w*|not a (?:natural )?person)",
            ),
            own(
                r"\b(?:must|shall|are required to|is required to"
                r"|agree to) (?:\w+ ){0,2}?"
                r"(?:tell|inform|notify|disclose|make clear|indicate|label|mark"
                r"|flag)\w*",
                requires=r"\b(?:ai|artificial intelligence|machine[- ]generated"
                r"|ai[- ]generated|automated|bot|chatbot|language model"
                r"|not (?:a )?human)\b",
            ),
        ),
        exceptions_matter=False,
    ),
    "fraud-spam": CategoryPatterns(
        rules=(
            topic(
                r"\bfraud\w*|\bscams?\b|\bspam\w*|\bphishing\b|\bponzi\b"
                r"|\bastroturf\w*",
                r"\bfake (?:online )?(?:reviews|engagement|accounts|followers|likes)\b",
                r"\bfalse online engagement\b|\bunsolicited (?:bulk )?(?:messages"
                r"|email)",
            ),
        ),
        veto=re.compile(r"\bpredict\w*\b[^;]{0,80}\bcommit"),
    ),
    "personal-data": CategoryPatterns(
        rules=(
            topic(
                r"\bpersonal(?:ly)? identifiable information\b|\bpii\b|\bdox\w*",
                r"\b(?:home|private|personal) (?:addresses|address|phone numbers?"
                r"|contact details)\b",
                r"\bprivacy\b(?! (?:or \w+ )?(?:laws?|rules|regulations?|acts?"
                r"|polic\w*))",
                r"\b(?:personal|private) (?:information|data)\b[^.;]{0,60}\bwithout\b",
                r"\bspecial categor(?:y|ies) of (?:personal )?data\b"
                r"|\bhealth records\b",
            ),
            topic(
                r"\b(?:personal|private) (?:or private |or personal |or sensitive )?"
                r"(?:information|data)\b",
                requires=r"\b(?:collect|process|disclos|generat|disseminat|shar|sell"
                r"|harvest|scrap|publish|expos|leak)",
            ),
            topic(
                r"\bpersonal (?:data|information)\b",
                # inferring attributes is sensitive-inference, not personal data
                requires=r"^(?!.*\binfer)",
            ),
        ),
    ),
    "sensitive-inference": CategoryPatterns(
        rules=(
            topic(
                r"\binfer\w*\b.{0,80}\b(?:health|demographic|sensitive|protected"
                r"|sexual orientation|religio\w*|ethnic\w*|political"
                r"|personal information|biometric|characteristics)\b",
                r"\b(?:predict|deduc|determin|classif|guess|estimat|reveal|detect"
                r"|profil)\w*"
                r" .{0,40}\b(?:sexual orientation"
                r"|ethnicit\w*|religio\w* beliefs|political (?:opinions|views"
                r"|affiliation)"
                r"|health (?:status|conditions?)|religion|religious beliefs"
                r"|ethnic origin"
                r"|political opinions|trade union membership|gender identity)\b",
            ),
        ),
    ),
    "surveillance": CategoryPatterns(
        rules=(
            topic(
                r"\bsurveil\w*|\bbiometric\w*|\bfacial recognition\b"
                r"|\bface recognition\b",
                r"\b(?:track|monitor|profil)\w* (?:of )?(?:individuals|people|persons"
                r"|natural persons|employees|citizens|users|protesters|journalists)\b",
                r"\bidentif\w* (?:individuals|people|persons|natural persons)"
                r" (?:from|in|based on|using|through)\b",
            ),
        ),
    ),
    "law-enforcement": CategoryPatterns(
        rules=(
            topic(
                r"\blaw enforcement\b|\badministration of justice\b"
                r"|\bcriminal justice\b",
                r"\bimmigration\b|\basylum\b|\bborder control\b|\bpolicing\b",
                r"\bpredict\w*\b.{0,60}\b(?:commit\w*|crimes?|criminal\w*|recidiv\w*"
                r"|offen[cs]es?|re-?offend\w*)\b",
            ),
        ),
    ),
    "automated-decisions": CategoryPatterns(
        rules=(
            topic(
                r"\bautomated decisions?\b|\bautomated decision-making\b",
                r"\bbinding,? enforceable obligation\b",
                r"\b(?:without|no|absent) (?:any )?(?:meaningful )?human (?:review"
                r"|oversight"
                r"|involvement|intervention|in the loop)\b",
            ),
            topic(
                r"\bdecisions?\b",
                requires=r"\b(?:legal (?:effects?|rights|consequences)|legally binding"
                r"|similarly significant)\b",
            ),
        ),
    ),
    "social-scoring": CategoryPatterns(
        rules=(
            topic(
                r"\bsocial (?:behaviou?rs?|scor\w*|credit)\b",
                r"\bpersonality (?:characteristics|traits)\b",
                r"\b(?:rate|rank|score|scoring|classif\w*) (?:\w+ ){0,2}?(?:individuals"
                r"|people|persons|citizens|employees|users|workers) (?:by|based on"
                r"|according to)\b",
            ),
        ),
    ),
    "ip-infringement": CategoryPatterns(
        rules=(
            topic(
                r"(?<!non-)(?<!non )\b(?:infring|misappropriat)\w*",
                r"\bviolat\w*",
                requires=r"\b(?:third[- ]part\w*|intellectual property|copyrights?"
                r"|patents?|trademarks?|trade secrets?|proprietary"
                r"|rights of (?:others|any person)|others' rights)\b",
            ),
            topic(
                r"\b(?:copyright|patent|trademark) infringement\b",
                r"\b(?:lawful|legitimate) rights and interests of (?:any )?third part",
                r"\bpirated\b|\bpiracy\b",
            ),
        ),
    ),
    "medical": CategoryPatterns(
        rules=(
            topic(
                r"\bmedical (?:advice|diagnos\w*|results?|decisions?|devices?"
                r"|treatments?"
                r"|purposes|interpretation|care|applications?|use)\b",
                r"\bclinical (?:decisions?|diagnos\w*|use|practice|settings?|care"
                r"|applications?|purposes|judgement|judgment)\b",
                r"\bdiagnos(?:e|is|es|ing|tic)\b",
                r"\bpatient (?:care|treatment|triage|diagnosis)\b",
                r"\b(?:treatment|therapeutic) (?:decisions?|recommendations?|plans?)\b",
            ),
        ),
    ),
    "unlicensed-practice": CategoryPatterns(
        rules=(
            topic(
                r"\bun(?:licensed|authori[sz]ed)(?: or un(?:licensed|authori[sz]ed))?"
                r" practice\b",
                r"\bpractice of (?:any )?(?:profession|law|medicine|accounting)\b",
                r"\b(?:financial|legal|investment|tax) advice\b",
                r"\bregulated professions?\b",
                r"\bun(?:licensed|authori[sz]ed|qualified) (?:\w+ )?(?:medical|legal"
                r"|financial|professional|tax|investment) advice\b",
            ),
        ),
    ),
    "military-weapons": CategoryPatterns(
        rules=(
            topic(
                r"\bmilitar\w*|\bweapon\w*|\bwarfare\b|\bnuclear\b|\bmunitions?\b",
                r"\bitar\b|\barms (?:regulations?|trafficking|trade|control)\b",
                r"\bguns?\b|\bfirearms?\b|\bexplosives?\b|\bmissiles?\b"
                r"|\bbioweapons?\b",
            ),
        ),
    ),
    "critical-infrastructure": CategoryPatterns(
        rules=(
            topic(
                r"\bcritical infrastructure\b|\bheavy machinery\b",
                r"\btransportation (?:technolog\w*|systems?|networks?)\b",
                r"\bpower grids?\b|\belectric\w* grids?\b|\benergy grids?\b",
                r"\bwater (?:supply|treatment)\b",
                r"\bair traffic\b|\bautonomous (?:vehicles?|driving)\b"
                r"|\blife[- ]support\b",
                r"\bnuclear (?:facilit\w*|plants?|reactors?)\b|\bsafety[- ]critical\b",
                r"\bself-driving\b|\bdriverless\b|\bindustrial control systems?\b"
                r"|\bscada\b|\b(?:aircraft|aviation|railway|rail traffic) (?:control"
                r"|operations?|systems?)\b",
            ),
        ),
    ),
    "regulated-substances": CategoryPatterns(
        rules=(
            topic(
                r"\b(?:illegal|illicit|controlled|regulated)(?:/controlled)?"
                r" (?:drugs?|substances?)\b",
                r"\bnarcotics?\b|\bdrug (?:trafficking|manufactur\w*|synthesis)\b",
                r"\b(?:methamphetamine|cocaine|heroin|fentanyl|opioids?|mdma|lsd"
                r"|recreational drugs|street drugs)\b",
            ),
        ),
    ),
    "malware": CategoryPatterns(
        rules=(
            topic(
                r"\bmalware\b|\bmalicious (?:code|software|programs?|payloads?)\b",
                r"\bcomputer virus\w*|\bransomware\b|\bspyware\b|\btrojans?\b",
                r"\bcyber ?attacks?\b|\bcyber-attacks?\b|\bdenial[- ]of[- ]service\b"
                r"|\bbotnets?\b",
                r"\bhacking into\b|\bhack into\b|\bunauthori[sz]ed access to\b",
                r"\bbreak(?:ing)? into (?:\w+ )?(?:computers?|systems?|networks?"
                r"|accounts?"
                r"|devices?)\b|\bviruses\b|\bworms and\b|\bkeyloggers?\b",
            ),
            topic(
                r"\b(?:disable|overburden|impair|disrupt)\w*",
                requires=r"\b(?:computer|systems?|networks?|websites?|servers?)\b",
            ),
        ),
    ),
    "academic-dishonesty": CategoryPatterns(
        rules=(
            topic(
                r"\bacademic (?:dishonesty|misconduct|integrity|fraud)\b|\bplagiar\w*",
                r"\bcheat\w* (?:on|in) (?:\w+ )?(?:exams?|tests?|assignments?"
                r"|coursework)\b",
                r"\bown (?:work|writing|original work)\b",
            ),
        ),
    ),
    "political-campaigning": CategoryPatterns(
        rules=(
            topic(
                r"\bpolitical (?:campaign\w*|advertis\w*|lobbying|persuasion|messaging"
                r"|propaganda|purposes)\b",
                r"\blobbying\b|\belection(?:s|eering)?\b|\belectoral\b",
                r"\bvoters?\b|\bcampaign\w* for (?:political )?office\b",
            ),
        ),
    ),
    # --- mechanics ---
    "restrictions-propagate": CategoryPatterns(
        rules=(
            own(
                r"\brestrictions\b.{0,80}\b(?:must|shall) be (?:included|incorporated"
                r"|passed on)\b",
                r"\b(?:must|shall) (?:include|impose|pass on|flow down|incorporate)\b"
                r".{0,40}\brestrictions\b",
                r"\benforceable provision\b",
                r"\bsame use[- ]based restrictions\b",
                r"\bsame (?:\w+ ){0,2}(?:restrictions|limitations|limits|use terms)\b",
                r"\bbound by (?:the )?(?:same|these) (?:\w+ )?(?:terms|restrictions"
                r"|limitations|conditions)\b",
                r"\b(?:carry|contain|include|keep|retain|pass on|impose)\b.{0,30}"
                r"\b(?:these|the same|such|those|equivalent) (?:use )?(?:restrictions"
                r"|limitations)\b",
                r"\bremain subject to (?:this|the) (?:agreement|license|licence)\b",
                r"\brestrictions in (?:the|this) original (?:license|licence)"
                r" (?:must|shall) apply\b",
                r"\ba copy of this (?:agreement|license|licence)\b",
                requires=r"\b(?:must|shall|will|required|condition|agree|provided"
                r"|bound)\b",
            ),
        ),
        needs_other_restrictions=True,
    ),
    "research-only": CategoryPatterns(
        rules=(
            own(
                r"\b(?:solely|only|exclusively) for (?:your "
                r"|the )?(?:non-?commercial )?"
                r"(?:academic|scientific|research)(?: or (?:academic|research"
                r"|scientific"
                r"|evaluation))?(?: research)? (?:purposes?|use)\b",
                r"\b(?:solely|only|exclusively|strictly) for (?:your |the )?(?:own )?"
                r"(?:non-?commercial )?(?:academic|scientific) (?:research|study"
                r"|studies)\b",
                r"\bresearch[- ]only\b",
                r"\bonly (?:use|be used|using) (?:\w+ ){0,4}?for (?:\w+ ){0,2}?"
                r"(?:research|academic|scientific|studies|study)\b",
                r"\blimited to (?:\w+ )?(?:research|academic|scientific)\b",
                r"\b(?:research|academic)(?: or (?:evaluation|academic|research"
                r"|non-?commercial))? (?:purposes?|uses?) only\b",
            ),
        ),
    ),
    "non-commercial": CategoryPatterns(
        rules=(
            own(
                r"\bnon-?(?:commercial|profit) (?:\w+ ){0,2}?(?:purposes?"
                r"|uses?) only\b",
                r"\b(?:only|solely|exclusively) for non-?profit\b",
                r"\bnot for (?:any )?commercial (?:use|purposes?)\b",
                r"\b(?:only|solely|exclusively) for (?:your |the )?(?:\w+ )?"
                r"non-?commercial\b",
                r"\bcommercial (?:use|uses|purposes?|exploitation)\b (?:\w+ ){0,2}?"
                r"(?:is|are) (?:\w+ )?(?:prohibited|not permitted|not allowed"
                r"|forbidden)\b",
            ),
            own(
                r"\b(?:request|obtain|apply for|need|require)\w* (?:\w+ ){0,3}?"
                r"(?:license|licence)\b",
                requires=r"^(?!.*\b(?:monthly active users|revenue)\b)"
                r"(?=.*\bcommercial(?:ly)? (?:use|using|purposes?)\b)",
            ),
            topic(
                r"\bcommercial (?:or production )?(?:purposes?|uses?|gain|advantage)\b"
            ),
        ),
    ),
    "competing-models": CategoryPatterns(
        rules=(
            topic(
                r"\b(?:improve|train|develop|create|build|enhance)\w*",
                requires=r"\b(?:other|another|competing|third[- ]party|rival)"
                r" (?:\w+ ){0,3}?models?\b|\bany (?:foundation(?:al)?|large language"
                r"|generative|base)\b.{0,30}\bmodels?\b",
            ),
            topic(
                r"\bcompeting (?:\w+ )?(?:models?|products?|services?)\b",
                r"\bmodels? (?:that|which) compete\b|\bcompete\w* with (?:us|ours"
                r"|the licensor|our (?:models?|products?|services?))\b",
            ),
            topic(
                r"\boutputs?\b",
                requires=r"\b(?:train|develop|build|improve|create)\w* (?:\w+ ){0,3}?"
                r"models?\b",
            ),
        ),
    ),
    "user-threshold": CategoryPatterns(
        rules=(
            own(
                r"\b(?:monthly|daily|weekly) active users\b",
                r"\b(?:annual|yearly) (?:gross )?(?:revenues?|turnover|sales)\b",
                r"\bturnover (?:of|above|exceeding|over) ",
                r"\bmore than [\w$,.]+ (?:million |billion )?(?:users|customers"
                r"|subscribers|employees)\b",
            ),
        ),
    ),
    "remote-restriction": CategoryPatterns(
        rules=(
            own(
                r"\brestrict\b.{0,12}\bremotely\b|\bremotely or otherwise\b",
                r"\bremotely (?:\w+ ){0,2}?(?:disable|restrict|limit|revoke|suspend"
                r"|deactivate|shut down)\w*",
                r"\bruntime restrictions?\b",
                r"\bupdate the (?:\w+ )?(?:model|artifact|software)\b.{0,30}"
                r"\belectronic means\b",
                r"\bto use the latest version\b",
            ),
        ),
    ),
    "acceptable-use-policy": CategoryPatterns(
        rules=(
            own(
                r"\b(?:acceptable|prohibited|responsible) use polic\w*|\baup\b",
                requires=r"\b(?:incorporated|incorporates|forms? part of"
                r"|made part of)\b",
            ),
        ),
    ),
}
