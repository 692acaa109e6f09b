"""Private people named as a sanction's addressee ("ha multado a Juan Pérez García"): a person's
name is no firm's. Told by a common given name first and surnames after it, with no legal form or
company word."""

from __future__ import annotations

import re

__all__ = ["looks_like_person"]

# Common given names in the languages of the reports (Spanish, Portuguese, Italian, French, German,
# Dutch, English, Polish, the Nordic languages).
_GIVEN = frozenset([
    "juan", "josé", "jose", "maría", "maria", "antonio", "manuel", "francisco", "javier", "carlos", "miguel",
    "pedro", "luis", "jesús", "jesus", "ángel", "angel", "rafael", "fernando", "pablo", "sergio", "jorge",
    "alberto", "alejandro", "diego", "david", "daniel", "mario", "andrés", "andres", "ramón", "ramon",
    "enrique", "joaquín", "joaquin", "raúl", "raul", "rubén", "ruben", "óscar", "oscar", "víctor", "victor",
    "ignacio", "alfonso", "carmen", "ana", "isabel", "laura", "cristina", "marta", "lucía", "lucia", "pilar",
    "dolores", "rosa", "elena", "teresa", "mercedes", "paula", "sara", "raquel", "beatriz", "joão", "joao",
    "paulo", "rui", "nuno", "tiago", "ricardo", "sofia", "inês", "ines", "giuseppe", "giovanni", "marco",
    "luca", "andrea", "matteo", "alessandro", "lorenzo", "francesco", "stefano", "paolo", "roberto", "massimo",
    "giorgio", "gianluca", "salvatore", "vincenzo", "giulia", "francesca", "chiara", "alessandra", "valentina",
    "federica", "silvia", "jean", "pierre", "jacques", "michel", "philippe", "nicolas", "françois", "francois",
    "alain", "patrick", "thierry", "christophe", "olivier", "marie", "sophie", "nathalie", "isabelle",
    "catherine", "sylvie", "céline", "celine", "julien", "mathieu", "hans", "peter", "klaus",
    "jürgen", "jurgen", "wolfgang", "michael", "stefan", "andreas", "thomas", "markus", "frank", "uwe",
    "dieter", "sabine", "petra", "ursula", "monika", "claudia", "julia", "katrin", "anna", "jan",
    "pieter", "henk", "kees", "willem", "johan", "bram", "sander", "maarten", "anouk", "sanne", "femke", "john",
    "james", "robert", "william", "richard", "joseph", "charles", "christopher", "mark", "paul", "steven",
    "kevin", "brian", "mary", "jennifer", "linda", "elizabeth", "susan", "jessica", "sarah", "karen", "emma",
    "olivia", "piotr", "krzysztof", "andrzej", "tomasz", "paweł", "pawel", "michał", "michal", "marcin",
    "grzegorz", "katarzyna", "agnieszka", "małgorzata", "lars", "anders", "erik", "per", "nils", "ole",
    "henrik", "magnus", "mikael", "jonas", "karin", "kristin", "ingrid"
])
# Last words that make a name a firm's or a place's ("Marco Polo Travel", "San José Hospital").
_NOT_SURNAME = re.compile(r"(?i)(?:bank|group|gruppo|grupo|groupe|holding\w*|media|travel|foods?|store|stores|shop|"
                          r"hotel\w*|hospital|clinic\w*|cl[ií]nica|farmacia|pharmacy|motors?|services?|servicios|"
                          r"servizi|solutions?|consulting|sport\w*|fashion|mode|moda|trust|school|college|foundation|"
                          r"fundación|fondazione|café|cafe|bar|restaurante?|ristorante|telecom|energ\w*|partners)")
_WORD = re.compile(r"[A-ZÀ-ÞŁŚŻŹĆŃ][a-zà-ÿłśżźćńęą]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?")


def looks_like_person(name: str) -> bool:
    """Whether ``name`` is a private person's: a common given name, then one to three surnames
    (with "de", "van", "di" between), in mixed case, with no firm's word.

    >>> looks_like_person("Juan Pérez García"), looks_like_person("Giuseppe Verdi"), looks_like_person("Jan de Vries")
    (True, True, True)
    >>> looks_like_person("Marco Polo Travel"), looks_like_person("Mercadona"), looks_like_person("Paul Hartmann AG")
    (False, False, False)
    """
    words = [w for w in name.split() if w.lower() not in {"de", "del", "la", "van", "von", "der", "den", "di", "da", "y", "i"}]
    if not 2 <= len(words) <= 4 or words[0].lower() not in _GIVEN:
        return False
    return all(_WORD.fullmatch(w) for w in words) and not any(_NOT_SURNAME.fullmatch(w) for w in words[1:])
