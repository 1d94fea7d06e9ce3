"""The slips of the witnesses, as the field marks them: ``<choice><sic/><corr/></choice>``.

``source/_data/slips.toml`` lists each slip: its text and place, the witness's
words (``sic``) and the reading (``corr``), and the label of its "[sic]" note
where it has one. The edited text keeps the slip; the TEI carries both.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx.errors import ConfigError

from edition.tei.convert import TEI_NS, tei

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from lxml import etree

FIELDS = ("siglum", "place", "sic", "corr", "kind")


@dataclass(frozen=True)
class Slip:
    siglum: str
    place: str
    sic: str
    corr: str
    kind: str
    note: str = ""
    line: int = 0  #: where the entry starts in the file, for errors


def load(path: Path) -> list[Slip]:
    """Read the slips; an error names the file and the entry's line."""
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML ({err})") from None
    starts = [number for number, line in enumerate(text.splitlines(), start=1) if line.strip() == "[[slip]]"]
    slips = []
    for index, entry in enumerate(data.get("slip", [])):
        line = starts[index] if index < len(starts) else 0
        missing = [name for name in FIELDS if not isinstance(entry.get(name), str) or not entry[name]]
        if missing:
            raise ConfigError(f"{path}:{line}: this [[slip]] lacks {', '.join(missing)}")
        slips.append(Slip(**{name: entry[name] for name in (*FIELDS, "note") if name in entry}, line=line))
    return slips


def _segments(element: etree._Element) -> Iterator[tuple[etree._Element, str]]:
    """Every run of the text's own words under *element*: (owner, "text" or "tail"); notes excluded."""
    yield element, "text"
    for child in element:
        if child.tag == f"{{{TEI_NS}}}note":
            yield child, "tail"
            continue
        yield from _segments(child)
        yield child, "tail"


def mark(element: etree._Element, slip: Slip, corr_resp: str) -> bool:
    """Wrap the slip's words under *element* in ``choice``; False unless found exactly once."""
    found = [(owner, where) for owner, where in _segments(element)
             if (getattr(owner, where) or "").count(slip.sic) == 1]
    total = sum((getattr(owner, where) or "").count(slip.sic) for owner, where in _segments(element))
    if len(found) != 1 or total != 1:
        return False
    owner, where = found[0]
    before, after = getattr(owner, where).split(slip.sic, 1)
    choice = tei("choice")
    tei("sic", text=slip.sic, parent=choice)
    tei("corr", {"resp": corr_resp, "type": slip.kind}, slip.corr, parent=choice)
    if where == "text":
        owner.text = before
        owner.insert(0, choice)
    else:
        owner.tail = before
        owner.addnext(choice)
    choice.tail = after
    return True
