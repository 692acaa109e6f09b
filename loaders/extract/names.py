"""Patterns for names of firms and people, and the words that are never party names."""

from __future__ import annotations

import re

__all__ = [
    "COMPANY_NOUN", "CURRENCY_CODE", "DESCRIPTOR_WORD", "LAW_ACRONYMS", "LEGAL_FORM", "LONG_NAME", "NAME", "PERSON", "PRODUCT_NOUN",
    "ROLE", "STOP_WORDS", "canonical_role", "clean_name", "is_law_or_currency", "is_regulator_role", "name_with_apostrophe",
]

# A capitalised word ("H&M", "Ton-That", "O'Brien", "Locatefamily.com", "Canal+") or initials ("A.B.", "A. Z.").
# Capital letters of the Latin alphabets and Greek ("Österreichische Post AG", "Łódź", "Υπουργείο").
_UP = "A-ZÀ-ÖØ-Þ" + "".join(chr(c) for c in range(0x100, 0x17F) if chr(c).isupper()) + "Α-ΩΆ-Ώ"
_TOKEN = (rf"(?:[A-Z]\.(?:[^\S\n]?[A-Z]\.)+|\d+[&/]\d+(?![\d,.])|\d+[a-z]+[A-Z][\w\-]*|\d+x\d+(?![\d,.])|[{_UP}]:[a-z]{{1,2}}(?!\w)|(?![A-Z]{{1,3}}\$)[{_UP}][\w\-]*(?:\*{{2,}}[\w\-]*)?(?:&[A-Z][\w\-]*)?(?:['’][A-Z][\w\-]*)?(?:\.(?:com|net|org|io|one|eu|cz|sk|pl|de|at|ch|nl|be|fr|it|es|pt|se|no|dk|fi|hu|ro|gr|ie|lu)\b)?(?:\+(?![\w+]))?)")
_JOIN = r"(?:[^\S\n]+(?:(?:of|for|and|&|de|du|des|la|le|van|von|der|den|di|da|del|και)[^\S\n]+)?)"
# ... and after a name's first word, one initial before a capitalised word ("Garage J. De Smet BVBA").
_MID = rf"(?:{_TOKEN}|[A-Z]\.(?=[^\S\n]+[{_UP}]))"
NAME = rf"{_TOKEN}(?:{_JOIN}{_MID}){{0,5}}(?:,?[^\S\n]+(?:Inc|Ltd|Corp|Co|S\.A|B\.V|N\.V)\.|[^\S\n]+LLC)?"
_PNAME = r"[A-Z][a-z]+(?:[\-’'][A-Z][a-z]+)?"
PERSON = rf"{_PNAME}(?:\s+(?:(?:de|van|von|der|den|du|la|le|di|da)\s+)*{_PNAME}){{1,2}}"
COMPANY_NOUN = (
    r"(?:company|firm|startup|start-up|business|platform|provider|giant|app|retailer|operator|"
    r"broker|maker|developer|vendor|group|corporation|conglomerate|subsidiary|insurer|lender|chain|fintech|"
    # small firms: "una pyme", "une PME", "una PMI", "une TPE"
    r"pyme|PME|PMI|TPE|"
    # French trades ("la fintech X", "l'enseigne X", "l'assureur X")
    r"néobanque|assureur|opérateur|enseigne|mutuelle|hébergeur|"
    # makers and owners in French, Italian, Spanish, Dutch
    r"créat(?:eur|rice)|éditeur|développeur|fabricant|propriétaire|exploitant|sviluppatore|creatore|"
    r"produttore|proprietario|gestore|creador[a]?|desarrollador[a]?|propietari[oa]|fabricante|eigenaar|ontwikkelaar|"
    # French, Italian, Spanish; German and Dutch compounds ("Modeunternehmen", "Taxidienstenbedrijf")
    r"société|entreprise|groupe|società|azienda|empresa|compañía|spółk[aęiią]|"
    # Nordic nouns and their compounds ("Försäkringsbolaget X", "Taxaselskabet X")
    r"[\w\-]*(?:bolaget|företaget|selskabet|selskapet|virksomheden|virksomheten|kjeden|kæden|kedjan|konsernet|koncernen)|"
    # ... opening a sentence ("Virksomheden IDesign", "Selskapet X")
    r"(?:Bolaget|Företaget|Selskabet|Selskapet|Virksomheden|Virksomheten|Kjeden|Kæden|Kedjan|Konsernet|Koncernen)|"
    r"[\w\-]*(?:[Uu]nternehmen|[Kk]onzern|[Rr]iesen?|[Hh]ändler|[Kk]ette|[Gg]esellschaft|[Dd]ienstleister|[Aa]nbieter|"
    r"[Bb]etreiber|[Hh]ersteller|[Vv]ersender|[Vv]ersandhändler|[Gg]ruppe|[a-zäöü]+platt?form|[Nn]etzwerk|"
    # "der Autobauer X", "die Krankenkasse Y", "der Versicherer Z", "der Energieversorger W"
    r"[Aa]utobauer|[Vv]ersicherer|[Kk]rankenkasse|[Ee]nergieversorger|[Mm]obilfunker|[Vv]erlag|[Tt]ochter)|network|netwerk|réseau|[A-ZÄÖÜ][\w\-]*firma|Firma|\w*(?:bedrijf|concern|onderneming|dienst))"
)
# Legal forms that end a firm's name ("Amazon Europe Core S.à r.l.", "H&M ... A.B. & Co. KG"); "AS" not before a word
# in capitals: an all-caps headline's "as" ("BRITISH AIRWAYS FINED AS ICO ENDS PROBE").
LEGAL_FORM = (
    r"(?:Inc|Ltd|Limited|LLC|L\.L\.C|LLP|Corp|Corporation|GmbH(?:\s+&?\s*Co\.?\s+KG)?|mbH|AG|KG|SE|plc|PLC|"
    r"S\.A\.U|S\.A|SA|SAS|SASU|SARL|EURL|S\.à\s?r\.l|S\.à\.r\.l|S\.a\.r\.l|Sàrl|B\.V|N\.V|BV|NV|BVBA|[Ss]\.[Pp]\.A|[Ss]\.r\.l|S[Rr][Ll]|"
    r"S\.R\.L|SpA|Spa|spa|s\.p\.a|srl|Sagl|A\.B|AB|ASA|AS(?![^\S\n]+[A-ZÀ-Þ]{2,}\b)|A/S|ApS|I/S|P/S|K/S|Oy|Oyj|ehf|hf|DAC|Unlimited\s+Company|Co\.\s+KG|Co\.\s+Inc|"
    r"OpCo,\s+LLC|[Ss]p\.\s?z\s?o\.\s?o\.?(?:\s+[Ss]p\.\s?[kj]\.?)?|[Ss]p\.\s?[kj]|S\.L\.U|S\.L|SL|Α\.Ε|"
    # Central and Eastern Europe and the Baltics: "s.r.o.", "a.s.", "Kft.", "Zrt.", "d.o.o.", "EAD", "OÜ", "UAB"
    r"[Ss]\.\s?r\.\s?o|spol\.\s+s\s+r\.\s?o|a\.\s?s|Kft|Zrt|Nyrt|d\.\s?o\.\s?o|d\.\s?d|EAD|EOOD|OOD|OÜ|UAB|SIA|"
    # Portugal and Brazil, Greece
    r"Lda|Ltda|ΙΚΕ|Ε\.Π\.Ε|ΑΕ)"
)
# Up to eight capitalised words (joined by "&", "of", "de" ...) before a legal form.
# A possessive inside ("McDonald's Polska Sp. z o.o.") and a year or number after the first
# word ("VfB Stuttgart 1893 AG") are part of a name that ends with a legal form.
LONG_NAME = rf"{_TOKEN}(?:['’]s)?(?:{_JOIN}(?:{_MID}(?:['’]s)?|\d{{1,4}}(?=\s)))" + "{0,7}"
# Text of one clause, a figure's decimal point included ("12.5 million"): up to the next full stop or semicolon.
CLAUSE = r"(?:[^.;]|\.(?=\d))"
# Words that name what a firm makes or runs, not a firm ("ChatGPT maker OpenAI").
PRODUCT_NOUN = r"(?:maker|owner|developer|operator|creator|parent|publisher|provider)"
# Capitalised words that describe rather than name ("the Chinese-owned video app TikTok").
DESCRIPTOR_WORD = r"(?:[A-Z][A-Za-z.]*-(?:owned|based|backed|listed|headquartered|registered|founded))"  # "US-based"
_CORPORATE_ROLES = (
    "chief executive officer", "chief executive", "CEO", "co-founder", "founder",
    "chief legal officer", "CLO", "general counsel", "chief operating officer", "COO",
    "chief financial officer", "CFO", "chief privacy officer", "chief technology officer",
    "CTO", "managing director", "spokesperson", "spokesman", "spokeswoman", "partner",
)
_REGULATOR_ROLES = (
    "chairperson", "chairwoman", "chairman", "chair", "president", "vice-president",
    "commissioner", "Information Commissioner", "deputy commissioner", "head", "director",
)
_ALL_ROLES = sorted({*_CORPORATE_ROLES, *_REGULATOR_ROLES}, key=len, reverse=True)
ROLE = "(?:" + "|".join(re.escape(r).replace(r"\ ", r"\s+") for r in _ALL_ROLES) + ")"

