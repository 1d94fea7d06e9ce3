"""The EPUB as an e-reader reads it: its package, navigation and XHTML pages.

An e-reader opens a note in a pop-up when a mark ``<a epub:type="noteref">``
leads to an ``<aside epub:type="footnote">``; it reads the contents, landmarks
and every label in the book's language; a paragraph's number must not run into
its first word. Each page is parsed as the XML it must be.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from functools import cache
from pathlib import Path, PurePosixPath

import pytest
from babel.messages.pofile import read_po
from reader import ROOT, download, languages, manifest_of, normalise, page

XHTML = "{http://www.w3.org/1999/xhtml}"
OPS = "{http://www.idpf.org/2007/ops}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def word(language: str, message: str) -> str:
    """*message* in *language*, from the edition's catalog (the English is the message)."""
    if language == "en":
        return message
    with (ROOT / "edition" / "locale" / language / "LC_MESSAGES" / "edition.po").open("rb") as po:
        translated = read_po(po).get(message)
    assert translated is not None and translated.string, f"{message!r} is not translated into {language}"
    return translated.string


@cache
def book(site: Path, language: str) -> dict[str, ET.Element]:
    """Every XML file of the EPUB of *language*, parsed, by its path in the archive."""
    with zipfile.ZipFile(download(site, language, "epub")) as archive:
        return {name: ET.fromstring(archive.read(name)) for name in archive.namelist()
                if name.endswith((".xhtml", ".opf", ".ncx", ".xml"))}


def text(element: ET.Element, skip: str = "") -> str:
    """The words of *element* as a reader (or a copy) gets them, without elements of class *skip*."""
    parts = [element.text or ""]
    for child in element:
        if not (skip and skip in child.get("class", "").split()):
            parts.append(text(child, skip))
        parts.append(child.tail or "")
    return "".join(parts)


def spine(site: Path, language: str) -> list[str]:
    files = book(site, language)
    package = files["content.opf"]
    items = {item.get("id"): item.get("href") for item in package.iter(f"{OPF}item")}
    return [items[ref.get("idref")] for ref in package.iter(f"{OPF}itemref")]


@pytest.mark.parametrize("language", languages())
def test_every_note_mark_opens_its_note_as_an_epub_footnote(site, language):
    pages_with_notes = 0
    for name in spine(site, language):
        root = book(site, language)[name]
        asides = {a.get("id"): a for a in root.iter(f"{XHTML}aside") if "footnote" in a.get(f"{OPS}type", "").split()}
        marks = [a for a in root.iter(f"{XHTML}a") if "noteref" in a.get(f"{OPS}type", "").split()]
        # every mark a docutils note reference would make is a noteref
        assert [a for a in root.iter(f"{XHTML}a") if "footnote-reference" in a.get("class", "")
                and a not in marks] == [], name
        for mark in marks:
            target = mark.get("href").removeprefix("#")
            assert target in asides, f"{name}: note mark {mark.get('id')} leads to no footnote aside"
            assert mark.get("role") == "doc-noteref" and re.fullmatch(r"\d+", text(mark)), name
            back = [a.get("href") for a in asides[target].iter(f"{XHTML}a") if a.get("role") == "doc-backlink"]
            assert f"#{mark.get('id')}" in back, f"{name}: note {target} leads back not to its mark"
        assert set(asides) == {m.get("href").removeprefix("#") for m in marks}, f"{name}: a note without a mark"
        pages_with_notes += bool(asides)
        for aside in asides.values():
            assert aside.get("role") == "doc-footnote"
    assert pages_with_notes >= 3  # the two texts and the introduction at least


