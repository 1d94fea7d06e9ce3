"""The edition's HTML theme, and the page context its templates read.

The theme inherits Sphinx's ``basic`` theme and adds a light, self-contained
stylesheet: no web fonts, no scripts beyond Sphinx's own, nothing loaded from
another origin.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.writers.html5 import HTML5Translator

from edition.downloads import downloads
from edition.languages import language
from edition.texts import edited_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("edition")

THEME_PATH = Path(__file__).parent / "theme" / "edition"
#: The README's Content-Security-Policy as a page can carry it itself, for hosts that cannot
#: send headers (GitHub Pages): a <meta> element cannot carry frame-ancestors (browsers ignore
#: it there), so only a server's header keeps the site out of other sites' frames.
META_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "font-src 'self'; object-src 'none'; base-uri 'self'")
#: Sphinx's scripts that only the search page needs (keyboard navigation and
#: highlighting of search words are not worth their weight on every page).
SEARCH_ONLY = ("doctools.js", "sphinx_highlight.js", "translations.js")


class EditionHTMLTranslator(HTML5Translator):
    """Sphinx's HTML5 writer, with two roles that validators reject put right.

    * A toctree's caption is ``<p role="heading">``; a heading role needs a
      level (``aria-level``), else the Nu checker and axe reject it. The
      captions sit under the page's ``<h1>``: level 2.
    * Docutils marks citations ``role="doc-biblioentry"`` inside a
      ``role="list"``: that role is deprecated (DPUB-ARIA 1.1) and is no list
      item, so axe rejects both. Each citation is a ``listitem`` instead.
    """

    def visit_title(self, node: nodes.title) -> None:
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            self.body.append(self.starttag(node, "p", "", CLASS="caption", ROLE="heading", **{"aria-level": "2"}))
            self.body.append('<span class="caption-text">')
            self.context.append("</span></p>\n")
        else:
            super().visit_title(node)

    def visit_footnote_reference(self, node: nodes.footnote_reference) -> None:
        # a bare superscript number: docutils' bracket spans cost ~80 bytes a note
        self.body.append(self.starttag(node, "a", suffix="", classes=["footnote-reference"],
                                       role="doc-noteref", href="#" + node["refid"]))

    def depart_footnote_reference(self, node: nodes.footnote_reference) -> None:
        self.body.append("</a>")

    def visit_reference(self, node: nodes.reference) -> None:
        # A citation's full reference, repeated as a tooltip on every citation,
        # is most of a page's weight of notes; the bibliography is one click away.
        if "bibtex-citation" in node.parent.get("classes", ()):
            node.attributes.pop("reftitle", None)
        super().visit_reference(node)

    def visit_citation(self, node: nodes.citation) -> None:
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


class CleanTranslatedMeta(SphinxTransform):
    """Gettext marks a translated ``<meta>`` with ``translated``, which the HTML
    writer then prints as an attribute that HTML and EPUB do not allow."""

    default_priority = 25  # after Sphinx's Locale transform (20)

    def apply(self, **kwargs: Any) -> None:
        for meta in self.document.findall(nodes.meta):
            meta.attributes.pop("translated", None)


def add_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    config = app.config
    pathto = context["pathto"]
    context["edition_release_date"] = config.today  # the release date, in the page's language
    # the edition shows no code: Pygments' stylesheet would be dead weight on every page
    context["css_files"] = [css for css in context.get("css_files", [])
                            if not str(getattr(css, "filename", css)).endswith("pygments.css")]
    if pagename != "search":  # Sphinx's own scripts serve the search page; the rest do without
        context["script_files"] = [js for js in context.get("script_files", [])
                                   if not str(getattr(js, "filename", js)).endswith(SEARCH_ONLY)]
    context["_e"] = lambda message: str(_(message))  # the templates' own strings, from our catalog
    # the same page in every language: the languages build the same documents
    depth = "../" * (pagename.count("/") + 1)
    uri = app.builder.get_target_uri(pagename)
    if pagename == getattr(config, "notfound_pagename", None):
        # the 404 page is shown at any depth: absolute paths (edition.notfound)
        depth = config.notfound_urls_prefix.removesuffix(f"{config.language}/")
    context["edition_switcher"] = [
        (code, language(code).native_name, f"{depth}{code}/{uri}") for code in config.edition_languages
    ]
    context["edition_meta_csp"] = META_CSP
    labels = {"pdf": _("PDF"), "epub": _("EPUB"), "offprint": _("PDF of this text"), "tei": _("TEI")}
    # a text's page offers its own offprint and TEI; every other page the whole edition's TEI
    texts = [pagename] if doctree is not None and next(doctree.findall(edited_text), None) else []
    page = app.env.domains["citations"].built.pages.get(pagename)
    siglum = page.siglum if page is not None and page.kind == "text" else ""
    found = downloads(config, texts)
    if texts:
        found = [d for d in found if d.kind != "tei" or d.docname]
    context["edition_downloads"] = [(labels[d.kind], pathto(d.file, 1)) for d in found
                                    if d.kind != "offprint" or d.siglum == siglum]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition")
    app.add_html_theme("edition", str(THEME_PATH))
    for builder in ("html", "dirhtml", "singlehtml"):
        app.set_translator(builder, EditionHTMLTranslator)
    app.add_transform(CleanTranslatedMeta)
    app.connect("html-page-context", add_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
