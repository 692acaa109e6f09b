"""Whether a sanction stands: one told as waived or as the law's ceiling is no imposed sanction; one
told as undone ("withdrew the £1m fine", "a annulé l'amende", "hat das Bußgeld zurückgenommen") an
earlier one; one told as yet to come ("will fine", "is set to fine", "va infliger", "infliggerà",
"nałoży", "kommer att påföra", "wird ... ein Bußgeld verhängen") or with a proposal's words a
proposed one. Read by ``sanctions`` and ``timing``; this module imports no other rule module."""

from __future__ import annotations

import re

__all__ = ["PROPOSED_WORDS", "future", "not_standing", "undone"]

# Words that make a fine a proposed one: a notice, a draft, a recommendation to prosecute.
PROPOSED_WORDS = re.compile(
    r"(?i)\bpropos\w+|\bpropuest\w+|\bintend(?:s|ed|ing)?\W{0,2}\s+to\s+(?:fine|impose|issue)|\bvarsel\s+(?:\w+\s+){0,3}?om\b|\bvarsl(?:et|a|er|ede)\b|\bindstill\w*|"
    r"\bintention\s+to\s+(?:fine|impose)|\bprovisional|"
    r"\bpreliminary\b|\badvance\s+notifi\w+|\bdraft\s+decision|\bprojet\s+de\s+(?:décision|sanction)|"
    r"\bvoornemen\b|\bschema\s+di\s+provvedimento|\bAnhörung|"
    r"\b(?:first|initially|originally)\s+(?:considered|proposed|sought)\s+(?:a|an)\s+(?:\w+\s+)?(?:penalty|fine)\b|"
    r"\bforhåndsvarsl\w*|\bpolitianmeld\w*|\banmeldt\s+\w+(?:\s+\w+)?\s+til\s+politiet|\bvoorgenomen\b|"
    r"\bbeabsichtigt\w*|\bintende\s+(?:irrogare|sanzionare)|\bintenci[oó]n\s+de\s+(?:sancionar|multar)|"
    r"\bpropus(?:o|ieron)\b|\bpropôs\b|\bennakkoilmoitu\w*|\bförslag\s+(?:till|om)\s+(?:beslut|sanktionsavgift)|"
    # a notice of intent, a plan ("plant ein Bußgeld", "is voornemens", "zamierza nałożyć", "IMY föreslår")
    r"\bnotices?\s+of\s+intent\b|\bplan(?:s|ned|ning)?\s+to\s+(?:fine|impose|issue|sanction)|\bplant\s+(?:ein\w*|gegen)\b|"
    r"\bvoornemens\b|\bzamierz\w+|\bzamiar\w*|\bföresl(?:år|og|agit|agen|agna)\b|\bforesl(?:år|og|ået|ått)\b|"
    # a figure first announced ("die zunächst angekündigten 20 Millionen Euro", "initialement prévue")
    r"\b(?:zunächst|ursprünglich|anfänglich|initially|originally|inizialmente|originariamente|initialement|inicialmente|"
    r"aanvankelijk|oorspronkelijk)\s+(?:angekündigt\w*|geplant\w*|vorgesehen\w*|announced|planned|envisaged|previst\w*|"
    r"annonc\w+|prévu\w*|anunciad\w*|aangekondigd\w*|voorgesteld\w*)"
)
# A character of the clause: a decimal point or comma, and the point of "B.V." or "S.p.A." before a small word,
# end none.
_IN_CLAUSE = r"(?:[^,;:!?.\n]|[.,](?=\d)|\.(?=[^\s.]|\s+(?-i:[a-zà-ÿ])))"
# A future or an expectation just before the verb of the sanction, only small words between ("will fine", "will be
# fined", "is set to fine", "va lui infliger", "kommer att påföra"): a fine expected, not imposed. Not "will appeal the
# fine", "will pay the fine" (a due sanction), nor Dutch "zal" ("zal de boete betalen") or German "wird" (a present
# passive too: "wird ein Bußgeld verhängt"; their future is read verb-final below).
_FUTURE_MARK = (r"will|shall|(?:is|are)\s+(?:set|poised|expected|due|going|about|likely|slated)\s+to|"
                r"va|vont|vai|vão|kommer\s+(?:att|til\s+å|til\s+at)")
