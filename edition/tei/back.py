"""The back matter every TEI document carries: persons, works, glossary.

- ``listPerson`` from the register's data (``persons.toml``): every ``persName``
  in the text points to a ``person`` here;
- ``listBibl`` from ``bibliography.bib``, read with pybtex: every citation in the
  notes points to a ``bibl`` here;
- the glossary's entries (``entry``), from the glossary page as the build's
  language reads it: every ``term`` points to one.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

import pybtex.database
from docutils import nodes
from pybtex.backends.plaintext import Backend as PlainTextBackend
from pybtex.richtext import Text as RichText

from edition.tei.convert import XML_ID, XML_LANG, append_text, tei, text_of
from edition.texts import foreign

if TYPE_CHECKING:
    from pathlib import Path

    from lxml import etree

    from edition.persons import Person
    from edition.tei.convert import Converter, Links

PLAIN_TEXT = PlainTextBackend()
CITE_ROLE = re.compile(r"\{cite:(?P<kind>[pt])\}`(?P<keys>[^`]+)`")


# -- Works ----------------------------------------------------------------------


@functools.cache
def plain(value: str) -> str:
    """A BibTeX field without braces and LaTeX: what a reader sees (pybtex's plain-text backend,
    taken once: ``render_as`` looks the backend up among every package's entry points each time)."""
    return RichText.from_latex(value).render(PLAIN_TEXT)


def read_works(path: Path) -> pybtex.database.BibliographyData:
    return pybtex.database.parse_file(str(path), bib_format="bibtex")


def short_labels(works: pybtex.database.BibliographyData) -> dict[str, tuple[str, str]]:
    """Each work's names and year, as the notes cite it: ("Taubman", "2003")."""
    labels = {}
    for key, entry in works.entries.items():
        people = entry.persons.get("author") or entry.persons.get("editor") or []
        names = [plain(" ".join(p.prelast_names + p.last_names)) or plain(str(p)) for p in people]
        if len(names) > 2:
            shown = f"{names[0]} et al."
        elif names:
            shown = " and ".join(names)
        else:
            shown = plain(entry.fields.get("organization", "") or entry.fields.get("title", key))
        labels[key] = (shown, plain(entry.fields.get("year", "")) or "n.d.")
    return labels


def _person_name(person: pybtex.database.Person) -> str:
    return plain(" ".join(person.first_names + person.middle_names + person.prelast_names + person.last_names)
                 or str(person))


def list_bibl(works: pybtex.database.BibliographyData, links: Links) -> etree._Element:
    """Every work of the bibliography as a ``bibl``, its parts tagged."""
    listing = tei("listBibl")
    for key, entry in works.entries.items():
        bibl = tei("bibl", {XML_ID: links.id(f"bib-{key}"), "type": entry.type}, parent=listing)
        for role, tag in (("author", "author"), ("editor", "editor"), ("translator", "editor")):
            for person in entry.persons.get(role, []):
                tei(tag, {"role": "translator" if role == "translator" else ""}, _person_name(person), parent=bibl)
        fields = entry.fields
        analytic = entry.type in {"article", "incollection", "inproceedings", "inbook"}
        if "title" in fields:
            tei("title", {"level": "a" if analytic else "m"}, plain(fields["title"]), parent=bibl)
        for field, level in (("booktitle", "m"), ("journal", "j"), ("series", "s")):
            if field in fields:
                tei("title", {"level": level}, plain(fields[field]), parent=bibl)
        for field, unit in (("volume", "volume"), ("number", "issue"), ("pages", "page")):
            if field in fields:
                tei("biblScope", {"unit": unit}, plain(fields[field]), parent=bibl)
        if "address" in fields:
            tei("pubPlace", text=plain(fields["address"]), parent=bibl)
        for field in ("publisher", "institution", "organization"):
            if field in fields:
                tei("publisher", text=plain(fields[field]), parent=bibl)
        if "year" in fields:
            tei("date", {"when": fields["year"] if re.fullmatch(r"\d{4}", fields["year"]) else ""},
                plain(fields["year"]), parent=bibl)
        if "isbn" in fields:
            tei("idno", {"type": "ISBN"}, plain(fields["isbn"]), parent=bibl)
        if "url" in fields:
            tei("ptr", {"target": fields["url"]}, parent=bibl)
        for field in ("howpublished", "note"):
            if field in fields:
                tei("note", text=plain(fields[field]), parent=bibl)
    return listing


# -- Persons --------------------------------------------------------------------


def list_person(persons: list[Person], links: Links, works: dict[str, tuple[str, str]]) -> etree._Element:
    """The register: names in English and Russian, dates, offices with their sources."""
    listing = tei("listPerson")
    for person in persons:
        element = tei("person", {XML_ID: links.id(person.anchor)}, parent=listing)
        tei("persName", {XML_LANG: "en", "type": "register"}, person.name, parent=element)
        if person.russian:
            tei("persName", {XML_LANG: "ru"}, person.russian, parent=element)
        if person.dates:
            born, _, died = person.dates.partition("–")
            if born.strip():
                tei("birth", text=born.strip(), parent=element)
            if died.strip():
                tei("death", text=died.strip(), parent=element)
        for office in person.offices:
            _with_citations(tei("occupation", {XML_LANG: "en"}, parent=element), office, links, works)
        if person.note:
            _with_citations(tei("note", {XML_LANG: "en"}, parent=element), person.note, links, works)
    return listing


def _with_citations(element: etree._Element, text: str, links: Links, works: dict[str, tuple[str, str]]) -> None:
    """*text*, its ``{cite:p}`` roles as pointers to the works."""
    position = 0
    for match in CITE_ROLE.finditer(text):
        append_text(element, text[position:match.start()])
        keys = [key.strip() for key in match["keys"].split(",")]
        append_text(element, "(" if match["kind"] == "p" else "")
        for index, key in enumerate(keys):
            append_text(element, "; " if index else "")
            names, year = works.get(key, (key, ""))
            tei("ref", {"type": "bibl", "target": links.local_ref(f"bib-{key}")}, f"{names} {year}".strip(),
                parent=element)
        append_text(element, ")" if match["kind"] == "p" else "")
        position = match.end()
    append_text(element, text[position:])


# -- Glossary -------------------------------------------------------------------


def glossary_terms(doctree: nodes.document, known: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Each term the glossary defines (lower case) -> the id of its entry (its first term's).

    *known* is Sphinx's own table (term -> (page, id)): in a translated build it holds
    the source's terms, which the texts' links name, beside the translated ones.
    """
    entries = {}
    for item in doctree.findall(nodes.definition_list_item):
        found = [term for term in item.findall(nodes.term) if term["ids"]]
        for term in found:
            for term_id in term["ids"]:
                entries[term_id] = found[0]["ids"][0]
    terms = {text_of(term).lower(): entries[term["ids"][0]]
             for term in doctree.findall(nodes.term) if term["ids"] and term["ids"][0] in entries}
    terms.update({name.lower(): entries[term_id] for name, (_, term_id) in known.items() if term_id in entries})
    return terms


def glossary_entries(doctree: nodes.document, converter: Converter, parent: etree._Element) -> None:
    """The glossary's entries: the forms of each term, and its definition."""
    for item in doctree.findall(nodes.definition_list_item):
        terms = list(item.findall(nodes.term))
        if not terms or not terms[0]["ids"]:
            continue
        entry = tei("entry", {XML_ID: converter.links.id(terms[0]["ids"][0])}, parent=parent)
        for index, term in enumerate(terms):
            languages = {node["lang"] for node in term.findall(foreign)}
            form = tei("form", {"type": "lemma" if index == 0 else "variant"}, parent=entry)
            tei("orth", {XML_LANG: languages.pop() if len(languages) == 1 else ""}, text_of(term), parent=form)
        sense = tei("sense", parent=entry)
        for definition in item.findall(nodes.definition):
            definition_element = tei("def", parent=sense)
            for index, paragraph in enumerate(definition.findall(nodes.paragraph)):
                if index:
                    append_text(definition_element, " ")
                converter.inline(definition_element, paragraph)
