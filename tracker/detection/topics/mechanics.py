"""Category patterns: license mechanics (see topics/__init__.py)."""

from ..patterns import CategoryPatterns, own, topic

PATTERNS: dict[str, CategoryPatterns] = {
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
            # sharing allowed only with those bound in turn: "may share it only
            # with an institution that has itself signed this agreement"
            own(
                r"\bonly (?:with|to) (?:[\w'-]+ ){0,4}?(?:that|who|which) (?:has|have)"
                r" (?:itself |themselves |also |likewise )?(?:signed|accepted|agreed to"
                r"|entered into) (?:this|the same|these|an identical)\b",
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
                r"\b(?:at least as|no less|equally) (?:protective|restrictive"
                r"|strict)\b",
                r"\bterms (?:that|which) bind\b",
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
                r"\bfor the (?:sole|only|exclusive|limited) purposes? of (?:[\w-]+ )"
                r"{0,3}?(?:research|academic|scientific|study|studies)\b",
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
                r"\bfor the (?:sole|only|exclusive|limited) purposes? of (?:[\w-]+ )"
                r"{0,2}?non-?commercial\b",
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
                # worded as the fee: "a service for which a fee is charged"
                r"\bfor which (?:a |any )?(?:fee|payment|charge|subscription)\b"
                r"|\b(?:fees?|charges?|payments?) (?:is |are )?(?:charged|levied"
                r"|collected)\b|\bin (?:exchange|return) for (?:payment|money|a fee"
                r"|remuneration)\b|\bcommercial (?:organi[sz]ations?|entit(?:y|ies)"
                r"|compan(?:y|ies)|enterprises?|businesses)\b",
            ),
        ),
    ),
    "competing-models": CategoryPatterns(
        rules=(
            topic(
                r"\b(?:improve|train|develop|create|build|enhance|pretrain|pre-train"
                r"|distil"
                r"|fine-?tun|bootstrap)\w*",
                requires=r"\b(?:other|another|different|competing|third[- ]party"
                r"|rival)"
                r" (?:\w+ ){0,3}?models?\b|\bany (?:foundation(?:al)?|large language"
                r"|generative|base)\b.{0,30}\bmodels?\b",
            ),
            topic(
                r"\bcompeting (?:\w+ )?(?:models?|products?|services?)\b",
                r"\bmodels? (?:that|which) compet(?:e|es)\b|\bcompet(?:e|es|ing)"
                r" (?:directly )?with\b|\bin competition with\b",
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
                r"\bmore than [\w$,.]+ (?:million |billion )?(?:[\w-]+ ){0,2}?(?:users"
                r"|customers|subscribers|employees)\b",
            ),
            # "if ... group revenue in its last financial year exceeded USD 50
            # million": a threshold only when the sentence sets a condition
            own(
                r"\b(?:revenues?|turnover|sales) (?:[\w'-]+ ){0,8}?(?:exceed\w*|above"
                r"|over|more than|greater than|in excess of) (?:usd |us\$|eur |gbp |\$"
                r"|€|£)?\d[\d,.]* ?(?:million|billion|m|bn)\b",
                requires=r"\b(?:if|where|whenever|once|in case|licen[cs]e|licensee"
                r"|must|shall)\b",
            ),
        ),
    ),
    "remote-restriction": CategoryPatterns(
        rules=(
            own(
                r"\b(?:restrict|limit|disable|suspend|revoke|deactivate)\w* (?:[\w'-]+"
                r" ){0,5}?remotely\b|\bremotely or otherwise\b",
                r"\bremotely (?:\w+ ){0,2}?(?:disable|restrict|limit|revoke|suspend"
                r"|deactivate|shut down)\w*",
                r"\bruntime restrictions?\b",
                r"\bupdate the (?:\w+ )?(?:model|artifact|software)\b.{0,30}"
                r"\belectronic means\b",
                r"\bto use the (?:latest|most recent|newest|current|updated) version\b",
                r"\b(?:stop|cease|discontinue) (?:using|use of|to use) (?:[\w-]+ )"
                r"{0,2}?(?:withdrawn|earlier|older|previous|superseded|deprecated)"
                r" (?:versions?|releases?)\b",
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
                r"|hosted|endpoints?|api|over the network|electronic means"
                r"|(?:that|the|this|a|its) (?:network )?connection|(?:licen[cs]e"
                r"|activation) servers?))"
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
                r"|made part of|(?:is|are) (?:\w+ )?part of|by reference|governed by"
                r"|subject to|(?:comply|complies|complying|compliance|accordance) with"
                r"|abide by|adhere to"
                r"|(?:we|licensor) may (?:\w+ )?(?:revise|update|change|amend"
                r"|modify))\b",
            ),
        ),
    ),
}
