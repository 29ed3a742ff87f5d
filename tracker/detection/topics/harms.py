"""Category patterns: harms to people (see topics/__init__.py)."""

import re

from ..patterns import CategoryPatterns, own, topic, weak_topic
from ._common import _BASIS, _LAW, _PROTECTED

_NOT_USERS = r"(?<!use by )(?<!used by )(?<!usage by )(?<!use by a )"

PATTERNS: dict[str, CategoryPatterns] = {
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
                r"\b(?:evad\w*|circumvent\w*|dodg\w*) (?:\w+ ){0,2}?sanctions\b"
                r"|\bsanctions evasion\b|\bmoney[- ]launder\w*|\blaunder\w* money\b",
                r"\bhuman trafficking\b|\btraffick\w* (?:in )?(?:people|persons"
                r"|humans)\b"
                r"|\btax evasion\b|\bevad\w* taxes\b",
                r"\b(?:illegally|unlawfully)\b|\bagainst the law\b",
                r"\b(?:that|which|what) (?:is|are|would be|may be) (?:\w+ )?(?:unlawful"
                r"|illegal)\b",
            ),
            # supplying those whom the law bars: "people who cannot legally own"
            topic(
                r"\b(?:legally|lawfully)\b",
                requires=r"\b(?:people|persons|individuals|anyone|someone|those"
                r"|buyers|customers|users|parties) (?:who|that) (?:cannot|can't"
                r"|can not|may not|could not|are not allowed to|are not permitted to)"
                r" (?:legally|lawfully)\b|\bnot (?:legally|lawfully) (?:allowed"
                r"|permitted|entitled) to (?:own|buy|possess|purchase|obtain|receive"
                r"|have)\b",
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
        veto=re.compile(r"\b(?:predict|forecast|anticipat)\w*\b[^;]{0,80}\bcommit"),
    ),
    "child-safety": CategoryPatterns(
        rules=(
            topic(
                # "not intended for use by children" names the audience: an age
                # limit on who may use the model, not a use that harms children
                rf"{_NOT_USERS}\bminors?\b",
                rf"{_NOT_USERS}\bchild(?:ren|ren's)?\b(?! process| model| class)",
                r"\bcsam\b|\bpedophil\w*|\bpaedophil\w*|\bunderage\b",
                r"\bunder the age of\b|\bgrooming\b|\bage-gating\b|\bage gating\b",
                r"\bunder (?:1[0-8]|eighteen|sixteen|fifteen|thirteen)\b"
                r"|\bbelow (?:1[0-8]|eighteen|sixteen|fifteen|thirteen)\b",
                rf"{_NOT_USERS}\b(?:kids|juveniles?|adolescents?|teenagers?|preteens?"
                r"|pre-teens?)\b"
                rf"|{_NOT_USERS}\bchild(?:ren)?'s?\b",
            ),
        ),
        # children named among groups whose vulnerability is exploited ("aimed at
        # children, the elderly or people in debt in a way that takes advantage")
        subsumed_by=("vulnerable-group-exploitation",),
        keep_if=re.compile(
            r"\b(?:sex\w*|csam|groom\w*|nud\w*|porn\w*|explicit|abus\w*|minors?)\b"
        ),
    ),
    "violence-terrorism": CategoryPatterns(
        rules=(
            topic(
                r"\bterroris[mt]\w*|\bextremis[mt]\w*|\bradicali[sz]\w*|\bgenocid\w*",
                r"\bviolen(?:ce|t)\b",
                r"\bmass (?:casualt\w*|shootings?|killings?)|\bbodily harm\b",
                r"\bhate crimes?\b|\bincit\w* (?:to )?(?:\w+ )?attacks?\b",
                r"\bterror\b|\bmilitants?\b|\binsurrection\w*|\bmassacres?\b"
                r"|\bassassinat\w*|\bmurder\w*|\bto (?:kill|maim|injure|wound)\b"
                r"|\bkilling (?:people|civilians|humans|someone|others)\b",
                r"\b(?:plan|plot|carry out|organi[sz]e|stage)\w* (?:\w+"
                r" ){0,2}?(?:attacks?"
                r"|bombings?|shootings?|massacres?)\b|\bviolent (?:attacks?|acts?"
                r"|crimes?)",
                r"\barmed (?:attacks?|groups?|uprisings?)\b|\bbombings?\b",
                r"\bgor(?:e|y)\b|\bgraphic (?:violence|injur\w*|killings?|deaths?)\b"
                r"|\bcruelty\b|\btortur\w*|\banimal (?:abuse|cruelty)\b",
            ),
        ),
    ),
    "harassment": CategoryPatterns(
        rules=(
            topic(
                r"\bharass\w*|\bbull(?:y|ying|ies)\b|\bintimidat\w*|\bstalk\w*",
                r"\bthreat(?:en\w*|s)?\b(?! model| actor| intelligence)",
                r"\babusive (?:content|messages?|language|behaviou?r)\b|\btroll\w*",
                r"\bcyberbull\w*|\bhumiliat\w*|\bmenac\w*|\btorment\w*|\bdox\w* and\b",
                r"\babus(?:e|ing) (?:other |\w+ )?(?:people|persons|individuals|users"
                r"|others|someone)\b",
                r"\btarget\w* (?:\w+ ){0,2}?(?:dissidents|journalists|activists|critics"
                r"|minorities|opponents)\b",
            ),
        ),
    ),
    "defamation": CategoryPatterns(
        rules=(
            topic(
                r"\bdefam\w*|\bdisparag\w*|\blibel\w*|\bslander\w*|\bsmear\w*",
                r"\bfalsely (?:attribut|accus|impl|portray)\w*",
            ),
            topic(
                r"\breputations?\b|\bgood names?\b",
                requires=r"\b(?:damag|harm|ruin|tarnish|destroy)\w* (?:[\w'-]+ ){0,2}?"
                r"(?:reputations?|good names?)\b",
            ),
            weak_topic(r"\breputation\b(?! (?:risks?|scor\w*))"),
        ),
    ),
    "discrimination": CategoryPatterns(
        rules=(
            topic(
                r"\bdiscriminat\w*",
                r"\bprotected (?:characteristics|categories|attributes|classes)",
                r"\b(?:racial|ethnic|religious) (?:hatred|hate|slurs?)\b",
                r"\bhate speech\b|\bhateful\b|\bracis[mt]\b|\bsexis[mt]\b"
                r"|\bxenophob\w*|\bbigot\w*|\bdehumani[sz]\w*|\bhomophob\w*"
                r"|\btransphob\w*|\bantisemit\w*|\bislamophob\w*|\bslurs\b",
                r"\b(?:hatred|hostility|contempt|violence) (?:against|towards?|of)"
                r" (?:\w+ ){0,3}?(?:groups?|people|persons|minorit\w*|communit\w*"
                r"|religio\w*|ethnic\w*|races?|faiths?)\b",
            ),
            # treating people differently on the basis of a protected trait
            topic(
                rf"\b{_BASIS} (?:[\w'-]+ ){{0,2}}?(?:{_PROTECTED}"
                r"|\btrade union membership\b"
                r"|\bpolitical (?:opinions?|beliefs|views)\b)",
                requires=r"\b(?:profil|treat|sort|rank|select|exclud|target|categori[sz]"
                r"|classif|judg|segregat|singl\w* out|screen|filter|favou?r"
                rf"|disadvantag|penali[sz])\w* (?:[\w'-]+ ){{0,3}}?{_BASIS}",
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
                r"|job applicants|jobs?|apartments?|flats?|rental|applicants?"
                r"|candidates"
                r"|recruit\w*|welfare|benefits|admissions?|premiums?|insurance cover"
                r"|underwrit\w*|credit scor\w*|school places|university places)\b",
                requires=r"\b(?:discriminat|unfair|unequal|eligib|deny|denial"
                r"|harmful conduct|who gets|who is granted|who receives|approv|filter"
                r"|screen|rank|decid|decision|determin|assess|select|reject|sort|score"
                r"|evaluat|shortlist|vet)",
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
                r"\bprey\w* (?:up)?on\b|\btak(?:e|es|en|ing) advantage of (?:\w+ )"
                r"{0,2}?(?:elderly"
                r"|people|persons|individuals|users|children|the poor|those)\b",
            ),
        ),
    ),
    "self-harm": CategoryPatterns(
        rules=(
            topic(
                r"\bself[- ]?harm\w*|\bsuicid\w*|\bself[- ]injur\w*",
                r"\beating disorders?\b|\bself[- ]mutilat\w*",
                r"\bself[- ]destructi\w*|\banorexi\w*|\bbulimi\w*|\bpro-ana\b",
            ),
            topic(
                r"\b(?:themselves|yourself|oneself|himself|herself|yourselves)\b",
                requires=r"\b(?:hurt|harm|injur|kill|starv|cut)\w* (?:themselves"
                r"|yourself"
                r"|oneself|himself|herself|yourselves)\b",
            ),
        ),
    ),
}
