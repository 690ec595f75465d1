"""Adversarial shapes added in the fourth session of issue 17, by class.

Constraint fields switched off in a job spec (`sovereignty=false`, `"residency": off`),
false places or false green claims written into a report, other teams' jobs cancelled
or pre-empted, secrets asked for in eight languages (also after "forget your
instructions"), notes to the model that zero a budget or skip an approval, residency
escapes "just this once" in Nordic, Dutch, Italian, Portuguese and Polish, tampering
with the audit trail, data sent out to a private place, and whole-fleet grabs. Each
rule is a structure of its class; the words of each language are listed, not sentences.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE


class After:
    """A marker that counts only when a context phrase comes before it in the sentence.

    `search` returns the marker's match (so the cut starts at the marker, and the
    context before it, such as "the data must stay in Sweden", is still read).
    """

    def __init__(self, context: str, marker: str) -> None:
        """Compile the context and the marker (both case-insensitive)."""
        self.context = re.compile(context, _I)
        self.marker = re.compile(marker, _I)

    def search(self, text: str) -> re.Match[str] | None:
        """The first marker after the first context phrase (None when either is absent)."""
        ctx = self.context.search(text)
        return self.marker.search(text, ctx.end()) if ctx else None


#: constraint names a user may not switch off in a spec (any separator or case)
_GUARDED = (r"(?:data[\s_-]?)?(?:residen\w*|sovereign\w*|locali[sz]\w*)|complian\w*|gdpr|"
            r"geo[\s_-]?fenc\w*|region[\s_-]?(?:lock\w*|enforc\w*|restrict\w*|pin\w*)|"
            r"regions?[\s_-]?enforced|enforce[\s_-]?regions?|approv\w*|audit\w*|guardrails?|"
            r"safety[\s_-]?checks?|polic(?:y|ies)[\s_-]?checks?|budget[\s_-]?(?:checks?|"
            r"enforc\w*|guard\w*)|carbon[\s_-]?(?:checks?|enforc\w*)|validation|"
            r"telemetry|metering|accounting")
_OFF = r"(?:false|off|no|none|null|nil|0|disabled?|deactivated|ignored?|skip(?:ped)?|n|f)"
_SPEC_OFF = (r"[\"'`]?\b(?:[\w-]*[\s_-])?(?:" + _GUARDED + r")[\w-]*[\"'`]?\s*(?:=|==|:|:=|->|=>)"
             r"\s*[\"'`]?" + _OFF + r"\b")
_SET_OFF = (r"\b(?:set|change|flip|switch|toggle|make|put|use|mark|turn|configure|pass|"
            r"override)\w*\s+(?:the\s+|our\s+|its\s+|my\s+|this\s+|a\s+)?(?:[\w-]+\s+)?"
            r"[\"'`]?(?:" + _GUARDED + r")[\w\"'`-]*(?:\s+(?:flag|field|setting|option|"
            r"parameter|key|value|switch|constraint|requirement))?\s+(?:to\s+|as\s+|=\s*)?"
            r"[\"'`]?" + _OFF + r"\b")

#: words for a report, summary or record, in the languages the parser reads
_REPORT = (r"(?:reports?|summary|summaries|logs?|records?|invoices?|dashboard|audit\w*|"
           r"filings?|disclosures?|paperwork|ledger|statement|esg\w*|bericht\w*|protokoll\w*|"
           r"rapport\w*|compte rendu|informe\w*|reporte\w*|relat[oó]rio\w*|rapporto|resoconto|"
           r"verslag\w*|raport\w*|sprawozdani\w*|logg\w*)")
_CLAIM = (r"(?:renewables?|green|clean|carbon[\s-]?(?:neutral|free)|climate[\s-]?neutral|"
          r"net[\s-]?zero|zero[\s-]?(?:carbon|emissions?|co2)|fossil[\s-]?free|100\s?%\s?"
          r"(?:renewable|green|clean|hydro|solar|wind)|low[\s-]?carbon|hydro|solar|wind|"
          r"erneuerbar\w*|[oö]kostrom|gr[üu]n\w*|renouvelable\w*|verte?|renovable\w*|"
          r"rinnovabil\w*|renov[aá]ve\w*|hernieuwbar\w*|groen\w*|f[öo]rnybar\w*|"
          r"vedvarende|odnawialn\w*|zielon\w*)(?!\s+(?:share|percentage|fraction|mix|part|"
          r"portion|%|figures?|numbers?|hours?|sources?|options?|regions?))")
_WRITE = (r"(?:write|put|say|state|claim|mark|label|record|enter|log|declare|fill|call|"
          r"schreib\w*|trag\w*|vermerk\w*|[ée]cri[st]\w*|[ée]crire|mets|mettez|indiqu\w*|"
          r"escrib\w*|pon|ponga|anota\w*|scriv\w*|metti|segna\w*|escrev\w*|coloc\w*|"
          r"schrijf|zet|skriv\w*|wpisz|napisz|zapisz)")
_ON_REPORT = (r"\b(?:in|into|on|onto|to|for|as|under|im|ins|in den|in die|dans|sur|en|el|"
              r"nel|no|na|op|i|w)\s+(?:the\s+|our\s+|my\s+|its\s+|le\s+|la\s+|el\s+|den\s+|"
              r"die\s+|das\s+|il\s+|o\s+|het\s+|de\s+)?(?:[\w-]+\s+){0,2}?" + _REPORT + r"\b")
_QUOTED = r"[\"'`«„]\s*(?-i:[A-Z])[\w .-]{1,30}?\s*[\"'`»“]"

#: an active verb form (not "preempted by", not "preemptible")
_ACTIVE = r"\w*(?<!ed)(?<!able)(?<!ible)\s+"
#: verbs that stop, cancel or displace a running job (English, German, French, Spanish,
#: Italian, Portuguese, Dutch, Swedish/Norwegian/Danish, Polish)
_STOP = (r"(?:pre-?empt|evict|kill|cancel|brich|brecht|terminat|abort|halt|stop|pause|"
         r"suspend|bump|kick|boot|interrupt|displace|shut\s+down|take\s+down|deprioriti[sz]|requeue|"
         r"abbrech|beend|stopp|unterbrech|verdr[äa]ng|annul|arr[êe]t|interromp|suspend|"
         r"cancel|deten|det[ée]n|parar|interrump|sospend|ferma|termin|afbre|stopp|avbryt|"
         r"anuluj|przerw|zatrzym|wyrzu)")
_THEIRS = (r"(?:other|another|someone\s+else'?s?|somebody\s+else'?s?|their|whoever|whatever|"
           r"what(?:'s| is)\s+(?:currently\s+)?running|anything|everything|everyone'?s?|"
           r"(?:the\s+)?(?!(?:my|our|own)\s)[\w-]+\s+(?:team|group|lab|department|tenant|org|squad|"
           r"project)'s|(?:the\s+)?(?!(?:my|our|own)\s)[\w-]+s'|"
           r"(?:of|from|by)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:team|group|lab|department|tenant|"
           r"org|squad)\b|team\s+[A-Z0-9]\w*'?s?|"
           r"anderen?|fremde\w*|autres?|d'autres|otros?|otras?|ajen\w*|altr[io]|outros?|"
           r"outras?|andere|andra|andres|andre|innych|cudz\w*|"
           r"(?:des|du|de l'|del|dell'|do|da|van het|des)\s*(?:anderen\s+)?(?:team|[ée]quipe|"
           r"equipo|squadra|equipa|groep|laget|teamet|zespo[łl]u)\w*)")
_JOBS = (r"(?:jobs?|runs?|workloads?|tasks?|trainings?|experiments?|processes|reservations?|"
         r"endpoints?|services?|deployments?|notebooks?|inference|"
         r"allocations?|sessions?|pods?|instances?|running|queued|"
         r"auftr[äa]ge\w*|trabajos?|travaux|t[âa]ches|lavori|processi|trabalhos?|taken|"
         r"jobb\w*|jobbene|zadani\w*|zada[ńn]\w*)")

#: a rule set aside outright ("ignore it", "strunta i det", "negeer dat", "for this job only")
_SET_ASIDE = (r"\b(?:ignore\s+(?:it|that|this)|strunta\s+i|ignorera\s+(?:det|detta)|"
              r"ignorer\s+(?:det|dette)|se\s+bort\s+fra|negeer\s+(?:dat|het|dit)|ignor[ae]l[oa]|"
              r"ignora\s+(?:isso|isto|eso|esto|questo|quello)|(?:to\s+)?zignoruj|"
              r"ignorier\w*\s+(?:das|es)|ignore[zs]?[\s-]+(?:le|la|[çc]a|cela)|oublie[zs]?\s+"
              r"(?:[çc]a|cela)|olv[ií]d(?:alo|ate\s+de\s+eso)|for\s+this\s+(?:job|run|one|request|"
              r"task)\s+only|only\s+for\s+this\s+(?:job|run|one|request|task)|make\s+an\s+"
              r"exception|an\s+exception\s+(?:this\s+time|for\s+(?:this|me|us|once))|"
              r"ausnahmsweise)\b")
#: "this once" in ten languages: a bypass only with somewhere else named near it
_ONCE = (r"\b(?:just\s+(?:this\s+)?once|this\s+(?:one\s+)?time|for\s+once|den\s+h[äa]r\s+"
         r"g[åa]ngen|denna\s+g[åa]ng|denne\s+gang(?:en)?|deze\s+(?:ene\s+)?keer|dit\s+keer|"
         r"(?:per\s+)?questa\s+volta|per\s+una\s+volta|(?:s[óo]\s+)?desta\s+vez|por\s+esta\s+vez|"
         r"solo\s+esta\s+vez|(?:pour\s+)?cette\s+fois|pour\s+une\s+fois|diesmal|dieses\s+mal|"
         r"tym\s+razem|ten\s+jeden\s+raz|denne\s+ene\s+gang|dessa\s+vez|esta\s+vez|wyj[ąa]tkowo|"
         r"stavolta|st[ae]\s+volta|t[äa]ll[äa]\s+kertaa)\b")
#: somewhere else to run: a cloud region code, "outside", the US, "cheaper", "is fine"
_ELSEWHERE = (r"(?:\b[a-z]{2,}-[a-z]+-?\d\b|\b(?:outside|abroad|elsewhere|anywhere|overseas|us|"
              r"usa|u\.s\.?|america\w*|virginia|oregon|ohio|iowa|california|texas|asia|"
              r"cheaper|cheapest|is\s+fine|is\s+ok(?:ay)?|prima|va\s+bene|pode|kan|mag)\b)")

ATTACK_RULES: list[tuple[str, re.Pattern[str] | After]] = [
    # 1. a guarded constraint switched off in a spec, as a key-value or as an order
    ("policy bypass", re.compile(_SPEC_OFF + "|" + _SET_OFF + r"|--?(?:no|skip|disable|ignore|"
                                 r"without)[-_](?:[\w-]*[-_])?(?:" + _GUARDED + r")", _I)),
    # 2. a false place or a false green claim written into a report
    ("false report", re.compile(
        r"\b" + _WRITE + r"\b[^.;!?]{0,50}?(?:\b" + _CLAIM + r"\b|" + _QUOTED + r")[^.;!?]{0,40}?"
        + _ON_REPORT + r"|"
        + _ON_REPORT + r"[^.;!?]{0,40}?\b" + _WRITE + r"\b[^.;!?]{0,30}?(?:\b" + _CLAIM
        + r"\b|" + _QUOTED + r")|"
        r"\b(?:make|have|let|get)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+)?" + _REPORT + r"\s+(?:show|"
        r"say|read|state|claim|list|display)\w*\s+[^.;!?]{0,30}?(?:\b" + _CLAIM + r"\b|\bzero\b|"
        r"\bnone\b|\bno emissions\b|" + _QUOTED + r")|"
        r"\b(?:claim|say|state|pretend|declare|certify|advertise|tell\s+(?:the\s+)?\w+)\w*\s+"
        r"(?:that\s+)?"
        r"(?:it|this|the\s+(?:job|run|training))\s+(?:was|is|ran|runs|used|uses|will\s+be|"
        r"has\s+been)\s+(?:on\s+|powered\s+by\s+)?(?:100\s?%\s+)?" + _CLAIM + r"\b", _I)),
    # 3. another team's running jobs stopped, cancelled or pre-empted
    ("pre-empting other tenants", re.compile(
        r"\b" + _STOP + _ACTIVE + r"(?:[\w'-]+\s+){0,4}?" + _THEIRS
        + r"(?:\s+[\w'-]+){0,4}?\s+"
        + _JOBS + r"\b(?!\s+of\s+(?:mine|ours))|"
        r"\b" + _STOP + _ACTIVE + r"(?:the\s+|all\s+|die\s+|les\s+|los\s+|"
        r"las\s+|i\s+|gli\s+|os\s+|as\s+|de\s+|het\s+)?" + _JOBS + r"\s+(?:of|from|by|"
        r"belonging\s+to|des|de|del|di|da|do|van|av|af)\s+(?:the\s+|l'|la\s+|el\s+|het\s+|"
        r"de\s+)?(?:[\w-]+\s+)?(?:team|group|lab|department|tenant|org|squad|[ée]quipe|equipo|"
        r"squadra|equipa|groep|laget|zespo[łl]|other|another|others|anderen)\w*\b|"
        r"\b" + _STOP + _ACTIVE + r"(?:whatever|what(?:'s| is)|anything|everything)\b"
        r"[^.;]{0,30}?"
        r"\b(?:running|on|using|queued|scheduled)\b", _I)),
    # 4. secrets, in any language, with a verb that asks for them
    ("credential request", re.compile(
        r"\b(?:gib|zeig|schick|nenn|sende|verrat|donne|montre|envoie|r[ée]v[èe]le|dis-moi|"
        r"dame|d[ée]me|mu[ée]strame|muestra|env[ií]a|dime|dammi|mostra|mandami|dimmi|"
        r"d[aê]-me|mostre|envie|manda|geef|toon|stuur|ge\s+mig|visa|skicka|gi\s+meg|vis|"
        r"send|giv\s+mig|daj|poka[żz]|wy[śs]lij|podaj|give|show|share|reveal|print|dump|"
        r"paste|output|tell|leak|expose|e-?mail|affich\w*|mostr\w*)\w*\b"
        r"[^.;!?]{0,60}?\b(?:zugangsdaten|passw(?:ort|örter)|kennw(?:ort|örter)|"
        r"api[\s-]?(?:schl[üu]ssel|key|token)\w*|identifiants?|"
        r"mots?\s+de\s+passe|cl[ée]s?\s+(?:api|d'acc[eè]s|priv[ée]e?)|contrase[ñn]as?|"
        r"credenciales|claves?\s+(?:api|de\s+acceso|privadas?)|credenziali|chiavi?\s+(?:api|"
        r"d'accesso|privat\w*)|password(?![- ](?:protected|manager|less|reset|policy))|"
        r"senhas?|credenciais|chaves?\s+(?:api|de\s+acesso|"
        r"privadas?)|wachtwoord\w*|inloggegevens|sleutels?|l[öo]senord\w*|inloggning\w*|"
        r"nycklar|nyckel\w*|passord\w*|n[øo]kkel\w*|adgangskode\w*|legitimation\w*|"
        r"has[łl]\w*|dane\s+logowania|klucz\w*|service[\s-]?account\s+(?:json|keys?|files?)|"
        r"(?:hf|hugging\s?face|github|gh|gitlab|wandb|openai|anthropic|personal\s+access|"
        r"deploy|registry|slack|pat)\s+tokens?|"
        r"keyfile|\.pem\b|kubeconfig)", _I)),
    # 5. "forget / ignore your instructions" in other languages
    ("prompt injection", re.compile(
        r"\b(?:vergiss|vergessen\s+sie|ignorier\w*|missacht\w*|oublie[zs]?|ignore[zs]?|"
        r"olvida\w*|ignora\w*|olvíd\w*|dimentica\w*|esque[çc]a\w*|esquece\w*|negeer|"
        r"vergeet|gl[öo]m|ignorera|glem|zapomnij|zignoruj|pomi[ńn])\b[^.;!?]{0,40}?\b(?:"
        r"anweisung\w*|instruktion\w*|regeln|vorgaben|befehle|richtlinien|instructions?|"
        r"consignes|r[èe]gles|directives|instrucciones|reglas|[óo]rdenes|istruzioni|regole|"
        r"instru[çc][õo]es|regras|instructies|regels|instruktioner|regler|instruksjoner|"
        r"instrukcj\w*|polece[ńn]\w*|zasad\w*|prompt\w*|rules|polic(?:y|ies)|guidelines|"
        r"limits|constraints)\b(?!\s+of\s+(?:grammar|spelling|syntax|thumb|physics|chess|"
        r"the game|the road|style))", _I)),
    # 6. notes to the model that zero a budget, skip an approval or change the rules
    ("prompt injection", re.compile(
        r"\bp\.?\s?s\.?\s*(?:for|to)\s+(?:the\s+)?(?:ai|assistant|model|bot|llm|agent|planner|"
        r"scheduler|system|gpt)\b|"
        r"(?:^|[(\[,:;]\s*)(?:hey\s+|dear\s+)?(?:ai|assistant|model|bot|llm|agent|planner|"
        r"scheduler|gpt|chatgpt|claude)\s*[,:]\s*(?:please\s+)?(?:set|change|raise|increase|"
        r"lower|zero|double|skip|ignore|disable|mark|approve|remove|drop|waive|lift|bump|"
        r"make)\b|"
        r"\b(?:instructions?|message|note|memo|directive|order|reminder)\s+(?:for|to)\s+(?:the\s+)?"
        r"(?:ai|llm|model|assistant|agent|bot|planner|scheduler|gpt)\b|"
        r"\b(?:dear|hey|hi|hello|attention|yo)\s+(?:ai|assistant|model|llm|gpt|bot|scheduler|"
        r"planner|agent|system|gridwise)\s*[,:!]\s*(?:please\s+|kindly\s+|now\s+)?(?:set|change|"
        r"raise|increase|lower|zero|double|skip|ignore|disable|mark|approve|remove|drop|waive|"
        r"lift|bump|the\s+rules|rules|new\s+rules|no\s+(?:budget|limits?|caps?|checks?))\b|"
        r"\b(?:to|for)\s+(?:whoever|the\s+(?:ai|llm|model|assistant|agent|bot))\s+(?:is\s+)?"
        r"(?:reads?|reading|process\w*|parsing|handling)\s+this\b|"
        r"\bwhen\s+you\s+(?:write|build|make|draft|create|generate)\s+the\s+(?:plan|quote|"
        r"report|decision|order)\b[^.;]{0,40}?\b(?:set|skip|change|mark|drop|remove|zero)\b|"
        r"\b(?:skip|bypass|omit|drop|avoid|disable|waive|circumvent|remove)\w*\s+(?:the\s+|any\s+|"
        r"all\s+|our\s+)?(?:[\w-]+\s+)?(?:approvals?|sign-?offs?|human\s+review|manual\s+review|"
        r"confirmation\s+step|review\s+step)\b|"
        r"\b(?:mark|flag|set|treat|consider)\w*\s+(?:it|this|(?:the|this)\s+(?:job|plan|request|"
        r"order|run))\s+(?:as\s+)?"
        r"(?:pre-?|auto-?)?approved\b|\bauto-?approv\w*|"
        r"\b(?:set|change|reset|put|make|write|record|zero|treat|consider)\w*\s+(?:out\s+)?"
        r"(?:the\s+|my\s+|our\s+|"
        r"its\s+)?(?:[\w-]+\s+)?(?:budget|budget_usd|cost|costs|spend|price|bill|charge|quota|"
        r"limit|max_co2_kg|co2|carbon|emissions)\w*\s+(?:to|=|at|as|:)\s*(?:\$|€|usd\s*)?"
        r"(?:0(?:[.,]0+)?|zero|nothing|nil|null)\b(?!\s*(?:\.\d|[.,]\d|gpu|hours|h\b|kg|%))",
        _I)),
    # 7. a residency rule stated, then set aside "this once" (many languages)
    ("policy bypass", After(
        r"\b(?:residen\w*|sovereign\w*|gdpr|dsgvo|rgpd|rodo)\b|"
        r"\b(?:must|has\s+to|have\s+to|needs?\s+to|should|may|can)(?:\s+not|n'?t)?\s+"
        r"(?:stay|remain|leave|be\s+kept)\b|"
        r"\b(?:data|daten|donn[ée]es|datos|dati|dados|gegevens|dane|records?|files?|"
        r"dataene|datan|dataen|datane|informa[çc][õo]es)\b[^.;]{0,60}?\b(?:stay\w*|remain\w*|leave\w*|"
        r"bleib\w*|verlass\w*|rester|reste\w*|quitter|quedar\w*|salir|restar\w*|rimaner\w*|"
        r"lasciare|ficar|sair|blijven|verlaten|stanna\w*|l[äa]mna\w*|bli|forbli|forlate|"
        r"blive|forlade|zosta[ćc]|pozosta[ćc]|opuszcza[ćc]|opu[śs]ci[ćc]|l[äa]hte[äa]|poistua)\b",
        _SET_ASIDE + "|" + _ONCE + r"(?=[^.;]{0,80}?" + _ELSEWHERE + ")|" + _ELSEWHERE
        + r"[^.;]{0,60}?" + _ONCE)),
    # 8. tampering with the trail: audit logs erased, telemetry off, usage not counted
    ("policy bypass", re.compile(
        r"\b(?:delete|erase|wipe|purge|clear|scrub|tamper\s+with|edit|alter|rewrite|doctor|"
        r"falsify|backdate|truncate)\w*\s+(?:the\s+|our\s+|my\s+|any\s+|all\s+)?(?:[\w-]+\s+)?"
        r"(?:audit\w*|access\s+logs?|telemetry|usage\s+(?:data|records|logs?)|billing\s+"
        r"(?:data|records|logs?)|meter\w*)\b|"
        r"\b(?:disabl|turn|switch|shut)\w*\s+(?:off\s+)?(?:the\s+)?(?:carbon\s+|usage\s+|cost\s+)?"
        r"(?:accounting|tracking|metering|monitoring|telemetry|reporting)\b|"
        r"\b(?:don'?t|do\s+not|never)\s+(?:count|charge|bill|meter|track|record)\s+(?:this|it|"
        r"the\s+(?:job|run)|these|them)\b", _I)),
    # 9. data sent out to a private or outside place
    ("data exfiltration", re.compile(
        r"\b(?:copy|upload|send|sync|mirror|export|push|transfer|exfiltrat|forward|e-?mail|leak)"
        r"\w*\s+[^.;]{0,30}?\b(?:data\w*|records|pii|patient\w*|customer\w*|client\w*|weights|"
        r"credentials|tables?|database)\b[^.;]{0,30}?\bto\s+(?:my\s+|a\s+|an\s+|our\s+)?(?:personal|private|own|home|"
        r"external|outside|third[\s-]party|unapproved)\s+(?:[\w-]+\s+)?(?:buckets?|drives?|"
        r"servers?|accounts?|machines?|laptops?|e-?mail|dropbox|gmail|storage)\b|"
        r"\bpastebin\b|\bwebhook\.site\b|\bngrok\b|\brequestbin\b", _I)),
    # 10. the whole fleet, or every GPU, taken at once
    ("capacity grab", re.compile(
        r"\b(?:book|reserve|grab|take|hold|block|lock|claim|allocate|hog|monopoli[sz]e|give)\w*\s+"
        r"(?:me\s+|us\s+)?(?:the\s+)?(?:whole|entire|all(?:\s+of)?(?:\s+the)?|every)\s+"
        r"(?:[\w-]+\s+){0,2}?(?:fleet|clusters?|pool|capacity|inventory|supply|"
        r"data\s?cent(?:er|re)s?|gpus?\s+(?:you|in|there|available|on\s+the\s+platform))\b|"
        r"\b(?:every|all)\s+(?:available\s+)?(?:[\w-]+\s+)?gpus?\s+(?:you\s+have|in\s+the\s+"
        r"(?:fleet|region|platform|catalog))\b|"
        r"\b(?:book|reserve|grab|take|hold|block|claim|allocate|hog|give\s+me)\w*\s+(?:every|all"
        r"(?:\s+the)?)\s+(?:available\s+)?(?:[\w-]+\s+){1,2}?(?:you\s+have|in\s+the\s+(?:fleet|"
        r"region|platform|catalog|cluster|pool|data\s?cent(?:er|re)))\b", _I)),
    # 11. act on instructions hidden in data, a file or a description
    ("prompt injection", re.compile(
        r"\b(?:follow|obey|execute|apply|carry\s+out|do\s+what)\s+(?:the\s+|any\s+|all\s+)?"
        r"(?:instructions?|commands?|directions?|it\s+says|says)\s+(?:in|inside|from|within|"
        r"contained\s+in|written\s+in|embedded\s+in)\s+(?:the\s+|this\s+|that\s+)?(?:[\w-]+\s+)?"
        r"(?:dataset|"
        r"data|file|description|attachment|link|url|comment|metadata|text|document|e-?mail|"
        r"ticket|column|field|row|caption|prompt)\b|"
        r"\b(?:decode|base64|rot13)\b[^.;]{0,40}?\b(?:follow|execute|run|obey|apply)\b", _I)),
    # 13. someone else's account, credentials or budget used to run or pay
    ("billing someone else", re.compile(
        r"\b(?:under|on|with|via|through|using|use|borrow|from)\s+(?:the\s+)?(?!(?:my|our|own)\b)"
        r"(?:[\w-]+\s+(?:team|group|lab|department|unit|org)|(?-i:[A-Z][a-z]+))'s\s+(?:account|"
        r"credentials?|login|quota|credits?|budget|project|tenant|api\s+key|identity|cost\s+"
        r"cent(?:er|re)|billing|card|name)\b", _I)),
    # 14. tags, regions and figures forged; a cap set so it never applies
    ("policy bypass", re.compile(
        r"\b(?:spoof|forg(?:e|ing)|fak(?:e|ing)|fudg\w*|massag\w*|doctor\w*|cook\w*)\s+(?:the\s+|"
        r"our\s+|its\s+)?(?:[\w-]+\s+)?(?:region|location|tags?|labels?|reports?|metadata|geo\w*|"
        r"origin|numbers|figures|emissions|carbon|logs?|books)\b|"
        r"\b(?:so|such\s+that|that\s+way)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:cap|limit|budget|check|"
        r"quota|rule|polic\w+)s?\s+(?:never|won'?t|doesn'?t|does\s+not|will\s+not|can'?t|"
        r"cannot)\s+(?:bite|apply|trigger|fire|kick\s+in|stop|block|matter|catch)\w*\b|"
        r"\b(?:budget|cap|limit|quota|max_co2\w*|co2\w*|carbon\w*)\w*\s*(?:=|:|to)\s*"
        r"[$€]?9{5,}\b", _I)),
    # 15. figures reported as what they are not; everyone's jobs listed or pushed back
    ("false report", re.compile(
        r"\b(?:mark|log|record|write|declare|book|enter|put|report|show|list|state|set|file)\w*\s+"
        r"(?:it|this|them|(?:the|our|my|its)\s+[\w-]+)\s+(?:down\s+)?as\s+(?:0|zero|nothing|none|"
        r"free|lower|less|half|negligible|a\s+fraction)\b|"
        r"\b(?:label|mark|tag|list|record|report|log|declare)\w*\s+it\s+(?:as\s+)?(?:being\s+)?"
        r"(?:in\s+)?(?-i:[A-Z])[\w-]+\s+(?:for|to|in)\s+(?:the\s+)?(?:auditors?|regulators?|"
        r"compliance|reports?|records|customers?|clients?|legal|invoice)\b", _I)),
    ("other tenants' data", re.compile(
        r"\b(?:list|show|give|read|access|dump|export|send|copy|see|view|fetch|download|print|"
        r"display|tell\s+me|pull)\w*\s+(?:me\s+|us\s+)?(?:[\w-]+\s+)?(?:every|each|all)\s+"
        r"(?:other\s+)?(?:tenant|customer|user|team|account)(?:s'|'s|s)\s+"
        r"(?:[\w-]+\s+)?(?:data|jobs?|logs?|usage|workloads?|files|models?|prompts?|outputs?|"
        r"runs?)\b|"
        r"\b(?:lower|reduce|drop|decrease|deprioriti[sz]e)\w*\s+(?:the\s+)?priorit(?:y|ies)\s+of\s+"
        r"(?:everyone|everybody|all|other|the\s+other|someone|their)\b|"
        r"\b(?:put|run|place|schedule|move|use)\w*\s+[^.;]{0,40}?\breserved\s+for\s+(?:the\s+)?"
        r"(?!(?:me|us|my|our)\b)[\w-]+(?:\s+[\w-]+)?\s+(?:team|group|lab|department|tenant|"
        r"customer|project)\b", _I)),
    ("policy bypass", re.compile(
        r"\b(?:carbon\s+|co2\s+|budget\s+)?(?:quotas?|limits?|budgets?|rules?|polic(?:y|ies)|"
        r"checks?|caps?|restrictions?|residency|gdpr)\s+(?:do(?:es)?\s+not|don'?t|doesn'?t|won'?t|"
        r"shall\s+not|no\s+longer)\s+appl(?:y|ies)\s+(?:to\s+(?:us|me|our|my)|any\s+more|"
        r"anymore|today|now|here)\b", _I)),
    # 16. secrets asked as a question; the trail written to; others' storage opened
    ("credential request", re.compile(
        r"\b(?:what(?:'s|\s+is|\s+are)|cu[áa]l(?:es)?\s+(?:es|son)|qual\s+(?:è|e|é)|quais\s+s[ãa]o|"
        r"wie\s+laute[nt]?|was\s+ist|quel(?:le)?s?\s+(?:est|sont)|wat\s+is|vad\s+[äa]r|hva\s+er|"
        r"hvad\s+er|jakie?\s+(?:jest|s[ąa])|mik[äa]\s+on)\b[^.;?]{0,40}?(?:passw\w*\b"
        r"(?![- ](?:policy|manager|reset|protected))|"
        r"contrase[ñn]a|mot\s+de\s+passe|senha|wachtwoord|l[öo]senord|passord|adgangskode|"
        r"has[łl]o|salasana|credentials?|credenciales|credenziali|identifiants|zugangsdaten|"
        r"api[\s-]?(?:key|schl[üu]ssel|token)|secret\s+key|private\s+key)", _I)),
    ("policy bypass", re.compile(
        r"\b(?:write|put|enter|add|insert|note|record)\w*\b[^.;]{0,40}?\b(?:in|into|to)\s+(?:the\s+)?"
        r"audit\s+(?:trail|log|record)s?\b|\b(?:in|into)\s+the\s+audit\s+(?:trail|log)s?\s*,?\s+"
        r"(?:write|put|enter|add|say|note|record)\b|"
        r"\btell\s+(?:the\s+)?(?:compliance|auditors?|regulators?|legal|customers?|clients?|dpo|"
        r"security|the\s+board)\b[^.;]{0,15}?\b(?:that\s+)?it\s+(?:ran|runs|stayed|stays|was|is|"
        r"remained|used|never)\b|"
        r"\b" + _STOP + r"\w*\s+(?:all|every|any)\s+(?:other\s+)?(?:queued|running|pending|"
        r"scheduled)?\s*" + _JOBS + r"\s+(?:except|but|other\s+than|apart\s+from)\s+(?:mine|ours|"
        r"my|our)\b", _I)),
    ("other tenants' data", re.compile(
        r"\b(?:access|permissions?|rights?|read|write)\b[^.;]{0,20}?\bto\s+(?:the\s+)?"
        r"(?!(?:my|our)\b)[\w-]+\s+(?:team|group|lab|department|tenant|user|customer)(?:'s|s')\s+"
        r"(?:[\w-]+\s+)?(?:buckets?|data|storage|files|models?|logs?|database|repos?|volumes?)\b",
        _I)),
    ("false report", re.compile(
        r"\b(?:show|put|write|report|state|list|record|log|enter|display)\w*\s+(?:only\s+)?"
        r"(?:0|zero|no)\s*(?:kg|g|t|tonnes?|grams?)?\s*(?:of\s+)?(?:co2|carbon|emissions)\b|"
        r"\b(?:put|write|set|enter|fill)\w*\s+['\"`]?" + _CLAIM + r"['\"`]?\s+(?:in|into)\s+"
        r"(?:the\s+)?(?:[\w-]+\s+)?(?:field|column|section|entry|form|box)\b", _I)),
    # 12. an exception asked for, a rule's exemption named, a residency rule switched off
    #     in another language
    ("policy bypass", re.compile(
        r"\bmake\s+an\s+exception\b|\bausnahme\s+machen\b|\bfaire\s+une\s+exception\b|"
        r"\bhacer\s+una\s+excepci[oó]n\b|\bfare\s+un'?\s*eccezione\b|\bfazer\s+uma\s+"
        r"exce[çp][çc]?[ãa]o\b|\buitzondering\s+maken\b|\bg[öo]ra\s+ett\s+undantag\b|"
        r"\bgj[øo]re\s+et\s+unntak\b|\bg[øo]re\s+en\s+undtagelse\b|\bzrobi[ćc]\s+wyj[ąa]tek\b|"
        r"\b(?:residen\w*|sovereign\w*|gdpr|compliance|polic(?:y|ies)|carbon|budget|quota)"
        r"[\s-]+(?:exempt\w*|waiver|waived|override|bypass)\b|"
        r"\b(?:d[ée]sactiv\w*|supprim\w*|l[èe]ve[rz]?|contourn\w*|deaktivier\w*|abschalt\w*|"
        r"ausschalt\w*|umgeh\w*|desactiv\w*|omit\w*|salt[ae]\w*|disattiv\w*|aggir\w*|"
        r"desativ\w*|contorn\w*|uitschakel\w*|omzeil\w*|negeer|inaktivera|st[äa]ng\s+av|"
        r"kringg[åa]|deaktiver\w*|sl[åa]\s+av|omg[åa]|wy[łl][ąa]cz\w*|omi[ńn]|obejd[źz]|"
        r"ignor\w*|disabl\w*|deactivat\w*|turn\s+off|switch\s+off|bypass\w*|skip\w*|remov\w*|"
        r"lift\w*|drop\w*)\b[^.;]{0,40}?\b(?:r[ée]siden\w*|souverainet[ée]|souver[äa]n\w*|soberan\w*|"
        r"sovranit\w*|soevereiniteit|suver[äa]nitet|suverenitet|suwerenn\w*|rgpd|dsgvo|rodo|"
        r"datenschutz\w*|protection\s+des\s+donn[ée]es|protecci[oó]n\s+de\s+datos|"
        r"protezione\s+dei\s+dati|localisation|lokali[sz]\w*|dataskydd|personvern|"
        r"databeskyttelse|ochron\w*\s+danych)", _I)),
]
