"""The metadata contract, read from the built site as a reference manager reads it.

For every text in every language view: the page's Highwire and Dublin Core
tags (and Zotero's own, which carry the roles of the creators), the RIS
(rispy), the BibTeX (pybtex) and the CSL-JSON (the CSL data schema) describe
one item, field by field; a group is one name on every path; a translation
view names its translator; every paragraph's downloads are its text's item
with the paragraph as a locator. What there is comes from the manifests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pybtex.database
import pytest
import rispy
from reader import languages, manifest_of, page

SCHEMA = json.loads((Path(__file__).parents[1] / "schemas" / "csl-data.json").read_text("utf-8"))
SENTENCE_END = re.compile(r"[.!?][»”\"')]?$")


def tags(soup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in soup.select("head meta[name]"):
        found.setdefault(meta["name"], []).append(meta["content"])
    return found


def name_of(csl: dict) -> str:
    """A CSL name as the records write it: "Taubman, William"; a group's name whole."""
    return csl.get("literal") or f"{csl['family']}, {csl['given']}"


def meta_name(csl: dict) -> str:
    """A CSL name as the page writes it for Zotero: a group's with an empty given name."""
    return csl["literal"] + "," if "literal" in csl else name_of(csl)


def bib_name(person) -> str:
    return str(person).strip("{}")


def bib_names(entry, role: str) -> list[str]:
    """The names of a role: pybtex parses author and editor; translator is a plain field."""
    if role in entry.persons:
        return [bib_name(p) for p in entry.persons[role]]
    value = entry.fields.get(role, "")
    return [name.strip().strip("{}") for name in value.split(" and ")] if value else []


def unlatex(text: str) -> str:
    """A BibTeX field as Zotero reads it: LaTeX's escapes undone."""
    return re.sub(r"\\([&%_#$])", r"\1", text)


def edition_files(site: Path, language: str) -> dict[str, str]:
    files = {}
    for record in manifest_of(site, language)["records"]:
        suffix = record["file"].rsplit(".", 1)[1]
        files[suffix] = (site / language / record["file"]).read_text(encoding="utf-8")
    return files


def cases(site: Path):
    for language in languages():
        manifest = manifest_of(site, language)
        for text in manifest["texts"]:
            yield language, manifest, text


@pytest.fixture(scope="module")
def items(site):
    """(language, siglum) -> the text's item by path: csl, ris, bib (key, entry), page tags."""
    found = {}
    for language in languages():
        manifest = manifest_of(site, language)
        files = edition_files(site, language)
        csl = json.loads(files["json"])
        jsonschema.validate(csl, SCHEMA)
        ris = rispy.loads(files["ris"])
        bib = pybtex.database.parse_string(files["bib"], "bibtex")
        assert len(csl) == len(ris) == len(bib.entries) == 1 + len(manifest["texts"])
        for text in manifest["texts"]:
            index = 1 + sorted(t["siglum"] for t in manifest["texts"]).index(text["siglum"])
            key = csl[index]["id"]
            found[language, text["siglum"]] = {
                "csl": csl[index],
                "ris": ris[index],
                "bib": (key, bib.entries[key]),
                "page": tags(page(site, language, text["docname"] + ".html")),
                "text": text,
                "book": csl[0],
            }
    return found


