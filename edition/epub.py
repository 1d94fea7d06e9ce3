"""The EPUB: an EPUB 3 that e-readers render as the web shows the edition.

Sphinx's EPUB builder writes every page with the HTML writer and its stock
theme. The edition's EPUB builder (registered as ``epub``) changes what an
e-reader needs:

* **Theme** ``edition-epub``: the web's stylesheet (``edition.css``: fonts,
  sizes, line height, headings, notes) and after it ``edition-epub.css``,
  which leaves colours, margins and the page to the reading system. Only the
  stylesheets go into the book: none of the basic theme's scripts and icons.
* **Paragraph numbers** (:class:`EpubParagraphNumbers`): a small number
  hanging before its paragraph and set apart from the words by a space, so
  that a copy, a search or a text-to-speech voice reads "3 1956. gada", not
  "31956. gada". No link to the paragraph itself: in a book it leads nowhere.
* **Notes** (:class:`EpubTranslator`): note marks are ``<a epub:type="noteref">``
  and notes ``<aside epub:type="footnote">``, which Apple Books, Kobo and
  Thorium open as pop-ups; the notes of a page follow it under a heading.
* **Original and translation**: a legend before each text that has a
  translation names the original's language and the translation's, each set
  as its paragraphs are.
* **Navigation in the book's language**: the contents (``nav.xhtml``, the
  guide of ``content.opf``) are headed in the build's language, and the
  navigation document has landmarks (contents, the first text, glossary,
  bibliography, index).
* **Metadata**: the book's date is the edition's release date
  (``edition_release_date``), as the site's; ``content.opf`` carries the
  accessibility metadata EPUB Accessibility 1.1 asks for.

Sphinx zips the EPUB with each file's modification time, so two builds of the
same commit differ. After the build, the archive is rewritten with every
entry dated ``SOURCE_DATE_EPOCH`` (the release date, set by the Makefile), in
the same order, ``mimetype`` first and stored, as the EPUB container requires.
Our own fifteen lines: Debian's strip-nondeterminism does the same, but would be
one more system tool for every machine that builds.
"""

from __future__ import annotations

import html
import os
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.epub3 import Epub3Builder
from sphinx.locale import _ as sphinx_
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.fileutil import copy_asset_file
from sphinxcontrib.bibtex.nodes import bibliography

from edition import is_epub
from edition.paragraphs import paragraph_number
from edition.notes import html_backlinks
from edition.parallel import language_name, translation
from edition.texts import edited_text
from edition.theme import EditionHTMLTranslator

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("edition")

THEME_PATH = Path(__file__).parent / "theme" / "edition-epub"
#: The package documents the edition writes itself (content.opf, nav.xhtml).
PACKAGE_TEMPLATES = Path(__file__).parent / "theme" / "epub-package"


# -- Paragraph numbers and legends ---------------------------------------------------


class epub_paragraph_number(nodes.Inline, nodes.Element):  # noqa: N801 (docutils naming)
    """A paragraph's number in the EPUB: set apart from the words, not a link."""


def visit_epub_paragraph_number(self: Any, node: epub_paragraph_number) -> None:
    self.body.append(f'<span class="parnum">{self.encode(node["number"])}</span> ')
    raise nodes.SkipNode


class EpubParagraphNumbers(SphinxPostTransform):
    """Numbers set apart from their paragraphs; a legend before each translated text."""

    default_priority = 100
    builders = ("epub",)

    def run(self, **kwargs: Any) -> None:
        for number in list(self.document.findall(paragraph_number)):
            number.replace_self(epub_paragraph_number(number=number["number"], ref=number["ref"]))
        language = self.config.language
        for text in list(self.document.findall(edited_text)):
            if not any(True for _t in text.findall(translation)):
                continue
            legend = nodes.container(classes=["unit-legend"])
            legend += nodes.paragraph("", _("Original (%s)") % language_name(text["lang"], language),
                                      classes=["legend-original"])
            legend += nodes.paragraph("", _("Translation (%s)") % language_name(language, language),
                                      classes=["legend-translation"])
            text.parent.insert(text.parent.index(text), legend)


# -- The writer: notes as e-readers show them ----------------------------------------


class EpubTranslator(EditionHTMLTranslator):
    """The edition's HTML writer, with notes marked as EPUB 3 notes.

    A note mark is ``<a epub:type="noteref">`` and its note ``<aside
    epub:type="footnote">`` (with their DPUB-ARIA roles); the notes of a page
    are a section headed "Notes"; each note ends with the way back to its
    paragraph ("Back to A 3"), as on the web (``edition.notes``).
    """

    def visit_footnote_reference(self, node: nodes.footnote_reference) -> None:
        self.body.append(self.starttag(node, "a", suffix="", classes=["footnote-reference"],
                                       role="doc-noteref", href="#" + node["refid"],
                                       **{"epub:type": "noteref"}))

    def depart_footnote_reference(self, node: nodes.footnote_reference) -> None:
        self.body.append("</a>")

    def visit_footnote(self, node: nodes.footnote) -> None:
        if not isinstance(node.previous_sibling(), type(node)):
            title = _("Notes")
            self.body.append('<section class="footnote-list" epub:type="footnotes">\n'
                             f'<h2 class="notes-title">{self.encode(title)}</h2>\n')
        self.body.append(self.starttag(node, "aside", classes=["footnote"], role="doc-footnote",
                                       **{"epub:type": "footnote"}))

    def depart_footnote(self, node: nodes.footnote) -> None:
        html_backlinks(self, node)  # "Back to A 3", as on the web
        self.body.append("</aside>\n")
        if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
            self.body.append("</section>\n")


