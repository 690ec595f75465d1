"""Acts against other parties, and concealment, in the languages the parser reads (s12).

The English rules of `safety_rules` read "pre-empt the other tenants" or "don't tell";
the same asks written in other languages were let through (issue 17, fresh15-17). A rule
here is a structure of its class, with each language's words listed, never a sentence:

- another party (other customers / users / groups / tenants, "wateja wengine",
  "ลูกค้ารายอื่น", "άλλου πελάτη") in one sentence with an act on what is theirs: their
  jobs paused, stopped or evicted; their account billed; their data, bucket or passwords
  handed over; the user's job queued ahead of them;
- the run hidden from the people it answers to ("किसी को बताना मत", "ولا تذكر ذلك في
  التقرير", "nobody will notice", "no entry in the audit log");
- the user's own quota raised on someone's say-so ("set my team's quota to unlimited").
Benign look-alikes stay out by structure: a party with no act on it ("compare with other
teams' published numbers"), an act on the user's own things ("pause our old job"), a
security team that reads its own audit logs.
"""

from __future__ import annotations

import re

from agents.intake.safety_covert import AllOf
from agents.intake.safety_languages import nfkc

_I = re.IGNORECASE

#: other customers, users, tenants, groups, teams or labs: "other" before or after the noun
_PARTY = (
    # English
    r"\b(?:other|another|someone\s+else'?s)\s+(?:[\w-]+\s+)?(?:tenants?|customers?|users?)\b|"
    r"\b(?:another|the\s+other)\s+(?:group|team|lab)'s\b|"
    # any other organisation said to share the platform ("the other bank on this cluster")
    r"\b(?:other|another)\s+(?:[\w-]+\s+)?(?:banks?|compan(?:y|ies)|firms?|orgs?|"
    r"organi[sz]ations?|groups?|labs?|teams?|hospitals?|universit(?:y|ies))\s+"
    r"(?:[\w-]+\s+){0,2}?(?:on|in|using|sharing)\s+(?:this|the|our)\s+(?:cluster|platform|system|service)\b|"
    # Dutch, German, Scandinavian
    r"\bander(?:e|en|er|es)\s+(?:groepen|groep|teams?|klanten|klant|gebruikers|huurders|"
    r"gruppen?|kunden?|nutzer\w*|mandanten|benutzer\w*)\b|"
    r"\b(?:andra|andre)\s+(?:kunder|användare|brukere|grupper|team)\b|"
    # Romance
    r"\b(?:otr[oa]s?|outr[oa]s?|autres?|altr[oie]|un\s+altro|un'altra|d'un\s+autre|"
    r"d'une\s+autre)\s+(?:clientes?|usuari[oa]s?|usuários?|grupos?|equipos?|equipes?|"
    r"inquilinos?|locatários?|clients?|utilisateurs?|groupes?|équipes?|locataires?|"
    r"clienti|cliente|utenti|utente|gruppi|gruppo|squadre|team)\b|"
    # Polish, Turkish
    r"\b(?:inn(?:ych|ego|ej|i)|cudz\w*)\s+(?:klient\w*|użytkownik\w*|grup\w*|zespoł\w*)\b|"
    r"\bdiğer\s+(?:müşteri\w*|kullanıcı\w*|ekip\w*|grup\w*|kiracı\w*)|"
    # Swahili, Indonesian / Malay, Vietnamese (the noun first)
    r"\b(?:wateja|watumiaji|vikundi|timu|wapangaji)\s+wengine\b|"
    r"\b(?:pelanggan|pengguna|tim|grup|penyewa)\s+(?:yang\s+)?lain\b|"
    r"\b(?:khách\s+hàng|người\s+dùng|nhóm)\s+khác\b|"
    # Cyrillic, Greek
    r"\b(?:други[хеймя]|друго[йгм]\w*|чуж\w+|інш\w+)\s+(?:клиент\w*|пользовател\w*|команд\w*|"
    r"групп\w*|арендатор\w*|клієнт\w*|користувач\w*|груп\w*|орендар\w*)|"
    r"(?:άλλ(?:ου|ων|ους|ης|οι|ο)|ξέν\w+)\s+(?:πελάτ\w*|χρήστ\w*|ομάδ\w*|ενοικιαστ\w*)|"
    # Arabic, Persian, Hebrew, Hindi (noun then "other", or "other" then noun)
    r"(?:العملاء|المستخدمين|الفرق|المستأجرين|عملاء|مستخدمين)\s+(?:ال)?(?:آخرين|أخرى)|"
    r"(?:عميل|مستخدم|فريق)\s+آخر|"
    r"(?:بقیه‌?ی?|سایر)\s*(?:کاربران|مشتریان|تیم‌?ها)|(?:کاربران|مشتریان|تیم‌?های?)\s+دیگر|"
    r"(?:לקוחות|משתמשים|צוותים|דיירים)\s+אחרים|(?:לקוח|משתמש|צוות)\s+אחר|"
    r"(?:दूसरे|दूसरों|अन्य)\s+(?:ग्राहकों|ग्राहक|यूज़र्स|यूजर्स|उपयोगकर्ताओं|टीमों|लोगों)|"
    # Thai, Chinese (simplified and traditional), Japanese, Korean (no spaces)
    r"(?:ลูกค้า|ผู้ใช้|ทีม)(?:ราย|คน)?อื่น|"
    r"(?:其他|其它|别的|別的|他の|ほかの|다른)\s*(?:租户|租戶|用户|用戶|团队|團隊|客户|客戶|"
    r"テナント|ユーザー|利用者|チーム|顧客|테넌트|사용자|팀|고객)")
