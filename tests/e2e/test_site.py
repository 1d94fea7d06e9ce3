"""The site's root, as a visitor and a reference manager meet it."""

from __future__ import annotations

import json

from pybtex.database import parse_file
from reader import page


def test_the_root_offers_the_whole_edition_to_reference_managers(site):
    soup = page(site, ".", "index.html")
    links = {a["href"] for a in soup.select("a[download]")}
    assert links == {"anti-party-group-1957.bib", "anti-party-group-1957.ris", "anti-party-group-1957.json"}
    entries = parse_file(str(site / "anti-party-group-1957.bib")).entries
    assert len(entries) >= 3
    ris = (site / "anti-party-group-1957.ris").read_text(encoding="utf-8")
    assert ris.count("TY  - ") == ris.count("ER  - ") >= 3
    records = json.loads((site / "anti-party-group-1957.json").read_text(encoding="utf-8"))
    assert {record["type"] for record in records} >= {"entry-encyclopedia"}


def test_the_language_chooser_has_no_inline_script(site):
    soup = page(site, ".", "index.html")
    assert [s for s in soup.select("script") if not s.get("src")] == []
    assert (site / "landing.js").is_file()