_CANONICAL = {
    "chief executive officer": "CEO", "chief executive": "CEO", "ceo": "CEO",
    "clo": "chief legal officer", "coo": "chief operating officer",
    "cfo": "chief financial officer", "cto": "chief technology officer",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "chairwoman": "chairperson", "chairman": "chairperson", "chair": "chairperson",
}

_NOT_NAME_END = frozenset(["eur", "usd", "gbp", "sek", "nok", "dkk", "chf", "million", "billion", "euro", "euros"])
# Currency codes written in capitals after a firm's name ("fined Virgin Mobile Polska PLN 1.9 million", "KSh 2.9m").
_ISO_CURRENCIES = frozenset([
    "PLN", "CZK", "HUF", "RON", "BGN", "ISK", "TRY", "HRK", "BRL", "CAD", "AUD", "NZD", "SGD", "HKD", "KRW",
    "JPY", "CNY", "INR", "ZAR", "NGN", "KES", "GHS", "MYR", "PHP", "IDR", "THB", "RSD", "UAH", "RUB", "MXN",
    "ARS", "CLP", "COP", "ILS", "AED", "SAR", "QAR", "KSh", "Ksh", "Kshs"
])
# A currency code in capitals, which no firm's name is ("fined Amazon's Luxembourg unit EUR 746 million").
CURRENCY_CODE = "(?:" + "|".join(sorted({*(c.upper() for c in _NOT_NAME_END if len(c) == 3), *_ISO_CURRENCIES})) + r")(?!\w)"
STOP_WORDS = frozenset(["the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "we", "they", "i", "you", "his", "her", "their", "our", "my", "in", "on", "at", "for", "from", "to", "of", "and", "or", "but", "as", "by", "with", "after", "before", "under", "over", "while", "when", "where", "which", "who", "what", "why", "how", "there", "here", "however", "but", "also", "meanwhile", "yet", "still", "some", "many", "most", "each", "every", "all", "any", "no", "not", "nor", "so", "if", "then", "than", "though", "although", "because", "since", "until", "unless", "whether", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "europe", "european", "eu", "eea", "gdpr", "uk", "us", "usa", "internet", "planet", "earth", "ai", "nb", "ps", "note", "update", "read",
    # "also" in the languages present ("Anche Ntt Data Italia è stata sanzionata")
    "anche", "aussi", "auch", "ook", "también", "także", "även", "också", "inoltre", "ebenfalls",
    # sentence adverbs that open a sentence with a comma ("Elsewhere, a judge ordered the company to pay")
    "elsewhere", "separately", "previously", "earlier", "later", "additionally", "furthermore", "moreover", "finally",
    "instead", "similarly", "likewise", "nevertheless", "nonetheless", "otherwise", "overall", "recently", "meanwhile",
    "außerdem", "zudem", "daneben", "inzwischen", "intanto", "además", "asimismo", "daarnaast", "verder", "eerder",
    "dessutom", "tidigare", "desuden", "derudover", "tidligere",
    # prepositions that begin a sentence before a name ("Na ENEA S.A. nałożono karę")
    "na", "w", "aan", "dem", "della", "dello",
    # German articles before a name at a sentence's start ("Die Spreewald Immobilien GmbH muss ...")
    "der", "die", "das",
    # "for" and "at" opening a sentence before a name ("För Capio AB blev avgiften", "Kara dla X", "Für die X")
    "för", "hos", "på", "til", "mot", "für", "bei", "pour", "voor", "bij", "dla", "per",
    # Polish forms of address before a sole trader's initials ("na Pana A. Z.")
    "pan", "pana", "panu", "pani", "panią"])


