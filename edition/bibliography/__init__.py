"""The bibliography: sphinxcontrib-bibtex, with the edition's checks and style.

- ``checked``: a malformed ``.bib`` file is reported with its file, line and
  key, and the build goes on with the entries that can be read;
- ``chicago``: the bibliography and the citations in Chicago author-date,
  formatted by citeproc-js in the build's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from edition.bibliography import chicago
from edition.bibliography.checked import BibliographyError, check_bibfiles, check_file

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

__all__ = ["BibliographyError", "check_file"]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinxcontrib.bibtex")
    chicago.register()
    # set by this extension, never in conf.py: the readable copies of malformed files
    app.add_config_value("edition_substitute_bibfiles", [], "env", types=frozenset({list}))
    app.connect("builder-inited", check_bibfiles, priority=100)  # before sphinxcontrib-bibtex (500)
    app.connect("builder-inited", chicago.format_entries, priority=150)
    app.add_post_transform(chicago.DropLabels)
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True}
