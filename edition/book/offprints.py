"""An offprint of each text, cut from the finished book.

Usage: ``python -m edition.book <latex output folder>`` (the Makefile runs it
after LaTeX). The book's LaTeX records, in ``offprints.txt``, the
first and last page of each text (from its opening, which carries its author,
first publication, citation, permalink and rights) and the page on which each
of its paragraphs starts; ``offprints.json``, written by the LaTeX build,
gives each offprint's file name and metadata in the build's language.

An offprint keeps the book's pages and page numbers, so a page cited from it
is the page of the book. Links to the rest of the book are removed (they
would lead nowhere); links to the web stay. Each offprint gets its own
title, author, language, subject and keywords, and a bookmark per paragraph.
A file is written beside its final name and moved into place, so a failed run
leaves no half-written offprint.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject, TextStringObject

RECORD = "offprints.txt"
METADATA = "offprints.json"


class OffprintError(Exception):
    """The record of the book's pages is missing or does not fit the book."""


@dataclass
class Span:
    first: int = 0  #: the first page (1-based, physical)
    last: int = 0
    paragraphs: dict[str, int] = field(default_factory=dict)  #: "A 3" -> its first page


def read_record(path: Path) -> dict[str, Span]:
    """The pages of each text, from LaTeX's record: ``start a 25``, ``par A 3 27``, ``end a 36``."""
    if not path.is_file():
        raise OffprintError(f"{path}: no record of the texts' pages; build the PDF with the book's design "
                            "(edition.book) first")
    spans: dict[str, Span] = {}
    current: Span | None = None
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        words = line.split()
        if not words:
            continue
        try:
            if words[0] == "start":
                current = spans.setdefault(words[1], Span())
                current.first = int(words[2])
            elif words[0] == "end":
                spans[words[1]].last = int(words[2])
                current = None
            elif words[0] == "par" and current is not None:
                current.paragraphs.setdefault(f"{words[1]} {words[2]}", int(words[3]))
        except (IndexError, KeyError, ValueError):
            raise OffprintError(f"{path}:{lineno}: cannot read {line!r}; rebuild the PDF") from None
    return spans


def _keep_web_links(writer: PdfWriter) -> None:
    """Remove the links into the rest of the book; keep those to the web."""
    for page in writer.pages:
        annotations = page.get("/Annots")
        if annotations is None:
            continue
        kept = ArrayObject()
        for reference in annotations:
            annotation = reference.get_object()
            action = annotation.get("/A")
            is_uri = action is not None and action.get_object().get("/S") == "/URI"
            if annotation.get("/Subtype") != "/Link" or is_uri:
                kept.append(reference)
        page[NameObject("/Annots")] = kept


def cut(book: Path, span: Span, target: Path, metadata: dict[str, str]) -> None:
    """Write the pages of *span* of *book* to *target*, with *metadata*."""
    reader = PdfReader(book)
    if not 1 <= span.first <= span.last <= len(reader.pages):
        raise OffprintError(f"{book}: pages {span.first}–{span.last} are not in the book; rebuild the PDF")
    writer = PdfWriter()
    writer.append(reader, pages=(span.first - 1, span.last), import_outline=False)
    _keep_web_links(writer)
    writer.add_metadata({
        "/Title": metadata["title"],
        "/Author": metadata["author"],
        "/Subject": metadata["subject"],
        "/Keywords": metadata["keywords"],
        "/Creator": metadata["edition"],
    })
    writer._root_object[NameObject("/Lang")] = TextStringObject(metadata["language"])  # noqa: SLF001
    writer.page_mode = "/UseOutlines"
    top = writer.add_outline_item(title=metadata["title"], page_number=0)
    for ref, page in span.paragraphs.items():
        writer.add_outline_item(title=ref, page_number=page - span.first, parent=top)
    partial = target.with_suffix(".pdf.part")
    with partial.open("wb") as stream:
        writer.write(stream)
    partial.replace(target)


def make_offprints(folder: Path) -> list[Path]:
    """Cut every offprint the LaTeX build described in *folder*."""
    described = folder / METADATA
    if not described.is_file():
        raise OffprintError(f"{described}: missing; run the LaTeX build (make latex) first")
    info = json.loads(described.read_text(encoding="utf-8"))
    spans = read_record(folder / RECORD)
    made = []
    for slug, metadata in info["offprints"].items():
        span = spans.get(slug)
        if span is None or not span.last:
            raise OffprintError(f"{folder / RECORD}: no pages recorded for text {slug!r}; rebuild the PDF")
        target = folder / metadata["file"]
        cut(folder / info["book"], span, target, metadata)
        made.append(target)
    return made


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m edition.book <latex output folder>", file=sys.stderr)
        return 2
    try:
        for path in make_offprints(Path(argv[0])):
            print(f"offprint: {path}")
    except OffprintError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0