def canonical_role(role: str) -> str:
    """The usual form of an office ("chief executive" -> "CEO").

    >>> canonical_role("Chief  Executive"), canonical_role("chief legal officer")
    ('CEO', 'chief legal officer')
    """
    text = " ".join(role.split())
    return _CANONICAL.get(text.lower(), text if text.isupper() else text.lower())


def is_regulator_role(role: str) -> bool:
    """An office that regulators have and firms mostly do not name in news."""
    return canonical_role(role).lower() in {r.lower() for r in _REGULATOR_ROLES} | {"chairperson"}


# Whole names that are a law or regulation's short name, or a currency's sign, never a party
# ("organisaties die de AVG overtraden", "fined SKr 37m").
LAW_ACRONYMS = frozenset([
    "gdpr", "uk gdpr", "eu gdpr", "avg", "uavg", "dsgvo", "bdsg", "tdddg", "ttdsg", "dsg", "ndsg", "rgpd", "lopd",
    "lopdgdd", "lgpd", "rodo", "gdpr-k", "pecr", "ccpa", "cpra", "hipaa", "coppa", "dpa 2018", "eprivacy",
    "dsa", "dma", "ai act", "gdpd", "ggdpr", "ΓΚΠΔ".lower(), "rgpd-ue", "lfpdppp", "pipeda", "pipl", "appi",
])
_CURRENCY_WORDS = frozenset(["skr", "nkr", "dkr", "kr", "zł", "zl", "kč", "lei", "sfr", "eur", "usd", "gbp",
                             "sek", "nok", "dkk", "chf", "pln", "czk", "huf", "ron", "euro", "euros"])


