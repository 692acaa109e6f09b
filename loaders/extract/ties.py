"""More ways a report ties the sanctioned party to its sanction: German "Bußgeld gegen X" and
"gegen die X ein Bußgeld", the Nordic verb-second order ("ila Datatilsynet X et gebyr", "fick X
den högsta sanktionsavgiften"), French "X s'est vu infliger", Spanish "impuso ... a X", Polish "X
ma zapłacić", Dutch "dwangsom ... aan X". Templates like ``roles.EVENT_TARGETS``: ``{name}`` a
proper name, ``{skip}`` descriptor words."""

from __future__ import annotations

from enforcegraph.loaders.extract.names import CLAUSE
from enforcegraph.loaders.extract.sanctions import (
    GERMAN_FINE_NOUN,
    HEADLINE_FINE_NOUN,
    NORDIC_FINE_NOUN,
)

__all__ = ["TIE_TARGETS"]

# German capitalises its nouns: after "gegen" only what looks like a proper name is taken ("AOK", "TikTok",
# "Jö-Bonusclub", "1&1", "Deutsche Wohnen"), not one plain noun ("Bußgelder gegen Mitarbeiter").
_NOT_A_NOUN = r"(?=\S*(?:[a-zäöüß][A-ZÄÖÜ]|[A-ZÄÖÜ]{2}|[\-&\d.])|\S+[^\S\n]+[A-ZÄÖÜ0-9])"

