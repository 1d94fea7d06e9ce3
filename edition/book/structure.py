"""The book's structure, made on the assembled document the LaTeX builder writes.

One post-transform, for LaTeX only, turns the root page and the pages it
includes into a book:

- the title page (title, subtitle, editors, version, date, licence), the
  imprint behind it (rights, how to cite, the edition's address) and the
  contents, instead of the root page's own words;
- three divisions, named by the captions of the root page's tables of
  contents: front matter, the texts, back matter;
- each text under its own name ("Text A · Anti-Party Group"), opened by its
  author, its first publication, its citation with its permalink, and its
  rights: the title block of its offprint, whose first and last pages LaTeX
  records;
- original and translation on facing pages, each paragraph's end marked for
  the running heads;
- the bibliography kept in its chapter (Sphinx would gather every citation
  into one list at the end of the book, leaving the chapter empty), each
  entry hanging.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from edition.citations.metadata import rights
from edition.citations.records import display_name
from edition.citations.nodes import citeproc_nodes
from edition.paragraphs import paragraph_number
from edition.parallel import text_unit, translation
from edition.texts import edited_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_ = get_translation("edition")


class book_part(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """A part of the book's frame; attribute ``kind`` (and ``division``, ``title``, ``slug``)."""


class paragraph_end(nodes.Inline, nodes.Element):  # noqa: N801 (docutils naming)
    """The end of a numbered paragraph or its translation; attributes ``siglum``, ``number``."""


