"""Private people named as a sanction's addressee ("ha multado a Juan Pérez García"): a person's
name is no firm's. Told by a common given name first and surnames after it, with no legal form or
company word, unless the text calls a firm by it ("the retailer John Lewis") or fines it a firm's sum."""

from __future__ import annotations

import re

from enforcegraph.loaders.extract.names import COMPANY_NOUN, LEGAL_FORM, LONG_NAME

__all__ = ["employers", "looks_like_person", "names_person"]

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
                          r"fundación|fondazione|café|cafe|bar|restaurante?|ristorante|telecom|energ\w*|partners|partnership|"
                          rf"&|{COMPANY_NOUN}|{LEGAL_FORM}\.?)")
_WORD = re.compile(r"[A-ZÀ-ÞŁŚŻŹĆŃ][a-zà-ÿłśżźćńęą]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?")


def looks_like_person(name: str) -> bool:
    """Whether ``name`` is a private person's: a common given name, then one to three surnames
    (with "de", "van", "di" between), in mixed case, with no firm's word.

    >>> looks_like_person("Juan Pérez García"), looks_like_person("Giuseppe Verdi"), looks_like_person("Jan de Vries")
    (True, True, True)
    >>> looks_like_person("Marco Polo Travel"), looks_like_person("Mercadona"), looks_like_person("Paul Hartmann AG")
    (False, False, False)
    >>> looks_like_person("Paul Smith Ltd"), looks_like_person("Mario Rossi Srl"), looks_like_person("John Lewis Partnership")
    (False, False, False)
    """
    words = [w for w in name.split() if w.lower() not in {"de", "del", "la", "van", "von", "der", "den", "di", "da", "y", "i"}]
    if not 2 <= len(words) <= 4 or words[0].lower() not in _GIVEN:
        return False
    return all(_WORD.fullmatch(w) for w in words) and not any(_NOT_SURNAME.fullmatch(w) for w in words[1:])


# A person's title before the name, or an office or kinship in apposition after it ("Juan Pérez, administrador de").
_TITLE = re.compile(r"(?i)\b(?:mr|mrs|ms|miss|dr|herr|frau|sr|sra|srta|don|doña|m|mme|mlle|sig|sig\.ra|dott|dhr|mevr|"
                    r"mevrouw|meneer|pan|pani)\.?\s+$")
_OFFICE = re.compile(r",\s+(?:(?:the|a|an|el|la|il|le|der|die|de|het)\s+)?(?:administrador|administradora|gerente|"
                     r"director|directora|empleado|empleada|trabajador|trabajadora|socio|socia|propietari[oa]|dueñ[oa]|"
                     r"titular|vecino|vecina|manager|employee|owner|boss|amministratore|titolare|dipendente|gérant|"
                     r"dirigeant|salarié|Geschäftsführer\w*|Inhaber\w*|Mitarbeiter\w*|eigenaar|directeur|medewerker)\b")
# The same office right after a name's last letter (or its initial's full stop), found anywhere in a text.
_OFFICE_AFTER_NAME = re.compile(_OFFICE.pattern.replace(",", "(?<=[\\w.]),", 1))
# A private person named in the text ("AEPD multa a un vecino", "a private individual", "eine Privatperson").
_PRIVATE = re.compile(r"(?i)\b(?:(?:a|an)\s+(?:private\s+)?(?:individual|man|woman|citizen|resident|neighbou?r)|"
                      r"private\s+individual|sole\s+trader|un[ao]?\s+(?:particular|vecin[oa]|ciudadan[oa]|individuo|"
                      r"privato|privata|cittadin[oa]|particulier|particulière|vicin[oa])|persona\s+f[ií]sica|"
                      r"personne\s+physique|persona\s+fisica|Privatperson|Einzelperson|Bürger(?:in)?|"
                      r"een\s+(?:burger|particulier|man|vrouw|inwoner)|en\s+privatperson|osob[aęy]\s+fizyczn\w+)\b")
# A company's noun right before the name ("the retailer John Lewis", "la maison Pierre Fabre", "il gruppo Giorgio Armani").
_FIRM_BEFORE = re.compile(rf"(?i)\b(?:{COMPANY_NOUN}|maison|marque|brand|label|casa|keten|supermarkt\w*|grocer)\s+$")
# A sum no regulator fines a private person: six figures or more ("£100,000", "800 000 euros", "1,2 millones").
_FIRMS_SUM = re.compile(r"\d{1,3}(?:[.,\s’'](?:\d{3})){1,}(?!\d)|\d[\d.,]*\s*(?:m\b|mn\b|bn\b|million|billion|mio|mrd|mln|"
                        r"millones|milioni|miliardi|millions|milliards?|miljoen|miljard|miljoner|millioner|milion\w*)", re.IGNORECASE)


def names_person(text: str, name: str, start: int, end: int) -> bool:
    """Whether ``name`` at ``start``..``end`` of ``text`` names a private person: it looks like one
    and the text says so (a title, an office in apposition, "un vecino"), or says nothing of a firm: no
    company noun before it and no sum in its sentence that only firms are fined (six figures or more).

    >>> names_person("La AEPD ha multado a Juan Pérez García con 3.000 euros.", "Juan Pérez García", 21, 38)
    True
    >>> names_person("The ICO fined John Lewis £100,000.", "John Lewis", 14, 24)
    False
    """
    if not looks_like_person(name):
        return False
    if _TITLE.search(text, max(0, start - 8), start) or _OFFICE.match(text, end) or _PRIVATE.search(text):
        return True
    if _FIRM_BEFORE.search(text[max(0, start - 30) : start]):
        return False
    opening = max(text.rfind(".\n", 0, start), text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    close = min((i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0), default=len(text))
    return not any(_sum(m.group(0)) for m in _FIRMS_SUM.finditer(text, opening + 1, close))


def _sum(figure: str) -> bool:
    """A firm's sum: a scale word, or at least 100,000 written in thousands' groups."""
    if not figure[-1].isdigit():
        return True
    return int(re.sub(r"\D", "", figure)) >= 100_000


_PERSON_NAME = re.compile(r"(?<!\w)[A-ZÀ-Þ][\w\-]+(?:[^\S\n]+(?:(?:de|del|la|van|von|der|den|di|da|y)[^\S\n]+)?[A-ZÀ-Þ][\w\-]+){1,3}$")
_EMPLOYER = re.compile(rf"[^\S\n]+(?:of|at|de|del|de\s+la|di|della|der|des|du|van|bij)[^\S\n]+(?:the[^\S\n]+)?"
                       rf"(?P<firm>{LONG_NAME}(?:,?[^\S\n]+{LEGAL_FORM}\.?)?)")


def employers(text: str) -> list[tuple[int, int]]:
    """Spans of the firms a private person works for, named in apposition ("Juan Pérez García,
    administrador de Construcciones Pérez S.L."): the person's sanction is not the firm's."""
    spans = []
    for office in _OFFICE_AFTER_NAME.finditer(text):
        person = _PERSON_NAME.search(text, max(0, office.start() - 60), office.start())
        firm = _EMPLOYER.match(text, office.end())
        if person is not None and firm is not None and looks_like_person(person.group(0)):
            spans.append((firm.start("firm"), firm.end("firm")))
    return spans
