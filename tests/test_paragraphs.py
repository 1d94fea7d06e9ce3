"""edition.paragraphs: permanent numbers, anchors and the {para} role."""

import re

import pytest
from bs4 import BeautifulSoup
from docutils import nodes

from edition.paragraphs import digest, normalised_text, paragraph_number


def numbered(soup):
    return [(p["id"], p.select_one("a.parnum").get_text()) for p in soup.select("p.numbered")]


@pytest.mark.sphinx("html", testroot="paragraphs")
def test_text_paragraphs_get_numbers_anchors_and_letters(app):
    app.build()
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert numbered(soup) == [("p1", "1"), ("p2", "2"), ("p2a", "2a"), ("p3", "3")]
    # the margin number is a permalink labelled with the canonical reference
    link = soup.select_one("#p2a a.parnum")
    assert link["href"] == "#p2a" and link["aria-label"] == "Paragraph A 2a"
    # notes and paragraphs in containers are not numbered
    assert soup.find(string="Not numbered: inside a container.").parent.get("id") is None


@pytest.mark.sphinx("html", testroot="paragraphs")
def test_pages_with_paragraph_numbers_number_section_paragraphs_only(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "intro.html").read_text(), "html.parser")
    assert numbered(soup) == [("p1", "1"), ("p2", "2")]
    assert soup.select_one("li p").get("id") is None


@pytest.mark.sphinx("html", testroot="paragraphs")
def test_para_role_links_to_the_paragraph_anchor(app):
    app.build()
    soup = BeautifulSoup((app.outdir / "intro.html").read_text(), "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select("a.reference") if a.select_one(".paragraph-ref")}
    assert links == {"A 2a": "index.html#p2a", "A 3": "index.html#p3"}


@pytest.mark.sphinx("html", testroot="paragraphs", srcdir="paragraphs-missing")
def test_para_role_warns_about_a_missing_paragraph(app):
    intro = app.srcdir / "intro.md"
    intro.write_text(intro.read_text().replace("{para}`A 3`", "{para}`A 9`"))
    app.build()
    assert "intro.md:6" in app.warning.getvalue()
    assert "A 9" in app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="paragraphs", srcdir="paragraphs-duplicate")
def test_a_duplicated_paragraph_number_is_reported(app):
    index = app.srcdir / "index.md"
    index.write_text(index.read_text().replace("{#p2a}", "{#p2}"))
    app.build()
    assert "paragraph number A 2 is used twice" in app.warning.getvalue()


@pytest.mark.sphinx("latex", testroot="paragraphs")
def test_latex_puts_the_numbers_in_the_margin(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"\providecommand{\edparnum}" in tex  # the book's design (edition.book) sets its own
    assert sorted(re.findall(r"\\edparnum\{(\w)\}\{(\w+)\}", tex)) == [
        ("A", "1"), ("A", "2"), ("A", "2a"), ("A", "3"), ("I", "1"), ("I", "2")]


@pytest.mark.sphinx("html", testroot="paragraphs", parallel=2)
def test_numbering_survives_a_parallel_build(app):
    app.build()
    assert app.warning.getvalue() == ""
    refs = sorted(app.env.domains["edition"].data["paragraphs"])
    assert refs == ["A 1", "A 2", "A 2a", "A 3", "I 1", "I 2"]


@pytest.mark.sphinx("html", testroot="paragraphs")
def test_the_hash_ignores_notes_and_the_margin_number(app):
    app.build()
    doctree = app.env.get_doctree("index")
    first = next(p for p in doctree.findall(nodes.paragraph) if p.get("edition_ref") == "A 1")
    assert any(isinstance(n, paragraph_number) for n in first.children)
    assert normalised_text(first) == "First paragraph."
    record = app.env.domains["edition"].data["paragraphs"]["A 1"]
    assert record["sha256"] == digest("First paragraph.")
