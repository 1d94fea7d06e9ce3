"""edition.texts: a witness's text keeps its own language in every output."""

import pytest
from bs4 import BeautifulSoup

from edition.texts import edited_text, foreign


@pytest.mark.sphinx("html", testroot="edited-text")
def test_edited_text_is_marked_with_its_language_and_siglum_in_html(app):
    app.build()
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    text = soup.select_one("div.edited-text")
    assert text["lang"] == "lv"
    assert text["data-siglum"] == "B"
    assert text.p.get_text().startswith("Pirmā rindkopa")
    assert text.select_one('span[lang="ru"]').get_text() == "Антипартийная группа"
    assert soup.h1.select_one('span[lang="lv"]').get_text() == "Virsraksts"


@pytest.mark.sphinx("html", testroot="edited-text")
def test_edited_text_wraps_only_its_own_content(app):
    app.build()
    doctree = app.env.get_doctree("index")
    [node] = list(doctree.findall(edited_text))
    assert node["siglum"] == "B" and node["lang"] == "lv"
    assert "After the text." not in node.astext()
    assert [n["lang"] for n in doctree.findall(foreign)] == ["lv", "ru"]


@pytest.mark.sphinx("latex", testroot="edited-text")
def test_edited_text_switches_polyglossia_language_in_latex(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\setotherlanguages{latvian,russian}" in tex
    assert r"\begin{otherlanguage}{latvian}" in tex
    assert r"\foreignlanguage{russian}{Антипартийная группа}" in tex
    # a title keeps the surrounding language: running heads upper-case it
    assert r"\foreignlanguage{latvian}{Virsraksts}" not in tex


@pytest.mark.sphinx("epub", testroot="edited-text")
def test_edited_text_carries_xml_lang_in_epub(app):
    app.build()
    page = (app.outdir / "index.xhtml").read_text()
    assert 'lang="lv"' in page and 'xml:lang="lv"' in page


@pytest.mark.sphinx("html", testroot="edited-text", srcdir="edited-text-unknown-language")
def test_edited_text_rejects_an_unknown_language(app):
    (app.srcdir / "index.md").write_text(":::{edited-text}\n:siglum: X\n:lang: xx\n\nText.\n:::\n")
    app.build(force_all=True)
    warnings = app.warning.getvalue()
    assert "index.md:1" in warnings
    assert "unknown language 'xx'" in warnings
