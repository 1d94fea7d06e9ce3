"""edition.book.offprints: each text's pages cut from the book, with its metadata and bookmarks."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader, PdfWriter

from edition.book.offprints import METADATA, RECORD, OffprintError, make_offprints, read_record


def book_with(tmp_path, pages: int, record: str) -> None:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=442, height=663)
    with (tmp_path / "book.pdf").open("wb") as stream:
        writer.write(stream)
    (tmp_path / RECORD).write_text(record, encoding="utf-8")
    metadata = {"file": "book-a.pdf", "title": "Text A · Anti-Party Group", "author": "William Taubman",
                "language": "lv", "subject": "The edition. A subject", "keywords": "one, two",
                "edition": "The edition, Version 1.0.0"}
    (tmp_path / METADATA).write_text(json.dumps({"book": "book.pdf", "offprints": {"a": metadata}}),
                                     encoding="utf-8")


def test_an_offprint_holds_its_texts_pages_its_metadata_and_a_bookmark_per_paragraph(tmp_path):
    book_with(tmp_path, 10, "start a 3\npar A 1 4\npar A 1 5\npar A 2 6\nend a 7\n")
    [made] = make_offprints(tmp_path)
    reader = PdfReader(made)
    assert len(reader.pages) == 5  # pages 3 to 7
    assert reader.metadata.title == "Text A · Anti-Party Group" and reader.metadata.author == "William Taubman"
    assert reader.metadata.subject and reader.metadata["/Keywords"] == "one, two"
    assert str(reader.trailer["/Root"]["/Lang"]) == "lv"
    [top, children] = reader.outline
    assert top.title == "Text A · Anti-Party Group"
    assert [(c.title, reader.get_destination_page_number(c)) for c in children] == [("A 1", 1), ("A 2", 3)]
    assert not list(tmp_path.glob("*.part"))


def test_a_record_that_does_not_fit_the_book_is_a_clear_error_and_writes_nothing(tmp_path):
    book_with(tmp_path, 4, "start a 3\nend a 9\n")
    with pytest.raises(OffprintError, match=r"pages 3–9 are not in the book; rebuild the PDF"):
        make_offprints(tmp_path)
    assert not (tmp_path / "book-a.pdf").exists()


def test_a_malformed_record_names_its_file_and_line(tmp_path):
    (tmp_path / RECORD).write_text("start a 3\npar A one\n", encoding="utf-8")
    with pytest.raises(OffprintError, match=rf"{RECORD}:2: cannot read 'par A one'"):
        read_record(tmp_path / RECORD)
