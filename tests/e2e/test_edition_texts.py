"""The edited texts, read as a reader reads them: complete, exact, once, uncluttered."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import zipfile

import pytest
from reader import (
    built,
    download,
    languages,
    manifest_of,
    page,
    pages,
    reading_text,
    sentences,
    witness_a,
    witness_b,
)

CLUTTER = [
    "Skip to main content",
    "Cite this article",
    "Pick a style below, and copy the text for your bibliography.",
    "Learn more about citation styles",
    "Citation styles gives you the ability to cite reference entries",
    "Encyclopedia of Russian History. . 21 Jul. 2018",
    "Retrieved July 21, 2018 from",
    "Most online reference entries and articles do not have page numbers.",
    "Modern Language Association",
]


@pytest.mark.parametrize("language", languages())
def test_text_a_is_the_witness_word_for_word(site, language):
    soup = page(site, language, "texts/a.html")
    title, lines = witness_a()
    text = soup.select_one('div.edited-text[data-siglum="A"]')
    assert reading_text(soup.select_one("main h1")) == title
    # the six paragraphs, See also, the four works and the signature, in order
    assert reading_text(text) == " ".join(lines)


@pytest.mark.parametrize("language", languages())
def test_text_b_is_the_witness_word_for_word(site, language):
    soup = page(site, language, "texts/b.html")
    text = soup.select_one('div.edited-text[data-siglum="B"]')
    assert text["lang"] == "lv"
    assert reading_text(text) == witness_b()


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize(("name", "witness"), [("texts/a.html", "a"), ("texts/b.html", "b")])
def test_every_sentence_appears_exactly_once_on_its_page(site, language, name, witness):
    main = reading_text(page(site, language, name).select_one("main"))
    text = " ".join(witness_a()[1]) if witness == "a" else witness_b()
    counts = {sentence: main.count(sentence) for sentence in sentences(text)}
    assert len(counts) > (25 if witness == "a" else 50)
    assert {s: n for s, n in counts.items() if n != 1} == {}


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("name", ["texts/a.html", "texts/b.html"])
def test_no_web_page_clutter_on_the_text_pages(site, language, name):
    main = reading_text(page(site, language, name).select_one("body"))
    assert [c for c in CLUTTER if c in main] == []


def words(text: str) -> list[str]:
    """Words in order. Hyphens inside words are dropped on both sides of a comparison,
    because pdftotext joins a word broken at a line end, and "Anti-Party" broken after
    its hyphen comes out as "AntiParty"."""
    text = re.sub(r"(?<=[^\W\d_])-\s*(?=[^\W\d_])", "", text)
    return re.findall(r"[^\W\d_]+", text)


def pdf_words(pdf) -> list[str]:
    return words(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                                text=True, check=True).stdout)


def is_subsequence(needle: list[str], haystack: list[str], reach: int = 2000) -> bool:
    """Every word of *needle*, in order, in *haystack*. A word LaTeX broke across a
    page, with that page's footnotes between its halves (a note may run on over
    several pages), matches as a prefix in one place and the rest within *reach*
    words after it, unless the whole word comes soon after the prefix."""
    position = 0
    for word in needle:
        while position < len(haystack):
            candidate = haystack[position]
            position += 1
            if candidate == word:
                break
            # the first half of a word broken at a page's end, alone ("Coun") or joined to the
            # first word of that page's notes ("north-" + "secondary" = "northsecondary")
            common = len(os.path.commonprefix([candidate, word]))
            half = candidate if word.startswith(candidate) else candidate[:common]
            if len(half) >= (2 if half == candidate else 4) and word not in haystack[position : position + 50]:
                rest = word[len(half):]
                ahead = haystack[position : position + reach]
                if rest in ahead:
                    position += ahead.index(rest) + 1
                    break
        else:
            return False
    return True


@pytest.mark.parametrize("language", languages())
def test_pdf_contains_both_texts_in_order_with_latvian_diacritics(site, language):
    found = pdf_words(download(site, language, "pdf"))
    for text in (" ".join(witness_a()[1]), witness_b()):
        # in order: notes, numbers and running heads may come between, nothing may be missing
        assert is_subsequence(words(text), found)
    for word in ("Ņikitas", "Hruščova", "Maļenkovs", "destaļinizāciajs", "Žukovam", "Антипартийная"):
        assert word in found


@pytest.mark.parametrize("language", languages())
def test_pdf_embeds_every_font(site, language):
    table = subprocess.run(["pdffonts", str(download(site, language, "pdf"))], capture_output=True, text=True, check=True).stdout
    rows = table.splitlines()[2:]
    assert rows
    assert [row for row in rows if row.split()[-5] != "yes"] == []


@pytest.mark.parametrize("language", languages())
def test_epub_is_a_zip_with_a_stored_epub_mimetype_first(site, language):
    with zipfile.ZipFile(download(site, language, "epub")) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
        assert archive.testzip() is None
        pages = [n for n in archive.namelist() if n.endswith(".xhtml")]
        b = next(archive.read(n).decode() for n in pages if "edited-text" in archive.read(n).decode()
                 and 'data-siglum="B"' in archive.read(n).decode())
    assert "destaļinizāciajs" in b


@pytest.mark.parametrize("language", languages())
def test_every_html_page_links_to_its_pdf_epub_and_tei(site, language):
    """Every page: the book's PDF and EPUB and the edition's TEI; a text's page: its own
    offprint and TEI instead of the edition's TEI."""
    data = manifest_of(site, language)
    downloads = data["downloads"]
    assert {d["kind"] for d in downloads} == {"pdf", "epub", "offprint", "tei"}
    books = {d["file"] for d in downloads if d["kind"] in {"pdf", "epub"} or (d["kind"] == "tei" and not d["docname"])}
    texts = {d["docname"] + ".html": d["file"] for d in downloads if d["kind"] == "tei" and d["docname"]}
    offprints = {text["docname"] + ".html": d["file"] for text in data["texts"] for d in downloads
                 if d["kind"] == "offprint" and d["siglum"] == text["siglum"]}
    corpus = next(d["file"] for d in downloads if d["kind"] == "tei" and not d["docname"])
    for name in pages(site, language):
        hrefs = {a["href"] for a in page(site, language, name).select("header a[download]")}
        # the 404 page's links are absolute paths: it is shown at any address
        targets = {href.removeprefix(f"/{language}/") if href.startswith("/")
                   else posixpath.normpath(posixpath.join(posixpath.dirname(name), href)) for href in hrefs}
        wanted = books - {corpus} | {texts[name], offprints[name]} if name in texts else books
        assert targets == wanted, name


def test_the_text_languages_are_marked(site):
    language = languages()[0]
    b = page(site, language, "texts/b.html")
    assert b.select_one("div.edited-text")["lang"] == "lv"
    assert b.select_one('div.edited-text span[lang="ru"]').get_text() == "Антипартийная группа"
    a = page(site, language, "texts/a.html")
    assert a.select_one("div.edited-text")["lang"] == "en"
    tex = built(site, language, "pdf", ".tex").read_text()
    assert r"\begin{otherlanguage}{latvian}" in tex