#: their running work stopped, paused, evicted or pre-empted
_HALT = (
    r"\b(?:paus\w*|stop\w*|suspend\w*|evict\w*|kill\w*|pre-?empt\w*|halt\w*|"
    r"pauzeer\w*|pauzeren|stil(?:leggen|zetten)|stopzetten|zet\b[^.;!?]{0,50}?\bstil|pausier\w*|anhalt\w*|verdräng\w*|"
    r"unterbrech\w*|desaloj\w*|deten\w*|parar|expuls\w*|suspend\w*|despej\w*|"
    r"ferm[ai]\w*|sospend\w*|interromp\w*|interrump\w*|arrêt\w*|mettre\s+en\s+pause|"
    r"wstrzym\w*|zatrzym\w*|durdur\w*|duraklat\w*|hentikan|jeda|dừng|tạm\s+dừng|"
    r"simamish\w*|sitisha|приостан\w*|останов\w*|выгон\w*|вытесн\w*|призупин\w*|зупин\w*|"
    r"σταμάτ\w*|πάγω\w*|διέκοψ\w*|διακοπ\w*|أوقف\w*|إيقاف|متوقف|توقف|עצר\w*|להשהות|השה\w*|"
    r"रोक\w*)\b|หยุด|ระงับ|暂停|暫停|停止|抢占|搶佔|搶占|中断|中止|止め|중지|멈추|멈춰|선점")
#: a bill or account: charged to them, or their account used
_BILL = (
    r"\b(?:bill\w*|charg\w*|invoic\w*|addebit\w*|fattur\w*|factur\w*|cobr[ae]\w*|carg[ae]\w*|"
    r"imput\w*|débit\w*|berechn\w*|abrechn\w*|belast\w*|aanrekenen|χρέω\w*|χρεώ\w*|"
    r"списа\w*|счет|счёт|рахун\w*|fatura\w*|yansıt\w*|account|konto|cuenta\s+de|"
    r"(?<!pour\sle\s)compte|"
    r"λογαριασμ\w*|аккаунт\w*|حساب|חשבון|खाते)\b|計費|计费|扣款|記帳|请款|บัญชี|คิดเงิน")
#: their data, storage or credentials handed over or opened
_THEIRS = (
    r"\b(?:data|dati|datos|dados|données|daten|gegevens|dane|dữ\s+liệu|veri\w*|"
    r"данн\w*|дан[іи]\w*|δεδομέν\w*|بيانات|داده\w*|נתונים|डेटा|"
    r"buckets?|storage|table|tables|database|datasets?|records?|files|prompts?|logs?)\b|"
    r"دلی|אחסון|ข้อมูล|数据|數據|資料|データ|데이터")
#: passwords, keys and tokens, in those languages
_SECRETS = (
    r"\b(?:passwords?|api[- ]?keys?|(?:access|auth|api)\s+tokens?|credentials?|contraseñas?|"
    r"senhas?|mots?\s+de\s+passe|passw(?:o|ö)rt\w*|wachtwoord\w*|has(?:ł|l)(?:o|a)\w*|"
    r"şifre\w*|parol(?:a|e|ă)\w*|парол\w*|κωδικ\w*\s+πρόσβασης|كلمات?\s+المرور|סיסמ\w*|"
    r"पासवर्ड|mật\s+khẩu|kata\s+sandi|nenosiri)\b|رمز\s*عبور|کلیدهای\s*api|"
    r"รหัสผ่าน|密码|密碼|パスワード|비밀번호")
