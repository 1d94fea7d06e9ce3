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

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__version__ = "1.0.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("edition_release_date", "", "env", types=frozenset({str}))
    app.add_config_value("edition_basename", "edition", "env", types=frozenset({str}))
    app.add_config_value("edition_languages", ["en"], "env", types=frozenset({list}))
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
