"""Round 12, group b (issue 17): target name boundaries, decisions on a party the text leaves
unnamed, and stories with several decisions. Each rule with a text it must now get right and
one where it must add no wrong fact. Names and amounts invented."""

from __future__ import annotations

from enforcegraph.loaders.extract import extract
from enforcegraph.loaders.extract.article import Article
from enforcegraph.loaders.extract.evaluation import decision_rows
from enforcegraph.loaders.extract.parties import PartyFinder


def _rows(text: str, date: str = "2024-03-01") -> list[tuple[str | None, str | None, str | None, object, object]]:
    return decision_rows(extract(Article(text, date=date)))


# 2. A decision whose target the text does not name: proposed with none, never given a mentioned firm.
def test_an_order_on_an_unnamed_commune_is_a_decision_with_no_target() -> None:
    text = ("La Cnil met en demeure une petite commune\n\n"
            "Une commune bretonne a reçu de la Commission nationale de l'informatique et des libertés (Cnil) "
            "l'injonction de mettre en conformité ses caméras, a annoncé l'autorité. Le nom de la ville reste secret.")
    assert _rows(text) == [("regulator:fr-cnil", None, "order", None, None)]


def test_an_unnamed_firm_fined_gets_no_mentioned_firm_as_its_target() -> None:
    text = ("La Cnil inflige 2,5 millions d'euros d'amende\n\n"
            "La Commission nationale informatique et libertés (Cnil) a sanctionné une société dont le nom n'a pas "
            "été publié. Elle transmettait les adresses de ses clients à Facebook, ce qui lui vaut une sanction "
            "de 2,5 millions d'euros.")
    rows = _rows(text)
    assert rows and all(r[1] is None for r in rows)
    assert ("regulator:fr-cnil", None, "fine", 2_500_000, "EUR") in rows


def test_an_order_told_only_as_possible_is_no_decision() -> None:
    text = ("A small council and its cameras\n\n"
            "The ICO may order a council to fix its cameras, a spokesperson said. No decision has been taken.")
    assert _rows(text) == []


# A regulator that only relays another's decision is not its issuer.
def test_a_regulator_that_relays_another_s_fine_is_not_its_issuer() -> None:
    text = ("Lithuanian watchdog fines Tradely\n\n"
            "The Lithuanian data protection authority has imposed a fine of more than €1.2 million on Tradely, "
            "France's Cnil announced on Wednesday.\n\n"
            "In a press release, the Cnil says the fine of 1,234,567 euros follows complaints against Tradely.")
    rows = _rows(text)
    assert rows == [("regulator:lt-vdai", "Tradely", "fine", 1_234_567, "EUR")]


def test_a_regulator_quoted_after_according_to_any_country_s_is_not_an_issuer() -> None:
    text = ("Ireland's Data Protection Commission fined Meta Platforms Ireland Limited €1.2 billion on Monday. "
            "The fine on Meta Platforms Ireland Limited of €1.2 billion is the largest so far, according to "
            "Norway's Datatilsynet.")
    assert _rows(text) == [("regulator:ie-dpc", "Meta Platforms Ireland Limited", "fine", 1_200_000_000, "EUR")]


def test_a_regulator_that_says_it_fined_a_firm_is_still_its_issuer() -> None:
    text = ("Cnil fines Tradely\n\nThe Cnil said it had fined Tradely 1,234,567 euros for unlawful cookies.")
    assert _rows(text) == [("regulator:fr-cnil", "Tradely", "fine", 1_234_567, "EUR")]


# 1. Target name boundaries: the whole registered name, nothing of the regulator's.
def test_a_registered_name_keeps_its_leading_country_word() -> None:
    text = "ICO fines call firm\n\nThe ICO has fined UK Smart Home Repairs Limited £90,000 for nuisance calls."
    assert _rows(text) == [("regulator:gb-ico", "UK Smart Home Repairs Limited", "fine", 90_000, "GBP")]


def test_a_country_word_before_a_common_noun_stays_no_part_of_the_name() -> None:
    text = "ICO fines call firm\n\nThe ICO has fined UK firm Smart Home Repairs Limited £90,000 for nuisance calls."
    assert [r[1] for r in _rows(text)] == ["Smart Home Repairs Limited"]


def test_a_lower_case_italian_legal_form_ends_a_name() -> None:
    text = ("Telemarketing, sanzione del Garante\n\nIl provvedimento riguarda Linea Blu spa: il Garante privacy "
            "le ha inflitto una sanzione di 120.000 euro.")
    assert ("regulator:it-garante", "Linea Blu spa", "fine", 120_000, "EUR") in _rows(text)


def test_a_spa_is_no_firm_without_a_name_before_it() -> None:
    text = ("Telemarketing, sanzione del Garante\n\nIl Garante privacy ha inflitto una sanzione di 120.000 euro "
            "a una società che gestisce una spa a Roma.")
    assert all(r[1] is None for r in _rows(text))


def test_a_municipality_named_with_a_direction_word_keeps_it() -> None:
    text = ("Datatilsynet ilegger gebyr\n\nDatatilsynet har varslet et overtredelsesgebyr på kr 500 000 til "
            "Vestre Lindal kommune for mangelfull tilgangsstyring.")
    assert [r[1] for r in _rows(text)] == ["Vestre Lindal kommune"]