_BETWEEN = r"be|also|soon|now|then|likely|formally|officially|probably|reportedly|shortly|again|lui|leur|se|l['’]|les|la|le"
_IMPOSING = (r"fine[sd]?|fining|penali[sz]\w*|sanction\w*|impos\w*|issue\s+(?:\S+\s+){0,3}?(?:a|an)\s+(?:\S+\s+)?(?:fine|penalty)|"
             r"levy|hit\s+\S+(?:\s+\S+)?\s+with|reprimand\w*|inflig\w*|impon\w*|irrog\w*|sanzion\w*|multa\w*|sancion\w*|"
             r"påför\w*|ålägg\w*|utfärda\w*|nałoż\w*|aplica\w*")
_FUTURE_BEFORE = re.compile(rf"(?i)(?<![\w'’])(?:{_FUTURE_MARK})(?:\s+(?:{_BETWEEN})(?![\w'’]))*\s+(?:{_IMPOSING})(?![\w'’])")
# A future form of the sanction's verb itself: Italian, Spanish and Portuguese futures, French ones of
# the verbs of sanctioning, the Polish perfective present ("nałoży", "ukarze").
_FUTURE_FORM = re.compile(
    r"(?i)(?:inflig|irrog|sanzion|mult|impon|impond|sancion|ammon|ordin|aplic|condann|conden|castig)\w*"
    r"(?:erà|irà|arà|eranno|iranno|aranno|rá|rán)(?!\w)|"
    r"(?:inflig|sanctionn|prononc|condamn|impos)(?:era|eront)(?!\w)|(?:nałoż(?:y|ą)|ukarze|ukarzą)(?![\w\-])")
# A verb-final future: "wird|werden|zal|zullen" and the infinitive of imposing at its clause's end ("wird gegen X
# ein Bußgeld von 14,5 Millionen Euro verhängen", "zal Uber een boete van 10 miljoen euro opleggen").
_FUTURE_FINAL = re.compile(rf"(?i)(?<![\w\-])(?:wird|werden|zal|zullen|gaat|gaan)(?![\w\-]){_IN_CLAUSE}*?"
                           r"(?<![\w\-])(?:verhängen|auferlegen|festsetzen|aussprechen|opleggen|geven|uitdelen)\s*(?:[,;:!?.]|$)")

# The law's ceiling told as a statement just before the amount ("The GDPR caps fines at €20 million", "The
# maximum fine under PECR is £500,000", "le montant maximal est de"): no sanction; not "the maximum fine of
# £500,000" nor "fined X the maximum £500,000" (the sanction imposed may be the maximum).
_LAW_CEILING = re.compile(
    r"(?i)(?:\b(?:caps?|plafonne\w*|begrenzt|limita)\s+(?:\S+\s+){0,3}?(?:at|à|auf|a|en)|"
    r"\b(?:maximum|maximale?|maximal|Höchst\w*|massim[oa]|máxim[oa])\s+(?:[^\s,;:]+\s+){0,4}?(?:is|are|est(?:\s+de)?|"
    r"beträgt|liegt\s+bei|è(?:\s+di)?|es(?:\s+de)?|bedraagt|är|er|wynosi))\s+(?:of\s+|von\s+|de\s+|d['’]|van\s+)?"
    r"(?:up\s+to\s+|bis\s+zu\s+|jusqu['’]à\s+)?$")
# Words that undo a sanction, told as done (not "veut faire annuler l'amende", "seeks to overturn"): withdrawn,
# revoked, cancelled, quashed, annulled, set aside; "waived" apart (a sanction never imposed).
_UNDO = (r"withdr[ae]wn?|revoked|rescinded|cancell?ed|quashed|overturned|annulled|set\s+aside|struck\s+down|"
         r"retiré(?:e|s|es)?|annulé(?:e|s|es)?|révoqué(?:e|s|es)?|revocat[oaie]|annullat[oaie]|ritirat[oaie]|revocad[oa]s?|"
         r"revocó|anulad[oa]s?|anuló|retirad[oa]s?|uchylił\w*|uchylon\w*|cofnął|cofnięt\w*|upphävt|upphävde|återkallat|"
         r"återkallade|ophævet|ophævede|opphevet|opphevde")
_WAIVE = r"waiv(?:e|ed|es|ing)|renonc[ée]\w*\s+à|rinunciat\w*\s+a|verzichtet\w*\s+auf|afgezien\s+van"
# A waiver just before the sanction in its clause ("waived a €5 million fine"): none was imposed.
_WAIVED_BEFORE = re.compile(rf"(?i)(?<![\w'’])(?:{_WAIVE})(?![\w'’])(?:\s+[^\s,;:!?]+?){{0,3}}?(?:\s+|(?<=['’]))$")
# An undoing word before the sanction's noun (not any number: "cancelled 2,000 flights") in its clause,
# a few words between ("withdrew the £1 million fine", "a retiré lundi l'amende", "ha anulado la sanción de 250.000
# euros"), no word that starts another clause ("quashed the conviction and the ICO fined").
_SMALL_WORD = (r"(?:\s+|(?<=['’]))(?!(?:and|but|while|whereas|then|et|mais|puis|und|aber|dann|e|ma|poi|y|pero|luego|en|"
               r"maar|och|men|oraz|i)\b)[^\s,;:!?'’]+['’]?")