#: a named customer's storage opened to the user ("access to the bucket of client acme")
_STORE_OF = (
    r"\b(?:buckets?|storage|containers?|drives?|volumes?)\b[^.;!?]{0,20}?\b(?:of|belonging\s+to"
    r"|de|del|du|des|di|della|van|von)\s+(?:the\s+|la\s+|le\s+|el\s+|il\s+|de\s+)?"
    r"(?:customer|client|tenant|cliente|kunde|klant|locataire|inquilino)\b|"
    r"(?:דלי|אחסון)\S*\s+(?:\S+\s+)?של\s+(?:ה)?(?:לקוח|דייר|משתמש)")
_ACCESS = (r"\b(?:access|acceso|accès|accesso|acesso|zugang|zugriff|toegang|доступ\w*|"
           r"πρόσβαση|erişim|akses)\b|גישה|دسترسی|وصول|アクセス|访问|訪問|접근|เข้าถึง")
#: the user's job put ahead of them in the queue
_AHEAD = (r"\bahead\s+of\b|\bvor\s+(?:den|allen)\b|\bdelante\s+de\b|\bantes\s+que\b|"
          r"\bavant\s+(?:les|tous)\b|\bprima\s+(?:di|degli|dei)\b|\bперед\b|"
          r"\bπριν\s+από\b|前面|前に|之前|앞에|ก่อน")

#: the run, or what was done, kept from the people it answers to
_HIDE = (
    # English beyond `safety_rules` ("don't tell"): quietly / secretly moved, no audit entry
    r"\b(?:no|without\s+(?:an?\s+)?|skip\w*\s+the|keep\s+(?:it|this)\s+(?:out\s+of|off)\s+"
    r"the|leave\s+(?:it|this)\s+out\s+of\s+the|remove\s+(?:it|this)\s+from\s+the)\s*"
    r"(?:entry\s+in\s+the\s+|record\s+in\s+the\s+|trace\s+in\s+the\s+)?audit\s*(?:logs?|"
    r"trails?|records?)\b|"
    r"\b(?:quietly|silently|secretly|covertly|discreetly)\s+(?:move|route|send|shift|copy|"
    r"switch|relocate|transfer)\w*\b|"
    r"\b(?:run|do)\s+(?:this|it)(?:\s+one)?\s+(?:secretly|covertly|under\s+the\s+radar)\b|"
    # Spanish, Portuguese, French, Italian, German, Dutch
    r"\bsin\s+(?:decir\w*|avisar\w*|contar\w*)\s+(?:a\s+)?nadie\b|\bque\s+nadie\s+se\s+"
    r"ent(?:ere|ere)\b|\bnadie\s+(?:se\s+)?(?:va\s+a\s+)?(?:notar|enterar|dar\s+cuenta)\w*|"
    r"\bsem\s+(?:contar|avisar|dizer)\s+(?:a\s+|pra\s+)?ningu[ée]m\b|\bningu[ée]m\s+vai\s+"
    r"(?:perceber|notar|saber)\b|"
    r"\bsans\s+(?:le\s+)?(?:dire|prévenir|signaler)\b|\bpersonne\s+ne\s+(?:le\s+)?"
    r"(?:remarquera|saura|verra)\b|\ben\s+douce\b|"
    r"\bsenza\s+(?:dirlo|dire\s+niente|avvisare)\b|\bnessuno\s+(?:se\s+ne\s+)?(?:accorgerà|"
    r"noterà|saprà)\b|"
    r"\bohne\s+(?:es\s+)?(?:jemandem|jemanden)\b|\bniemand\s+(?:wird\s+)?(?:merkt|merken|"
    r"bemerkt|bemerken)\b|\bheimlich\b|"
    r"\bniemand\s+(?:zal\s+)?(?:merkt|merken|ziet)\b|\bzonder\s+(?:het\s+)?(?:te\s+)?"
    r"(?:melden|zeggen)\b|\bstiekem\b|"
    # Russian / Ukrainian, Greek, Turkish, Indonesian, Vietnamese, Swahili
    r"\bникому\s+не\s+(?:говор|сообща|рассказ|кажи|повідом)\w*|\bникто\s+не\s+(?:замет|узна)\w*|"
    r"\bніхто\s+не\s+(?:помітить|дізнається)|\bтайно\b|\bпотихоньку\b|\bнишком\b|"
    r"δεν\s+θα\s+(?:το\s+)?(?:προσέξει|καταλάβει|μάθει)\s+κανείς|\bκρυφά\b|"
    r"\bkimseye\s+(?:söyleme|bahsetme)\w*|\bkimse\s+fark\s+etmez\b|\bsessizce\b|"
    r"\bjangan\s+(?:bilang|kasih\s+tahu|beritahu)\s+(?:siapa|ke\s+siapa)\w*|\bdiam-diam\b|"
    r"\bđừng\s+(?:nói|báo)\s+(?:với|cho)\s+ai\b|\blén\b|"
    r"\busimwambie\s+mtu\b|\bkwa\s+siri\b|"
    # Arabic, Persian, Hebrew, Hindi
    r"(?:لا|ولا)\s+(?:تذكر|تخبر|تبلغ)\w*|دون\s+(?:أن\s+)?(?:تخبر|إبلاغ)|"
    r"به\s+کسی\s+(?:نگو|چیزی\s+نگو)|بی‌?\s*سر\s*و\s*صدا|"
    r"(?:אל\s+ת(?:ספר|ספרו|גיד|גידו|ציין|ציינו)|בלי\s+לספר)|אף\s+אחד\s+לא\s+(?:ישים\s+לב|ידע)|"
    r"(?:किसी\s+को\s+(?:बताना\s+मत|मत\s+बताना|न\s+बताएं|ना\s+बताना|पता\s+न)|चुपचाप|चुपके\s+से)|"
    # Thai, Chinese, Japanese, Korean
    r"ไม่ต้องบอก|อย่าบอก|แอบ|"
    r"不要告诉|不要告訴|别告诉|別告訴|悄悄|偷偷|不要(?:在报告|在報告)|"
    r"誰にも言わ|こっそり|内緒|아무(?:에게|한테)도\s*말하지|몰래")