# Words that open a sentence: after a name's final abbreviation ("B.V.") they are the next sentence's.
_OPENERS = STOP_WORDS | {"het", "de", "een", "le", "la", "les", "il", "lo", "el", "los", "las", "un", "une", "ein", "eine",
                         "den", "det", "en", "ett", "et"}


def is_law_or_currency(name: str) -> bool:
    """A law's short name ("AVG", "UK GDPR", "DSGVO") or a currency's sign ("SKr"): never a firm.

    >>> is_law_or_currency("UK GDPR"), is_law_or_currency("SKr."), is_law_or_currency("AVG Technologies")
    (True, True, False)
    >>> is_law_or_currency("GDPR-a"), is_law_or_currency("RODO-u")  # with a case ending
    (True, True)
    """
    text = " ".join(name.replace("’", "'").split()).strip(" .,'").lower().removesuffix("'s").removeprefix("the ")
    stem = re.sub(r"(?<=\w)[\-'][a-zà-ž]{1,4}$", "", text)
    return text in LAW_ACRONYMS or stem in LAW_ACRONYMS or text in _CURRENCY_WORDS


def clean_name(name: str) -> str | None:
    """A candidate name without leading articles, or None if it is no name at all (nor a
    law's short name or a currency's sign).

    >>> clean_name("The Clearview AI"), clean_name("However"), clean_name("Clearview AI, Inc.")
    ('Clearview AI', None, 'Clearview AI, Inc.')
    >>> clean_name("the AVG"), clean_name("DSGVO"), clean_name("SKr")
    (None, None, None)
    >>> clean_name("Kromhout Zorg B.V. The")
    'Kromhout Zorg B.V.'
    >>> clean_name("Garage J. De Smet BVBA")
    'Garage J. De Smet BVBA'
    """
    words = name.split()
    for i, word in enumerate(words[1:-1], 1):  # "Veldhoven Zorg B.V. Het bedrijf ...": the next sentence's first word
        if word.endswith(".") and words[i + 1][:1].isupper() and words[i + 1].lower() in _OPENERS and any(
                re.fullmatch(rf"{LEGAL_FORM}\.?", " ".join(words[j : i + 1])) for j in range(max(0, i - 3), i + 1)):
            # ... only after a legal form: an initial's full stop ("Garage J. De Smet BVBA") ends no name
            words = words[: i + 1]
            break
    if len(words) > 2 and words[0].lower() in ("both", "either", "neither") and {"and", "or", "nor"} & set(words):
        return None  # "Both Google and Amazon were fined": two firms, no one name
    while words and words[0].lower() in STOP_WORDS and not (words[0] == "AS" and len(words) > 1):  # "AS Watson"
        words = words[1:]
    while len(words) > 1 and (words[-1].lower() in _NOT_NAME_END or words[-1] in _ISO_CURRENCIES):
        words = words[:-1]
    if not words or all(w.lower().strip(".,") in STOP_WORDS for w in words):
        return None
    if is_law_or_currency(" ".join(words)):
        return None
    return " ".join(words)


