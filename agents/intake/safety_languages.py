"""Orders to drop the rules, and secrets asked for, in more languages (issue 17, s12).

`safety_intl` reads "ignore the rules" in Romance, Germanic, Polish and CJK script; the
same order in Russian, Ukrainian, Turkish, Arabic, Persian, Hebrew, Hindi, Indonesian,
Vietnamese, Greek, Swahili and Thai passed. Each rule is a structure: an ignore / forget
verb and a noun for instructions, rules or limits, in either order (Turkish, Persian and
Hindi put the verb last); a send / show verb and a password or key. Words per language
are listed, never sentences. Look-alikes stay out: an ignore verb on anything that is no
rule ("не обращай внимания на опечатки"), a key the user keeps for their own job.
"""

from __future__ import annotations

import re
import unicodedata

_I = re.IGNORECASE


def nfkc(pattern: str) -> str:
    """A pattern in the form the scanned text has (NFKC: Thai "ำ" is read as "ํา")."""
    return unicodedata.normalize("NFKC", pattern)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(nfkc(pattern), _I)


#: ignore / forget / bypass, verb first
_IGNORE = (
    r"\b(?:игнорир\w*|забудь\w*|обойди|не\s+обращай\s+внимания\s+на|ігнору\w*|обійди|"
    r"تجاهل\w*|انس|تخط\w*|התעלם|תתעלם|התעלמו|שכח|תשכח|שכחו|עקוף|abaikan|lupakan|"
    r"bỏ\s+qua|phớt\s+lờ|quên\s+(?:hết|đi|tất\s+cả)?|αγνόη\w*|αγνοή\w*|ξέχασ\w*|"
    r"παράκαμψ\w*|puuza|sahau)(?=\s|$)|เพิกเฉย|ไม่ต้องสนใจ|ละเลย")
#: ignore / forget, verb last: "talimatları yok say", "दिशानिर्देशों को अनदेखा करो"
_IGNORE_LAST = (
    r"\b(?:yok\s+say\w*|görmezden\s+gel\w*|unut\w*)|نادیده\s+(?:بگیر\w*|گرفته)|فراموش\s+کن\w*|"
    r"(?:अनदेखा|नज़रअंदाज़|नजरअंदाज|नज़रअंदाज)\s+कर\w*|भूल\s+जा\w*")
#: instructions, rules, limits, policies
_RULES = (
    r"(?:\b(?:инструкци\w*|правил\w*|указани\w*|ограничени\w*|политик\w*|лимит\w*|"
    r"інструкці\w*|обмежен\w*|talimat\w*|kural\w*|kısıtlama\w*|politika\w*|instruksi|"
    r"aturan|perintah|batasan|kebijakan|hướng\s+dẫn|quy\s+tắc|chỉ\s+dẫn|giới\s+hạn|"
    r"οδηγί\w*|κανόν\w*|περιορισμ\w*|εντολ\w*|maagizo|maelekezo|masharti|vikwazo)"
    r"(?=\s|[,.;!?]|$)|"
    r"(?:ال)?تعليمات|(?:ال)?قواعد|(?:ال)?قيود|(?:ال)?سياسات|دستورالعمل\S*|دستورات|قوانین|"
    r"محدودیت\S*|(?:ה)?הוראות|(?:ה)?חוקים|(?:ה)?כללים|(?:ה)?מגבלות|निर्देश\w*|नियम\w*|"
    r"पाबंदि\w*|คำสั่ง|กฎ|ข้อจำกัด)")
#: send / show / give me, outside English (English is `safety_rules`' credential rule)
_SEND = (
    r"\b(?:покажи|пришли|отправь|скинь|дай|надішли|покажи|gönder\w*|göster\w*|"
    r"أرسل\w*|أعطني|اعرض|بفرست|نشان\s+بده|שלח\w*|תשלח\w*|הראה|תראה|תן\s+לי|תנו\s+לי|"
    r"भेजो|भेजें|दिखाओ|दिखाएं|kirim\w*|tunjukkan|berikan|gửi|cho\s+tôi|στείλ\w*|δείξ\w*|"
    r"δώσ\w*|nitumie|nipe|onyesha|schick\w*|zeig\w*|gib|envoie\w*|montre\w*|donne[sz]?-moi|"
    r"manda\w*|mostra\w*|dammi|envi[ae]\w*|mostre|muestra\w*|dame|pásame|stuur|toon|geef|"
    r"wyślij|pokaż|daj)(?=\s|$)|ส่ง|แสดง")
#: passwords and keys that belong to the platform or its administrators
_SECRET = (
    r"(?:\b(?:парол\w*|ключ\w*\s+(?:api|доступа)|api[- ]?(?:ключ\w*|keys?)|şifre\w*|parola\w*|"
    r"kata\s+sandi|mật\s+khẩu|κωδικ\w*|nenosiri|passw(?:o|ö)rt\w*|wachtwoord\w*|"
    r"mots?\s+de\s+passe|contrase[ñn]a\w*|senha\w*|has[łl]o\w*|password\w*|credenziali|"
    r"zugangsdaten|identifiants)(?=\s|[,.;!?]|$)|"
    r"كلمات?\s+(?:ال)?مرور|رمز\s*عبور|סיסמ\S*|पासवर्ड|รหัสผ่าน)")

#: (reason, pattern), appended to `safety_rules.SENTENCE_RULES`
LANGUAGE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("prompt injection", _compile(
        "(?:" + _IGNORE + r")[^.;!?]{0,40}?(?:" + _RULES + ")|(?:" + _RULES
        + r")[^.;!?]{0,30}?(?:" + _IGNORE_LAST + ")")),
    ("credential request", _compile("(?:" + _SEND + r")[^.;!?]{0,40}?(?:" + _SECRET + ")")),
]