_SANCTION_NOUN = (r"(?:fines?|penalt(?:y|ies)|sanctions?|amendes?|sanzion[ei]|multas?|sanci[oó]n(?:es)?|\w*bu(?:ß|ss)geld\w*|"
                  r"\w*boetes?|kar[aęy]|sanktionsavgift\w*|bøde\w*|bøter|böter)(?![\w'’])")
# ... or an amount that a sanction's noun follows ("the £1.25 million fine"; not "withdrew €5 million from accounts").
_AMOUNT_NOUN = rf"(?:[€£$]\s*)?\d[\d.,]*(?:\s+[^\s,;:!?]+){{0,3}}?\s+{_SANCTION_NOUN}"
_UNDONE = re.compile(rf"(?i)(?<![\w'’])(?:{_UNDO})(?![\w'’])(?:{_SMALL_WORD}){{0,3}}?(?:\s+|(?<=['’]))"
                     rf"(?:{_SANCTION_NOUN}|{_AMOUNT_NOUN})")
# ... or a verb-final participle after the sanction in its clause ("hat das Bußgeld von 5 Millionen Euro
# zurückgenommen", "heeft de boete ingetrokken").
_UNDONE_AFTER = re.compile(rf"(?i)(?<![\w'’]){_SANCTION_NOUN}{_IN_CLAUSE}*?(?<![\w\-])(?:zurückgenommen|"
                           r"zurückgezogen|aufgehoben|ingetrokken|vernietigd|herroepen|teruggedraaid)\s*(?:[,;:!?.]|$)")


def not_standing(text: str, at: int, start: int = 0) -> bool:
    """Whether the sanction's verb, noun or amount at ``at`` (its sentence from ``start``) is told as
    waived or as the law's ceiling ("The GDPR caps fines at €20 million").

    >>> def at(text: str, word: str) -> bool: return not_standing(text, text.index(word))
    >>> at("The DPC waived a €5 million fine on X", "€"), at("The DPC imposed a €5 million fine on X", "€")
    (True, False)
    >>> at("The maximum fine under PECR is £500,000", "£"), at("The ICO imposed the maximum fine of £500,000", "£")
    (True, False)
    """
    before = text[max(start, at - 120) : at]
    return bool(_WAIVED_BEFORE.search(before) or _LAW_CEILING.search(before))


def future(text: str, start: int, at: int, end: int) -> bool:
    """Whether the amount at ``at`` in its clause ``text[start:end]`` is told as yet to come: a
    future or an expectation before its verb, a future form of the verb, both before it, or a
    verb-final future ("a £5m fine that will hit profits" tells no future fine).

    >>> def told(text: str) -> bool: return future(text, 0, len(text), len(text))
    >>> told("Il Garante irrogherà a X una sanzione di 3 milioni"), told("Il Garante ha irrogato a X una sanzione")
    (True, False)
    >>> told("Die BlnBDI wird gegen X ein Bußgeld von 14,5 Millionen Euro verhängen.")
    True
    >>> told("Gegen X wird ein Bußgeld von 14,5 Millionen Euro verhängt."), told("X will pay the fine of £5m")
    (False, False)
    >>> told("The ICO is set to fine X £250,000"), told("X zal de boete van 10 miljoen euro betalen")
    (True, False)
    >>> told("X said it will appeal the fine of £5m"), told("The ICO will also fine X £5m")
    (False, True)
    """
    return bool(_FUTURE_BEFORE.search(text, start, at) or _FUTURE_FORM.search(text, start, at)
                or _FUTURE_FINAL.search(text, start, end))


def undone(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` tells its sanction as undone since: withdrawn, revoked, quashed,
    annulled (an earlier decision, no standing one).

    >>> undone("The ICO withdrew the £1 million fine it had imposed", 0, 51)
    True
    >>> undone("Elle veut faire annuler l'amende de 20 000 euros", 0, 48)
    False
    >>> undone("X was fined €1m after staff withdrew €5 million from accounts", 0, 61)
    False
    """
    return bool(_UNDONE.search(text, start, end) or _UNDONE_AFTER.search(text, start, end))
