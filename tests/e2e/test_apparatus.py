"""The critical apparatus, checked as an editor checks it: every note used,
every term and key resolved, every person registered and linked, every
chronology row anchored in the texts, and all of it in the PDF."""

from __future__ import annotations

import re
import subprocess
import tomllib
from collections import Counter

import pytest
from pypdf import PdfReader
from reader import ROOT, download, languages, page, pages

SOURCE = ROOT / "source"


def markdown(path):
    return path.read_text(encoding="utf-8")


def test_every_bibliography_entry_is_cited_on_some_page(site):
    # a citation of a key that is not in the bibliography fails the build; this is the other way
    language = languages()[0]
    entries = {div["id"] for div in page(site, language, "bibliography.html").select("div.citation[id]")}
    cited = {a["href"].split("#", 1)[1] for name in pages(site, language)
             for a in page(site, language, name).select("a[href*='bibliography.html#']")}
    assert len(entries) >= 10
    assert entries - cited == set()


def test_the_texts_link_their_terms_to_the_glossary(site):
    language = languages()[0]
    glossary_ids = {tag["id"] for tag in page(site, language, "glossary.html").select("dt[id]")}
    for name in ("texts/a.html", "texts/b.html"):
        terms = page(site, language, name).select("div.edited-text a.reference[href*='glossary.html#']")
        assert len(terms) >= 5, name
        assert {a["href"].split("#")[1] for a in terms} <= glossary_ids


def register():
    return tomllib.loads((SOURCE / "_data" / "persons.toml").read_text("utf-8"))["person"]


NAMED_IN_THE_TEXTS = [  # every person the two texts name, as a reader lists them
    "khrushchev", "malenkov", "molotov", "kaganovich", "voroshilov", "bulganin", "pervukhin", "saburov",
    "shepilov", "stalin", "beria", "mikoyan", "suslov", "kirichenko", "brezhnev", "zhukov", "tito",
    "taubman", "linden", "micunovic", "floyd", "resis", "chuev",
]


#: persons the texts name only inside the title of a work (Text A's list of works)
NAMED_ONLY_IN_TITLES = {"chuev"}


def test_every_person_named_in_the_texts_has_a_register_entry():
    ids = {person["id"] for person in register()}
    assert set(NAMED_IN_THE_TEXTS) <= ids


def test_every_register_entry_is_linked_from_a_paragraph_and_links_back(site):
    language = languages()[0]
    soup = page(site, language, "persons.html")
    linked = Counter()
    for name in ("texts/a.html", "texts/b.html", "introduction.html"):
        for a in page(site, language, name).select("a.reference[href*='persons.html#person-']"):
            linked[a["href"].split("#")[1]] += 1
    for person in register():
        anchor = f"person-{person['id']}"
        assert soup.select_one(f"#{anchor}"), anchor
        # a name inside the title of a work is indexed, not linked (issue 12: no links inside titles)
        assert linked[anchor] >= 1 or person["id"] in NAMED_ONLY_IN_TITLES, f"no paragraph links to {anchor}"
        entry = soup.select_one(f"div.person:has(#{anchor})")
        backlinks = entry.select("p.mentions a")
        assert backlinks, anchor
        assert all(re.fullmatch(r"[ABI] \d+[a-z]?( \(\w[\w-]*\))?|[AB] \([\w-]+\)", a.get_text()) for a in backlinks)


def test_every_mention_in_the_texts_is_a_generated_link():
    for path in (SOURCE / "texts" / "a.md", SOURCE / "texts" / "b.md"):
        assert "persons.html" not in markdown(path) and "person-" not in markdown(path)


def test_every_chronology_row_links_a_paragraph_and_cites_a_source(site):
    soup = page(site, languages()[0], "chronology.html")
    rows = soup.select("table tbody tr")
    assert len(rows) >= 25
    for row in rows:
        cells = row.find_all("td")
        assert cells[2].select("a[href*='bibliography.html']"), row.get_text(" ", strip=True)
        assert row.select("a[href*='texts/a.html#p'], a[href*='texts/b.html#p']"), row.get_text(" ", strip=True)


def test_the_concordance_covers_the_ten_disputed_points(site):
    soup = page(site, languages()[0], "concordance.html")
    rows = soup.select("table tbody tr")
    assert len(rows) >= 18
    relations = Counter(row.find_all("td")[3].get_text(strip=True) for row in rows)
    assert set(relations) <= {"agree", "differ", "A only", "B only", "conflict"}
    assert relations["conflict"] + relations["differ"] >= 8


def test_the_index_lists_each_term_once(site):
    for language in languages():
        soup = page(site, language, "genindex.html")
        entries = [li.contents[0].get_text(strip=True) if hasattr(li.contents[0], "get_text") else str(li.contents[0]).strip()
                   for li in soup.select("table.indextable > tr > td > ul > li")]
        entries = [e.rstrip(",") for e in entries if e]
        assert len(entries) >= 40
        assert [e for e, n in Counter(e.casefold() for e in entries).items() if n > 1] == []


def test_index_entries_say_where_they_point_in_reading_order(site):
    """"Bulganin: A 1, A 5, B 4, I 2, I 12", never "[1] … [11]" nor "I 12, I 2"."""
    for language in languages():
        entries = page(site, language, "genindex.html").select("table.indextable li")
        numbered = 0
        for entry in entries:
            labels = [a.get_text(strip=True) for a in entry.find_all("a", recursive=False)]
            assert not [label for label in labels if re.fullmatch(r"\[?\d+\]?", label)], (language, labels)
            places = [(m[1], int(m[2])) for m in map(re.compile(r"(\w+)\s(\d+)$").match, labels) if m]
            assert places == sorted(places), (language, entry.get_text(" ", strip=True)[:80])
            numbered += len(places) > 1
        assert numbered >= 10, language
        # persons in the reader's script: the Russian index lists "Хрущёв, Никита Сергеевич"
        names = {span.get_text(strip=True) for span in page(site, language, "genindex.html").select(".index-name")}
        expected = {p["russian"] if language == "ru" and p.get("russian") else p["name"] for p in register()}
        assert expected <= names, (language, sorted(expected - names)[:5])


def outline_titles(outline) -> list[str]:
    """Every bookmark's title, depth first."""
    return [t for item in outline for t in (outline_titles(item) if isinstance(item, list) else [item.title])]


@pytest.mark.parametrize("language", languages())
def test_the_pdf_holds_the_apparatus_chapters_and_the_index(site, language):
    pdf = download(site, language, "pdf")
    titles = outline_titles(PdfReader(pdf).outline)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for name in ("persons", "glossary", "chronology", "concordance"):
        title = page(site, language, f"{name}.html").select_one("main h1").get_text(strip=True).rstrip("¶")
        assert title in titles, (name, titles)
        assert title in text
    index = page(site, language, "genindex.html").select_one("main h1").get_text(strip=True).rstrip("¶")
    assert text.rstrip().rfind(index) > len(text) * 0.8  # the index comes at the end
