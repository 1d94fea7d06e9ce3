"""The ``teiHeader``: the edition, the witness, the licence, the editorial principles.

- ``fileDesc``: the text's title and author, the edition and its editors, its
  version and date, where the file is published and under which licence, and
  in ``sourceDesc`` the first publication and the witness (the supplied file,
  its provenance, state and checksum: ``source/_data/witnesses.toml``);
- ``encodingDesc``: the editorial principles, as the principles page says them
  in the build's language, and how a reference ("A 3") resolves;
- ``profileDesc``: the languages; ``revisionDesc``: the paragraph registry's changes.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.errors import ConfigError
from sphinx.locale import get_translation

from edition.languages import language
from edition.tei.convert import XML_ID, XML_LANG, tei, text_of

if TYPE_CHECKING:
    from pathlib import Path

    from lxml import etree
    from sphinx.config import Config

    from edition.tei.convert import Converter

_ = get_translation("edition")

LICENCE = "https://creativecommons.org/licenses/by-sa/4.0/"

#: The principles page's sections, by their anchor, as TEI's parts of an editorial declaration.
PRINCIPLES = {
    "slips-and-errors": "correction",
    "spelling-punctuation-and-quotation-marks": "normalization",
    "the-paragraphs-of-text-b": "segmentation",
    "paragraph-numbers": "segmentation",
}


@dataclass(frozen=True)
class Witness:
    siglum: str
    file: str
    lang: str
    provenance: str
    state: str


def load_witnesses(path: Path) -> dict[str, Witness]:
    """The witnesses by siglum; an error names the file and the entry."""
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML ({err})") from None
    found = {}
    for number, entry in enumerate(data.get("witness", []), start=1):
        missing = [name for name in Witness.__dataclass_fields__ if not entry.get(name)]
        if missing:
            raise ConfigError(f"{path}: [[witness]] number {number} lacks {', '.join(missing)}")
        found[entry["siglum"]] = Witness(**{name: entry[name] for name in Witness.__dataclass_fields__})
    return found


def _names(parent: etree._Element, tag: str, names: list[dict[str, str]]) -> None:
    for name in names:
        shown = name.get("literal") or " ".join(part for part in (name.get("given"), name.get("family")) if part)
        tei(tag, text=shown, parent=parent)


def edition_statement(parent: etree._Element, config: Config) -> None:
    edition = tei("editionStmt", parent=parent)
    statement = tei("edition", {"n": config.release}, parent=edition)
    statement.text = _("%(title)s, version %(version)s, ") % {"title": config.project, "version": config.release}
    date = config.edition_release_date
    tei("date", {"when": date}, language(config.language).date(date) if date else "", parent=statement)


def publication_statement(parent: etree._Element, config: Config, url: str, work: dict[str, Any] | None) -> None:
    publication = tei("publicationStmt", parent=parent)
    tei("publisher", text=config.author, parent=publication)
    tei("date", {"when": config.edition_release_date}, config.edition_release_date, parent=publication)
    tei("idno", {"type": "URI"}, url, parent=publication)
    free = work is None or work.get("license")
    availability = tei("availability", {"status": "free" if free else "restricted"}, parent=publication)
    if work is not None and not work.get("license"):
        tei("p", text=_("The text: © %(holder)s, %(year)s. The edition reproduces it with full attribution, "
                        "for study, and claims no rights in it.")
            % {"holder": work.get("copyright_holder", ""), "year": work.get("copyright_year", "")},
            parent=availability)
    elif work is not None:
        tei("licence", {"target": work["license"]},
            _("The text: the Wikipedia contributors, under the Creative Commons Attribution-ShareAlike 4.0 "
              "International licence."), parent=availability)
    tei("licence", {"target": config.citations_license or LICENCE},
        _("The edition's apparatus, translations and encoding: © the editors, under the Creative Commons "
          "Attribution-ShareAlike 4.0 International licence."), parent=availability)


def first_publication(parent: etree._Element, work: dict[str, Any]) -> None:
    """The text where it was first published (``citations_works`` in conf.py)."""
    bibl = tei("bibl", {"type": "firstPublication"}, parent=parent)
    _names(bibl, "author", work.get("author", []))
    tei("title", {"level": "a", XML_LANG: work.get("language", "")}, work.get("title", ""), parent=bibl)
    container = work.get("published_in", {})
    if container.get("container-title"):
        tei("title", {"level": "m"}, container["container-title"], parent=bibl)
    _names(bibl, "editor", container.get("editor", []))
    if container.get("publisher-place"):
        tei("pubPlace", text=container["publisher-place"], parent=bibl)
    if container.get("publisher"):
        tei("publisher", text=container["publisher"], parent=bibl)
    issued = container.get("issued", {}).get("date-parts", [[]])[0]
    if issued:
        tei("date", {"when": str(issued[0])}, str(issued[0]), parent=bibl)
    if container.get("URL"):
        tei("ptr", {"target": container["URL"]}, parent=bibl)


def witness_list(parent: etree._Element, witnesses: list[Witness], folder: Path, ids: Any) -> None:
    """The supplied files: name, checksum, provenance and state (in English, as recorded)."""
    listing = tei("listWit", parent=parent)
    for witness in witnesses:
        path = folder / witness.file
        element = tei("witness", {XML_ID: ids(f"wit-{witness.siglum}"), "n": witness.siglum, XML_LANG: "en"},
                      parent=listing)
        first = tei("bibl", parent=element)
        tei("idno", {"type": "file"}, f"source/_witnesses/{witness.file}", parent=first)
        if path.is_file():
            tei("idno", {"type": "SHA-256"}, hashlib.sha256(path.read_bytes()).hexdigest(), parent=first)
        tei("note", {"type": "provenance"}, witness.provenance, parent=element)
        tei("note", {"type": "state"}, witness.state, parent=element)


def encoding_description(parent: etree._Element, principles: nodes.document | None,
                         converter: Converter) -> None:
    """The editorial principles, section by section, and how references resolve."""
    encoding = tei("encodingDesc", parent=parent)
    declaration = tei("editorialDecl", parent=encoding)
    sections = [s for s in principles.findall(nodes.section) if s.parent is not None
                and isinstance(s.parent, nodes.section)] if principles is not None else []
    for section in sections:
        kind = next((PRINCIPLES[i] for i in section["ids"] if i in PRINCIPLES), "interpretation")
        part = tei(kind, parent=declaration)
        heading = tei("p", parent=part)
        tei("label", text=text_of(section[0]), parent=heading)
        for child in section.children[1:]:
            converter.block(part, child)
    if not len(declaration):
        tei("p", text=_("See the edition's editorial principles."), parent=declaration)
    references = tei("refsDecl", parent=encoding)
    text = tei("citeStructure", {"unit": "text", "match": "//text/body/div[@type='edition']", "use": "@n"},
               parent=references)
    tei("citeStructure", {"unit": "paragraph", "match": "p", "use": "@n", "delim": " "}, parent=text)


def profile(parent: etree._Element, codes: list[str]) -> None:
    usage = tei("langUsage", parent=tei("profileDesc", parent=parent))
    for code in codes:
        tei("language", {"ident": code}, language(code).native_name, parent=usage)


def revisions(parent: etree._Element, changes: list[dict[str, Any]]) -> None:
    if not changes:
        return
    description = tei("revisionDesc", parent=parent)
    for change in reversed(changes):
        tei("change", {"when": change.get("date", ""), "n": change["version"]}, change.get("reason", ""),
            parent=description)
