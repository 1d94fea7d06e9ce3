"""The 404 page: ``source/404.md``, in the build's language, for any missing address.

A server shows the 404 page at the address that was not found, at any depth, so
its links cannot be relative: sphinx-notfound-page builds it with absolute links,
under the prefix set here from the site's address and the build's language
(``/<path>/<lang>/``; ``/en/`` for a preview). The page offers no language
switcher (the other languages' 404 pages are for their own readers), the
EPUB leaves it out, and
``edition.publish`` copies the first language's to the site's root, where a
static host such as GitHub Pages looks for it. ``deploy/nginx.conf`` chooses
the reader's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata

#: The 404 page's document (``notfound_pagename``).
PAGENAME = "404"


def set_prefix(app: Sphinx, config: Config) -> None:
    base = getattr(config, "edition_base_url", "") or getattr(config, "edition_preview_url", "") or "/"
    path = urlsplit(base).path.rstrip("/")
    config.notfound_urls_prefix = f"{path}/{config.language}/"
    config.notfound_pagename = PAGENAME
    # the EPUB is a book, read offline: no page for missing addresses
    config.epub_exclude_files = [*config.epub_exclude_files, f"{PAGENAME}.xhtml"]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("notfound.extension")
    app.connect("config-inited", set_prefix, priority=600)  # after -D language= is applied
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
