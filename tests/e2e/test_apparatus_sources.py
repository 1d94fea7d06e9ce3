"""The apparatus held to its sources: the concordance's labels mean what they say,
the primary records of the plenum are in the bibliography of every language and
cited where the notes treat the plenum, and every slip of the two texts is either
annotated at its place or listed in the table of the witness's slips."""

from __future__ import annotations

import pytest
from reader import languages, normalise, page, witness_a, witness_b

LABELS = {"agree", "differ", "conflict", "A only", "B only"}


def concordance_rows(site):
    soup = page(site, "en", "concordance.html")
    rows = []
    for row in soup.select("table tbody tr"):
        topic, a, b, relation, comment = row.find_all("td")
        rows.append({
            "topic": normalise(topic.get_text()),
            "a": a.select("a[href*='texts/a.html#p']"),
            "b": b.select("a[href*='texts/b.html#p']"),
            "a_text": normalise(a.get_text()),
            "b_text": normalise(b.get_text()),
            "relation": normalise(relation.get_text()),
            "comment": normalise(comment.get_text()),
        })
    return rows


def test_every_concordance_label_is_one_the_introduction_defines(site):
    rows = concordance_rows(site)
    assert rows
    assert {row["relation"] for row in rows} <= LABELS
    intro = normalise(page(site, "en", "concordance.html").select_one("main p, div[role=main] p").get_text())
    for label in LABELS:
        assert label in intro, label


def test_a_one_text_row_lists_only_that_text(site):
    for row in concordance_rows(site):
        if row["relation"] == "A only":
            assert row["a"] and not row["b"] and row["b_text"] == "—", row["topic"]
        if row["relation"] == "B only":
            assert row["b"] and not row["a"] and row["a_text"] == "—", row["topic"]


def test_an_agree_or_differ_row_lists_both_texts(site):
    for row in concordance_rows(site):
        if row["relation"] in {"agree", "differ"}:
            assert row["a"] and row["b"], row["topic"]


def test_concordance_comments_agree_with_their_labels(site):
    for row in concordance_rows(site):
        comment = row["comment"]
        if row["relation"] in {"A only", "B only"}:
            assert not comment.startswith("Both"), row["topic"]
        if row["relation"] == "agree":
            assert not any(word in comment for word in ("error", "conflicts with", "is wrong")), row["topic"]
    motives = next(row for row in concordance_rows(site) if row["topic"].startswith("Motives: rivalry"))
    assert "Bulganin’s disdain" not in motives["comment"]
    assert "Khrushchev’s disdain for Bulganin" in motives["comment"]


def test_no_concordance_row_dates_the_vote_to_a_single_day(site):
    for row in concordance_rows(site):
        assert "on 18 June 1957" not in row["comment"] or "vote" not in row["comment"], row["topic"]


PRIMARY_RECORDS = [
    # (what the bibliography entry must show, in every language)
    "Istoricheskii arkhiv",
    "1993, nos. 3–6, and 1994, nos. 1–2",
    "Pravda, 4 July",
    "vol. IV, Moscow, 1960, p. 271",
    "Cold War International History Project Bulletin",
    # a Russian title, with its capitals intact
    "Постановление Пленума ЦК КПСС об антипартийной группе Маленкова Г. М., Кагановича Л. М., Молотова В. М.",
]


@pytest.mark.parametrize("language", languages())
def test_the_primary_records_are_in_the_bibliography(site, language):
    text = normalise(page(site, language, "bibliography.html").get_text(" "))
    for record in PRIMARY_RECORDS:
        assert record in text, (language, record)


def test_the_notes_on_the_plenum_cite_its_stenogram_and_the_resolution(site):
    for name in ("texts/a.html", "texts/b.html"):
        notes = normalise(" ".join(n.get_text(" ") for n in page(site, "en", name).select("aside.footnote")))
        assert "Central Committee of the CPSU 1993" in notes, name  # Chicago author-date: (Author Year)
        assert "Plenum of the CPSU Central Committee 1957" in notes, name
    notes_b = normalise(" ".join(n.get_text(" ") for n in page(site, "en", "texts/b.html").select("aside.footnote")))
    assert "Plenum of the CPSU Central Committee 1960" in notes_b


# Every slip of the two witnesses: (siglum, what the witness reads, the reading), and where it is treated.
ANNOTATED = [
    ("A", "whom had he had", "whom he had"),
    ("A", "insisted that Central Committee itself", "that the Central Committee itself"),
    ("B", "18.-21 jūnija", "18.–21. jūnija"),
    ("B", "diktatūru, izsmēja", "un izsmēja"),
    ("B", "21. maijā", "jūnijā"),
    ("B", "ātri nogādāšanai", "ātrai nogādāšanai"),
    ("B", "destaļinizāciajs", "destaļinizācijas"),
    ("B", "antipartijas grupas", "antipartijiskās grupas"),
    ("B", "no partija ", "no partijas"),
]
LISTED = [
    ("A", "malenkov, georgy maximilyanovich", "malenkov, georgy maximilianovich"),
    ("A", "molotov vyacheslav mikhailovich", "molotov, vyacheslav mikhailovich"),
    ("B", "atbrīvoties no opozīcijas, un izbeigt", "atbrīvoties no opozīcijas un izbeigt"),
    ("B", "Darba un Algu komitejas", "Darba un algu komitejas"),
    ("B", "likvidāciju, un sovnarhozu izveidošanu", "likvidāciju un sovnarhozu izveidošanu"),
    ("B", "Maļenkova, un, iespējams, arī", "Maļenkova un, iespējams, arī"),
    ("B", "likvidēt Pirmā sekretāra amatu", "likvidēt pirmā sekretāra amatu"),
    ("B", "par notiekošo Prezidijā, un sāka", "par notiekošo Prezidijā un sāka"),
    ("B", "pēdējā dienā, 29. jūnijā tika", "pēdējā dienā, 29. jūnijā, tika"),
    ("B", "direktoru Urālos, dažus gadus vēlāk", "direktoru Urālos; dažus gadus vēlāk"),
]


def witness(siglum):
    return " ".join(witness_a()[1]) if siglum == "A" else witness_b()


@pytest.mark.parametrize(("siglum", "reads", "read"), ANNOTATED + LISTED, ids=lambda v: v[:30])
def test_each_slip_stands_in_its_witness(siglum, reads, read):
    assert reads in witness(siglum)
    assert read != reads


@pytest.mark.parametrize(("siglum", "reads", "read"), ANNOTATED, ids=lambda v: v[:30])
def test_each_slip_of_a_word_has_a_sic_note(site, siglum, reads, read):
    notes = [normalise(n.get_text(" ")) for n in page(site, "en", f"texts/{siglum.lower()}.html").select("aside.footnote")]
    assert any("[sic]" in note and read in note for note in notes), (siglum, reads)


@pytest.mark.parametrize("language", languages())
def test_each_slip_of_punctuation_is_in_the_table_of_slips(site, language):
    table = page(site, language, "principles.html").select_one("table.slips")
    assert table is not None
    rows = [[normalise(cell.get_text(" ")) for cell in row.find_all("td")] for row in table.select("tbody tr")]
    for siglum, reads, read in LISTED:
        assert any(reads in row[1] and read in row[2] and row[0].startswith(siglum) for row in rows), (language, reads)