# An apostrophe's "s" inside a brand, after a word of a language with no such possessive ("à McDonald's France",
# "a Domino's Pizza España", "gegen die Levi's GmbH"): the name goes on after it.
_NO_POSSESSIVE_BEFORE = re.compile(r"(?:^|[\s(])(?:à|au|aux|a|al|ad|alla|de|d['’]|di|du|des|del|della|la|le|el|los|las|il|lo|"
                                   r"gegen|die|der|den|dem|das|van|het|aan|contre|contra|tegen|mot|na|par|por|per|pour|para|"
                                   r"sanctionné\w*|multad[oa]|multat[oa]|inflig\w+|impuest[oa])\s+$")
_BRAND_TAIL = re.compile(rf"['’]s(?:[^\S\n]+{NAME})")


def name_with_apostrophe(text: str, start: int, end: int) -> int:
    """Where a name found at ``start``-``end`` ends when an apostrophe's "s" and more of it follow in a sentence
    in French, Spanish, Italian, German or Dutch ("à McDonald's France"); ``end`` otherwise (English "Meta's
    WhatsApp" is a possessive).

    >>> text = "La CNIL a infligé à McDonald's France une amende."
    >>> text[20 : name_with_apostrophe(text, 20, 28)], name_with_apostrophe("Meta's WhatsApp", 0, 4)
    ("McDonald's France", 4)
    """
    tail = _BRAND_TAIL.match(text, end)
    if tail is None or not _NO_POSSESSIVE_BEFORE.search(text, max(0, start - 20), start):
        return end
    return tail.end()
