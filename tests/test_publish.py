"""edition.publish: the finished build is swapped in whole, and language
switchers never point at a page that does not exist."""

from edition.publish import publish

SWITCHER = ('<a href="../{lang}/{name}" hreflang="{lang}" lang="{lang}" data-switch-lang="{lang}">x</a>')


def built(work, language, pages, other):
    html = work / language / "html"
    for name in pages:
        path = html / name
        path.parent.mkdir(parents=True, exist_ok=True)
        depth = "../" * name.count("/")
        link = SWITCHER.format(lang=other, name=name).replace("../", "../" + depth, 1)
        path.write_text(f"<html><body>{link}</body></html>")
    (html / ".buildinfo").write_text("build info")


def test_publish_swaps_in_each_language_with_its_downloads(tmp_path):
    work, site = tmp_path / "work", tmp_path / "site"
    built(work, "en", ["index.html"], "lv")
    built(work, "lv", ["index.html"], "en")
    (work / "en" / "latex").mkdir(parents=True)
    (work / "en" / "latex" / "anti-party-group-1957.pdf").write_bytes(b"%PDF")
    publish(work, site, ["en", "lv"])
    assert (site / "en" / "downloads" / "anti-party-group-1957-en.pdf").read_bytes() == b"%PDF"
    assert not (site / "en" / ".buildinfo").exists()
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".") and p.name != ".lock") == []
    assert 'hreflang="lv"' in (site / "index.html").read_text()


def test_a_switcher_to_a_missing_page_falls_back_to_that_language_home(tmp_path):
    work, site = tmp_path / "work", tmp_path / "site"
    built(work, "en", ["index.html", "texts/a.html"], "lv")
    built(work, "lv", ["index.html"], "en")
    publish(work, site, ["en", "lv"])
    page = (site / "en" / "texts" / "a.html").read_text()
    assert 'href="../../lv/index.html" hreflang="lv"' in page
    assert 'href="../lv/index.html" hreflang="lv"' in (site / "en" / "index.html").read_text()
