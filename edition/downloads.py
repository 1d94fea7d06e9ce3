"""The files a language publishes beside its HTML, named in one place.

- ``downloads/<basename>-<lang>.pdf`` and ``.epub``: the book, made by the
  ``latex`` and ``epub`` builders (file names from ``latex_documents`` and
  ``epub_basename``);
- ``downloads/<basename>-<lang>-<siglum>.pdf``: the offprint of each text, cut
  from the book's PDF (``edition.book.offprints``);
- ``<text>.tei.xml`` beside each text's page and
  ``downloads/<basename>-<lang>.tei.xml``: each text and the whole edition in TEI P5,
  written by ``edition.tei`` in the HTML build;
- ``<basename>.bib``, ``.ris`` and ``.json``: the whole edition as records for
  reference managers, written by ``edition.citations``.

``MEDIA_TYPES`` gives the media type a server must send with each (``deploy/nginx.conf``).

The theme links them, the citation metadata names them, the manifest lists
them and ``edition.publish`` copies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.config import Config

#: The formats of the records: (suffix, name), in the order they are offered.
RECORD_FORMATS = (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))
#: The media type of each kind of download and record, by its kind or suffix.
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "epub": "application/epub+zip",
    "tei": "application/tei+xml",
    "bib": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
    "json": "application/vnd.citationstyles.csl+json",
}
#: The suffix of every TEI file.
TEI_SUFFIX = ".tei.xml"


@dataclass(frozen=True)
class Download:
    """A file a language publishes under ``downloads/``."""

    kind: str  #: "pdf", "epub", "offprint" or "tei"
    builder: str  #: the Sphinx builder whose output folder holds it
    built: str  #: its name there
    file: str  #: where it is published, relative to the language's folder
    docname: str = ""  #: the page it renders, if it is not the whole edition
    media_type: str = ""  #: what a server must say it is (``MEDIA_TYPES``)
    siglum: str = ""  #: an offprint's text


def downloads(config: Config, texts: Iterable[str] = ()) -> list[Download]:
    """The PDF, the EPUB, the offprints and the TEI corpus of the build's language; with
    *texts* (their docnames), the TEI of each text too."""
    name = f"downloads/{config.edition_basename}-{config.language}"
    found = [
        Download("pdf", "latex", PurePosixPath(target).with_suffix(".pdf").name, f"{name}.pdf",
                 media_type=MEDIA_TYPES["pdf"])
        for _start, target, *_rest in config.latex_documents
    ]
    found.append(Download("epub", "epub", f"{config.epub_basename}.epub", f"{name}.epub",
                          media_type=MEDIA_TYPES["epub"]))
    found += offprints(config)
    corpus = tei_corpus(config)
    found.append(Download("tei", "html", corpus, corpus, media_type=MEDIA_TYPES["tei"]))
    found += [Download("tei", "html", tei(docname), tei(docname), docname, MEDIA_TYPES["tei"])
              for docname in texts]
    return found


def offprints(config: Config) -> list[Download]:
    """A PDF of each text (``edition.book.offprints`` cuts it from the book)."""
    return [
        Download("offprint", "latex", f"{config.edition_basename}-{siglum.lower()}.pdf",
                 f"downloads/{config.edition_basename}-{config.language}-{siglum.lower()}.pdf",
                 media_type=MEDIA_TYPES["pdf"], siglum=siglum)
        for siglum in config.citations_works
    ]


def tei(docname: str) -> str:
    """The TEI of the text on page *docname*, beside its HTML page."""
    return docname + TEI_SUFFIX


def tei_corpus(config: Config) -> str:
    """The ``teiCorpus`` of the whole edition in the build's language."""
    return f"downloads/{config.edition_basename}-{config.language}{TEI_SUFFIX}"


def pdf(config: Config) -> Download:
    """The book's PDF."""
    return next(d for d in downloads(config) if d.kind == "pdf")


def pdf_for(config: Config, docname: str, siglum: str = "") -> Download | None:
    """The PDF that is *docname*'s own full text, which citation metadata may name.

    The edition's home page is the book, whose PDF is the whole edition; a
    text's page (*siglum*) is the text, whose PDF is its offprint. An editorial
    page has none: the whole book is not its full text, and a reference manager
    would attach it as if it were.
    """
    if docname == config.root_doc:
        return pdf(config)
    return next((d for d in offprints(config) if siglum and d.siglum == siglum), None)


def records(config: Config) -> list[tuple[str, str]]:
    """The whole edition's records, at the root of a language's HTML: (file, format name)."""
    return [(f"{config.edition_basename}.{suffix}", name) for suffix, name in RECORD_FORMATS]
