"""The site's root, as a visitor and a reference manager meet it."""

from __future__ import annotations

import json

from pybtex.database import parse_file
from reader import languages, manifest_of, page


def test_the_root_offers_the_whole_edition_to_reference_managers(site):
    soup = page(site, ".", "index.html")
    records = {r["file"] for r in manifest_of(site, languages()[0])["records"]}
    assert {a["href"] for a in soup.select("a[download]")} == records
    [bib] = [site / name for name in records if name.endswith(".bib")]
    [ris] = [site / name for name in records if name.endswith(".ris")]
    [csl] = [site / name for name in records if name.endswith(".json")]
    assert len(parse_file(str(bib)).entries) >= 3
    text = ris.read_text(encoding="utf-8")
    assert text.count("TY  - ") == text.count("ER  - ") >= 3
    assert {record["type"] for record in json.loads(csl.read_text(encoding="utf-8"))} == {"book", "chapter"}


def test_the_root_offers_every_language_in_its_own_words(site):
    soup = page(site, ".", "index.html")
    items = {li["lang"]: li for li in soup.select("ul.languages li")}
    assert set(items) == set(languages())
    for code, item in items.items():
        welcome = manifest_of(site, code)["welcome"]
        assert item.a["hreflang"] == code and (site / item.a["href"]).is_file()
        assert welcome["invitation"] in item.get_text(" ")
    if "lv" in items:
        assert "latviski" in items["lv"].get_text()


def test_the_language_chooser_has_no_inline_script(site):
    soup = page(site, ".", "index.html")
    assert [s for s in soup.select("script") if not s.get("src")] == []
    assert (site / "landing.js").is_file()
