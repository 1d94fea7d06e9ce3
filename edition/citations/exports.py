"""BibTeX, RIS and CSL-JSON made from the same CSL-JSON records.

These are data for reference managers, not formatted citations: each field
of the record goes to the BibTeX field (with biblatex's, which BibTeX
ignores) or RIS tag that reference managers read, checked against Zotero's
own translators (BibTeX.js, RIS.js, CSL JSON.js):

* the type: CSL ``chapter`` is RIS ``CHAP`` and BibTeX ``@incollection``,
  ``book`` is ``BOOK`` and ``@book`` (Zotero: *Book Section*, *Book*);
* the edition's editors: RIS ``A2`` in a chapter but ``A3`` in a book (Zotero
  reads a book's ``A2`` as its series editor); the translator ``A4``;
* a group's name is one name: braced in BibTeX, as it is in RIS;
* the language is the BCP 47 code everywhere (Zotero's BibTeX import copies
  ``language`` as it is and ignores biblatex's ``langid``, which is a
  babel/polyglossia name, not a code: it is not written);
* the first publication: biblatex's ``orig*`` fields, and a sentence that
  names it, in BibTeX's ``note`` (printed by biblatex; Zotero keeps it as a
  note) and RIS's ``N1`` (Zotero keeps it as a note; it drops ``OP``);
* the licence or copyright statement: RIS ``CR`` and BibTeX ``copyright``
  (Zotero's Rights); CSL-JSON has no variable for it;
* the paragraph, which is a locator and not part of the item: BibTeX
  ``annote`` (a note in Zotero, not printed by biblatex's styles) and RIS
  ``N1``; CSL-JSON has no room for a locator in an item.

pybtex writes the BibTeX and rispy the RIS.
"""

from __future__ import annotations

import json
from typing import Any

import pybtex.database.output.bibtex
import rispy
from pybtex.database import BibliographyData, Entry, Person

from edition.citations.records import iso_date, plain, sort_name

#: CSL type -> (BibTeX entry type, RIS type).
TYPES = {
    "book": ("book", "BOOK"),
    "chapter": ("incollection", "CHAP"),
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


#: Record keys the CSL data schema (1.0.2) has no variable for: the licence or copyright
#: statement, which the page (DC.rights), RIS (CR) and BibTeX (copyright) carry.
NOT_CSL = ("license",)


def csl_json(records: list[dict[str, Any]]) -> str:
    """A CSL-JSON document: an array of items, valid against the CSL data schema."""
    items = [{key: value for key, value in record.items() if key not in NOT_CSL} for record in records]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _date(value: dict[str, Any]) -> list[int]:
    return [int(part) for part in value["date-parts"][0]]


# -- BibTeX -------------------------------------------------------------------


class _BibTeXWriter(pybtex.database.output.bibtex.Writer):
    """pybtex's BibTeX writer, which encodes every field as LaTeX (``%`` -> ``\\%``);
    biblatex reads a URL verbatim, so a URL is written as it is."""

    VERBATIM = frozenset({"url", "doi"})

    def _write_field(self, stream: Any, type: str, value: str) -> None:  # noqa: A002 (pybtex's name)
        if type in self.VERBATIM:
            stream.write(f",\n    {type} = {self.quote(value)}")
        else:
            super()._write_field(stream, type, value)


def _person(name: dict[str, str]) -> Person:
    # a literal (a group's name) is braced, so that BibTeX does not split it
    if "literal" in name:
        return Person("{" + name["literal"] + "}")
    return Person(first=name.get("given", ""), last=name.get("family", ""))


def bibtex(record: dict[str, Any], key: str, *, note: str = "", annote: str = "") -> str:
    """One BibTeX entry. *note* names the first publication; *annote* gives the paragraph."""
    entry_type = TYPES.get(record["type"], ("misc", "GEN"))[0]
    fields: list[tuple[str, str]] = [("title", "{" + plain(record["title"]) + "}")]
    if entry_type == "incollection":
        fields.append(("booktitle", "{" + record["container-title"] + "}"))
    if "edition" in record:
        fields.append(("edition", record["edition"]))
    fields.append(("publisher", record["publisher"]))
    if "publisher-place" in record:
        fields.append(("address", record["publisher-place"]))
    issued = _date(record["issued"])
    fields.append(("year", str(issued[0])))
    if len(issued) > 1:
        fields.append(("month", MONTHS[issued[1] - 1]))
    fields.append(("date", iso_date(record["issued"])))
    fields.append(("language", record["language"]))
    if "original-title" in record:
        fields.append(("origtitle", "{" + record["original-title"] + "}"))
    if "original-publisher" in record:
        fields.append(("origpublisher", record["original-publisher"]))
    if "original-publisher-place" in record:
        fields.append(("origlocation", record["original-publisher-place"]))
    if "original-date" in record:
        fields.append(("origdate", iso_date(record["original-date"])))
    if "abstract" in record:
        fields.append(("abstract", record["abstract"]))
    if "license" in record:
        fields.append(("copyright", record["license"]))
    if note:
        fields.append(("note", note))
    if annote:
        fields.append(("annote", annote))
    fields.append(("url", record["URL"]))
    persons = {role: [_person(name) for name in record[role]]
               for role in ("author", "translator", "editor") if role in record}
    entry = Entry(entry_type, fields=fields, persons=persons)
    return _BibTeXWriter(encoding="UTF-8").to_string(BibliographyData({key: entry}))


# -- RIS ----------------------------------------------------------------------

#: rispy's tags, with CR (rights), which Zotero's RIS import reads.
RIS_MAPPING = {**rispy.TAG_KEY_MAPPING, "CR": "rights"}


class _RISWriter(rispy.RisWriter):
    """rispy's RIS writer without its numbered header line, with the CR LF the format wants."""

    NEWLINE = "\r\n"

    def set_header(self, count: int) -> str:
        return ""


def ris(record: dict[str, Any], notes: tuple[str, ...] = ()) -> str:
    """One RIS record (TY to ER); *notes* (N1): the first publication, the paragraph."""
    issued = _date(record["issued"])
    ris_type = TYPES.get(record["type"], ("misc", "GEN"))[1]
    editors = [sort_name(name) for name in record.get("editor", [])]
    fields: dict[str, Any] = {
        "type_of_reference": ris_type,
        "authors": [sort_name(name) for name in record.get("author", [])],
        "title": plain(record["title"]),
    }
    if ris_type == "BOOK":
        fields["tertiary_authors"] = editors  # A3: a book's editors (A2 is its series editor)
    else:
        fields["secondary_title"] = record["container-title"]
        fields["secondary_authors"] = editors  # A2: the editors of the book a chapter is in
    fields["subsidiary_authors"] = [sort_name(name) for name in record.get("translator", [])]
    fields["edition"] = record.get("edition", "")
    fields["publisher"] = record["publisher"]
    fields["place_published"] = record.get("publisher-place", "")
    fields["year"] = str(issued[0])
    fields["date"] = "/".join(f"{part:02d}" for part in issued) + "/" * (3 - len(issued))
    fields["language"] = record.get("language", "")
    fields["abstract"] = record.get("abstract", "")
    fields["rights"] = record.get("license", "")
    fields["notes"] = list(notes)
    fields["urls"] = [record["URL"]]
    return _RISWriter(mapping=RIS_MAPPING, skip_unknown_tags=True).formats(
        [{k: v for k, v in fields.items() if v}]
    )