class bibliography_entry(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """An entry of the bibliography where the bibliography stands; ``ids``: the citations' targets."""


def _split_ref(ref: str) -> tuple[str, str]:
    siglum, _space, number = ref.rpartition(" ")
    return siglum, number


def _paragraph(text: str | nodes.Node, *classes: str) -> nodes.paragraph:
    node = nodes.paragraph()
    inline = nodes.inline(classes=list(classes))
    inline += nodes.Text(text) if isinstance(text, str) else text
    node += inline
    return node


class BookStructure(SphinxPostTransform):
    """The assembled document as a book (see the module's description)."""

    builders = ("latex",)
    default_priority = 700  # before Sphinx gathers the citations at the end (750)

    def run(self, **kwargs: Any) -> None:
        root = self.document.next_node(nodes.section)
        if root is None:
            return
        wrappers = [
            node for node in root.findall(nodes.compound)
            if "toctree-wrapper" in node["classes"] and not any(isinstance(a, addnodes.start_of_file)
                                                                for a in _ancestors(node))
        ]
        subtitle = self._take_root_words(root)
        title = root.next_node(nodes.title)
        position = root.index(title) + 1 if title is not None else 0
        root[position:position] = [self._title_page(subtitle), self._imprint(), book_part(kind="contents")]
        self._divide(wrappers)
        for sof in self.document.findall(addnodes.start_of_file):
            text = sof.next_node(edited_text)
            if text is not None:
                self._open_text(sof, text)
        self._mark_paragraph_ends()
        self._keep_bibliography()

    # -- the root page: title page, imprint, contents ----------------------------

    def _take_root_words(self, root: nodes.section) -> str:
        """Remove the root page's own paragraphs (their matter is in the introduction);
        return its subtitle, the paragraph that is all emphasis."""
        subtitle = ""
        for child in list(root.children):
            if isinstance(child, nodes.paragraph):
                if not subtitle and len(child.children) == 1 and isinstance(child[0], nodes.emphasis):
                    subtitle = child.astext()
                root.remove(child)
        return subtitle

    def _title_page(self, subtitle: str) -> book_part:
        config = self.config
        page = book_part(kind="titlepage")
        page += _paragraph(config.project, "edtitle")
        if subtitle:
            page += _paragraph(subtitle, "edsubtitle")
        page += _paragraph(_("Edited by"), "ededitedby")
        page += _paragraph(config.author, "ededitors")
        page += _paragraph(_("Version %s") % config.release, "edversion")
        page += _paragraph(config.today, "eddate")
        licence = _("The editorial matter is published under the Creative Commons Attribution-ShareAlike 4.0"
                    " International licence (CC BY-SA 4.0).")
        page += _paragraph(licence, "edlicence")
        return page

    def _imprint(self) -> book_part:
        config = self.config
        built = self.env.domains["citations"].built
        imprint = book_part(kind="imprint")
        imprint += _paragraph(f"{config.project}. " + _("Version %s") % config.release + f", {config.today}.")
        imprint += _paragraph(_("Edited by %s.") % config.author)
        for page in built.pages.values():
            if page.kind == "text":
                licence, statement = rights(page, built.info)
                imprint += _paragraph(_("Text %(siglum)s: %(rights)s.") % {"siglum": page.siglum,
                                                                           "rights": statement or licence})
        licence, _statement = rights(None, built.info)
        imprint += _paragraph(_("The editorial matter: © %(year)s the editors, under the licence %(licence)s.")
                              % {"year": config.edition_release_date[:4], "licence": licence})
        edition = built.edition
        if edition is not None and "chicago-bibliography" in edition.strings:
            cite = nodes.paragraph()
            cite += nodes.Text(_("How to cite this edition:") + " ")
            cite += citeproc_nodes(edition.strings["chicago-bibliography"])
            imprint += cite
            address = nodes.paragraph()
            address += nodes.Text(_("The edition online, with its records:") + " ")
            address += nodes.reference(edition.url, edition.url, refuri=edition.url)
            imprint += address
        return imprint

    # -- divisions and texts --------------------------------------------------------

    def _divide(self, wrappers: list[nodes.compound]) -> None:
        captions = [
            toctree.get("caption") or ""
            for toctree in self.env.get_doctree(self.config.root_doc).findall(addnodes.toctree)
        ]
        seen_texts = False
        for wrapper, caption in zip(wrappers, captions, strict=False):
            has_texts = wrapper.next_node(edited_text) is not None
            division = "texts" if has_texts else ("back" if seen_texts else "front")
            seen_texts = seen_texts or has_texts
            wrapper.insert(0, book_part(kind="division", division=division, title=caption))

    def _open_text(self, sof: addnodes.start_of_file, text: edited_text) -> None:
        siglum = text["siglum"]
        slug = siglum.lower()
        section = sof.next_node(nodes.section)
        title = section.next_node(nodes.title) if section is not None else None
        if title is not None:
            title.insert(0, nodes.Text(_("Text %s") % siglum + " · "))
        opener = book_part(kind="opener", slug=slug)
        built = self.env.domains["citations"].built
        work = self.config.citations_works.get(siglum, {})
        authors = [display_name(a) for a in work.get("author", [])]
        if authors:
            opener += _paragraph(", ".join(authors), "edauthor")
        if siglum in built.first_published:
            opener += _paragraph(built.first_published[siglum] + ".")
        page = built.pages.get(sof["docname"])
        if page is not None and "chicago-bibliography" in page.strings:
            cite = nodes.paragraph()
            cite += nodes.Text(_("Cite as:") + " ")
            cite += citeproc_nodes(page.strings["chicago-bibliography"])
            opener += cite
        if page is not None:
            licence, statement = rights(page, built.info)
            opener += _paragraph(statement or _("Published under the licence %s.") % licence, "edrights")
        if title is not None:
            section.insert(section.index(title) + 1, opener)
        sof += book_part(kind="offprint-end", slug=slug)
        self._pair(text)

    def _pair(self, text: edited_text) -> None:
        """Put each run of paragraphs that have a translation on facing pages."""
        run: list[text_unit] = []
        runs = []
        for child in [*text.children, None]:
            if isinstance(child, text_unit) and child.next_node(translation) is not None:
                run.append(child)
                continue
            if run:
                runs.append(run)
                run = []
        for units in runs:
            pages = book_part(kind="parallel")
            text.insert(text.index(units[0]), pages)
            for unit in units:
                text.remove(unit)
                pages += unit
            if units is runs[-1]:
                # What follows the last paragraph (the text's list of works, its references,
                # its byline) closes the right-hand page, under the last translation.
                for sibling in text.children[text.index(pages) + 1:]:
                    text.remove(sibling)
                    pages += sibling

    # -- paragraphs, translations, bibliography -----------------------------------------

    def _mark_paragraph_ends(self) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            ref = paragraph.get("edition_ref")
            if ref:
                siglum, number = _split_ref(ref)
                paragraph += paragraph_end(siglum=siglum, number=number)
        for node in self.document.findall(translation):
            unit = node.parent
            number = unit.next_node(paragraph_number)
            if number is not None:
                node["siglum"], node["number"] = _split_ref(number["ref"])

    def _keep_bibliography(self) -> None:
        for citation in list(self.document.findall(nodes.citation)):
            entry = bibliography_entry(ids=[f"cite.{citation['docname']}:{citation['ids'][0]}"])
            entry += [child.deepcopy() for child in citation.children if not isinstance(child, nodes.label)]
            citation.replace_self(entry)


def _ancestors(node: nodes.Node):  # noqa: ANN202
    while node.parent is not None:
        node = node.parent
        yield node


# -- LaTeX ------------------------------------------------------------------------------

ENVIRONMENTS = {"titlepage": "edtitlepage", "imprint": "edimprint", "opener": "edtextopener",
                "parallel": "edparallel"}


def visit_book_part(self: Any, node: book_part) -> None:
    kind = node["kind"]
    if kind == "contents":
        self.body.append("\n\\edtableofcontents\n")
    elif kind == "division":
        self.body.append("\n\\eddivision{%s}{%s}\n" % (node["division"], self.encode(node["title"])))
    elif kind == "offprint-end":
        self.body.append("\n\\edoffprintend{%s}\n" % node["slug"])
    elif kind == "opener":
        self.body.append("\n\\begin{edtextopener}{%s}\n" % node["slug"])
        return
    else:
        self.body.append("\n\\begin{%s}\n" % ENVIRONMENTS[kind])
        return
    raise nodes.SkipNode


def depart_book_part(self: Any, node: book_part) -> None:
    self.body.append("\n\\end{%s}\n" % ENVIRONMENTS[node["kind"]])


def visit_paragraph_end(self: Any, node: paragraph_end) -> None:
    self.body.append("\\edparstop{%s}{%s}" % (self.encode(node["siglum"]), self.encode(node["number"])))
    raise nodes.SkipNode


def visit_bibliography_entry(self: Any, node: bibliography_entry) -> None:
    # the citations link to "cite.<page>:<id>", as to a \bibitem
    self.body.append("\n\\begin{edbibentry}" + "".join(r"\hypertarget{%s}{}" % i for i in node["ids"]) + "\n")


def depart_bibliography_entry(self: Any, node: bibliography_entry) -> None:
    self.body.append("\n\\end{edbibentry}\n")


def setup(app: Sphinx) -> None:
    app.add_node(book_part, latex=(visit_book_part, depart_book_part))
    app.add_node(paragraph_end, latex=(visit_paragraph_end, None))
    app.add_node(bibliography_entry, latex=(visit_bibliography_entry, depart_bibliography_entry))
    app.add_post_transform(BookStructure)
