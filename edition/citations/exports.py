"""BibTeX, RIS and CSL-JSON made from the same CSL-JSON records.

These are data for reference managers, not formatted citations: each field
of the record goes to its nearest BibTeX (with biblatex's extra fields, which
BibTeX ignores) or RIS tag. A paragraph's locator, which CSL keeps out of
the record, goes into the note. pybtex writes the BibTeX and rispy the RIS.
"""

from __future__ import annotations

import json
from typing import Any

import pybtex.database.output.bibtex
import rispy
from pybtex.database import BibliographyData, Entry, Person

from edition.citations.records import display_name, plain, sort_name
from edition.languages import LANGUAGES

#: CSL type -> (BibTeX entry type, RIS type).
TYPES = {
    "book": ("book", "BOOK"),
    "chapter": ("incollection", "CHAP"),
    "entry-encyclopedia": ("incollection", "ENCYC"),
    "entry-dictionary": ("incollection", "DICT"),
    "webpage": ("misc", "ELEC"),
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def csl_json(records: list[dict[str, Any]]) -> str:
    """A CSL-JSON document: an array of items."""
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _date(value: dict[str, Any]) -> list[int]:
    return [int(part) for part in value["date-parts"][0]]


def describe_publication(published_in: dict[str, Any], edited_by: str = "ed. %s") -> str:
    """A work's first publication in words, for notes.

    ``Encyclopedia of Russian History, ed. James R. Millar (New York: Macmillan
    Reference USA, 2004)``; a URL, if any, at the end.
    """
    text = published_in["container-title"]
    editors = [display_name(name) for name in published_in.get("editor", [])]
    if editors:
        text += ", " + edited_by % " and ".join(editors)
    imprint = ": ".join(
        p for p in (published_in.get("publisher-place"), published_in.get("publisher")) if p
    )
    year = str(_date(published_in["issued"])[0]) if "issued" in published_in else ""
    if imprint or year:
        text += " (" + ", ".join(p for p in (imprint, year) if p) + ")"
    if "URL" in published_in:
        text += ", " + published_in["URL"]
    return text


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


def bibtex(record: dict[str, Any], key: str, notes: tuple[str, ...] = ()) -> str:
    """One BibTeX entry; *notes* (the paragraph, the first publication) make its note."""
    entry_type = TYPES.get(record["type"], ("misc", "GEN"))[0]
    fields: list[tuple[str, str]] = [("title", "{" + plain(record["title"]) + "}")]
    if entry_type == "incollection":
        fields.append(("booktitle", "{" + record["container-title"] + "}"))
    fields.append(("publisher", record["publisher"]))
    issued = _date(record["issued"])
    fields.append(("year", str(issued[0])))
    if len(issued) > 1:
        fields.append(("month", MONTHS[issued[1] - 1]))
    fields.append(("date", "-".join(f"{part:02d}" for part in issued)))
    fields.append(("version", record["version"]))
    language = record.get("language", "")
    fields.append(("language", LANGUAGES[language].polyglossia if language in LANGUAGES else language))
    if "original-title" in record:
        fields.append(("origtitle", "{" + record["original-title"] + "}"))
    if "original-publisher" in record:
        fields.append(("origpublisher", record["original-publisher"]))
    if "original-publisher-place" in record:
        fields.append(("origlocation", record["original-publisher-place"]))
    if "original-date" in record:
        fields.append(("origdate", "-".join(f"{part:02d}" for part in _date(record["original-date"]))))
    if notes:
        fields.append(("note", ". ".join(notes)))
    fields.append(("url", record["URL"]))
    persons = {role: [_person(name) for name in record[role]]
               for role in ("author", "translator", "editor") if role in record}
    entry = Entry(entry_type, fields=fields, persons=persons)
    return _BibTeXWriter(encoding="UTF-8").to_string(BibliographyData({key: entry}))


# -- RIS ----------------------------------------------------------------------


class _RISWriter(rispy.RisWriter):
    """rispy's RIS writer without its numbered header line, with the CR LF the format wants."""

    NEWLINE = "\r\n"

    def set_header(self, count: int) -> str:
        return ""


def ris(record: dict[str, Any], notes: tuple[str, ...] = (), original: str = "") -> str:
    """One RIS record (TY to ER)."""
    issued = _date(record["issued"])
    fields: dict[str, Any] = {
        "type_of_reference": TYPES.get(record["type"], ("misc", "GEN"))[1],
        "authors": [sort_name(name) for name in record.get("author", [])],
        "title": plain(record["title"]),
    }
    if record["type"] != "book":
        fields["secondary_title"] = record["container-title"]
    fields["secondary_authors"] = [sort_name(name) for name in record.get("editor", [])]
    fields["subsidiary_authors"] = [sort_name(name) for name in record.get("translator", [])]
    fields["publisher"] = record["publisher"]
    fields["year"] = str(issued[0])
    fields["date"] = "/".join(f"{part:02d}" for part in issued) + "/" * (3 - len(issued))
    fields["edition"] = record["version"]
    if "language" in record:
        fields["language"] = record["language"]
    if original:
        fields["original_publication"] = original
    fields["notes"] = list(notes)
    fields["urls"] = [record["URL"]]
    return _RISWriter(skip_unknown_tags=True).formats([{k: v for k, v in fields.items() if v}])
