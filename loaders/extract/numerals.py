"""Small numbers in words and the magnitudes of more EU/EEA languages ("en million kroner",
"þriggja milljóna króna", "két millió forint", "dois milhões de euros").

A word that is also a common word elsewhere ("en", "to", "hat", "um") counts as a number only
before a magnitude of its own language, so "en millions d'euros" or "hat Millionen Euro" is no
amount; the words of the larger languages are held to their own languages' magnitudes too.
"""

from __future__ import annotations

__all__ = ["LOCAL_MAGNITUDES", "LOCAL_NUMBERS", "NUMBER_WORDS", "local_value", "word_value"]

# Small numbers in words of English, French, German, Italian, Spanish and Dutch, by language, each
# read as a number only before a magnitude of its own language: "otto" is eight before "milioni"
# but a name before "Millionen" ("Otto Millionen Euro"), "sei" is six only in Italian.
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_NUMBERS_BY_LANGUAGE: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": tuple((w,) for w in _ONES),
    "fr": (("un", "une"), ("deux",), ("trois",), ("quatre",), ("cinq",), ("six",), ("sept",), ("huit",), ("neuf",), ("dix",)),
    "de": (("ein", "eine"), ("zwei",), ("drei",), ("vier",), ("fünf",), ("sechs",), ("sieben",), ("acht",), ("neun",), ("zehn",)),
    "it": (("uno", "una", "un"), ("due",), ("tre",), ("quattro",), ("cinque",), ("sei",), ("sette",), ("otto",), ("nove",), ("dieci",)),
    "es": (("un", "uno", "una"), ("dos",), ("tres",), ("cuatro",), ("cinco",), ("seis",), ("siete",), ("ocho",), ("nueve",), ("diez",)),
    "nl": (("een", "één"), ("twee",), ("drie",), ("vier",), ("vijf",), ("zes",), ("zeven",), ("acht",), ("negen",), ("tien",)),
}
# The magnitudes of those languages, as the money pattern reads them (lower case).
_MAGNITUDES_BY_LANGUAGE: dict[str, frozenset[str]] = {
    "en": frozenset(["thousand", "million", "millions", "billion", "billions", "mn", "mln", "m", "bn", "b", "k"]),
    "fr": frozenset(["million", "millions", "milliard", "milliards"]),
    "de": frozenset(["tausend", "million", "millionen", "milliarde", "milliarden", "mio.", "mrd."]),
    "it": frozenset(["mila", "milione", "milioni", "miliardo", "miliardi", "mln"]),
    "es": frozenset(["mil", "millón", "millon", "millones", "mil millones"]),
    "nl": frozenset(["miljoen", "miljard"]),
}
# Word -> value, and word -> the magnitudes of the languages it is a number in.
NUMBER_WORDS: dict[str, int] = {word: value for rows in _NUMBERS_BY_LANGUAGE.values()
                                for value, words in enumerate(rows, 1) for word in words}
_MAGNITUDES_OF: dict[str, frozenset[str]] = {
    word: frozenset().union(*(_MAGNITUDES_BY_LANGUAGE[lang] for lang, rows in _NUMBERS_BY_LANGUAGE.items()
                              if any(word in words for words in rows)))
    for word in NUMBER_WORDS
}

# Magnitude -> multiplier, as written (lower case), in the languages below.
LOCAL_MAGNITUDES: dict[str, int] = {
    # Hungarian
    "millió": 10**6, "milliárd": 10**9,
    # Icelandic
    "milljón": 10**6, "milljónir": 10**6, "milljóna": 10**6, "milljónum": 10**6,
    "milljarð": 10**9, "milljarða": 10**9, "milljarðar": 10**9, "milljarður": 10**9,
    # Slovak, Slovenian, Romanian, Lithuanian, Latvian, Estonian, Finnish
    "milionu": 10**6, "milionem": 10**6, "miliardu": 10**9, "milión": 10**6, "milióna": 10**6, "milióny": 10**6, "miliónov": 10**6, "miliony": 10**6,
    "milijona": 10**6, "milijonov": 10**6, "milijone": 10**6, "milijon": 10**6, "milioane": 10**6,
    "milijono": 10**6, "milijonų": 10**6, "milijonai": 10**6, "miljoni": 10**6, "miljonu": 10**6,
    "miljons": 10**6, "miljonit": 10**6, "miljoonan": 10**6, "miljoona": 10**6,
    "miljardia": 10**9,
    # Greek, Bulgarian
    "εκατομμύρια": 10**6, "εκατομμύριο": 10**6, "εκατομμυρίων": 10**6, "εκατ.": 10**6,
    "милиона": 10**6, "милион": 10**6,
    # Danish, Norwegian (abbreviated)
    "mia.": 10**9, "mill.": 10**6,
}

_ONE_NORDIC = frozenset(["million", "miljon", "milliard", "miljard"])
_MANY_NORDIC = frozenset(["millioner", "miljoner", "milliarder", "miljarder"])
_ONE_IS = frozenset(["milljón", "milljarð", "milljarður"])
_MANY_IS = frozenset(["milljónir", "milljóna", "milljónum", "milljarða", "milljarðar"])
_HU = frozenset(["millió", "milliárd"])
_PT_ONE, _PT_MANY = frozenset(["milhão"]), frozenset(["milhões"])
_PL_FEW, _PL_MANY = frozenset(["miliony"]), frozenset(["milionów"])
_CS_ONE, _CS_FEW = frozenset(["milion", "milión"]), frozenset(["miliony", "milióny"])
_CS_MANY = frozenset(["milionů", "miliónov"])
_RO = frozenset(["milioane"])
_FI_ONE, _FI_MANY = frozenset(["miljoona", "miljoonan"]), frozenset(["miljoonaa", "miljoonan"])
_HR_MANY = frozenset(["milijuna", "milijona", "milijonov"])
_EL_MANY = frozenset(["εκατομμύρια", "εκατομμυρίων", "εκατ."])


