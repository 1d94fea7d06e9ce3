"""TEI's parts that stand alone: the slips' markup, jing's verdict, the schema's pin."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from lxml import etree
from sphinx.errors import ConfigError

from edition.checks import tei as tei_check
from edition.tei import slips
from edition.tei.convert import TEI_NS, tei

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>
<text><body>{body}</body></text></TEI>"""


def test_a_slip_becomes_a_choice_where_it_stands_and_a_note_stays_outside() -> None:
    p = tei("p")
    p.text = "Shepilov, whom had he had"
    note = tei("note", parent=p)
    note.text = "[sic]. whom had he had"
    note.tail = " recently promoted"
    slip = slips.Slip("A", "1", "whom had he had", "whom he had", "words")
    assert slips.mark(p, slip, "#editors")
    xml = etree.tostring(p, encoding="unicode").replace(f' xmlns="{TEI_NS}"', "")
    assert xml == ('<p>Shepilov, <choice><sic>whom had he had</sic><corr resp="#editors" type="words">whom he had'
                   '</corr></choice><note>[sic]. whom had he had</note> recently promoted</p>')


def test_a_slip_found_twice_or_not_at_all_is_not_marked() -> None:
    p = tei("p")
    p.text = "un, un"
    assert not slips.mark(p, slips.Slip("B", "1", "un", "un", "punctuation"), "#e")
    assert not slips.mark(p, slips.Slip("B", "1", "nav", "ir", "words"), "#e")


def test_a_slip_without_its_reading_is_an_error_naming_the_file_and_line(tmp_path: Path) -> None:
    data = tmp_path / "slips.toml"
    data.write_text('# slips\n\n[[slip]]\nsiglum = "A"\nplace = "1"\nsic = "x"\nkind = "words"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{data}:3: this \[\[slip\]\] lacks corr"):
        slips.load(data)


def test_the_edition_s_slips_file_reads() -> None:
    found = slips.load(ROOT / "source" / "_data" / "slips.toml")
    assert {slip.siglum for slip in found} == {"A", "B"} and all(slip.line for slip in found)


def test_jing_passes_valid_tei_and_reports_invalid_tei_with_its_line(tmp_path: Path) -> None:
    good = tmp_path / "good.tei.xml"
    good.write_text(MINIMAL.format(body='<p xml:id="p1" n="1">Text</p>'), encoding="utf-8")
    bad = tmp_path / "bad.tei.xml"
    bad.write_text(MINIMAL.format(body="<p><p>nested</p></p>"), encoding="utf-8")
    problems = tei_check.validate([good, bad])
    assert len(problems) == 1
    assert problems[0].startswith(f"{bad}:3:")
    assert 'element "p" not allowed here' in problems[0]


def test_the_schema_is_pinned_by_version_and_digest_and_installed() -> None:
    pin = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["edition"]["tei-schema"]
    assert pin["requirement"].count("==") == 1 and len(pin["sha256"]) == 64
    assert b"TEI Edition: Version" in tei_check.SCHEMA.read_bytes()[:2000]
