"""Category patterns: deception (see topics/__init__.py)."""

import re

from ..patterns import CategoryPatterns, own, topic

PATTERNS: dict[str, CategoryPatterns] = {
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
                r" opinion\b|\binfluence operations?\b|\bfalsehoods?\b|\buntruths?\b",
            ),
            # "claims that a vaccine causes illnesses it does not cause": a claim
            # the sentence itself calls untrue
            topic(
                r"\b(?:claims?|stories|statements?|assertions?|rumou?rs?|theories)"
                r" that\b",
                requires=r"\b(?:claims?|stories|statements?|assertions?|rumou?rs?"
                r"|theories) that\b[^;.]{0,100}?(?:\b(?:does|do|did|is|are|was|were"
                r"|has|have|had) not\b|n't\b|\bnever\b|\buntrue\b|\bnot true\b)",
            ),
        ),
        # "impersonate people in order to mislead others": the deceit is the
        # impersonation's purpose, not a separate false-information restriction
        subsumed_by=("impersonation",),
        keep_if=re.compile(
            r"\b(?:disinformation|misinformation|fake news|propaganda|false|untrue"
            r"|fabricat\w*|hoax\w*|conspiracy)"
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
                r"\b(?:present|pass|hold)\w* (?:yourself|themselves|oneself|itself"
                r"|himself|herself|yourselves)\b[^;]{0,60}?\bas (?:a |an |the )?"
                r"(?:specific |particular |real |actual |identifiable )+(?:person"
                r"|someone|somebody|individual|official|public figure|celebrity"
                r"|politician)\b",
                r"\b(?:images?|pictures?|photos?|photographs?|videos?|footage|audio"
                r"|recordings?|depictions?) of (?:a |an )?real,? (?:[\w-]+ )?(?:people"
                r"|persons?"
                r"|individuals|politicians|public figures|celebrities)\b",
            ),
            # deepfakes described rather than named: "real people doing things
            # they never did"
            topic(
                r"\b(?:things|something|anything|words|statements) (?:that )?(?:they|he"
                r"|she|the person|that person) (?:never|did not|didn't|have not"
                r"|haven't|has not|hasn't|had not|would not) (?:actually )?(?:did|do"
                r"|done|said|say|made|make|utter\w*)\b",
                requires=r"\b(?:do|does|doing|did|say|says|saying|said) (?:\w+ ){0,2}?"
                r"(?:things|something|anything|words|statements) (?:that )?(?:they|he"
                r"|she|the person|that person) (?:never|did not|didn't|have not"
                r"|haven't|has not|hasn't|had not|would not)\b",
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
                # users left to think they deal with a person
                r"\bmistak\w* (?:\w+ ){0,3}?for (?:a |an )?(?:real |live )?(?:human"
                r"|person)\b|\b(?:think|believ|assum)\w* (?:that )?(?:they are|it is"
                r"|he is|she is) (?:talking to |speaking to |chatting with )?"
                r"(?:a |an )?(?:real |live )?(?:human|person)\b",
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
                r"\bautomated (?:phone |telephone |voice )?calls\b|\b(?:calls|messages"
                r"|e-?mails|texts|sms) in bulk\b|\brecipients? who (?:have not|haven't"
                r"|has not|did not|didn't) (?:asked|consented|agreed|opted in"
                r"|requested)\b",
                r"\btrick\w* (?:\w+ ){0,3}?(?:into|out of)\b|\bcheat\w* (?:\w+"
                r" ){0,2}?out"
                r" of\b|\bcounterfeit\w*|\bforg(?:e|ed|ing|ery) (?:\w+"
                r" ){0,2}?(?:documents?"
                r"|signatures?|ids?|identit\w*|cheques|checks)\b",
                r"\bvishing\b|\bsmishing\b",
            ),
            # a call or message made to seem to come from the victim's bank
            topic(
                r"\b(?:banks?|tax (?:office|authority)|insurers?|employers?"
                r"|payment providers?|card issuers?)\b",
                requires=r"\b(?:calls?|messages?|e-?mails?|texts?|letters?|sms"
                r"|voicemails?|invoices?) (?:\w+ ){0,3}?(?:comes?|came|coming|is|are"
                r"|was|were|be) (?:really |genuinely |actually )?from (?:their|your|his"
                r"|her|one's|a|an|the) (?:own )?(?:banks?|tax (?:office|authority)"
                r"|insurers?|employers?|payment providers?|card issuers?)\b",
            ),
        ),
        veto=re.compile(r"\b(?:predict|forecast|anticipat)\w*\b[^;]{0,80}\bcommit"),
    ),
}
