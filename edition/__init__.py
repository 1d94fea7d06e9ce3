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
    a clear error for a malformed ``.bib`` file.
``edition.notes``
    a clear error for a note reference without a note.
``edition.catalogs``
    the translations held to their source before a build (and ``python -m
    edition.catalogs`` for translators).
``edition.parallel``
    original and translation side by side, one number for both.
``edition.persons``
    the register of persons, generated links from every mention, back-links.
``edition.citations``
    CSL-JSON records of every paragraph, formatted by citeproc-js; the cite
    box, exports and page metadata.
``edition.theme``
    the HTML theme and the page context its templates read.
``edition.epub``
    a reproducible EPUB archive.
``edition.search``
    search in Latvian.

Outside Sphinx, ``python -m edition.publish`` swaps finished builds into the
site and ``python -m edition.checks`` runs the validators.

This module, loaded by each of them, declares the settings they share.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from babel.dates import format_date

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"

#: The extensions' own catalog of interface strings: ``edition/locale/<lang>/LC_MESSAGES/edition.po``.
LOCALE_DIR = Path(__file__).parent / "locale"


def compile_catalog(language: str) -> None:
    """Compile the interface catalog of *language* when its .po is newer than its .mo.

    Sphinx compiles the project's catalogs itself, not an extension's; .mo files
    are build products and are never committed.
    """
    po = LOCALE_DIR / language / "LC_MESSAGES" / "edition.po"
    mo = po.with_suffix(".mo")
    if po.is_file() and (not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime):
        with po.open("rb") as source:
            catalog = read_po(source, locale=language)
        tmp = mo.with_suffix(".mo.tmp")
        with tmp.open("wb") as target:
            write_mo(target, catalog)
        tmp.replace(mo)


#: Latvian dates put the month in the locative ("22. jūnijā"), which CLDR does not give.
LATVIAN_MONTHS = ("janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā",
                  "septembrī", "oktobrī", "novembrī", "decembrī")


def localised_date(iso: str, language: str) -> str:
    """*iso* (YYYY-MM-DD) as each language writes a date in running text."""
    day = date.fromisoformat(iso)
    if language == "lv":
        return f"{day.year}. gada {day.day}. {LATVIAN_MONTHS[day.month - 1]}"
    if language == "ru":
        return format_date(day, "d MMMM y 'г.'", locale="ru")
    return format_date(day, "d MMMM y", locale="en")


def localise_edition(app: Sphinx, config: Config) -> None:
    """The title and release date of the edition, in the build's language: every page,
    the PDF's and the EPUB's title pages, and the citations."""
    if config.edition_release_date:
        config.today = localised_date(config.edition_release_date, config.language)
    title = config.edition_titles.get(config.language)
    if title:
        config.project = config.html_title = config.epub_title = title
        config.latex_documents = [(start, target, title, *rest) for start, target, _, *rest in config.latex_documents]


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


def code_digest() -> str:
    """A digest of the extensions' code, theme and catalogs: when it changes, Sphinx
    rereads every page (an ``env`` setting), as it would for a changed conf.py."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".css", ".js", ".toml", ".po"} \
                and "checks" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("edition_release_date", "", "env", types=frozenset({str}))
    app.add_config_value("edition_basename", "edition", "env", types=frozenset({str}))
    app.add_config_value("edition_languages", ["en"], "env", types=frozenset({list}))
    app.add_config_value("edition_titles", {}, "env", types=frozenset({dict}))
    app.add_config_value("edition_code_digest", code_digest(), "env", types=frozenset({str}))
    compile_catalog(app.config.language)  # -D language=xx is already applied here
    app.add_message_catalog("edition", str(LOCALE_DIR))
    app.connect("config-inited", localise_edition)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