@pytest.mark.parametrize("language", languages())
def test_paragraph_numbers_are_set_apart_from_the_first_word(site, language):
    """Read as a copy or a voice reads it: "3 1956. gada", never "31956. gada"."""
    paragraphs = {(p["file"], p["anchor"]): p for p in manifest_of(site, language)["paragraphs"]}
    found = 0
    for name in spine(site, language):
        page_name = str(PurePosixPath(name).with_suffix(".html"))
        for element in book(site, language)[name].iter(f"{XHTML}p"):
            record = paragraphs.get((page_name, element.get("id")))
            if record is None:
                continue
            words = normalise(text(element, skip="footnote-reference"))
            first_word = record["text"].split()[0]
            assert words.startswith(f"{record['number']} {first_word}"), (name, record["ref"], words[:40])
            found += 1
    assert found == len(paragraphs)


@pytest.mark.parametrize("language", languages())
def test_navigation_and_labels_are_in_the_book_language(site, language):
    files = book(site, language)
    package = files["content.opf"]
    assert package.get(XML_LANG) == language and package.find(f".//{DC}language").text == language
    nav = files["nav.xhtml"]
    assert nav.get("lang") == nav.get(XML_LANG) == language
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get(f"{OPS}type") == "toc")
    assert text(toc.find(f"{XHTML}h1")) == word(language, "Contents") == nav.find(f".//{XHTML}title").text
    assert [r.get("title") for r in package.iter(f"{OPF}reference")] == [word(language, "Contents")]
    landmarks = next(n for n in nav.iter(f"{XHTML}nav") if n.get(f"{OPS}type") == "landmarks")
    assert text(landmarks.find(f"{XHTML}h2")) == word(language, "Landmarks")
    kinds = {a.get(f"{OPS}type"): a.get("href") for a in landmarks.iter(f"{XHTML}a")}
    assert {"toc", "bodymatter", "glossary", "bibliography", "index"} <= set(kinds)
    assert set(kinds.values()) <= set(spine(site, language))
    for name in spine(site, language):
        root = files[name]
        assert root.get("lang") == root.get(XML_LANG) == language, name
        for heading in root.iter(f"{XHTML}h2"):
            if "notes-title" in heading.get("class", ""):
                assert text(heading) == word(language, "Notes"), name


@pytest.mark.parametrize("language", languages())
def test_original_and_translation_are_told_apart(site, language):
    """Before each text with a translation, one legend names the original's and the translation's
    language; in it, every unit has its original and then its translation, each in its language."""
    legends = 0
    for name in spine(site, language):
        root = book(site, language)[name]
        for parent in root.iter():
            children = list(parent)
            for i, child in enumerate(children):
                if "with-translation" not in child.get("class", "").split():
                    continue
                legend = [p for p in children[i - 1].iter(f"{XHTML}p")] if i else []
                original, translated = word(language, "Original (%s)"), word(language, "Translation (%s)")
                assert [bool(re.fullmatch(re.escape(original).replace("%s", ".+"), text(p))) for p in legend] == [True, False]
                assert re.fullmatch(re.escape(translated).replace("%s", ".+"), text(legend[1]))
                for unit in child.iter(f"{XHTML}div"):
                    if "text-unit" in unit.get("class", "").split():
                        first, second = list(unit)
                        assert "numbered" in first.get("class", "") and "translation" in second.get("class", "")
                        assert second.get("lang") == second.get(XML_LANG) == language
                legends += 1
    assert legends >= 1


@pytest.mark.parametrize("language", languages())
def test_the_epub_is_dated_and_versioned_as_the_site(site, language):
    package = book(site, language)["content.opf"]
    release = re.search(r'^edition_release_date = "([0-9-]+)"', (ROOT / "conf.py").read_text("utf-8"), re.M)[1]
    modified = next(m.text for m in package.iter(f"{OPF}meta") if m.get("property") == "dcterms:modified")
    assert package.find(f".//{DC}date").text == modified == f"{release}T00:00:00Z"
    footer = normalise(page(site, language, "index.html").select_one("footer.site-footer p").get_text(" "))
    colophon = book(site, language)["index.xhtml"].find(f".//{XHTML}footer")
    assert normalise(text(colophon)).rstrip(".") in footer  # title, version and the date, as the site writes them
