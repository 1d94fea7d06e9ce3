"""The files a language publishes beside its HTML, named in one place.

- ``downloads/<basename>-<lang>.pdf`` and ``.epub``: the book, made by the
  ``latex`` and ``epub`` builders (file names from ``latex_documents`` and
  ``epub_basename``);
- ``<basename>.bib``, ``.ris`` and ``.json``: the whole edition as records for
  reference managers, written by ``edition.citations``.

The theme links them, the citation metadata names them, the manifest lists
them and ``edition.publish`` copies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.config import Config

#: The formats of the records: (suffix, name), in the order they are offered.
RECORD_FORMATS = (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))


@dataclass(frozen=True)
class Download:
    """A file a language publishes under ``downloads/``."""

    kind: str  #: "pdf" or "epub"
    builder: str  #: the Sphinx builder whose output folder holds it
    built: str  #: its name there
    file: str  #: where it is published, relative to the language's folder


def downloads(config: Config) -> list[Download]:
    """The PDF and the EPUB of the build's language."""
    name = f"downloads/{config.edition_basename}-{config.language}"
    found = [
        Download("pdf", "latex", PurePosixPath(target).with_suffix(".pdf").name, f"{name}.pdf")
        for _start, target, *_rest in config.latex_documents
    ]
    found.append(Download("epub", "epub", f"{config.epub_basename}.epub", f"{name}.epub"))
    return found


def pdf(config: Config) -> Download:
    """The book's PDF."""
    return next(d for d in downloads(config) if d.kind == "pdf")


def pdf_for(config: Config, docname: str) -> Download | None:
    """The PDF that is *docname*'s own full text, which citation metadata may name.

    The edition's home page is the book, whose PDF is the whole edition. A text
    or an editorial page is a part of it: the whole book is not its full text,
    and a reference manager would attach it as if it were. None for those until
    the edition publishes offprints (a PDF per text), which this is the place to
    name.
    """
    return pdf(config) if docname == config.root_doc else None


def records(config: Config) -> list[tuple[str, str]]:
    """The whole edition's records, at the root of a language's HTML: (file, format name)."""
    return [(f"{config.edition_basename}.{suffix}", name) for suffix, name in RECORD_FORMATS]