def _words(value: float, magnitudes: frozenset[str], *words: str) -> dict[str, tuple[float, frozenset[str]]]:
    return {w: (value, magnitudes) for w in words}


# Word -> (value, the magnitudes it goes with).
LOCAL_NUMBERS: dict[str, tuple[float, frozenset[str]]] = {
    # halves: "halvanden million", "half a million", "anderthalb Millionen", "medio millón"
    **_words(1.5, _ONE_NORDIC, "halvanden", "halvannen", "halvannan"), **_words(0.5, _ONE_NORDIC, "en halv", "ei halv"),
    **_words(0.5, frozenset(["million", "billion"]), "half a"),
    **_words(1.5, frozenset(["millionen", "milliarden"]), "anderthalb", "eineinhalb"),
    **_words(1.5, frozenset(["miljoen"]), "anderhalf"), **_words(0.5, frozenset(["miljoen"]), "een half"),
    **_words(0.5, frozenset(["milione"]), "mezzo"), **_words(0.5, frozenset(["millón"]), "medio"),
    **_words(0.5, frozenset(["miliona"]), "pół"), **_words(0.5, frozenset(["milionu"]), "půl"),
    **_words(1, _ONE_NORDIC, "en", "én", "ett"),
    **_words(2, _MANY_NORDIC, "to", "två"), **_words(3, _MANY_NORDIC, "tre"),
    **_words(4, _MANY_NORDIC, "fire", "fyra"), **_words(5, _MANY_NORDIC, "fem"),
    **_words(6, _MANY_NORDIC, "seks", "sex"), **_words(7, _MANY_NORDIC, "syv", "sju"),
    **_words(8, _MANY_NORDIC, "otte", "åtte", "åtta"), **_words(9, _MANY_NORDIC, "ni", "nio"),
    **_words(10, _MANY_NORDIC, "ti", "tio"),
    **_words(1, _ONE_IS, "ein", "eina", "einn", "eitt"), **_words(2, _MANY_IS, "tvær", "tveggja"),
    **_words(3, _MANY_IS, "þrjár", "þriggja"), **_words(4, _MANY_IS, "fjórar", "fjögurra"),
    **_words(5, _MANY_IS, "fimm"), **_words(10, _MANY_IS, "tíu"),
    **_words(1, _HU, "egy"), **_words(2, _HU, "két", "kettő"), **_words(3, _HU, "három"),
    **_words(4, _HU, "négy"), **_words(5, _HU, "öt"), **_words(6, _HU, "hat"), **_words(10, _HU, "tíz"),
    **_words(1, _PT_ONE, "um"), **_words(2, _PT_MANY, "dois", "duas"), **_words(3, _PT_MANY, "três"),
    **_words(10, _PT_MANY, "dez"),
    **_words(1, _CS_ONE, "jeden", "jedna"), **_words(2, _PL_FEW | _CS_FEW, "dwa", "dva", "dvě", "dve"),
    **_words(3, _PL_FEW | _CS_FEW, "trzy", "tři", "tri"), **_words(4, _PL_FEW | _CS_FEW, "cztery", "čtyři"),
    **_words(5, _PL_MANY | _CS_MANY, "pięć", "pět", "päť"), **_words(10, _PL_MANY | _CS_MANY, "dziesięć", "deset"),
    **_words(2, _RO, "doi", "două"), **_words(3, _RO, "trei"), **_words(5, _RO, "cinci"),
    **_words(1, _FI_ONE, "yksi", "yhden"), **_words(2, _FI_MANY, "kaksi", "kahden"),
    **_words(3, _FI_MANY, "kolme", "kolmen"), **_words(5, _FI_MANY, "viisi", "viiden"),
    **_words(2, _HR_MANY, "dvije"), **_words(4, _HR_MANY, "četiri"), **_words(5, _HR_MANY, "pet"),
    **_words(2, _EL_MANY, "δύο"), **_words(3, _EL_MANY, "τρία"), **_words(5, _EL_MANY, "πέντε"),
}


def local_value(word: str, magnitude: str) -> float | None:
    """The value of a number word before this magnitude, or None where the pair is no number.

    >>> local_value("en", "million"), local_value("en", "millions"), local_value("þriggja", "milljóna")
    (1, None, 3)
    >>> local_value("halvanden", "million"), local_value("half a", "million")
    (1.5, 0.5)
    """
    found = LOCAL_NUMBERS.get(word.lower())
    if found is None or magnitude.lower() not in found[1]:
        return None
    return found[0]


def word_value(word: str, magnitude: str) -> float | None:
    """The value of a number word before this magnitude, in a language both are words of;
    None where the pair is no number.

    >>> word_value("otto", "milioni"), word_value("Otto", "Millionen"), word_value("acht", "Millionen")
    (8, None, 8)
    >>> word_value("tre", "milioni"), word_value("tre", "millioner"), word_value("ten", "million")
    (3, 3, 10)
    """
    said, size = word.lower(), " ".join(magnitude.lower().split())
    if said in NUMBER_WORDS and size in _MAGNITUDES_OF[said]:
        return NUMBER_WORDS[said]
    return local_value(said, size)