def test_every_text_is_one_book_section_of_the_edition_on_every_path(site, items):
    assert items, "no texts in the manifests"
    for (language, _siglum), item in items.items():
        csl, ris, (key, bib), tags_, book = (item[k] for k in ("csl", "ris", "bib", "page", "book"))
        url = csl["URL"]
        # the type: CSL chapter = RIS CHAP = BibTeX incollection = Highwire inbook (Zotero: bookSection)
        assert csl["type"] == "chapter" and ris["type_of_reference"] == "CHAP"
        assert bib.type == "incollection" and tags_["z.itemType"] == ["bookSection"]
        # title, container, edition, publisher, date, language, URL
        title = csl["title"]
        assert ris["title"] == tags_["citation_title"][0] == tags_["DC.title"][0] == title
        assert bib.fields["title"] == "{" + title + "}"
        container = book["title"]
        assert csl["container-title"] == ris["secondary_title"] == container
        assert tags_["citation_inbook_title"] == [container] and bib.fields["booktitle"] == "{" + container + "}"
        assert csl["edition"] == ris["edition"] == bib.fields["edition"] == tags_["prism.edition"][0]
        assert csl["publisher"] == ris["publisher"] == bib.fields["publisher"] == tags_["citation_publisher"][0]
        date = csl["issued"]["raw"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) and date == book["issued"]["raw"]
        assert bib.fields["date"] == tags_["citation_publication_date"][0] == tags_["DC.date"][0] == date
        assert ris["date"] == date.replace("-", "/")
        assert csl["language"] == ris["language"] == bib.fields["language"] == language
        assert tags_["citation_language"] == tags_["DC.language"] == [language]
        assert ris["urls"] == [url] and bib.fields["url"] == url
        assert tags_["citation_public_url"] == tags_["DC.identifier"] == [url]
        assert url == f"{manifest_of(site, language)['citation']['base_url']}{language}/{item['text']['docname']}.html"
        # a text page's PDF is its offprint (a reference manager attaches it), not the whole book
        [offprint] = [d["file"] for d in manifest_of(site, language)["downloads"]
                      if d["kind"] == "offprint" and d["siglum"] == _siglum]
        assert tags_["citation_pdf_url"] == [f"{manifest_of(site, language)['citation']['base_url']}{language}/{offprint}"]
        assert (site / language / offprint).is_file()
        # the abstract: whole sentences, the same on every path
        abstract = csl["abstract"]
        assert SENTENCE_END.search(abstract) and abstract.count("(") == abstract.count(")"), abstract
        assert ris["abstract"] == tags_["DCTERMS.abstract"][0] == abstract


def test_creators_agree_and_a_group_is_one_name_on_every_path(items):
    for (language, siglum), item in items.items():
        csl, ris, (_key, bib), tags_ = (item[k] for k in ("csl", "ris", "bib", "page"))
        authors, editors = csl["author"], csl["editor"]
        translators = csl.get("translator", [])
        assert ris["authors"] == [name_of(n) for n in authors]
        assert ris["secondary_authors"] == [name_of(n) for n in editors]
        assert ris.get("subsidiary_authors", []) == [name_of(n) for n in translators]
        assert tags_["DC.creator"] == [meta_name(n) for n in authors]
        assert tags_["bib.editors"] == [meta_name(n) for n in editors]
        assert tags_.get("z.translators", []) == [meta_name(n) for n in translators]
        assert "citation_author" not in tags_  # Zotero would take it and drop the other roles
        for role, names in (("author", authors), ("editor", editors), ("translator", translators)):
            assert bib_names(bib, role) == [name_of(n) for n in names], (language, siglum, role)
            for person, name in zip(bib.persons.get(role, []), names, strict=False):
                if "literal" in name:  # braced: BibTeX and Zotero keep it whole
                    assert str(person) == "{" + name["literal"] + "}" and not person.first_names
        if translators:
            assert bib.fields["translator"] == "{" + translators[0]["literal"] + "}"
        # the edition's editors are a group
        assert all("literal" in n for n in editors)


def test_a_translation_view_names_the_editors_as_its_translators(items):
    views = [(lang, s) for (lang, s), item in items.items() if item["text"]["lang"] != lang]
    assert views, "no translation views"
    for key, item in items.items():
        translated = item["text"]["lang"] != key[0]
        assert ("translator" in item["csl"]) == translated, key
        if translated:
            assert item["csl"]["translator"] == item["csl"]["editor"]
            assert item["page"]["z.translators"] and item["ris"]["subsidiary_authors"]
            assert bib_names(item["bib"][1], "translator") == [item["csl"]["translator"][0]["literal"]]


