"""Category patterns: privacy and rights (see topics/__init__.py)."""

from ..patterns import CategoryPatterns, topic
from ._common import _BASIS

PATTERNS: dict[str, CategoryPatterns] = {
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
                r"\bre-identif\w*|\breidentif\w*|\bde-anonymi[sz]\w*|\bdeanonymi[sz]\w*"
                r"|\bunmask\w* (?:\w+ )?"
                r"(?:people|users|individuals|persons|authors)\b",
                r"\b(?:medical|financial|bank|credit card) (?:records|details|account"
                r" numbers)\b|\bsocial security numbers?\b|\bpassport numbers?\b",
                r"\bwhere (?:someone|somebody|a person|people|individuals|they|he|she)"
                r" (?:lives?|resides?)\b",
                r"\bidentifying (?:details|information|data|particulars)\b",
                r"\b(?:discover|establish|learn|determin|uncover|reveal|work out"
                r"|find out|ascertain)\w* (?:\w+ ){0,2}?identit(?:y|ies) of\b",
            ),
            topic(
                r"\bout where\b",
                requires=r"\b(?:find|finding|found|work|working|figur\w*) out where"
                r" (?:\w+ ){0,2}?(?:lives?|resides?|works?|sleeps?)\b",
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
                rf"(?! (?:[\w'-]+ ){{0,3}}?{_BASIS}),? .{{0,80}}\b(?:sexual orientation"
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
                r"|natural persons|employees|citizens|users|protesters|journalists)\b"
                rf"(?! {_BASIS})",
                r"\bidentif\w* (?:individuals|people|persons|natural persons)"
                r" (?:from|in|based on|using|through)\b",
                r"\bwhereabouts\b|\bkeystrokes\b",
                r"\b(?:recorded|filmed|photographed|captured|listened to|overheard)"
                r" (?:\w+ )?(?:secretly|covertly|without (?:their |the )?(?:knowledge"
                r"|consent|permission))\b|\bsecret(?:ly)? (?:record\w*|film\w*"
                r"|monitor\w*|track\w*)",
                r"\b(?:gait|voiceprints?|iris (?:scans?|patterns?)|fingerprints?"
                r"|face ?prints?|faceprints?) (?:recognition|identification|analysis)\b"
                r"|\bidentif\w* (?:\w+ ){0,3}?(?:from|by) (?:their |the )?(?:gait|voice"
                r"|faces?|iris|fingerprints?)\b",
                r"\b(?:recogni[sz]|identif|match|scan)\w* (?:\w+ ){0,2}?faces\b"
                r"|\bfaces? in (?:crowds|public|footage|cctv)\b",
                r"\bspy(?:ing)? on\b|\beavesdrop\w*|\bwiretap\w*|\bcovert(?:ly)?"
                r" (?:monitor|record|track|watch)\w*|\bmass monitoring\b",
            ),
            topic(
                r"\blocations?\b|\bmovements?\b|\bcommunications\b",
                requires=r"\b(?:track|trac|follow|monitor|record|log)\w* (?:\w+ ){0,2}?"
                r"(?:locations?|movements?|communications)\b",
            ),
        ),
    ),
    "law-enforcement": CategoryPatterns(
        rules=(
            topic(
                r"\blaw enforcement\b|\badministration of justice\b"
                r"|\bcriminal justice\b",
                r"\bimmigration\b|\basylum\b|\bborder control\b|\bpolicing\b",
                r"\b(?:predict|forecast|anticipat|estimat|assess)\w*\b.{0,60}\b"
                r"(?:commit\w*|crimes?|criminal\w*|recidiv\w*|offen[cs]es?"
                r"|re-?offend\w*)\b",
                r"\bpolice\b|\bpredictive policing\b|\bparol\w*|\bsentencing\b"
                r"|\bremand\w*|\bon bail\b|\bin custody\b|\bdetain\w*|\bdetention\b"
                r"|\bbail (?:decisions?|hearings?)\b|\bdeportation\w*|\brefugee"
                r" status\b",
            ),
        ),
    ),
    "automated-decisions": CategoryPatterns(
        rules=(
            topic(
                r"\bautomated decisions?\b|\bautomated decision-making\b",
                r"\bbinding,? enforceable obligation\b",
                r"\b(?:without|no|absent) (?:\w+ ){0,2}?human (?:review\w*"
                r"|oversight|involvement|intervention|in the loop|supervision|check\w*"
                r"|approval|sign-off|judg(?:e)?ment)\b",
                r"\b(?:fully|solely|entirely|purely) automated\b",
            ),
            # "no decision ... may be taken by the model alone"
            topic(
                r"\b(?:alone|solely|unaided|on (?:its|their) own)\b",
                requires=r"\bdecisions?\b[^;]{0,100}\b(?:taken|made|reached) (?:\w+ )"
                r"{0,2}?by (?:the )?(?:[\w-]+ ){0,2}?(?:alone|solely|unaided|on (?:its"
                r"|their) own)\b",
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
                r"\b(?:trustworthiness|reputation|reliability|credibility|citizen"
                r"|behaviou?ral)(?: or \w+)? scor\w*",
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
                r"\bpirated\b|\bpiracy\b|\bcounterfeit (?:goods|products|brands)\b",
                r"\b(?:copyrighted|proprietary) (?:works?|material|content|code)\b"
                r"[^.;]{0,40}\bwithout\b",
            ),
        ),
    ),
}