def test_the_regulator_s_acronym_before_the_firm_is_no_part_of_its_name() -> None:
    text = "De Autoriteit Persoonsgegevens onderzocht het. Daarom legde de AP Zorgpunt een boete op."
    finder = PartyFinder(text, [(3, 30)], regulator_spans={(3, 30): "regulator:nl-ap"})
    start = text.index("AP Zorgpunt")
    found = finder.add("company", "AP Zorgpunt", (start, start + 11), "patient", 0.8)
    assert found is not None and found.name == "Zorgpunt"


def test_a_firm_whose_name_only_starts_like_an_acronym_keeps_it() -> None:
    text = "De Autoriteit Persoonsgegevens onderzocht het. Daarom legde zij APZorg Groep een boete op."
    finder = PartyFinder(text, [(3, 30)], regulator_spans={(3, 30): "regulator:nl-ap"})
    start = text.index("APZorg Groep")
    found = finder.add("company", "APZorg Groep", (start, start + 12), "patient", 0.8)
    assert found is not None and found.name == "APZorg Groep"


# 3. Several decisions in one story: a fine in brackets after another party's name is not the target's.
def test_a_bracketed_fine_after_another_name_is_not_the_named_firm_s() -> None:
    text = ("Sanzioni del Garante nel Lazio\n\nIl Garante privacy ha pubblicato il suo bilancio. Tra i sanzionati "
            "figurano anche l'Ataq (400.000 euro), l'Inpx (300.000) e Lumo Italia spa (20.000).")
    assert all(r[1] != "Lumo Italia spa" or r[3] != 400_000 for r in _rows(text))


def test_a_bracketed_fine_after_the_firm_s_own_name_stays_its_fine() -> None:
    text = ("ICO fines Brightside Energy Limited\n\nThe ICO has fined Brightside Energy Limited (£75,000) for "
            "sending spam texts.")
    assert _rows(text) == [("regulator:gb-ico", "Brightside Energy Limited", "fine", 75_000, "GBP")]


def test_a_second_firm_served_a_notice_gets_its_own_order() -> None:
    text = ("ICO fines Redwood Claims Ltd\n\nThe ICO fined Redwood Claims Ltd £60,000 for spam calls.\n\n"
            "- Oakfield Leads Limited was likewise served an Enforcement Notice, which obliges it to stop.")
    rows = _rows(text)
    assert ("regulator:gb-ico", "Redwood Claims Ltd", "fine", 60_000, "GBP") in rows
    assert ("regulator:gb-ico", "Oakfield Leads Limited", "order", None, None) in rows


def test_a_notice_served_on_the_regulator_is_no_decision() -> None:
    text = "Firm sues ICO\n\nThe ICO said it had been served a court claim by Redwood Claims Ltd last week."
    assert all(r[1] is None or r[2] != "order" for r in _rows(text))


def test_a_sum_of_fines_on_several_firms_is_no_firm_s_fine() -> None:
    text = ("Nuisance callers fined\n\nThe ICO has fined Bluebell Home Cover Ltd. Since 2021 the ICO has issued "
            "£2.2 million in fines to 14 companies for unlawful calls.")
    assert all(r[3] != 2_200_000 for r in _rows(text))


def test_a_fine_on_one_firm_after_a_number_of_staff_is_still_its_fine() -> None:
    text = ("ICO fines Bluebell Home Cover Ltd\n\nThe ICO has fined Bluebell Home Cover Ltd £120,000 for calls "
            "to 14 thousand people.")
    assert _rows(text) == [("regulator:gb-ico", "Bluebell Home Cover Ltd", "fine", 120_000, "GBP")]


def test_the_same_fine_told_again_as_earlier_is_one_decision() -> None:
    text = ("Boete voor Zonnehuis Zorg\n\nDe Gegevensbeschermingsautoriteit (GBA) legt Zonnehuis Zorg een boete "
            "van 30.000 euro op.\n\nIn 2021 kreeg Zonnehuis Zorg van de GBA al een boete van 30.000 euro.")
    rows = _rows(text)
    assert rows.count(("regulator:be-apd", "Zonnehuis Zorg", "fine", 30_000, "EUR")) <= 1


def test_a_party_branch_reprimanded_is_the_target() -> None:
    text = ("Datenschutz: Verwarnung für Partei\n\nDer Landesbeauftragte für Datenschutz Baden-Württemberg hat den "
            "SPD-Kreisverband Hohenlohe verwarnt, weil dieser Daten veröffentlicht hatte.")
    assert [r[1] for r in _rows(text)] == ["SPD-Kreisverband Hohenlohe"]


def test_an_ampersand_name_written_whole_twice_keeps_its_words() -> None:
    text = ("ICO fines texter\n\nThe ICO said K&V Debt Advice sent 20,000 texts. K&V Debt Advice did not reply.")
    names = [p.name for p in extract(Article(text)).of_kind("company")]
    assert names == ["K&V Debt Advice"]


def test_an_ampersand_name_before_other_capitals_once_stays_short() -> None:
    text = "ICO fines texter\n\nThe ICO said K&V Monday sent texts. K&V did not reply."
    assert [p.name for p in extract(Article(text)).of_kind("company")] == ["K&V"]
