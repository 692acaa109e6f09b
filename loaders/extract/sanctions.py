"""The sanction lexicon: words of fines, periodic penalties, proposed fines, orders, bans and
reprimands across the EU/EEA languages, shared by the decision rules and the fallback decision,
and the sanction an amount makes in its sentence."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from enforcegraph.loaders.extract.drafts import SanctionDraft
from enforcegraph.loaders.extract.names import CLAUSE
from enforcegraph.loaders.extract.standing import PROPOSED_WORDS, future, not_standing

if TYPE_CHECKING:  # at run time the lexicon imports no rule module: money and the rules import it
    from enforcegraph.loaders.extract.context import Context
    from enforcegraph.loaders.extract.money import Money

__all__ = ["AGAIN_NOUN", "BAN", "BOT", "DECISION_NOUN", "EVERYDAY_FINE", "GERMAN_FINE_NOUN", "HEADLINE_FINE_NOUN", "LIQUIDATION",
           "NORDIC_FINE_NOUN", "ORDER", "PERIODIC", "PROPOSED", "REPRIMAND", "ROLE_NOUN", "ROMANCE_HEADLINE_NOUN",
           "SANCTION_STEMS", "SANCTION_WORD", "THE_SANCTION_NOUN", "VERB_FINAL_FINE_NOUN", "decided", "is_periodic", "leads_unreal",
           "moneyless_kind", "sanction_of", "unreal"]

# The sanction nouns read by single rules, as regex fragments (no flags). Each rule keeps the
# subset it was written and measured with: a wider list finds other things (checked on dev).
# German money sanctions ("Millionen-Bußgeld", "Geldstrafe", "Zwangsgeld").
GERMAN_FINE_NOUN = r"(?:[\w\-]*(?:Bußgeld|Bussgeld|Geldbuße|Geldbusse|Strafe|Zwangsgeld)\w*)"
# The money sanctions of the verb-final languages, German and Dutch ("muss ... ein Bußgeld ... zahlen").
VERB_FINAL_FINE_NOUN = r"(?:[\w\-]*(?:Bußgeld|Buße|Geldbuße|Geldstrafe|Strafe|boete|dwangsom)\w*)"
# Nordic "bot" only alone, after a hyphen or in the compounds that name a fine ("millionbot", "kjempebot",
# "GDPR-bot"), never inside an everyday word ("robot", "chatbot", "botemiddel").
BOT = r"(?<![\w\-])(?:[\w]+-|[Mm]ill?ion|[Mm]iljon|[Mm]ill?iard|[Mm]iljard|[Kk]jempe|[Rr]ekord|[Dd]ag)?[Bb]ot(?:en|er|ar|arna|ene)?(?![\w\-])"
# Nordic sanction nouns ("overtredelsesgebyr", "sanktionsavgiften", "GDPR-böter").
NORDIC_FINE_NOUN = rf"(?:[\w\-]*(?:gebyr|sanktionsavgift|böter|bøde|bøter)\w*|{BOT})"
# A headline's fine in the languages that write "fine for X" ("Boete voor", "Multa per", "Bot för"); "kara" and
# "bot" only as words of their own or hyphenated: not "Ankara", "Bottega".
HEADLINE_FINE_NOUN = (r"(?:[\w\-]*(?:[Bb]oete|[Pp]okut[auy]|[Aa]mende|[Mm]ulta|[Ss]anzione|[Ss]anción|[Bb]øde|[Gg]ebyr|"
                      r"[Ss]anktionsavgift)\w*|(?<![\w\-])(?:[\w]+-)?[Kk]ar[aęy](?![\w\-])|" + BOT + ")")
# A Romance headline's fine with its amount ("Multa da 2 milioni di euro per X").
ROMANCE_HEADLINE_NOUN = r"(?:[Mm]ulta|[Ss]anzione|[Aa]mende|[Ss]anción|[Cc]oima)"
# The sanction's noun before its target ("Bußgeld gegen X") or after its payer ("X får en bot").
ROLE_NOUN = (r"(?:fines?|penalty|penalties|sanctions?|reprimands?|ban|amendes?|astreintes?|Bußgeld\w*|Geldbuße\w*|Verfahren|"
             r"Zwangsgeld\w*|sanzion[ei]|multas?|multe|boetes?|\w+boete|dwangsom|kar[aęy]|upomnieni\w+|sanktionsavgift\w*|"
             r"avgift|böter|sanci[oó]n(?:es)?|medida\s+cautelar|coimas?|sanktio\w*|seuraamusmaksu\w*|sakko\w*)")
# A sanction's noun that makes a sentence with an amount a decision's without its verb.
DECISION_NOUN = (r"(?:fine|penalty|penalties|sanction|sanctions|ban|order|reprimand|amende|astreinte|"
                 r"Bußgeld\w*|Bussgeld\w*|Geldbuße|Strafe|sanzion[ei]|multas?|multe|boetes?|\w+boete|sanci[oó]n(?:es)?|"
                 r"kar[aęyą]|grzywn\w+|sanktionsavgift\w*|böter|bötesbelopp\w*|coima|πρόστιμο\w*|προστίμ\w+|kazn\w+|sakko\w*|"
                 r"seuraamusmaksu\w*|bøde\w*|gebyr\w*|overtredelsesgebyr\w*|pokut\w+|amend\w+)")
# "The fine ..." opening a sentence that goes on about the decision before.
THE_SANCTION_NOUN = r"(?:fine|penalty|sanction|amende|Strafe|Bußgeld|Geldbuße|sanzione|multa|boete|sanción)"
# A fine named again by a demonstrative ("cette amende de", "this fine of").
AGAIN_NOUN = (r"(?:fine|penalty|amende|sanction|sanzione|multa|Geldbuße|Bußgeld|Strafe|boete|bot|bøde|gebyr|sakko|"
              r"kar[aęy])")

# Words of a sanction, by stem, across the EU/EEA languages (nouns and verbs): a fine, a
# penalty, a periodic penalty, a reprimand.
SANCTION_STEMS = (
    r"(?<!\w)(?:fine[sd]?|fining|penalt\w+|penalis\w+|penaliz\w+|sanction\w*|reprimand\w*|"
    r"amende\w*|astreinte\w*|\w*bu(?:ß|ss)geld\w*|\w*geldbu(?:ß|ss)e\w*|\w*geldstrafe\w*|\w*bu(?:ß|ss)e|verwarn\w+|"
    r"\w*multa\w*|multe|sanzion\w+|ammon\w+|sanci[oó]n\w*|sancion\w+|apercibi\w+|coima\w*|"
    r"\w*boete\w*|beboet\w*|dwangsom\w*|berisp\w+|\w*(?<!af)(?<!av)bøde\w*|\w*(?<!av)bøter|\w*böter|bot(?:en)?|bötfäll\w*|"
    r"sanktion\w*|sanksjon\w*|\w*(?<!bank)(?<!kort)(?<!service)gebyr\w*|tvangsmulkt\w*|sakko\w*|uhkasakko\w*|seuraamusmaksu\w*|"
    r"kar[aęyą]|kar(?:y|ę)|ukara\w*|grzywn\w+|upomnieni\w+|πρόστιμ\w+|προστίμ\w+|\w*pokut\w+|kazn\w+|"
    r"\w*bírság\w*|amend[ăa]\w*|sanc[țţ]i\w+|san[çc](?:ão|ões|ionad\w+)|ceza\w*|"
    # Icelandic, Estonian, Latvian, Lithuanian, Slovenian, Bulgarian
    r"löpande\s+vite|tvångsvite\w*|vitesföreläggande\w*|vite\s+(?:på|om)(?=\s)|"
    r"(?:stjórnvalds)?sekt(?:a|ir|um|ar|in|aði|að|uð\w*)?|trahv\w*|naudas\s+sod\w*|baud[aąoų]\w*|glob[aoie]\s+(?:v\s+višini|v\s+znesku)|(?:izrekl\w*|naloži\w*|plača\w*)\s+glob[aoie]|глоб\w+|санкци\w+)(?!\w)"
)
SANCTION_WORD = re.compile("(?i)" + SANCTION_STEMS)
# Everyday fines a city or agency collects ("multe stradali", "verkeersboetes", "parking fines"): no
# regulator's sanction.
EVERYDAY_FINE = re.compile(
    r"(?i)\b(?:(?:traffic|parking|speeding|motoring)\s+(?:fines?|penalt(?:y|ies)|tickets?)|"
    r"multe\s+(?:stradali|per\s+(?:divieto\s+di\s+sosta|eccesso\s+di\s+velocità)|(?:della|di)\s+(?:sosta|circolazione))|"
    r"contravvenzioni\s+stradali|(?:verkeers|parkeer|snelheids)boetes?|Strafzettel\w*|Knöllchen|Verwarnungsgelder|"
    r"amendes?\s+(?:de\s+(?:stationnement|circulation)|routières)|multas?\s+de\s+(?:tráfico|tránsito|aparcamiento|"
    r"estacionamiento)|(?:parkerings|fart)(?:böter|bøder|bøter)|fortkørselsbøder|mandat(?:y|ów)\s+drogow\w+)(?!\w)")
# A periodic penalty's noun: "an astreinte of", "dagbøter på", "tvångsvite", "dwangsom".
PERIODIC = re.compile(
    r"(?i)\b(?:overdue|periodic|incremental)\s+penalt\w*|\bpenalty\s+payments?\b|\bastreinte\b|"
    r"\bZwangsgeld\w*|\bdwangsom\w*|\bpenalit\w+\s+di\s+mora|"
    r"(?<!\w)(?:\w*dagbøter|\w*dagbøder|dagsbøder|tvangsmulkt\w*|tvangsbøde\w*|tvangsbøter|\w*dagsböter|"
    r"löpande\s+vite|tvångsvite\w*|vitesföreläggande\w*|uhkasako\w*|uhkasakko\w*|okresow\w+\s+kar\w+|"
    r"multas?\s+coercitivas?|multas?\s+coercitiv[ao]s?|sanç(?:ão|ões)\s+pecuniárias?\s+compulsórias?|"
    r"denní\s+pokut\w+|napi\s+bírság\w*|dienos\s+baud\w+)(?!\w)"
)
# Where the words of a proposal stop governing an amount: the end of its clause after it ("fined X £250,000
# on Monday, after cutting its initial proposal": the proposal is another figure's).
_CLAUSE_END = re.compile(r"[;:!?()–—]|,(?!\d)|\.(?![^\s.]|\s+[a-zà-ÿ])")  # not the points of "14.5", "B.V. een"
# A fine the firm faces ("faces a £2m penalty", "could face a fine"): a proposed fine (the other
# languages' words of risk, "rischia", "droht", make a fine unreal: see below).
# For an amount only when the words come just before it: "Lidl, which faces a separate fine in
# Italy" tells another fine than the €5m the sentence's authority imposed.
_FACE = r"\b(?:faces|facing|(?:could|may|might|would)\s+face|risks|risking)\s+(?:a\s+|an\s+)?"
_FACES = _FACE + r"(?:\S+\s+){0,3}?(?:fine|penalty)\b"
_FACES_BEFORE = re.compile(r"(?i)" + _FACE + r"(?:[^\s.;€£$\d]+\s+){0,3}?(?:(?:fine|penalty)\s+(?:of\s+)?(?:up\s+to\s+)?"
                           r"(?:about\s+|around\s+|some\s+)?)?$")
_FINE_AFTER = re.compile(r"(?i)^\s*(?:\S+\s+){0,3}?(?:fine|penalty)\b")
PROPOSED = re.compile(rf"{PROPOSED_WORDS.pattern}|{_FACES}")
LIQUIDATION = re.compile(r"(?i)\bliquid(?:at|er|é|e)\w*")
# An order (to bring processing into line, to stop, to erase), by the verb or noun that gives it.
ORDER = re.compile(rf"(?i)\b(?:ordered|orders|ordering|enforcement\s+notice|ordonn[ée]\w*|enjoint|injonction|ingiun\w+|"
                   rf"(?:ha|hanno|aveva)\s+disposto|ordenad[oa]|ordenó|angeordnet|gelast|mis(?:e)?\s+en\s+demeure|"
                   rf"limitazione\s+(?:provvisoria|definitiva)|förelägg(?:er|ande|s)|förelade|pålegg(?:er|es)?|påla|"
                   rf"påbyd(?:er|et)?|påbud|pålæg(?:ger|ges)?|nakaza[łl]\w*|nařídil\w*|elrendelte|ordenou|determinou|"
                   rf"a\s+dispus)\b(?P<what>{CLAUSE}{{0,160}})")
# A ban or a prohibition of processing, by its verb (a bare "interdit" or "verboten" is no ban).
BAN = re.compile(rf"(?i)\b(?:banned|bans|ban\s+on|förbjud(?:er|it)|förbjöd|förbud\s+mot|forbyd(?:er)?|forbød|"
                 rf"forbyr|forbud\s+(?:mot|mod)|untersagt(?:e|en)?|verbietet|(?:ha|hanno)\s+vietato|divieto\s+di|"
                 rf"a\s+interdit|interdiction\s+de|prohíbe|prohibió|proibiu|proíbe|zakaza[łl]\w*|zakázal\w*|"
                 rf"megtiltotta|kielsi(?=(?:\s+\S+){0,5}?\s+\w+m[äa]st[äa]\b)|a\s+interzis)\b(?P<what>{CLAUSE}{{0,160}})")
REPRIMAND = re.compile(r"(?i)\b(?:reprimand(?:ed|s)?|rappel\s+à\s+l['’]ordre|Verwarnung|verwarnt|ammonimento|"
                       r"ammonit[oa]|berisping|apercibimiento|upomnieni\w+|reprimenda|rappels?\s+à\s+l['’]ordre|"
                       r"rappel[ée]e?s?\s+à\s+l['’]ordre|verwarn\w+|ammonit\w+|berisp\w+|apercibid[oa]|"
                       r"alvorlig\s+kritik|irettesett\w*|ant(?:oi|aa|anut)\s+(?:\S+\s+){0,4}?huomautu\w*|napomenut(?:í|ie|ia)\w*|repreens[ãa]o|avertisment\w*|"
                       r"επίπληξ\w+)\b(?P<what>)")


# Sanctions told as not imposed: possible ("could be fined", "potrebbe essere multata"), at risk ("rischia una
# multa", "droht ein Bußgeld", "encourt une amende"), counterfactual ("would have fined", "instead of a £350,000
# fine") or negated ("did not fine", "kein Bußgeld", "geen boete"): such a word just before a sanction's verb,
# noun or amount in its clause, with only small words between. (English "faces" is read apart: a proposed fine.)
# A negation ("not only" and its kin excepted: "not only fined X but also ...").
_NEGATION = (r"not|never|no|nor|without|cannot|can['’]t|didn['’]t|won['’]t|wasn['’]t|hasn['’]t|haven['’]t|isn['’]t|"
             r"kein(?:e[nmrs]?)?|nicht|niemals|non|nessun[ao]?|né|pas|aucune?|jamais|sans|nunca|ningun[ao]?|ningún|sin|"
             r"geen|niet|nooit|zonder|ingen|inget|inte|ej|aldrig|utan|ikke|ikkje|uden|nie|bez|não|nem|sem")
_NOT_ONLY = (r"(?!\s+(?:only|just|merely|least|nur|allein|solo|soltanto|solamente|seulement|uniquement|alleen|"
             r"bara|bare|kun|tylko|apenas)\b)")
# A modal: the sanction may come, it has not.
_POSSIBLE = (r"could|(?-i:may)|might|can|potrebbe(?:ro)?|può|possono|potrà|potranno|pourrai(?:t|ent)|peu(?:t|vent)|"
             r"könnte[n]?|kann|können|dürfte[n]?|podría[n]?|puede[n]?|podrá[n]?|kan|kunnen|zou|zouden|kunne|skulle|"
             r"może|mogą|pode(?:rá|ria)?|podem")
# A word of risk ("rischia una multa", "droht ein Bußgeld"); not "un risque d'astreinte".
_RISK = (r"rischi(?:a|ano|erebbe|erebbero)|(?<!un\s)(?<!le\s)(?<!au\s)(?<!du\s)(?<!de\s)(?<!sous\s)(?<![dl]['’])"
         r"risque(?:nt)?|encour(?:t|ent|rait|raient)|s['’]expose(?:nt)?|droh(?:t|en|te|ten)|riskier(?:t|en)|"
         r"(?:se\s+)?enfrenta[n]?|arriesga[n]?|(?:se\s+)?expone[n]?|riskeert|riskeren|dreig(?:t|en)|riskerar|risikerer|"
         r"grozi|grożą|ryzykuje|arrisca")
# A sanction that would have come ("would have fined").
_WOULD = r"would|hätte[n]?"
# A sanction in place of which another came ("instead of a fine"): it reaches its own amount only
# ("instead of a fine of £5m"), not the clause that follows ("Instead of a reprimand the ICO fined X £5m").
_INSTEAD = (r"instead\s+of|rather\s+than|in\s+lieu\s+of|statt|anstatt|anstelle|invece\s+d[ie]|anziché|"
            r"piuttosto\s+che|au\s+lieu\s+d['’e]|plutôt\s+qu['’e]|en\s+(?:lugar|vez)\s+de|in\s+plaats\s+van|"
            r"i\s+stället\s+för|istället\s+för|i\s+stedet\s+for|zamiast|em\s+vez\s+de")
# The small words that may stand between such a word and the sanction: auxiliaries, articles,
# and the verbs of imposing ("would otherwise have imposed a", "no impondrá la", "non ha inflitto").
_SMALL = (r"be|been|being|have|has|had|get|got|also|still|yet|now|otherwise|potentially|possibly|even|further|"
          r"a|an|the|any|such|to|with|impose[ds]?|imposing|issu(?:e[ds]?|ing)|levy|levied|seek|"
          r"essere|stat[oaie]|ha|hanno|è|sono|anche|una|un|uno|la|il|lo|l['’]|alcuna|alcun|di|con|"
          r"être|été|a|ont|une|d['’]|de|le|à|se|voir|"
          r"werden|worden|ein|eine|einen|einem|eines|einer|ihm|ihr|ihnen|mit|zu|das|die|der|den|dem|auch|noch|"
          r"ser|sido|han|será|serán|fue|el|ninguna|ningún|"
          r"een|het|is|zijn|krijgen|"
          r"en|ett|någon|några|har|få|att|nogen|noen|et|blevet|blitt|få|"
          r"zostać|została|został|na|"
          r"inflig\w*|inflitt\w*|irrog\w*|impond\w*|impuest\w*|impus\w*|verhäng\w*|auferleg\w*|opgeleg\w*|oplegg\w*|"
          r"påför\w*|ilag\w*|pålag\w*|udsted\w*|nałoż\w*|prononc\w*|applica\w*|aplica\w*")
_SMALLS = rf"(?:\s+(?:{_SMALL})(?:(?<=['’])|(?![\w'’])))*(?:\s+|(?<=['’]))"
_MARK = rf"(?<![\w'’])(?:(?:{_NEGATION}){_NOT_ONLY}|{_POSSIBLE}|{_WOULD}){_SMALLS}"
_MARK_INSTEAD = rf"(?<![\w'’])(?:{_INSTEAD})(?:(?<=['’])(?:{_SMALL})(?![\w'’]))?{_SMALLS}"  # "au lieu d'une"
_MARK_RISK = rf"(?<![\w'’])(?:{_RISK}){_SMALLS}"
# Any word of the clause but those that start another one ("and", "but", "while", "was").
_WORD = (r"(?!(?:and|but|while|whereas|was|were|aber|und|sondern|während|ma|mentre|mais|et|tandis|pero|sino|y|mientras|"
         r"maar|terwijl|men|och|og|medan|ale|lecz|oraz)\b)(?:[^\s,;:!?()]*[^\s,;:!?().]|(?:[A-Za-z]{1,3}\.){2,})\s+")
# Just before a sanction's verb, noun or amount, or before the verb or noun of an amount.
# A denial of the sanction's measure, not of the sanction ("n'avait pas infligé une sanction disproportionnée").
# Or of a comparison ("has never imposed a bigger fine than the €1.2bn penalty").
_MEASURE = re.compile(r"(?i)(?:\S+\s+){1,3}?(?:disproportion\w*|excessi\w*|sproporzionat\w*|desproporcionad\w*|"
                      r"unverhältnismäßig\w*|onevenredig\w*|oproportionerlig\w*|unfair\w*|too\s+(?:high|harsh|low)|"
                      r"(?:bigger|larger|higher|greater|heavier|größer\w*|höher\w*|plus\s+(?:lourde|élevée|importante)s?|"
                      r"più\s+(?:alt|pesant|elevat)\w*|mayor(?:es)?|más\s+alt\w*|grot\w*|hoger\w*|större|högre|større|højere|"
                      r"wyższ\w*|więks\w*)\s+(?:\S+\s+){0,2}?(?:than|als|que|di|dan|än|end|enn|niż|od)\b)")
_THEN = rf"(?:(?:{SANCTION_STEMS})\s+(?:{_WORD}){{0,6}}?)?$"
# After "instead of": a sanction's verb with its object ("instead of fining X £5m") or its noun with
# the words of its amount ("instead of a fine of up to £5m"), no more.
_VERBAL = r"(?:fining|penali[sz]ing|sanctioning|reprimanding|\w+are|\w+ar|\w+ire|\w+ir|\w+ieren|\w+ać|beboeten|berispen|verwarnen|bötfälla|sanctionner|sanktionere)"
_OF = (r"(?:(?:of|von|in\s+Höhe\s+von|über|di|da|pari\s+a|de|du|van|på|om|w\s+wysokości)\s+)?"
       r"(?:(?:up\s+to|bis\s+zu|fino\s+a|jusqu['’]à|hasta|tot|upp\s+till|opp\s+til|op\s+til|do)\s+)?")
_THEN_INSTEAD = (rf"(?:(?=(?:{SANCTION_STEMS}))(?:{_VERBAL})(?!\w)\s+(?:{_WORD}){{0,6}}?|"
                 rf"(?:{SANCTION_STEMS})(?:\s+|(?<=\w)\s+d['’]){_OF})?$")
_VERBAL_WORD = re.compile(rf"(?i){_VERBAL}")
_BEFORE_INSTEAD = re.compile(rf"(?i){_MARK_INSTEAD}{_THEN_INSTEAD}")
_BEFORE = re.compile(rf"(?i){_MARK}{_THEN}|{_BEFORE_INSTEAD.pattern[4:]}")
_BEFORE_RISK = re.compile(rf"(?i)(?:{_MARK}|{_MARK_RISK}){_THEN}|{_BEFORE_INSTEAD.pattern[4:]}")
# A relative clause between commas ("TikTok, which could have been fined up to €1bn, received ..."): its
# sanction words tell the firm, not what the sentence reports.
_RELATIVE = re.compile(r"(?i),\s*(?:which|who|whom|whose|que|qui|dont|lequel|laquelle|che|cui|il\s+quale|la\s+quale|"
                       r"welche[rs]?|die|der|das|dat|som|hvilket|który|która|które|joka|jonka)\s[^,;:.!?]*,")
# The sanction told in place of a denied one, right after it ("keine Verwarnung, sondern ein Bußgeld", "geen
# berisping maar een boete"; not "did not fine X but a penalty could follow").
_CONTRAST = re.compile(rf"(?i)(?:{SANCTION_STEMS}),?\s+(?:sondern|but|maar|ma|sino|mais|utan|men|lecz|ale)(?:\s+(?:rather|instead|a|an|the|"
                       rf"ein\w*|eine\w*|een|una?|uno|une|en|ett|la|il|le|el|die|der|das|de|het))*\s+(?P<word>{SANCTION_STEMS})")


# "Instead of" with an infinitive clause, in the languages whose infinitive closes its clause ("In plaats van X te
# beboeten met 600.000 euro gaf de AP een berisping", "Statt X mit einem Bußgeld von 5 Millionen Euro zu belegen,
# erteilte ..."): the clause runs from the words to its comma, or to its infinitive and the amount just after it;
# an amount in it is not imposed. Not "Statt einer Verwarnung verhängte ... ein Bußgeld" (no infinitive).
_CLAUSE_CHAR = r"(?:[^,;:!?\n]|,(?=\d))"  # a decimal comma is no clause's end ("14,5 Millionen")
_INSTEAD_TO = re.compile(rf"(?i)(?<![\w'’])(?:in\s+plaats\s+van|statt|anstatt|anstelle|au\s+lieu\s+d['’e]|"
                         rf"invece\s+d[ie]|en\s+(?:lugar|vez)\s+de)(?![\w'’]){_CLAUSE_CHAR}*$")
_TO_INFINITIVE = re.compile(r"(?i)(?<![\w'’])(?:(?:te|zu)\s+\w+(?:en|ern|eln)|\w+zu\w+en)(?![\w'’])")
_ROMANCE_INFINITIVE = re.compile(r"(?i)(?:au\s+lieu\s+d['’e]|invece\s+d[ie]|en\s+(?:lugar|vez)\s+de)\s*\w+(?:er|ir|re|ar|are|ere|ire)(?![\w'’])")
_CLAUSE_AHEAD = re.compile(rf"{_CLAUSE_CHAR}{{0,80}}")
_PURPOSE = re.compile(r"(?i)(?<![\w'’])(?:om|um|pour|per|para|afin\s+de)(?![\w'’])")
_UP_TO_AMOUNT = re.compile(r"(?i)^(?:\s+(?:met|mit|van|von|de|di|da|d['’]|du|con|por|of|with|"
                           r"een|eine[mnr]?|einen|une|una|un|uno|a|an|the|boete|Bußgeld|Geldbuße|amende|multa|sanzione|"
                           r"sanción|sanction|pénalité)(?![\w'’]))*\s*$")


def _instead_clause(text: str, at: int, start: int) -> bool:
    """Whether the amount at ``at`` is in an "instead of" clause with an infinitive: between its
    words and an infinitive with no comma between ("Statt X mit ... 5 Millionen Euro zu belegen,"),
    or right after its infinitive ("In plaats van X te beboeten met 600.000 euro", "au lieu
    d'infliger une amende de 50 millions d'euros").

    >>> def at(text: str, word: str) -> bool: return _instead_clause(text, text.index(word), 0)
    >>> at("Statt X mit einem Bußgeld von 5 Millionen Euro zu belegen, erteilte Y eine Verwarnung", "5")
    True
    >>> at("In plaats van X te beboeten met 600.000 euro gaf de AP een berisping", "600")
    True
    >>> at("Statt einer Verwarnung verhängte Y ein Bußgeld von 5 Millionen Euro", "5")
    False
    """
    found = _INSTEAD_TO.search(text, max(start, at - 160), at)
    if found is None:
        return False
    before = text[found.start() : at]
    infinitive = [*_TO_INFINITIVE.finditer(before)]
    romance = _ROMANCE_INFINITIVE.match(before)
    if infinitive or romance:  # the infinitive before the amount: the amount just after it
        last = infinitive[-1].end() if infinitive else romance.end()  # type: ignore[union-attr]
        return bool(_UP_TO_AMOUNT.match(before[last:]))  # not "... te geven legde de AP 600.000 euro op"
    after = _CLAUSE_AHEAD.match(text, at).group()  # type: ignore[union-attr]
    closing = _TO_INFINITIVE.search(after)
    return closing is not None and not _PURPOSE.search(before + after[: closing.start()])


def unreal(text: str, at: int, start: int = 0, risk: bool = True) -> bool:
    """Whether the sanction's verb, noun or amount at ``at`` is told as not imposed, by the
    words of its clause before it (from ``start``, the sentence's start); a periodic penalty
    is conditional by nature ("risque d'astreinte"), never unreal. Without ``risk``, words of
    risk do not count: a sentence that tells imposed fines may list one as "faced" ("Vodafone
    deberá pagar 3,94 millones ... y Xfera se enfrenta a una sanción de 200.000 euros").

    >>> def at(text: str, word: str) -> bool: return unreal(text, text.index(word))
    >>> at("TikTok could be fined €30 million", "€"), at("TikTok was fined €30 million", "€")
    (True, False)
    >>> at("Dem Unternehmen droht ein Bußgeld von 10 Millionen Euro", "10")
    True
    >>> at("The ICO not only fined X £5m", "£"), at("a reprimand instead of a £350,000 fine", "£")
    (False, True)
    """
    if _instead_clause(text, at, start) or not_standing(text, at, start):
        return True  # "Statt X mit einem Bußgeld ... zu belegen, erteilte ..."; "waived a €5m fine"
    found = (_BEFORE_RISK if risk else _BEFORE).search(text[max(start, at - 120) : at])
    return found is not None and not PERIODIC.search(text[at - len(found.group()) : at + 30]) and not (
        _MEASURE.match(text, at))  # "encourt une astreinte"; "did not impose a disproportionate fine"


def leads_unreal(text: str, verb: re.Pattern[str] | None = None) -> bool:
    """Whether the first sanction word of ``text`` (or its first ``verb``) is told as not
    imposed: a sentence that opens its sanction as a possibility or a denial ("The ICO did not
    fine X, saying a penalty of £1.5m would ...") tells no imposed sanction. Words in a relative
    clause or nouns in place of the sanction ("Statt einer Verwarnung verhängte ...") are passed
    over (not "instead of fining X £5m"), and a denial
    followed by the sanction given instead ("keine Verwarnung, sondern ein Bußgeld") is none.

    >>> leads_unreal("X, which could have been fined up to €1bn, received a €345m penalty")
    False
    >>> leads_unreal("Geen berisping maar een boete van 600.000 euro"), leads_unreal("Geen boete voor X")
    (False, True)
    """
    aside = [(m.start(), m.end()) for m in _RELATIVE.finditer(text)]
    firsts = [next((m for m in pattern.finditer(text) if not any(a <= m.start() < b for a, b in aside) and not (
        _BEFORE_INSTEAD.search(text, max(0, m.start() - 120), m.start()) and not _VERBAL_WORD.fullmatch(m.group()))
        and not _instead_clause(text, m.start(), 0)), None)  # "Statt X mit einem Bußgeld ... zu belegen, erteilte"
              for pattern in (SANCTION_WORD, *((verb,) if verb else ()))]
    return any(first is not None and unreal(text, first.start()) for first in firsts) and not any(
        not unreal(text, m.start("word")) for m in _CONTRAST.finditer(text))


# A law as the subject of a ban, order or sanction verb ("the GDPR prohibits", "Das Gesetz verbietet",
# "El RGPD prohíbe", "Article 9 bans"): a statement of the law, no decision.
_LAW_SUBJECT = re.compile(
    r"(?i)(?<![\w\-])(?:[\w\-]*(?:GDPR|RGPD|DSGVO|AVG|gesetz|verordnung|richtlinie)\w*|law|loi|legge|ley|lei|wet|lov|lag|regulation|règlement|"
    r"reglamento|regolamento|regulamento|directive|directiva|direttiva|act|code|código|codice|ustawa|rozporządzenie|"
    r"art(?:icle|ikel|ículo|icolo|igo|\.)?\s*\d+[\w()]*(?:\s+(?:of\s+the\s+)?(?:GDPR|RGPD|DSGVO|AVG|UK\s+GDPR))?)"
    r"\s+(?:also\s+|expressly\s+|explicitly\s+|generally\s+|ausdrücklich\s+|grundsätzlich\s+|expresamente\s+|"
    r"además\s+|également\s+|anche\s+)?$"
)
# ... or right after it, in the verb-second order: "verbietet die DSGVO", "prohíbe el RGPD".
_LAW_AFTER = re.compile(r"(?i)\s+(?:das|die|der|el|la|le|il|lo|o|a)\s+(?:[\w\-]*(?:GDPR|RGPD|DSGVO|AVG|gesetz|verordnung|"
                        r"richtlinie)\w*|ley|loi|legge|lei|reglamento|regolamento|regulamento|règlement|Art(?:ikel|ículo|icolo|igo)\s+\d+)\b")


def is_periodic(ctx: Context, money: Money, start: int) -> bool:
    """A periodic penalty: "per day" after the amount, or its noun between the amount and
    ``start`` (the previous amount or the sentence's start): "an astreinte of 100,000 euros"."""
    return money.meaning == "periodic" or bool(PERIODIC.search(ctx.text, start, money.start))


def _faced(ctx: Context, money: Money) -> bool:
    """A fine the firm faces, told just before its amount ("faces a fine of £2m", "could face a
    £2m penalty")."""
    before = ctx.text[max(0, money.start - 40) : money.start]
    found = _FACES_BEFORE.search(before)
    if found is None:
        return False
    return bool(re.search(r"(?i)\b(?:fine|penalty)\b", found.group())) or bool(
        _FINE_AFTER.match(ctx.text[money.end : money.end + 40]))


def _proposed(money: Money, ctx: Context, bounds: tuple[int, int]) -> bool:
    """Whether words of a proposal or a future govern the amount: in its clause, after any amount
    before it and up to its clause's end ("less than the £27m set out in its notice of intent" is
    another figure's; "is set to fine X £250,000" is expected)."""
    start = max([bounds[0], *(m.end for m in ctx.money_in(bounds[0], money.start) if m.end <= money.start)])
    stop = _CLAUSE_END.search(ctx.text, money.end, bounds[1])
    end = stop.start() if stop else bounds[1]
    return bool(PROPOSED_WORDS.search(ctx.text, start, end)) or future(ctx.text, start, money.start, end)


def sanction_of(money: Money, ctx: Context, bounds: tuple[int, int], before: int | None = None) -> SanctionDraft:
    """The sanction of an amount; ``bounds`` is the part of the sentence about it (its
    kind words: proposed, liquidated), ``before`` where the words before it begin."""
    clause = ctx.text[bounds[0] : bounds[1]]
    kind = "periodic_penalty" if is_periodic(ctx, money, bounds[0] if before is None else before) else "fine"
    if LIQUIDATION.search(clause):
        kind = "penalty_liquidation"
    elif kind == "fine" and (_proposed(money, ctx, bounds) or _faced(ctx, money)):
        kind = "proposed_fine"
    return SanctionDraft(kind, [(money.start, money.end)], money.amount, money.currency,
                         money.per, approximate=money.approximate, conversions=money.conversions,
                         doubtful=money.doubtful)


def decided(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of a sanction's verb or word in ``text`` whose subject is no law and that
    is told as imposed: "the GDPR prohibits processing ..." or "Das Gesetz verbietet ..." tells
    the law, "did not reprimand" or "could be ordered" no decision.

    >>> decided(BAN, "The law bans the use of the data"), decided(BAN, "Dort verbietet die DSGVO die Nutzung")
    (None, None)
    >>> decided(BAN, "El RGPD prohíbe el tratamiento; la AEPD prohíbe a X el tratamiento").start()
    40
    """
    return next((m for m in pattern.finditer(text) if not unreal(text, m.start())
                 and not _LAW_SUBJECT.search(text, max(0, m.start() - 60), m.start())
                 and not _LAW_AFTER.match(text, m.start("what") if "what" in pattern.groupindex else m.end())), None)


# A money sanction told without its figure: the fine's noun or verb ("fined X", "verhängt eine Strafe",
# "eine Geldstrafe", "a infligé une amende", "een boete opgelegd"), not an everyday word ("penalty points").
_FINE_TOLD = re.compile(
    r"(?i)(?<![\w\-])(?:fined|fines?|(?:monetary|financial|administrative)\s+penalt(?:y|ies)|"
    r"(?:Geld)?[Ss]trafe|\w*Bußgeld\w*|\w*Bussgeld\w*|Geldbuße|Geldbusse|amendes?|\w*boete|beboet\w*|multas?|multe|"
    r"multad[oa]|multat[oa]|sanzione\s+pecuniaria|coimas?|sanktionsavgift\w*|overtredelsesgebyr\w*|bøde|bøder|"
    r"böter|grzywn\w+|pokut[auy]|πρόστιμο|sakko|sakon)(?![\w\-])")
# A money sanction as what the fine paid for or risked: "the fine was overturned", not a decision's kind.
_FINE_OF_ANOTHER = re.compile(r"(?i)\b(?:appeal\w*|overturn\w*|annul\w*|aufgehoben|annulé\w*|annullat\w*|vernietigd)\b")


def moneyless_kind(text: str, fines: bool = True, periodic: bool = True) -> str | None:
    """The kind of a decision's sanction whose sentences give no figure: a periodic penalty by its
    noun (only with ``periodic``: "an incremental penalty payment", "last onder dwangsom", "astreinte", "Zwangsgeld"), a fine by
    a fine's noun or verb ("verhängt eine Strafe", "fined X"; only with ``fines``), each only as
    imposed; None otherwise (and for a liquidated periodic penalty: "liquide l'astreinte").

    >>> moneyless_kind("Acme has been hit with an incremental penalty payment by the authority")
    'periodic_penalty'
    >>> moneyless_kind("Die Behörde verhängt deshalb eine Strafe gegen die A GmbH")
    'fine'
    >>> moneyless_kind("Acme could be fined"), moneyless_kind("The court annulled the fine against Acme")
    (None, None)
    """
    if LIQUIDATION.search(text):
        return None
    if periodic and decided(PERIODIC, text) and not re.search(r"(?i)\b(?:risque|risk\w*|droht|rischi\w*)\b", text):
        return "periodic_penalty"
    if not fines:
        return None
    found = next((m for m in _FINE_TOLD.finditer(text) if not unreal(text, m.start())), None)
    if found is None or _FINE_OF_ANOTHER.search(text) or PROPOSED.search(text):
        return None
    return "fine"
