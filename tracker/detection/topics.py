"""Our own per-category wording patterns, written for lowercase squeezed text.

Each category has `topic` patterns (what the restriction is about; they only
count inside the scope of a prohibition, see scope.py) and optionally `self`
patterns, which carry their own restrictive meaning ("for non-commercial
purposes only", "monthly active users"). Patterns are general wordings with
their common synonyms, not sentences of any one license.
"""

import re

from .patterns import CategoryPatterns, own, topic, weak_topic

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
                r"\b(?:evad\w*|circumvent\w*|dodg\w*) (?:\w+ ){0,2}?sanctions\b"
                r"|\bsanctions evasion\b|\bmoney[- ]launder\w*|\blaunder\w* money\b",
                r"\bhuman trafficking\b|\btraffick\w* (?:in )?(?:people|persons"
                r"|humans)\b"
                r"|\btax evasion\b|\bevad\w* taxes\b",
                r"\b(?:illegally|unlawfully)\b|\bagainst the law\b",
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
                r"\bminors?\b",
                r"\bchild(?:ren|ren's)?\b(?! process| model| class)",
                r"\bcsam\b|\bpedophil\w*|\bpaedophil\w*|\bunderage\b",
                r"\bunder the age of\b|\bgrooming\b|\bage-gating\b|\bage gating\b",
                r"\bunder (?:1[0-8]|eighteen|sixteen|fifteen|thirteen)\b"
                r"|\bbelow (?:1[0-8]|eighteen|sixteen|fifteen|thirteen)\b",
                r"\b(?:kids|juveniles?|adolescents?|teenagers?|preteens?|pre-teens?)\b"
                r"|\bchild(?:ren)?'s?\b",
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
                r"\bterror\b|\bmilitants?\b|\binsurrection\w*|\bmassacres?\b"
                r"|\bassassinat\w*|\bmurder\w*|\bto (?:kill|maim|injure|wound)\b"
                r"|\bkilling (?:people|civilians|humans|someone|others)\b",
                r"\b(?:plan|plot|carry out|organi[sz]e|stage)\w* (?:\w+"
                r" ){0,2}?(?:attacks?"
                r"|bombings?|shootings?|massacres?)\b|\bviolent (?:attacks?|acts?"
                r"|crimes?)",
                r"\barmed (?:attacks?|groups?|uprisings?)\b|\bbombings?\b",
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
            topic(r"\bdefam\w*|\bdisparag\w*|\blibel\w*|\bslander\w*|\bsmear\w*"),
            topic(
                r"\breputations?\b|\bgood names?\b",
                requires=r"\b(?:damag|harm|ruin|tarnish|destroy)\w* (?:\w+ ){0,2}?"
                r"(?:reputations?|good names?)\b",
            ),
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
                r"|\bxenophob\w*|\bbigot\w*|\bdehumani[sz]\w*|\bhomophob\w*"
                r"|\btransphob\w*|\bantisemit\w*|\bislamophob\w*|\bslurs\b",
                r"\b(?:hatred|hostility|contempt|violence) (?:against|towards?|of)"
                r" (?:\w+ ){0,3}?(?:groups?|people|persons|minorit\w*|communit\w*"
                r"|religio\w*|ethnic\w*|races?|faiths?)\b",
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
                r"\bprey\w* (?:up)?on\b|\btake advantage of (?:\w+ ){0,2}?(?:elderly"
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
                r"\b(?:false|untrue|fabricated|fake|bogus|made-up|invented)(?:,| or)?"
                r" (?:\w+ ){0,2}?(?:information|content|claims?|stories|story|things"
                r"|facts|statements?|narratives?|reports?|articles?|evidence|quotes?"
                r"|rumou?rs?)\b",
                r"\binvent\w* (?:\w+ ){0,2}?(?:news|stories|quotes|facts|claims"
                r"|evidence"
                r"|statistics)\b",
                r"\bden(?:y|ies|ying|ial of) (?:\w+ ){0,3}?(?:atrocities|genocides?"
                r"|the holocaust|war crimes|historical (?:events|facts)|scientific"
                r" consensus)\b",
                r"\b(?:deceiv|mislead|misinform)\w* (?:\w+ ){0,2}?(?:regulators"
                r"|authorities"
                r"|officials|consumers|investors|voters|the press|journalists)\b",
                r"\bhoax\w*|\bconspiracy theor\w*|\bmanipulat\w* (?:\w+ ){0,2}?public"
                r" opinion\b|\binfluence operations?\b",
            ),
        ),
    ),
    "impersonation": CategoryPatterns(
        rules=(
            topic(
                r"\bimpersonat\w*|\bdeepfakes?\b|\bdeep fakes?\b",
                r"\bpos(?:e|ing) as (?:another|a real|someone|a specific)\b",
                r"\brights? (?:to|of) (?:\w+ )?(?:likeness|publicity|portrait)\b",
                r"\bnon-?consensual (?:intimate |sexual |explicit |nude )?(?:imagery"
                r"|images?|content|media|videos?|deepfakes?)\b",
                r"\b(?:clon|imitat|mimic|replicat|fak)\w* (?:\w+ ){0,3}?(?:voices?"
                r"|likeness\w*|faces?)\b|\bvoice[- ]clon\w*|\bcloned (?:voices?"
                r"|faces?)\b",
                r"\b(?:pretend\w* to be|pretend\w* as|pose as|poses as|posed as|posing"
                r" as"
                r"|masquerad\w* as|pass\w* (?:themselves|yourself|oneself|itself) off"
                r" as)"
                r" (?:\w+ ){0,3}?(?:person|someone|somebody|individual|member|official"
                r"|relative|public figure|celebrity|politician|employee)\b",
                r"\bfake (?:\w+ )?(?:identit(?:y|ies)|personas?|profiles?)\b",
            ),
            topic(
                r"\bto (?:come|be) from (?:\w+ ){0,3}?(?:person|someone|agency"
                r"|government|authority|officials?|bank|company|organi[sz]ation|brand"
                r"|politician|celebrity)\b",
                requires=r"\b(?:pretend|purport|appear|claim)\w* to (?:come|be) from\b",
            ),
            topic(
                r"\b(?:likeness|voice|appearance|face|identity)\b",
                requires=r"\b(?:without|unless)\b.{0,40}\b(?:consent|permission"
                r"|authori[sz]ation|agree\w*|approv\w*)",
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
                r"\b(?:talking|speaking|chatting|interacting) (?:to|with) (?:an?"
                r" )?(?:ai"
                r"|bot|machine|chatbot|automated|software|computer|program)\b",
                r"\b(?:hid|conceal|obscur|disguis)\w* (?:\w+ ){0,5}?(?:is|are|was|were)"
                r" (?:an? )?(?:ai|machine|bot|automated|software|synthetic)\b",
                r"\b(?:remov|strip|disabl|tamper)\w* (?:\w+ ){0,2}?(?:watermarks?"
                r"|provenance (?:data|metadata|labels?))\b",
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
                r"\b(?:notice|label|disclosure|watermark|disclaimer)s?\b",
                requires=r"^(?=.*\b(?:must|shall|are required to|is required to|has to"
                r"|have to) (?:\w+ )?(?:carry|bear|include|display|show|contain"
                r"|be accompanied by|be marked with|be labell?ed with) (?:a |an |the )?"
                r"(?:clear |visible )?(?:notice|label|disclosure|watermark|statement"
                r"|disclaimer|tag)\b)(?=.*\b(?:ai|artificial intelligence|generated"
                r"|synthetic|machine|bot|chatbot|automated|language model)\b)",
            ),
            own(
                r"\b(?:must|shall|are required to|is required to|has to|have to|need to"
                r"|needs to|agree to) (?:\w+ ){0,2}?"
                r"(?:tell|inform|notify|disclose|make clear|indicate|label|mark"
                r"|flag)\w*",
                requires=r"\b(?:ai|artificial intelligence|machine[- ]generated"
                r"|ai[- ]generated|automated|bot|chatbot|language model|synthetic"
                r"|not (?:a )?human|(?:a|an) human)\b",
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
                r"\b(?:pass|bypass|defeat|fool|spoof|trick|circumvent)\w* (?:\w+"
                r" ){0,3}?"
                r"(?:voice|identity|security|kyc|know-your-customer|age|biometric"
                r"|liveness) (?:checks?|verification|authentication)\b",
                r"\bfake (?:invoices|receipts|documents|ids|identity documents"
                r"|certificates|diplomas)\b|\b(?:review|rating)s? manipulation\b"
                r"|\bmanipulat\w* (?:\w+ )?(?:reviews|ratings)\b|\bsock ?puppets?\b"
                r"|\b(?:automated|mass|bulk) account (?:creation|registration)\b",
                r"\bdefraud\w*|\bswindl\w*|\bpyramid schemes?\b|\bcon artists?\b"
                r"|\bbulk (?:e-?mail|messag\w*|sms)\b|\brobocall\w*",
                r"\btrick\w* (?:\w+ ){0,2}?(?:into|out of)\b|\bcheat\w* (?:\w+"
                r" ){0,2}?out"
                r" of\b|\bcounterfeit\w*|\bforg(?:e|ed|ing|ery) (?:\w+"
                r" ){0,2}?(?:documents?"
                r"|signatures?|ids?|identit\w*|cheques|checks)\b",
            ),
        ),
        veto=re.compile(r"\b(?:predict|forecast|anticipat)\w*\b[^;]{0,80}\bcommit"),
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
                r"\bre-identif\w*|\breidentif\w*|\bde-anonymi[sz]\w*|\bdeanonymi[sz]\w*"
                r"|\bunmask\w* (?:\w+ )?"
                r"(?:people|users|individuals|persons|authors)\b",
                r"\b(?:medical|financial|bank|credit card) (?:records|details|account"
                r" numbers)\b|\bsocial security numbers?\b|\bpassport numbers?\b",
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
                r"\bpolice\b|\bpredictive policing\b|\bparole\b|\bsentencing\b"
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
                r"\bpirated\b|\bpiracy\b|\bcounterfeit (?:goods|products|brands)\b",
                r"\b(?:copyrighted|proprietary) (?:works?|material|content|code)\b"
                r"[^.;]{0,40}\bwithout\b",
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
                r"\b(?:detect|identif|screen|interpret|read|classif|spot|find)\w*"
                r" (?:\w+ ){0,2}?(?:tumou?rs?|cancers?|lesions?|fractures?|strokes"
                r"|diseases?|illness\w*|infections?|disorders?)\b",
                r"\b(?:x-?rays?|mri scans?|ct scans?|mammogra\w*|radiolog(?:y|ists?)\b"
                r"|patholog"
                r"\w* (?:slides|samples|reports))\b",
                r"\bmental health (?:\w+ )?(?:assessments?|diagnos\w*|treatment|care"
                r"|screening|conditions?|advice|support|counsel\w*)\b",
                r"\b(?:assess|evaluat|screen|triag|monitor)\w* (?:[\w']+"
                r" ){0,2}?(?:patients?"
                r"|mental health|symptoms?)\b",
                r"\b(?:choos|select|recommend|prescrib|decid)\w* (?:\w+"
                r" ){0,3}?(?:treatments?"
                r"|medications?|medicines?|drug doses|dosages?|therap(?:y|ies))\b",
                r"\bhealth (?:advice|care decisions|diagnos\w*)\b|\bprescri(?:be|bing"
                r"|ption)s?\b|\bdosages?\b|\btreat(?:ing)? (?:patients|illness\w*"
                r"|diseases?|conditions?)\b",
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
                r"\b(?:financial|investment|tax|legal|wealth) (?:advis[eo]rs?|planners?"
                r"|counsel\w*|planning)\b",
                r"\blegal (?:opinions?|representation|counsel)\b",
                r"\b(?:licensed|certified|chartered|registered) (?:\w+"
                r" )?(?:professionals?"
                r"|advis[eo]rs?|accountants?|lawyers?|attorneys?|practitioners?"
                r"|brokers?)\b",
            ),
            topic(
                r"\b(?:doctor|physician|lawyer|attorney|solicitor|accountant|pharmacist"
                r"|therapist|psychologist|counsell?or|nurse|advis[eo]r|broker)s?\b",
                requires=r"\b(?:act|acting|serv\w*|present\w*|pos\w*|pretend\w*|pass\w*"
                r" \w+ off) (?:\w+ ){0,2}?as (?:a |an |anyone's |someone's |your )?"
                r"(?:licensed |certified |qualified )?(?:doctor|physician|lawyer"
                r"|attorney"
                r"|solicitor|accountant|pharmacist|therapist|psychologist|counsell?or"
                r"|nurse|advis[eo]r|broker)\b",
            ),
        ),
    ),
    "military-weapons": CategoryPatterns(
        rules=(
            topic(
                r"\bmilitar\w*|\bweapon\w*|\bwarfare\b|\bmunitions?\b",
                r"\bnuclear\b(?! (?:power|plants?|reactors?|facilit\w*|energy|medicine"
                r"|magnetic|stations?|safety))",
                r"\bitar\b|\barms (?:regulations?|trafficking|trade|control)\b",
                r"\bguns?\b|\bfirearms?\b|\bexplosives?\b|\bmissiles?\b"
                r"|\bbioweapons?\b",
                r"\barmaments?\b|\bwarheads?\b|\bammunition\b|\bcombat\b"
                r"|\bbattlefields?\b|\bnerve agents?\b|\bbiological agents?\b"
                r"|\bchemical (?:agents|arms)\b|\bdefen[cs]e (?:industry|purposes"
                r"|applications|contractors?)\b|\btargeting systems?\b"
                r"|\bdrone strikes?\b|\b(?:armed|military) drones?\b",
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
                r"\bpower (?:plants?|stations?|networks?|supply)\b|\bdams\b"
                r"|\bpipelines? (?:control|operations?|safety)\b|\btraffic (?:lights"
                r"|signals|control)\b|\b(?:water|gas|electricity) (?:networks?|systems?"
                r"|utilit\w*|distribution)\b|\bemergency (?:services|dispatch)\b",
                r"\b(?:operat|control|steer|pilot|fly|flying|driv)\w* (?:\w+ ){0,2}?"
                r"(?:vehicles?|cars|aircraft|planes|trains|drones|machinery"
                r"|factories)\b",
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
                r"\bdrug (?:dealing|dealers?|smuggling|labs?)\b|\bprecursor chemicals\b"
                r"|\b(?:crystal )?meth\b|\bketamine\b|\bcannabis\b|\bmarijuana\b",
            ),
            topic(
                r"\b(?:drugs|amphetamines?|psychedelics?|steroids)\b",
                requires=r"\b(?:synthesi[sz]|cook|manufactur|produc|mak|sell|deal"
                r"|smuggl"
                r"|traffick|obtain|buy|purchas)\w* (?:\w+ ){0,2}?(?:drugs|amphetamines?"
                r"|psychedelics?|steroids)\b",
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
                r"\b(?:meant|designed|intended|built|written) to (?:damage|harm|disrupt"
                r"|steal|compromise|infect|destroy|hijack) (?:\w+ ){0,2}?(?:computers?"
                r"|systems?|networks?|devices?|data|accounts?|servers?)\b",
                r"\b(?:gain\w*|obtain\w*|get\w*) (?:unauthori[sz]ed )?access to (?:\w+"
                r" )"
                r"{0,3}?(?:accounts?|networks?|systems?|computers?|devices?|servers?"
                r"|databases?)\b",
                r"\b(?:knock|take|taking|bring|force)\w* (?:\w+ ){0,2}?offline\b"
                r"|\bfloods? of (?:\w+ )?traffic\b|\bddos\b|\bzero-days?\b"
                r"|\bexploit (?:code|kits?)\b|\bcredential (?:theft|stuffing"
                r"|harvesting)\b"
                r"|\bpassword cracking\b|\bcrack\w* passwords?\b|\bhack(?:s|ed|ing"
                r"|ers?)?\b",
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
                r"\bcontract cheating\b|\bghost-?writ\w* (?:\w+ ){0,2}?(?:essays?"
                r"|assignments?|theses|dissertations?|homework)\b",
                r"\b(?:essays?|homework|assignments?|coursework|exams?) (?:\w+ ){0,5}?"
                r"(?:hand|turn|submit|pass)\w* (?:in |off )?as (?:their|your|his|her"
                r"|one's) own\b",
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
                r"\b(?:political|election|electoral) (?:candidates?|parties|ads"
                r"|adverts?"
                r"|campaigns?|messages?|content)\b|\bcandidates? for (?:public"
                r" )?office\b",
                r"\bcanvass\w*|\bget-out-the-vote\b|\bvoting (?:intentions?|behaviou?r"
                r"|procedures?)\b|\bballots?\b",
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
                r"\bsame (?:\w+ ){0,2}(?:restrictions|limitations|limits|use terms"
                r"|rules)\b",
                r"\bbound by (?:the )?(?:same|these) (?:\w+ )?(?:terms|restrictions"
                r"|limitations|conditions)\b",
                r"\b(?:carry|contain|include|keep|retain|pass on|impose)\b.{0,30}"
                r"\b(?:these|the same|such|those|equivalent) (?:use )?(?:restrictions"
                r"|limitations)\b",
                r"\bremain subject to (?:this|the) (?:agreement|license|licence)\b",
                r"\brestrictions in (?:the|this) original (?:license|licence)"
                r" (?:must|shall) apply\b",
                r"\b(?:restrictions|limitations|limits|use terms) (?:\w+ ){0,5}?(?:to"
                r"|on"
                r"|with|for) (?:every|each|any|all) (?:\w+ )?(?:recipients?|licensees?"
                r"|users?|distributees|parties|anyone|whoever)\b",
                r"\b(?:carry|contain|include|keep|retain|reproduce|replicate|flow down"
                r"|mirror)\w* (?:\w+ ){0,3}?(?:at least|no less|equally)\b.{0,40}"
                r"\b(?:restrictions|limitations|limits|use terms|conduct rules)\b",
                requires=r"\b(?:must|shall|will|required|condition|agree|provided"
                r"|bound|ha(?:ve|s) to|needs? to)\b",
            ),
            own(
                r"\bpass\w* (?:\w+ ){0,4}?(?:restrictions|limitations|limits|use terms"
                r"|conditions of use) on (?:to|with)\b",
                r"\bpass\w* on (?:\w+ ){0,4}?(?:restrictions|limitations|limits|use"
                r" terms"
                r"|conditions of use) to\b",
            ),
            own(
                r"\b(?:hand|pass|give|provide|forward|deliver|transfer)\w* (?:over |on"
                r" |along )?(?:these|the|such|its|those|the same|all) (?:use |usage"
                r" |conduct )?(?:limits|restrictions|limitations|conditions of use)\b",
                r"\b(?:recipients?|downstream users?|anyone who receives \w+|licensees)"
                r" (?:\w+ ){0,3}?(?:is|are|shall be|must be|will be) (?:equally |also"
                r" )?bound by (?:them|these|those|the same|such)\b",
                requires=r"\b(?:must|shall|will|required|condition|agree|provided"
                r"|bound|anyone|whoever|recipients?)\b",
            ),
            own(
                r"\ba copy of this (?:agreement|license|licence)\b",
                requires=r"\b(?:must|shall|will|required|condition|agree|provided"
                r"|bound)\b",
                alone=False,
            ),
        ),
        needs_other_restrictions=True,
    ),
    "research-only": CategoryPatterns(
        rules=(
            own(
                # "these weights are for non-commercial scientific work"
                r"\b(?:are|is) (?:intended |meant |licensed |provided |released )?"
                r"(?:only |solely |strictly |exclusively )?for (?:your )?(?:own )?"
                r"(?:(?:non-?commercial|educational) (?:and |or )?)?(?:academic"
                r"|scientific|research)(?: (?:and|or) (?:academic|scientific|research"
                r"|educational))? (?:work|use|uses|purposes?|projects?|activities)\b",
            ),
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
                r"\b(?:released|available|provided|licensed|offered|granted|made"
                r" available)(?: only| solely| exclusively)? to (?:accredited |academic"
                r" |qualified |non-?profit |university |public )*(?:research|academic)"
                r" (?:institutions?|researchers|labs?|laboratories|organi[sz]ations"
                r"|groups|users)\b",
                r"\bonly (?:use|be used|using) (?:\w+ ){0,4}?for (?:\w+ ){0,2}?"
                r"(?:research|academic|scientific|studies|study)\b",
                r"\blimited to (?:\w+ )?(?:research|academic|scientific)\b",
                r"\b(?:research|academic)(?: or (?:evaluation|academic|research"
                r"|non-?commercial))? (?:purposes?|uses?) only\b",
                r"\b(?:research|study|studies|academic work|scientific work|evaluation)"
                r"(?: purposes)?,? and (?:for )?nothing else\b",
                r"\b(?:restricted|confined) to (?:\w+ ){0,2}?(?:research|academic"
                r"|scientific)\b",
                r"\b(?:solely|exclusively) (?:to|for) (?:conduct|carry out|do|support)"
                r" (?:\w+ ){0,2}?(?:research|scientific study|academic study)\b",
            ),
        ),
    ),
    "non-commercial": CategoryPatterns(
        rules=(
            own(
                r"\b(?:are|is) (?:intended |meant |licensed |provided |released )?"
                r"(?:only |solely |strictly |exclusively )?for (?:your )?(?:own )?"
                r"non-?commercial (?:\w+ ){0,2}?(?:work|use|uses|purposes?|projects?"
                r"|activities)\b",
            ),
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
            own(
                r"\b(?:separate|written|prior|additional) (?:\w+ ){0,2}?(?:license"
                r"|licence|agreement|permission|consent|approval)\b",
                requires=r"\b(?:commercial|paid|for-profit|revenue[- ]generating"
                r"|monetised|monetized) (?:use|uses|deployments?|products?|services?"
                r"|purposes?|exploitation|applications?|offerings?)\b|\bmoney\b"
                r"|\bmoneti[sz]\w*",
            ),
            own(
                r"\brequir\w* (?:a |an |our )?(?:paid |commercial |separate |written "
                r"|prior )(?:license|licence|agreement|permission|consent|approval)\b",
                r"\b(?:paid|commercial) (?:license|licence) (?:is )?(?:required"
                r"|needed)\b",
                requires=r"\b(?:selling|sell|resell\w*|paying (?:customers|users"
                r"|clients)|commercial (?:products?|services?|offerings?|deployments?)"
                r"|for (?:a )?(?:fee|profit)|revenue)\b",
            ),
            topic(
                r"\bcommercial (?:or production )?(?:purposes?|uses?|gain|advantage)\b",
                r"\bsell\w* (?:\w+ ){0,2}?access\b|\bpaid (?:apis?|services?|products?"
                r"|subscriptions?|offerings?)\b|\bfor (?:a fee|profit|money)\b"
                r"|\bcharg\w* (?:\w+ ){0,2}?(?:fees?|money)\b|\bin any products?\b",
            ),
        ),
    ),
    "competing-models": CategoryPatterns(
        rules=(
            topic(
                r"\b(?:improve|train|develop|create|build|enhance|pretrain|pre-train"
                r"|distil"
                r"|fine-?tun|bootstrap)\w*",
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
                requires=r"\b(?:train|develop|build|improve|create|pre-?train|distil"
                r"|fine-?tun)\w* (?:\w+ ){0,3}?models?\b",
            ),
            topic(
                r"\b(?:similar to|a substitute for|a replacement for|competitive"
                r" with)\b",
                requires=r"\b(?:train|develop|build|improve|create|distribute)\w*"
                r" (?:\w+ ){0,5}?(?:models?|systems?)\b.{0,40}\b(?:similar to"
                r"|a substitute for|a replacement for|competitive with)\b",
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
                r"\bto use the (?:latest|most recent|newest|current|updated) version\b",
            ),
            own(
                r"\b(?:limit|suspend|revoke|terminate|cut off|disable|block"
                r"|throttle)\w*"
                r" (?:\w+ ){0,2}?(?:access|api keys?|accounts?|keys?)\b",
                r"\brestrict(?:s|ed|ing)? (?:\w+ ){0,2}?(?:access|api keys?"
                r"|accounts?)\b",
                requires=r"^(?=.*\b(?:we|licensor|the licensor|provider|the provider)"
                r" (?:\w+ )?(?:may|can|reserves?|will)\b)(?=.*\b(?:remote\w*|hosted"
                r"|endpoints?|api|online|service))(?=.*\b(?:breach|break|broken|violat"
                r"|non-?complian|contraven|misuse))",
            ),
            own(
                r"\b(?:switch|turn|shut|cut)(?:s|es|ed|ting|ing)? off\b|\bdisabl\w*"
                r"|\bsuspend\w*|\brevok\w*|\bthrottl\w*|\bblock\w* access\b",
                requires=r"^(?=.*\b(?:we|licensor|the licensor|provider|the provider)"
                r" (?:\w+ )?(?:may|can|reserves?|will)\b)(?=.*\b(?:remote\w*|updates?"
                r"|hosted|endpoints?|api|over the network|electronic means))"
                r"(?=.*\b(?:breach|break|violat|non-?complian|contraven|misuse))",
            ),
        ),
    ),
    "acceptable-use-policy": CategoryPatterns(
        rules=(
            own(
                r"\b(?:acceptable|prohibited|responsible|permitted)? ?(?:use|usage)"
                r" polic\w*|\baup\b|\b(?:conduct|content) polic\w*|\brules of use\b",
                requires=r"\b(?:incorporated|incorporates|forms? part of"
                r"|made part of|(?:is|are) (?:\w+ )?part of|by reference"
                r"|(?:we|licensor) may (?:\w+ )?(?:revise|update|change|amend"
                r"|modify))\b",
            ),
        ),
    ),
}