#: "set my team's quota to unlimited": the user's own limits raised in a job request
_QUOTA = (r"\b(?:set|raise|increase|lift|bump|change|make)\s+(?:[\w'-]+\s+){0,3}?(?:quotas?|"
          r"allocations?|(?:spending|budget|gpu|credit|usage)\s+(?:limits?|caps?))\s+(?:[\w-]+\s+){0,3}?(?:to\s+)?(?:unlimited|infinite|"
          r"uncapped|max(?:imum)?|no\s+limit)\b")
#: what is asked about another party: what they are running, on which data
_SPY = (r"\b(?:what|which)\b[^.;!?]{0,40}?\b(?:other|another)\s+(?:[\w-]+\s+)?(?:tenants?|"
        r"customers?|clients?|users?|groups?|labs?|teams?)\b[^.;!?]{0,40}?\b(?:running|"
        r"training|using|submitted)\b[^.;!?]{0,30}?\b(?:right\s+now|currently|at\s+the\s+moment|"
        r"datasets?|data|jobs?)\b")

# the scanned text is NFKC-normalised: so are the words ("คำ" is read as "คํา")
_PARTY, _HALT, _BILL, _THEIRS, _SECRETS, _STORE_OF, _ACCESS, _AHEAD, _HIDE = map(
    nfkc, (_PARTY, _HALT, _BILL, _THEIRS, _SECRETS, _STORE_OF, _ACCESS, _AHEAD, _HIDE))

#: (reason, rule), appended to `safety_rules.SENTENCE_RULES`
PARTY_RULES: list[tuple[str, AllOf | re.Pattern[str]]] = [
    ("pre-empting other tenants", AllOf(_HALT, _PARTY)),
    ("pre-empting other tenants", AllOf(_AHEAD, _PARTY)),
    ("billing another tenant", AllOf(_BILL, _PARTY)),
    # their data: the data noun before the party ("datos de otros clientes") or just after
    # it ("other tenants' logs"); the user's own ("our datasets ... from the other tenants") is not
    ("other tenants' data", re.compile(
        r"(?<!\bour\s)(?<!\bmy\s)(?<!\bnos\s)(?<!unsere\s)(?<!nuestros\s)(?<!наши\s)(?:"
        + _THEIRS + r")[^.;!?]{0,25}?(?:" + _PARTY + r")|(?:" + _PARTY + r")[^.;!?]{0,15}?(?:"
        + _THEIRS + ")", _I)),
    ("other tenants' data", re.compile(_SPY, _I)),
    ("credential request", re.compile(r"(?:" + _SECRETS + r")[^.;!?]{0,40}?(?:" + _PARTY
                                      + r")|(?:" + _PARTY + r")[^.;!?]{0,25}?(?:" + _SECRETS
                                      + ")", _I)),
    ("other tenants' data", AllOf(_ACCESS, _STORE_OF)),
    ("prompt injection", re.compile(r"(?:忽略|无视|無視|不要理会|不理會|不要遵守)"
                                    r"[^。.!！?？]{0,12}?(?:规则|規則|指令|指示|规定|規定|"
                                    r"限制|约束|約束|政策)")),
    ("policy bypass", re.compile(_HIDE, _I)),
    ("privilege or priority grab", re.compile(_QUOTA, _I)),
]
