"""edition.publish: each language is swapped in whole with the downloads its manifest
names, and the site's root is written from the manifests, in each language's words."""

import json

from bs4 import BeautifulSoup

from edition.publish import publish

WORDS = {
    "en": ("The Edition", "Read the edition in English", "The whole edition:"),
    "lv": ("Izdevums", "Lasīt izdevumu latviski", "Viss izdevums:"),
}


def built(work, language, *, pdf=True):
    """A language's finished HTML build, its manifest and (maybe) its PDF."""
    html = work / language / "html"
    html.mkdir(parents=True)
    (html / "index.html").write_text("<html><body>home</body></html>")
    (html / ".buildinfo").write_text("build info")
    (html / "x.bib").write_text("@book{x, title={X}}")
    title, invitation, records = WORDS[language]
    manifest = {
        "language": language,
        "languages": [{"code": code, "name": code.upper()} for code in WORDS],
        "welcome": {"title": title, "invitation": invitation, "records": records},
        "pages": [{"docname": "index", "uri": "index.html"}],
        "downloads": [{"kind": "pdf", "builder": "latex", "built": "x.pdf", "file": f"downloads/x-{language}.pdf"}],
        "records": [{"file": "x.bib", "format": "BibTeX"}],
        "citation": {
            "record": {
                "id": f"x-{language}", "type": "book", "language": language, "title": title,
                "editor": [{"literal": "The Editors"}], "publisher": "The Editors",
                "edition": "1.0.0", "issued": {"date-parts": [[2026, 1, 2]], "raw": "2026-01-02"},
                "URL": f"https://edition.test/{language}/index.html",
                "license": "https://creativecommons.org/licenses/by-sa/4.0/",
                "abstract": f"{title}: a whole sentence.",
            },
            "pdf": f"downloads/x-{language}.pdf",
            "base_url": "https://edition.test/",
            "preview": False,
        },
    }
    (html / "manifest.json").write_text(json.dumps(manifest))
    if pdf:
        (work / language / "latex").mkdir()
        (work / language / "latex" / "x.pdf").write_bytes(b"%PDF")


def test_publish_swaps_in_each_language_with_the_downloads_its_manifest_names(tmp_path):
    work, site = tmp_path / "work", tmp_path / "site"
    built(work, "en")
    built(work, "lv", pdf=False)  # `make html` alone: no PDF yet
    publish(work, site, ["en", "lv"])
    assert (site / "en" / "downloads" / "x-en.pdf").read_bytes() == b"%PDF"
    assert not (site / "lv" / "downloads").exists()
    assert json.loads((site / "en" / "manifest.json").read_text())["language"] == "en"
    assert not (site / "en" / ".buildinfo").exists()
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".") and p.name != ".lock") == []


def test_the_root_is_written_in_each_languages_own_words(tmp_path):
    work, site = tmp_path / "work", tmp_path / "site"
    built(work, "en")
    built(work, "lv")
    publish(work, site, ["en", "lv"])
    root = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    assert root.html["lang"] == "en" and root.h1.get_text() == "The Edition"
    items = {li["lang"]: li for li in root.select("ul.languages li")}
    assert items["lv"].a["href"] == "lv/index.html" and items["lv"].a["hreflang"] == "lv"
    assert "Lasīt izdevumu latviski" in items["lv"].get_text()
    assert "Read the edition in English" in items["en"].get_text()
    assert [a["href"] for a in root.select("a[download]")] == ["x.bib"]
    assert (site / "x.bib").is_file() and (site / "landing.js").is_file()


def test_a_language_without_a_finished_build_keeps_its_published_copy(tmp_path):
    work, site = tmp_path / "work", tmp_path / "site"
    built(work, "en")
    publish(work, site, ["en"])
    (work / "en" / "html" / "manifest.json").unlink()  # a build that stopped half-way
    (work / "en" / "html" / "index.html").write_text("half-written")
    publish(work, site, ["en"])
    assert (site / "en" / "index.html").read_text() == "<html><body>home</body></html>"


def test_the_root_describes_the_edition_as_a_book_from_the_manifests(tmp_path):
    work, site = tmp_path / "work", tmp_path / "site"
    built(work, "en")
    built(work, "lv")
    publish(work, site, ["en", "lv"])
    root = BeautifulSoup((site / "index.html").read_text(), "html.parser")
    tags = {}
    for meta in root.select("meta[name], meta[property]"):
        tags.setdefault(meta.get("name") or meta["property"], []).append(meta["content"])
    # the first language's item, as its home page gives it: every word from its manifest
    assert tags["citation_title"] == ["The Edition"] and tags["og:type"] == ["book"]
    assert tags["z.itemType"] == ["book"] and tags["bib.editors"] == ["The Editors,"]
    assert tags["citation_public_url"] == ["https://edition.test/en/index.html"]
    assert tags["citation_pdf_url"] == ["https://edition.test/en/downloads/x-en.pdf"]
    assert tags["citation_publication_date"] == tags["DC.date"] == ["2026-01-02"]
    assert tags["description"] == tags["DCTERMS.abstract"] == ["The Edition: a whole sentence."]
    alternates = {link["hreflang"]: link["href"] for link in root.select('link[rel="alternate"]')}
    assert alternates == {
        "en": "https://edition.test/en/index.html",
        "lv": "https://edition.test/lv/index.html",
        "x-default": "https://edition.test/",
    }
    assert root.select_one('link[rel="canonical"]')["href"] == "https://edition.test/"
