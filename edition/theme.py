"""The edition's HTML theme, and the page context its templates read.

The theme inherits Sphinx's ``basic`` theme and adds a light, self-contained
stylesheet: no web fonts, no scripts beyond Sphinx's own, nothing loaded from
another origin.

The edition's own stylesheets and scripts (``_static/edition*.css``,
``edition*.js``) are written minified (rcssmin, rjsmin) once the build is
done: their comments are for the reader of the source, and every byte of them
is fetched with every page (the budget: 100 KB a text page). The checksum in
each page's ``?v=`` is Sphinx's, of the file as the theme holds it, so it
changes when the source does.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import rcssmin
import rjsmin
from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.writers.html5 import HTML5Translator

from edition import is_web
from edition.downloads import downloads
from edition.languages import language
from edition.notes import html_backlinks, html_note_label, place_of
from edition.parallel import column_names
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

    def visit_label(self, node: nodes.label) -> None:
        if isinstance(node.parent, nodes.footnote):
            html_note_label(self, node)
        super().visit_label(node)

    def visit_footnote(self, node: nodes.footnote) -> None:
        if not isinstance(node.previous_sibling(), type(node)):
            # the words the notes' script (edition-notes.js) shows, once per page
            heading, note, close = _("Notes"), _("Note %s"), _("Close")  # outside f-strings, for pybabel
            self.body.append(f'<h2 class="notes-heading">{self.encode(heading)}</h2>\n')
            self.body.append(f'<aside class="footnote-list" data-note="{self.attval(note)}" '
                             f'data-close="{self.attval(close)}">\n')
        self.body.append(self.starttag(node, "aside", classes=["footnote"], role="doc-footnote"))

    def depart_footnote(self, node: nodes.footnote) -> None:
        html_backlinks(self, node)
        super().depart_footnote(node)

    def visit_table(self, node: nodes.table) -> None:
        # a wide table scrolls in its own box on a narrow screen; the page does not
        self.body.append('<div class="table-wrap">')
        super().visit_table(node)

    def depart_table(self, node: nodes.table) -> None:
        super().depart_table(node)
        self.body.append("</div>\n")

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
    if is_web(app.builder) and doctree is not None and any(True for _n in doctree.findall(nodes.footnote)):
        app.add_js_file("edition-notes.js", loading_method="defer")  # notes at hand
    if pagename != "search":  # Sphinx's own scripts serve the search page; the rest do without
        context["script_files"] = [js for js in context.get("script_files", [])
                                   if not str(getattr(js, "filename", js)).endswith(SEARCH_ONLY)]
    if doctree is not None and context.get("title"):
        # a text with its translation: the page's title names both columns (the tab, bookmarks, history)
        text = next((t for t in doctree.findall(edited_text) if "with-translation" in t["classes"]), None)
        if text is not None:
            context["title"] += ": " + ", ".join(column_names(text, app.config.language))
    if pagename == "genindex":
        where = index_labels(app, pagename)
        context["edition_index_label"] = lambda link: index_label(where, link)
        context["edition_index_sorted"] = lambda links: sorted(
            links, key=lambda entry: natural_key(index_label(where, entry[1])))
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


def index_labels(app: Sphinx, pagename: str) -> dict[str, str]:
    """What each link of the index points at, by its address: "A 3", "I 12", else the page's title."""
    builder, env = app.builder, app.env
    labels = {}
    for record in env.domains["edition"].data["paragraphs"].values():
        labels[builder.get_relative_uri(pagename, record["docname"]) + "#" + record["anchor"]] = record["ref"]
    for docname in sorted(env.found_docs):  # an {index} target inside a numbered paragraph
        for target in env.get_doctree(docname).findall(nodes.target):
            place = place_of(target)
            for target_id in target["ids"] if place else ():
                labels[builder.get_relative_uri(pagename, docname) + "#" + target_id] = place
    titles = {builder.get_relative_uri(pagename, docname): title.astext() for docname, title in env.titles.items()}
    return {"paragraphs": labels, "pages": titles}


def natural_key(label: str) -> list[Any]:
    """"I 2" before "I 12": numbers compared as numbers, words as words."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", label)]


def index_label(labels: dict[str, dict[str, str]], link: str) -> str:
    page = link.split("#", 1)[0]
    ref = labels["paragraphs"].get(link)
    return ref.replace(" ", "\u00a0") if ref else labels["pages"].get(page) or page


def minify_static(app: Sphinx, exception: Exception | None) -> None:
    """The edition's own CSS and JavaScript in the output, without comments and spare spaces."""
    if exception is not None or not is_web(app.builder):
        return
    static = Path(app.outdir) / "_static"
    for path in sorted(static.glob("edition*.css")) + sorted(static.glob("edition*.js")):
        source = path.read_text(encoding="utf-8")
        small = (rcssmin.cssmin(source) if path.suffix == ".css" else rjsmin.jsmin(source)).strip() + "\n"
        if small != source:
            path.write_text(small, encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition")
    app.add_html_theme("edition", str(THEME_PATH))
    for builder in ("html", "dirhtml", "singlehtml"):
        app.set_translator(builder, EditionHTMLTranslator)
    app.add_transform(CleanTranslatedMeta)
    app.connect("html-page-context", add_page_context)
    app.connect("build-finished", minify_static)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
