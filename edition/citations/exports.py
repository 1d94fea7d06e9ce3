"""BibTeX, RIS and CSL-JSON made from the same CSL-JSON records.

These are data for reference managers, not formatted citations: each field
of the record goes to its nearest BibTeX (with biblatex's extra fields, which
BibTeX ignores) or RIS tag. A paragraph's locator, which CSL keeps out of
the record, goes into the note.
"""

from __future__ import annotations

import json
import re
from typing import Any

from edition.citations.records import plain

#: CSL type -> (BibTeX entry type, RIS type).
TYPES = {
    "book": ("book", "BOOK"),
    "chapter": ("incollection", "CHAP"),
    "entry-encyclopedia": ("incollection", "ENCYC"),
    "entry-dictionary": ("incollection", "DICT"),
    "webpage": ("misc", "ELEC"),
}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: BCP 47 -> the language name biblatex (babel/polyglossia) knows.
LANGUAGE_NAMES = {"en": "english", "lv": "latvian", "ru": "russian"}


def csl_json(records: list[dict[str, Any]]) -> str:
    """A CSL-JSON document: an array of items."""
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _name(name: dict[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    return ", ".join(part for part in (name.get("family", ""), name.get("given", "")) if part)


def _date(value: dict[str, Any]) -> list[int]:
    return [int(part) for part in value["date-parts"][0]]


def describe_publication(published_in: dict[str, Any], edited_by: str = "ed. %s") -> str:
    """A work's first publication in words, for notes.

    ``Encyclopedia of Russian History, ed. James R. Millar (New York: Macmillan
    Reference USA, 2004)``; a URL, if any, at the end.
    """
    text = published_in["container-title"]
    editors = [
        " ".join(p for p in (n.get("given"), n.get("family")) if p) or n.get("literal", "")
        for n in published_in.get("editor", [])
    ]
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


def _bibtex_escape(text: str) -> str:
    return re.sub(
        r"([\\{}&%$#_^~])",
        lambda m: {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(m[1], "\\" + m[1]),
        text,
    )


def _bibtex_names(names: list[dict[str, str]]) -> str:
    # a literal (a group's name) is braced, so that BibTeX does not split it
    return " and ".join(
        "{" + _bibtex_escape(n["literal"]) + "}" if "literal" in n else _bibtex_escape(_name(n))
        for n in names
    )


def bibtex(record: dict[str, Any], key: str, notes: tuple[str, ...] = ()) -> str:
    """One BibTeX entry; *notes* (the paragraph, the first publication) make its note."""
    entry_type = TYPES.get(record["type"], ("misc", "GEN"))[0]
    fields: list[tuple[str, str]] = []
    if "author" in record:
        fields.append(("author", _bibtex_names(record["author"])))
    fields.append(("title", "{" + _bibtex_escape(plain(record["title"])) + "}"))
    if "translator" in record:
        fields.append(("translator", _bibtex_names(record["translator"])))
    if entry_type == "incollection":
        fields.append(("booktitle", "{" + _bibtex_escape(record["container-title"]) + "}"))
    if "editor" in record:
        fields.append(("editor", _bibtex_names(record["editor"])))
    fields.append(("publisher", _bibtex_escape(record["publisher"])))
    issued = _date(record["issued"])
    fields.append(("year", str(issued[0])))
    if len(issued) > 1:
        fields.append(("month", MONTHS[issued[1] - 1]))
    fields.append(("date", "-".join(f"{part:02d}" for part in issued)))
    fields.append(("version", _bibtex_escape(record["version"])))
    language = record.get("language", "")
    fields.append(("language", LANGUAGE_NAMES.get(language, language)))
    if "original-title" in record:
        fields.append(("origtitle", "{" + _bibtex_escape(record["original-title"]) + "}"))
    if "original-publisher" in record:
        fields.append(("origpublisher", _bibtex_escape(record["original-publisher"])))
    if "original-publisher-place" in record:
        fields.append(("origlocation", _bibtex_escape(record["original-publisher-place"])))
    if "original-date" in record:
        fields.append(
            ("origdate", "-".join(f"{part:02d}" for part in _date(record["original-date"])))
        )
    if notes:
        fields.append(("note", _bibtex_escape(". ".join(notes))))
    fields.append(("url", record["URL"]))
    body = ",\n".join(f"  {name:<13} = {{{value}}}" for name, value in fields)
    return f"@{entry_type}{{{key},\n{body},\n}}\n"


# -- RIS ----------------------------------------------------------------------


def ris(record: dict[str, Any], notes: tuple[str, ...] = (), original: str = "") -> str:
    """One RIS record (TY to ER), lines ending in CR LF as the format wants."""
    lines = [("TY", TYPES.get(record["type"], ("misc", "GEN"))[1])]
    lines += [("AU", _name(name)) for name in record.get("author", [])]
    lines.append(("TI", plain(record["title"])))
    if record["type"] != "book":
        lines.append(("T2", record["container-title"]))
    lines += [("A2", _name(name)) for name in record.get("editor", [])]
    lines += [("A4", _name(name)) for name in record.get("translator", [])]
    lines.append(("PB", record["publisher"]))
    issued = _date(record["issued"])
    lines.append(("PY", str(issued[0])))
    lines.append(("DA", "/".join(f"{part:02d}" for part in issued) + "/" * (3 - len(issued))))
    lines.append(("ET", record["version"]))
    if "language" in record:
        lines.append(("LA", record["language"]))
    if original:
        lines.append(("OP", original))
    lines += [("N1", note) for note in notes]
    lines.append(("UR", record["URL"]))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)
