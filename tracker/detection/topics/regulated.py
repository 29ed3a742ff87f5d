"""Category patterns: regulated and dangerous domains (see topics/__init__.py)."""

from ..patterns import CategoryPatterns, topic

PATTERNS: dict[str, CategoryPatterns] = {
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
                r"\bdrugs? (?:that|which) (?:are|is) (?:\w+ )?(?:controlled|illegal"
                r"|illicit|regulated|prohibited|banned|scheduled)\b",
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
                r"|steal|compromise|infect|destroy|hijack|encrypt|lock|wipe|corrupt"
                r"|erase|delete|exfiltrate) (?:[\w'-]+ ){0,2}?(?:computers?"
                r"|systems?|networks?|devices?|data|accounts?|servers?|files)\b",
                r"\bransom\b|\bencrypt\w* (?:[\w'-]+ ){0,2}?files (?:\w+ ){0,2}?"
                r"(?:ransom|payment|extort\w*)\b",
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
                # doing the assessed work for the person being assessed
                r"\b(?:exam|examination) (?:settings?|conditions|halls?|rooms?"
                r"|sessions?)\b",
                r"\banswers? (?:for|on behalf of) (?:\w+ )?(?:candidates|students"
                r"|pupils|examinees|learners|test-takers)\b",
                r"\b(?:exams?|homework|assignments?|coursework) (?:for|on behalf of)"
                r" (?:someone|somebody|others|another (?:person|student)|students"
                r"|candidates)\b",
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
}
