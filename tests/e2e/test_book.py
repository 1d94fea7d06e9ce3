"""The printed edition as a reader, a printer and a reference manager meet it.

Each book and offprint is read with pdftotext and pypdf; what LaTeX was given
and what it recorded (the .tex, the index, the log, the record of the pages of
each text and paragraph) is read beside it. What to expect comes from the
manifests: the texts, their paragraphs and notes, the downloads.
"""

from __future__ import annotations

import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from edition.languages import language as language_row
from reader import built, download, languages, manifest_of, page

pytestmark = pytest.mark.usefixtures("site")

PAGE_NUMBER = re.compile(r"^(?:\d+|[ivxlc]+)$")
HEAD_RANGE = re.compile(r"\b(?P<siglum>[A-Z]) (?P<first>\d+[a-z]?)(?:–(?P<last>\d+[a-z]?))?\b")


@cache
def page_texts(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext lays it out."""
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return out.split("\f")[: len(PdfReader(pdf).pages)]


def pdfs(site: Path, language: str) -> list[Path]:
    """The book and every offprint of *language*."""
    data = manifest_of(site, language)
    return [site / language / d["file"] for d in data["downloads"] if d["kind"] in {"pdf", "offprint"}]


def latex_folder(site: Path, language: str) -> Path:
    return built(site, language, "pdf", ".tex").parent


def record(site: Path, language: str) -> list[list[str]]:
    """LaTeX's record of the pages: ``start a 25``, ``par A 3 27`` (original, then translation), ``end a 36``."""
    return [line.split() for line in (latex_folder(site, language) / "offprints.txt").read_text("utf-8").splitlines()]


def content_lines(text: str) -> list[str]:
    """A page's lines without its running head and its page number."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and PAGE_NUMBER.match(lines[-1]):
        lines = lines[:-1]  # a folio at the foot
    if lines and PAGE_NUMBER.match(lines[0].split()[0] if lines[0].split() else ""):
        lines = lines[1:]  # a head that starts with the folio
    elif lines and PAGE_NUMBER.match(lines[0].split()[-1]):
        lines = lines[1:]  # a head that ends with it
    return lines


@pytest.mark.parametrize("language", languages())
def test_no_page_of_a_book_or_an_offprint_is_blank(site, language):
    for pdf in pdfs(site, language):
        blank = [number for number, text in enumerate(page_texts(pdf), 1) if not content_lines(text)]
        assert not blank, f"{pdf.name}: pages {blank} carry nothing but a running head or a folio"


@pytest.mark.parametrize("language", languages())
def test_the_title_page_gives_title_editors_version_date_and_licence(site, language):
    data = manifest_of(site, language)
    pdf = download(site, language, "pdf")
    title_page = " ".join(page_texts(pdf)[0].split())
    edition = data["edition"]
    editors = data["citation"]["record"]["editor"][0]["literal"]
    for expected in (edition["title"], editors, edition["version"], "CC BY-SA 4.0"):
        assert expected in title_page, f"{pdf.name}: the title page lacks {expected!r}"
    assert language_row(language).date(edition["date"]) in title_page
    whole = " ".join(" ".join(page_texts(pdf)).split())
    assert "Release" not in whole, f"{pdf.name}: Sphinx's 'Release' is still printed"


@pytest.mark.parametrize("language", languages())
def test_each_texts_notes_are_numbered_from_one_as_on_the_web(site, language):
    data = manifest_of(site, language)
    tex = built(site, language, "pdf", ".tex").read_text("utf-8")
    starts = [(m.start(), m["doc"]) for m in re.finditer(r"\\label\{\\detokenize\{(?P<doc>[^}]+)::doc\}\}", tex)]
    for text in data["texts"]:
        [begin] = [i for i, (_, doc) in enumerate(starts) if doc == text["docname"]]
        end = starts[begin + 1][0] if begin + 1 < len(starts) else len(tex)
        marks = [int(n) for n in re.findall(r"\\begin\{footnote\}\[(\d+)\]", tex[starts[begin][0]:end])]
        web = [int(note["number"]) for note in data["notes"][text["docname"]]]
        assert marks == web == list(range(1, len(web) + 1)), f"Text {text['siglum']}: PDF {marks}, web {web}"


@pytest.mark.parametrize("language", languages())
def test_the_index_joins_page_ranges_with_a_dash_and_sets_no_typewriter_type(site, language):
    ind = built(site, language, "pdf", ".ind").read_text("utf-8")
    assert not re.search(r"\\hyperpage\{[^}]*\}\\hyperpage", ind), "a page range without a dash"
    assert "\\textendash" in ind, "no page range in the index at all"
    pdf = download(site, language, "pdf")
    reader = PdfReader(pdf)
    index_start = reader.get_destination_page_number(reader.outline[-1]) + 1
    fonts = subprocess.run(["pdffonts", "-f", str(index_start), "-l", str(len(reader.pages)), str(pdf)],
                           capture_output=True, text=True, check=True).stdout
    assert "Mono" not in fonts, f"typewriter type in the index (pages {index_start}–): {fonts}"


def letter_groups(ind: str) -> list[str]:
    return re.findall(r"\\lettergroup\{([^}]*)\}", ind)


def test_the_russian_index_lists_people_in_cyrillic_in_russian_order(site):
    if "ru" not in languages():
        pytest.skip("the Russian edition is not built")
    ind = built(site, "ru", "pdf", ".ind").read_text("utf-8")
    groups = letter_groups(ind)
    cyrillic = [g for g in groups if re.fullmatch(r"[А-ЯЁ]", g)]
    order = language_row("ru").alphabet
    assert cyrillic == sorted(cyrillic, key=lambda g: order.index(g.lower())) and "Х" in cyrillic
    khrushchev = ind.index("\\spxentry{Хрущёв, Никита Сергеевич}")
    assert ind.rindex("\\lettergroup{", 0, khrushchev) == ind.index("\\lettergroup{Х}")
    assert "Khrushchev, Nikita" not in ind


def test_the_latvian_index_is_in_latvian_order(site):
    if "lv" not in languages():
        pytest.skip("the Latvian edition is not built")
    groups = letter_groups(built(site, "lv", "pdf", ".ind").read_text("utf-8"))
    order = language_row("lv").alphabet
    letters = [g for g in groups if g.lower() in order]
    assert len(letters) > 5 and letters == sorted(letters, key=lambda g: order.index(g.lower()))


@pytest.mark.parametrize("language", languages())
def test_no_latex_markup_and_no_missing_character(site, language):
    # commands the edition shows as code (how-to-cite: \\cite[para.~3]{key}) are words of the text
    shown = set(re.findall(r"\\textbackslash\{\}([A-Za-z]+)", built(site, language, "pdf", ".tex").read_text("utf-8")))
    for pdf in pdfs(site, language):
        markup = [m for m in re.findall(r"\\([A-Za-z]+)", "".join(page_texts(pdf))) if m not in shown]
        assert not markup, f"{pdf.name}: LaTeX markup in the text: {markup[:5]}"
    log = built(site, language, "pdf", ".log").read_text("utf-8", errors="replace")
    assert "Missing character" not in log


@pytest.mark.parametrize("language", languages())
def test_each_original_faces_its_translation(site, language):
    """An original on a left-hand page, its translation on the right-hand page facing it."""
    data = manifest_of(site, language)
    translated = {f"{p['siglum']} {p['number']}" for p in data["paragraphs"]
                  if p["siglum"] in {t["siglum"] for t in data["texts"]} and p.get("translation")}
    pages: dict[str, list[int]] = {}
    for words in record(site, language):
        if words[0] == "par":
            pages.setdefault(f"{words[1]} {words[2]}", []).append(int(words[3]))
    labels = PdfReader(download(site, language, "pdf")).page_labels
    for ref in translated:
        original, facing = pages[ref]
        assert facing == original + 1 and int(labels[original - 1]) % 2 == 0, (
            f"{ref}: original on page {labels[original - 1]}, translation on page {labels[facing - 1]}")


@pytest.mark.parametrize("language", languages())
def test_the_running_head_names_the_paragraphs_of_its_page(site, language):
    texts = page_texts(download(site, language, "pdf"))
    starting: dict[int, set[str]] = {}
    for words in record(site, language):
        if words[0] == "par" and words[1] != "I":
            starting.setdefault(int(words[3]), set()).add(f"{words[1]} {words[2]}")
    assert starting, "no paragraph recorded"
    for number, refs in starting.items():
        head = texts[number - 1].strip().splitlines()[0]
        found = HEAD_RANGE.search(head)
        if found is None:  # a text's first page opens with its title, not a head
            continue
        numbers = [int(re.match(r"\d+", n)[0]) for n in (found["first"], found["last"] or found["first"])]
        for ref in refs:
            siglum, n = ref.split()
            assert siglum == found["siglum"] and numbers[0] <= int(re.match(r"\d+", n)[0]) <= numbers[1], (
                f"page {number}: the head {head!r} does not name {ref}")


@pytest.mark.parametrize("language", languages())
def test_each_text_has_its_offprint_with_title_block_and_metadata(site, language):
    data = manifest_of(site, language)
    base = data["citation"]["base_url"]
    for text in data["texts"]:
        [offprint] = [d for d in data["downloads"] if d["kind"] == "offprint" and d["siglum"] == text["siglum"]]
        pdf = site / language / offprint["file"]
        reader = PdfReader(pdf)
        first = " ".join(page_texts(pdf)[0].split())
        url = f"{base}{language}/{text['docname']}.html"
        assert url in first, f"{pdf.name}: no permalink {url} on its first page"
        assert reader.metadata.title.endswith(page(site, language, text["docname"] + ".html").h1.get_text().strip("¶ "))
        assert reader.metadata.author and reader.metadata.subject and reader.metadata.get("/Keywords")
        assert str(reader.trailer["/Root"]["/Lang"]) == language
        bookmarks = [item.title for item in reader.outline[1]]
        expected = [f"{p['siglum']} {p['number']}" for p in data["paragraphs"] if p["siglum"] == text["siglum"]]
        assert bookmarks == expected
        # the text's page links its own offprint
        links = {a.get("href", "") for a in page(site, language, text["docname"] + ".html").select("a[href]")}
        assert any(href.endswith(offprint["file"]) for href in links), f"{text['docname']} does not link {pdf.name}"


@pytest.mark.parametrize("language", languages())
def test_the_book_is_described_in_its_language(site, language):
    reader = PdfReader(download(site, language, "pdf"))
    info = reader.metadata
    assert info.title == manifest_of(site, language)["edition"]["title"]
    assert info.subject and info.get("/Keywords")
    if language_row(language).cyrillic:
        assert re.search("[а-я]", info.subject) and re.search("[а-я]", info["/Keywords"])
    assert len(reader.outline) > 10