def test_the_first_publication_is_where_each_manager_reads_it(items):
    for key, item in items.items():
        csl, ris, (_k, bib), tags_ = (item[k] for k in ("csl", "ris", "bib", "page"))
        lines = csl["note"].splitlines()
        assert lines[0] == f"original-title: {csl['original-title']}", key
        sentence = lines[-1]
        # CSL-JSON note -> Zotero's Extra; the page gives Zotero the same text (DC.description)
        assert tags_["DC.description"] == [csl["note"]]
        # RIS N1 and BibTeX note: the sentence, which Zotero keeps as a note
        assert ris["notes"] == [sentence]
        assert bib.fields["origtitle"] == "{" + csl["original-title"] + "}"
        assert unlatex(bib.fields["note"]) == sentence
    taubman = [item for (_lang, siglum), item in items.items() if siglum == "A"]
    for item in taubman:
        assert "original-date: 2004" in item["csl"]["note"].splitlines()
        assert "Millar" in item["csl"]["note"]


def test_every_paragraphs_downloads_are_its_texts_item_with_the_locator(site, items):
    for language in languages():
        manifest = manifest_of(site, language)
        texts = {t["docname"]: t["siglum"] for t in manifest["texts"]}
        for paragraph in manifest["paragraphs"]:
            if paragraph["docname"] not in texts:
                continue
            item = items[language, texts[paragraph["docname"]]]
            folder = site / language / "cite" / paragraph["docname"]
            anchor, number, ref = paragraph["anchor"], paragraph["number"], paragraph["ref"]
            [csl] = json.loads((folder / f"{anchor}.json").read_text(encoding="utf-8"))
            assert csl == item["csl"], ref  # the same item: CSL-JSON has no room for a locator
            [ris] = rispy.loads((folder / f"{anchor}.ris").read_text(encoding="utf-8"))
            assert ris["urls"] == item["ris"]["urls"] and ris["title"] == item["ris"]["title"]
            locator = ris["notes"][-1]
            assert re.search(rf"\b{number}\b", locator) and ref in locator and locator.endswith(f"#{anchor}")
            bib = pybtex.database.parse_string((folder / f"{anchor}.bib").read_text(encoding="utf-8"), "bibtex")
            [(key, entry)] = bib.entries.items()
            assert key == item["bib"][0] and entry.fields["url"] == item["bib"][1].fields["url"]
            assert ref in entry.fields["annote"] and "note" in entry.fields


def test_the_home_pages_and_the_root_describe_the_edition_as_a_book(site):
    first = languages()[0]
    for language in languages():
        manifest = manifest_of(site, language)
        book = manifest["citation"]["record"]
        home = page(site, language, "index.html")
        tags_ = tags(home)
        assert book["type"] == "book" and "version" not in book  # else Zotero: computer program
        assert tags_["z.itemType"] == ["book"] and "citation_inbook_title" not in tags_
        assert tags_["citation_title"] == [book["title"]] and tags_["bib.editors"] == [book["editor"][0]["literal"] + ","]
        pdf = next(d["file"] for d in manifest["downloads"] if d["kind"] == "pdf")
        assert tags_["citation_pdf_url"] == [f"{manifest['citation']['base_url']}{language}/{pdf}"]
        hreflangs = {link["hreflang"] for link in home.select('link[rel="alternate"][hreflang]')}
        assert hreflangs == {*languages(), "x-default"}
        assert SENTENCE_END.search(book["abstract"])
    root = page(site, ".", "index.html")
    root_tags = tags(root)
    book = manifest_of(site, first)["citation"]["record"]
    assert root_tags["citation_title"] == [book["title"]] and root_tags["z.itemType"] == ["book"]
    assert root_tags["citation_public_url"] == [book["URL"]]
    hreflangs = {link["hreflang"]: link["href"] for link in root.select('link[rel="alternate"][hreflang]')}
    assert set(hreflangs) == {*languages(), "x-default"}


def test_no_output_names_a_placeholder_address(site):
    for path in site.rglob("*"):
        if path.suffix in {".html", ".json", ".bib", ".ris", ".xml", ".txt", ".js"}:
            assert "example.org" not in path.read_text(encoding="utf-8", errors="replace"), path
