"""Sphinx extensions of *The Anti-Party Group, 1957*.

One module per feature, each listed in ``conf.py`` under ``extensions``:

``edition.texts``
    the ``edited-text`` directive and the language roles: a witness's text,
    marked with its siglum and language in every output.
``edition.paragraphs``
    permanent paragraph numbers, anchors ``#p<n>`` and the ``{para}`` role.
``edition.registry``
    the committed registry of citable paragraphs and the check against it.
``edition.theme``
    the HTML theme and the page context its templates read.

Outside Sphinx, ``python -m edition.publish`` swaps finished builds into the
site and ``python -m edition.checks`` runs the validators.

This module, loaded by each of them, declares the settings they share.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

if TYPE_CHECKING:
    from sphinx.application import Sphinx
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


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("edition_release_date", "", "env", types=frozenset({str}))
    app.add_config_value("edition_basename", "edition", "env", types=frozenset({str}))
    app.add_config_value("edition_languages", ["en"], "env", types=frozenset({list}))
    compile_catalog(app.config.language)  # -D language=xx is already applied here
    app.add_message_catalog("edition", str(LOCALE_DIR))
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