TIE_TARGETS: list[tuple[str, str, float]] = [
    # German: the fine's noun right before "gegen": "Millionen-Bußgeld gegen AOK", "Strafe gegen Y"
    # (never "Verstoß gegen": a breach of a rule, not a fine)
    (r"\b" + GERMAN_FINE_NOUN + r"\s+(?:(?:in\s+Höhe\s+)?von\s+[\d.,]+\s+(?:\w+\s+)?Euro\s+)?gegen\s+(?:die\s+|den\s+|das\s+|der\s+)?"
     + _NOT_A_NOUN + r"(?P<name>{name})", "patient", 0.75),
    # German: "hat ... gegen die X ein Bußgeld (in Höhe von ...) verhängt" (not "Verstößen gegen die Y ein Bußgeld")
    (r"(?<!Verstoß\s)(?<!Verstoßes\s)(?<!Verstöße\s)(?<!Verstößen\s)\b(?:gegen|gegenüber)\s+(?:die|den|das|der)\s+(?P<name>{name})\s+(?:ein|eine|einen)\s+(?:[\w\-]+\s+)?" + GERMAN_FINE_NOUN,
     "patient", 0.75),
    # German: "hat Volkswagen mit einem Bußgeld von 1,1 Millionen Euro belegt" (a firm's name takes no article;
    # "den Mitarbeiter" does)
    (r"(?<!\bdie\s)(?<!\bder\s)(?<!\bden\s)(?<!\bdas\s)(?<!\bdem\s)(?<!\beinen\s)(?<!\beine\s)(?<!\beinem\s)"
     r"\b(?P<name>{name})\s+mit\s+(?:einem|einer)\s+(?:[\w\-]+\s+)?" + GERMAN_FINE_NOUN + r"\b(?:[^.;:!?\n]|\.(?=\d)){0,80}?\s"
     r"(?:belegt|bestraft|sanktioniert)\b", "patient", 0.75),
    # Dutch: "heeft Stichting X (ACR) een boete opgelegd": an acronym in brackets between the name and the fine
    (r"\bheeft\s+(?:de\s+|het\s+)?(?P<name>{name})\s*\([^()\n]{1,40}\)\s+een\s+(?:\w+\s+)?\w*boetes?\b", "patient", 0.75),
    # Norwegian, Danish, Swedish verb-second: "I juli ila Datatilsynet derfor X et overtredelsesgebyr"
    (r"\b(?:ila|ilegger|påla|pålegger|pålagde|påførte|ålade|påförde|gav)\s+(?:[A-ZÆØÅÄÖ][\w\-]*\s+(?:[a-zæøåäö]+\s+){0,2}?)?"
     r"(?P<name>{name})\s+(?:et|en|ett)\s+(?:[\w\-]+\s+){0,2}?" + NORDIC_FINE_NOUN, "patient", 0.75),
    # ... the recipient after the verb: "År 2022 fick X den högsta sanktionsavgiften", "I fjor fikk X et gebyr"
    (r"\b(?:fick|fikk|fik|får)\s+(?P<name>{name})\s+(?:en|et|ett|den|det)\s+(?:[\w\-]+\s+){0,3}?" + NORDIC_FINE_NOUN,
     "payer", 0.75),
    # a headline "fine for X" in the languages whose headlines are in sentence case and whose names do not inflect
    # after "for" ("Boete voor X", "Amende pour X", "Multa per X", "Bot för X"; not Polish "dla", Czech "pro"; German
    # only for a name-like X: "Bußgeld für VW")
    # ("kara" and "bot" only as words of their own or hyphenated: not "Ankara", "Bottega")
    (r"\A(?:[^\n]{0,40}?\s[–—:-]\s+)?(?:[\w\-]+[^\S\n]+)?" + HEADLINE_FINE_NOUN + r"(?:[^\S\n]+(?:van|de|di|på|w\s+wysokości|"
     r"ve\s+výši|da)[^\S\n]+[^\n]{1,30}?)?[^\S\n]+(?:voor|pour|per|para|för|til|contre|contra)[^\S\n]+"
     r"(?:de\s+|het\s+|la\s+|le\s+|l['’]|el\s+|il\s+)?(?P<name>{name})", "patient", 0.75),
    (r"\A(?:[^\n]{0,40}?\s[–—:-]\s+)?(?:[\w\-]+[^\S\n]+)?" + GERMAN_FINE_NOUN + r"[^\S\n]+für[^\S\n]+" + _NOT_A_NOUN
     + r"(?P<name>{name})", "patient", 0.75),
    # Danish: "indstiller X til en bøde", "har politianmeldt X"
    # (the authority may stand between, verb-second: "I 2022 indstillede Datatilsynet Halsnæs ApS til en bøde")
    (r"\b(?:indstiller|indstillet|indstillede)\s+(?:[A-ZÆØÅ]\w*(?:tilsynet|[Pp]olitiet|[Pp]olitikreds)\s+)?(?P<name>{name})"
     r"\s+til\s+(?:en\s+)?bøde", "patient", 0.75),
    (r"\bpolitianmeld(?:t|er|te)\s+(?P<name>{name})", "patient", 0.75),
    # Finnish allative: "määräsi Otavamedialle seuraamusmaksun", "määräsi Posti Oy:lle"
    # (adverbs may come first: "määräsi nyt joulun alla Psykoterapiakeskus Vastaamolle")
    (r"\b(?:määräsi|määrännyt|määrää)\s+(?:[a-zåäö][\w\-]*\s+){0,3}?(?P<name>(?:[A-ZÅÄÖ][\w\-]*\s+)?[A-ZÅÄÖ][\w\-]*?"
     r"(?:\s+(?:Oy|Oyj|Ab))?)(?::lle|lle)\b", "patient", 0.75),
    # Turkish dative, its case ending after an apostrophe: "Meta'ya ... idari para cezası verdi", "X'e ceza"
    (r"(?P<name>{name})['’](?:y|n)?[ae]\s+(?:[^.;:\n]{0,60}?\s)?(?:idari\s+)?(?:para\s+)?ceza", "patient", 0.75),
    # Romance: the firm's noun with a nationality or trade adjective before the name ("a la compañía eléctrica X",
    # "la società italiana Y", "la société française Z")
    (r"\b(?:compañía|empresa|entidad|sociedad|operadora|aseguradora|società|azienda|société|entreprise|companhia)[^\S\n]+"
     r"(?:[a-zà-ÿ]+(?:ica|ico|ana|ano|ese|aise|ais|ique|ienne|ien|ola|ol|ense|ina|ino|esa|ês)[^\S\n]+){1,2}(?P<name>{name})",
     "descriptor", 0.75),
    # French: "X s'est vu infliger une amende", "X s'est vue imposer une sanction"
    (r"(?P<name>{name})\s+s['’]est\s+vue?s?\s+(?:infliger|imposer|condamn\w+)", "payer", 0.75),
    # Spanish: "la multa que la AEPD impuso el pasado mes de octubre a X"
    (r"\b(?:impuso|impone|impusieron|ha\s+impuesto|había\s+impuesto)\s+(?:" + CLAUSE + r"{0,60}?\s+)?(?:a|al)\s+"
     r"(?:la\s+(?:empresa|compañía|entidad|sociedad)\s+)?(?P<name>{name})", "patient", 0.75),
    # Polish payer: "X ma zapłacić 100 tys. zł", "X musi zapłacić karę"
    (r"(?P<name>{name})\s+(?:ma|musi|będzie\s+musiał[ao]?)\s+zapłacić\b", "payer", 0.75),
    # Dutch: "de dwangsom die de GBA heeft opgelegd aan de Belgische uitgeverij X"
    (r"\b(?:dwangsom\w*|last\s+onder\s+dwangsom|berisping)\s+(?:" + CLAUSE + r"{0,60}?\s+)?aan\s+(?:de\s+|het\s+)?{skip}"
     r"(?P<name>{name})", "patient", 0.75),
]
