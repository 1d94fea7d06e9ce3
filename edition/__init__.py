"""Sphinx extensions of *The Anti-Party Group, 1957*.

One module per feature, each listed in ``conf.py`` under ``extensions``:

``edition.texts``
    the ``edited-text`` directive and the language roles: a witness's text,
    marked with its siglum and language in every output.
``edition.paragraphs``
    permanent paragraph numbers, anchors ``#p<n>`` and the ``{para}`` role.
``edition.registry``
    the committed registry of citable paragraphs and the check against it.
``edition.bibliography``
    a clear error for a malformed ``.bib`` file; the bibliography and the
    citations in Chicago author-date, formatted by citeproc-js.
``edition.notes``
    a clear error for a note reference without a note.
``edition.catalogs``
    the translations held to their source before a build (and ``python -m
    edition.catalogs`` for translators).
``edition.parallel``
    original and translation side by side, one number for both.
``edition.persons``
    the register of persons, generated links from every mention, back-links.
``edition.places``
    the places the texts index, named in the reader's language.
``edition.citations``
    CSL-JSON records of every paragraph, formatted by citeproc-js; the cite
    box, exports and page metadata.
``edition.theme``
    the HTML theme and the page context its templates read.
``edition.epub``
    a reproducible EPUB archive.
``edition.book``
    the PDF as a scholarly book: design, title page, divisions, facing pages,
    running heads that name the paragraphs; and the offprints
    (``python -m edition.book``).
``edition.search``
    search in Latvian.

``edition.tei``
    TEI P5 of each text in the build's language, and the edition's ``teiCorpus``.
``edition.notfound``
    the 404 page, with absolute links (sphinx-notfound-page).
``edition.csp``
    Sphinx's search translations without run-time code, for the strict CSP.

``edition.manifest``
    what each language's build holds (pages, paragraphs, notes, files), written
    once at the end of the build for everything downstream.

Outside Sphinx, ``python -m edition.publish`` swaps finished builds into the
site, ``python -m edition.archive`` keeps every released version under ``v/``,
``python -m edition.release`` sets a release's version and date (``make
release``), ``python -m edition.checks`` runs the validators; both, like ``bench/``
and the end-to-end tests, read the manifest. ``edition.languages`` is the one
table of the languages the edition knows.

This module, loaded by each of them, declares the settings they share.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from edition.languages import language

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"

#: The extensions' own catalog of interface strings: ``edition/locale/<lang>/LC_MESSAGES/edition.po``.
LOCALE_DIR = Path(__file__).parent / "locale"


def compile_catalog(po: Path, mo: Path) -> None:
    """Compile the catalog *po* into *mo* unless *mo* is already newer.

    Sphinx compiles the project's catalogs, not an extension's; the extension's
    are compiled into the build tree, never into the package.
    """
    if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
        return
    with po.open("rb") as source:
        catalog = read_po(source)
    mo.parent.mkdir(parents=True, exist_ok=True)
    tmp = mo.with_suffix(".mo.tmp")
    with tmp.open("wb") as target:
        write_mo(target, catalog)
    tmp.replace(mo)


def add_interface_catalog(app: Sphinx, config: Config) -> None:
    """The interface strings in the build's language, compiled beside the doctrees."""
    po = LOCALE_DIR / config.language / "LC_MESSAGES" / "edition.po"
    compiled = Path(app.doctreedir) / "edition-locale"
    if po.is_file():
        compile_catalog(po, compiled / config.language / "LC_MESSAGES" / "edition.mo")
    app.add_message_catalog("edition", str(compiled))


def localise_edition(app: Sphinx, config: Config) -> None:
    """The title and release date of the edition, in the build's language: every page,
    the PDF's and the EPUB's title pages, and the citations."""
    if config.edition_release_date:
        config.today = language(config.language).date(config.edition_release_date)
    title = config.edition_titles.get(config.language)
    if title:
        config.project = config.html_title = config.epub_title = title
        config.latex_documents = [(start, target, title, *rest) for start, target, _, *rest in config.latex_documents]


def is_epub(builder: Builder) -> bool:
    """Whether *builder* writes an EPUB (which shares the HTML writer and visitors)."""
    return builder.name.startswith("epub")


def is_web(builder: Builder) -> bool:
    """Whether *builder* writes the HTML for the web: pages with scripts and metadata."""
    return builder.format == "html" and not is_epub(builder)


def add_latex_preamble(config: Config, text: str, *, first: bool = False) -> None:
    """Add *text* to the LaTeX preamble, after conf.py's or, with *first*, before it
    (on ``config-inited``: the builder reads the preamble when it starts)."""
    preamble = config.latex_elements.get("preamble", "")
    joined = f"{text}\n{preamble}" if first else f"{preamble}\n{text}"
    config.latex_elements = {**config.latex_elements, "preamble": joined}


def ancestors(node: Node, stop: Node | None = None) -> Iterator[Node]:
    """The parents of *node*, nearest first, up to and including *stop* (or the document)."""
    while node is not stop and node.parent is not None:
        node = node.parent
        yield node


def visit_nothing(self: object, node: object) -> None:
    """A visitor for builders that show a node's children and nothing of its own."""


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("edition_release_date", "", "env", types=frozenset({str}))
    app.add_config_value("edition_basename", "edition", "env", types=frozenset({str}))
    app.add_config_value("edition_languages", ["en"], "env", types=frozenset({list}))
    app.add_config_value("edition_titles", {}, "env", types=frozenset({dict}))
    app.connect("config-inited", add_interface_catalog)
    app.connect("config-inited", localise_edition)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