# -- The builder: navigation, metadata, what goes into the book ---------------------


class Landmark(NamedTuple):
    type: str  #: its epub:type
    href: str
    title: str


class EditionEpubBuilder(Epub3Builder):
    """Sphinx's EPUB 3 builder, with the navigation and metadata in the book's language."""

    def init(self) -> None:
        super().init()
        self.guide_titles = {"toc": str(_("Contents")), "cover": str(_("Cover"))}

    def copy_static_files(self) -> None:
        """Only the stylesheets the pages link to go into the book (not the basic
        theme's scripts and icons, which an EPUB page never loads)."""
        super().copy_static_files()
        static = Path(self.outdir) / "_static"
        linked = {Path(str(css.filename)).name for css in self._css_files} - {"pygments.css"}  # no code shown
        for path in sorted(static.rglob("*"), reverse=True):
            if path.is_file() and path.name not in linked:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        if self.config.edition_release_date:  # the site's date, whatever the clock says
            metadata["date"] = f"{self.config.edition_release_date}T00:00:00Z"
        metadata["accessibility_summary"] = html.escape(str(_(
            "The edition's text with its notes, register, glossary and index, without images, audio "
            "or video. Headings, a table of contents, landmarks and the language of every passage are "
            "marked; every note is linked to its mark and back.")))
        return metadata

    def build_content(self) -> None:
        """``content.opf`` from the edition's template (Sphinx's, with accessibility metadata)."""
        self.template_dir = PACKAGE_TEMPLATES  # type: ignore[assignment]
        try:
            super().build_content()
        finally:
            del self.template_dir  # Sphinx's templates again, for the other package files

    def landmarks(self) -> list[Landmark]:
        """The book's landmarks: its contents, first text, glossary, bibliography and index."""
        if not self.refnodes:
            return []
        found = [Landmark("toc", self.refnodes[0]["refuri"], str(_("Contents")))]
        order = list(dict.fromkeys(node["refuri"].split("#")[0] for node in self.refnodes))
        kinds: dict[str, str] = {}
        for docname in sorted(self.env.all_docs, key=lambda d: (order + [self.get_target_uri(d)]).index(
                self.get_target_uri(d))):
            doctree = self.env.get_doctree(docname)
            if next(doctree.findall(edited_text), None) is not None:
                kinds.setdefault("bodymatter", docname)
            if next(doctree.findall(addnodes.glossary), None) is not None:
                kinds.setdefault("glossary", docname)
            if next(doctree.findall(bibliography), None) is not None:
                kinds.setdefault("bibliography", docname)
        for kind, docname in kinds.items():
            found.append(Landmark(kind, self.get_target_uri(docname), self.env.titles[docname].astext()))
        if self.use_index:
            found.append(Landmark("index", "genindex" + self.out_suffix, str(sphinx_("Index"))))  # its title
        return found

    def build_navigation_doc(self) -> None:
        """``nav.xhtml`` from the edition's template: the contents headed in the book's
        language, with their DPUB-ARIA role, and the landmarks. (Sphinx's method, with
        another template.)"""
        if self.config.epub_tocscope == "default":
            doctree = self.env.get_and_resolve_doctree(self.config.root_doc, self, tags=self.tags,
                                                       prune_toctrees=False, includehidden=False)
            refnodes = self.get_refnodes(doctree, [])
            self.toc_add_files(refnodes)
        else:
            refnodes = self.refnodes
        context = {**self.navigation_doc_metadata(self.build_navlist(refnodes)),
                   "landmarks": self.landmarks(), "landmarks_locale": html.escape(str(_("Landmarks")))}
        copy_asset_file(PACKAGE_TEMPLATES / "nav.xhtml.jinja", self.outdir, context=context, force=True)
        if "nav.xhtml" not in self.files:
            self.files.append("nav.xhtml")


# -- Language and a reproducible archive ---------------------------------------------


def normalise_archive(path: Path, epoch: int) -> None:
    """Rewrite *path* with every entry dated *epoch* (UTC); contents and order unchanged."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # a zip cannot date before 1980
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp, "w") as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if entry.filename == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    tmp.replace(path)


def reproducible_epub(app: Sphinx, exception: Exception | None) -> None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if exception is None and is_epub(app.builder) and epoch:
        normalise_archive(Path(app.outdir) / f"{app.config.epub_basename}.epub", int(epoch))


def declare_language(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    if is_epub(app.builder):
        language = app.config.language
        context["html_tag"] = (
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
            f'lang="{language}" xml:lang="{language}">'
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition.theme")
    app.setup_extension("edition.paragraphs")
    app.setup_extension("edition.parallel")
    app.add_builder(EditionEpubBuilder, override=True)
    app.add_html_theme("edition-epub", str(THEME_PATH))
    app.set_translator("epub", EpubTranslator, override=True)
    app.add_node(epub_paragraph_number, html=(visit_epub_paragraph_number, None))
    app.add_post_transform(EpubParagraphNumbers)
    app.connect("html-page-context", declare_language)
    app.connect("build-finished", reproducible_epub)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
