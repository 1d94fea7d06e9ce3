"""From the doctree to TEI: inline and block content, with lxml.

:class:`Converter` turns what Sphinx read (the unresolved doctree: ``pending_xref``
nodes still say what they point to) into TEI elements. Its :class:`Links` say
where each reference goes: a paragraph, note, person, term or work in the same
document is a local pointer (``#p3``), anything else an address.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes
from lxml import etree
from sphinx import addnodes
from sphinx.util import docname_join

from edition.texts import foreign

if TYPE_CHECKING:
    from collections.abc import Callable

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

#: Nodes that carry nothing a TEI reader needs: index entries, anchors, the web's buttons.
SKIPPED = ("index", "target", "paragraph_number", "cite_button", "cite_panel", "comment",
           "substitution_definition", "raw", "system_message", "person_mentions", "toctree")


def tei(tag: str, attrib: dict[str, str] | None = None, text: str | None = None,
        parent: etree._Element | None = None) -> etree._Element:
    """A TEI element, appended to *parent* when given."""
    name = f"{{{TEI_NS}}}{tag}"
    attrib = {k: v for k, v in (attrib or {}).items() if v not in (None, "")}
    element = (etree.Element(name, attrib, nsmap={None: TEI_NS}) if parent is None
               else etree.SubElement(parent, name, attrib))
    if text:
        element.text = text
    return element


def append_text(element: etree._Element, text: str) -> None:
    """Add *text* at the end of *element*'s content."""
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text


@dataclass
class Links:
    """Where references point, for one TEI document.

    ``prefix`` makes the document's identifiers unique inside a corpus; ``local``
    maps each page the document holds to its prefix; ``page_url`` gives the web
    address of any other page; ``tei_url`` the TEI of another text page.
    """

    prefix: str
    local: dict[str, str]
    page_url: Callable[[str, str], str]
    tei_url: Callable[[str, str], str]
    texts: frozenset[str] = frozenset()
    #: paragraph reference ("A 3") -> (docname, anchor)
    paragraphs: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: glossary term (lower case) -> entry identifier
    terms: dict[str, str] = field(default_factory=dict)
    #: bibliography key -> its short label ("Taubman 2003")
    works: dict[str, tuple[str, str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    def id(self, name: str) -> str:
        return self.prefix + name

    def local_ref(self, name: str) -> str:
        return "#" + self.prefix + name

    def to(self, docname: str, anchor: str = "") -> str:
        """A pointer to *anchor* on page *docname*: local, another text's TEI, or the web page."""
        if docname in self.local:
            return "#" + self.local[docname] + (anchor or "text")
        if docname in self.texts:
            return self.tei_url(docname, anchor)
        return self.page_url(docname, anchor)


class Converter:
    """Docutils nodes to TEI; *notes* maps a footnote's id to the footnote."""

    def __init__(self, links: Links, notes: dict[str, nodes.footnote] | None = None,
                 note_lang: str = "", on_unknown: Callable[[nodes.Node], None] | None = None) -> None:
        self.links = links
        self.notes = notes or {}
        self.note_lang = note_lang
        self.on_unknown = on_unknown

    # -- inline -------------------------------------------------------------------

    def inline(self, parent: etree._Element, node: nodes.Node) -> None:
        """Append the content of *node* to *parent*."""
        for child in node.children:
            self.inline_node(parent, child)

    def inline_node(self, parent: etree._Element, node: nodes.Node) -> None:  # noqa: C901, PLR0912
        if isinstance(node, nodes.Text):
            append_text(parent, str(node))
            return
        name = node.tagname
        if name in SKIPPED or isinstance(node, addnodes.index):
            return
        if isinstance(node, nodes.footnote_reference):
            footnote = self.notes.get(node.get("refid", ""))
            if footnote is not None:
                self.note(parent, footnote)
            return
        if isinstance(node, addnodes.pending_xref):
            self.xref(parent, node)
            return
        if isinstance(node, foreign):
            self.inline(tei("foreign", {XML_LANG: node["lang"]}, parent=parent), node)
        elif isinstance(node, nodes.emphasis):
            self.inline(tei("hi", {"rend": "italic"}, parent=parent), node)
        elif isinstance(node, nodes.strong):
            self.inline(tei("hi", {"rend": "bold"}, parent=parent), node)
        elif isinstance(node, nodes.literal):
            self.inline(tei("code", parent=parent), node)
        elif isinstance(node, nodes.title_reference):
            self.inline(tei("title", parent=parent), node)
        elif isinstance(node, (nodes.superscript, nodes.subscript)):
            self.inline(tei("hi", {"rend": name}, parent=parent), node)
        elif isinstance(node, nodes.reference) and node.get("refuri"):
            self.inline(tei("ref", {"target": node["refuri"]}, parent=parent), node)
        elif isinstance(node, nodes.paragraph):  # a paragraph inside an inline context
            self.inline(parent, node)
        elif isinstance(node, nodes.Element):
            if not isinstance(node, (nodes.inline, nodes.reference, nodes.TextElement)) and self.on_unknown:
                self.on_unknown(node)
            self.inline(parent, node)

    def note(self, parent: etree._Element, footnote: nodes.footnote) -> etree._Element:
        """The footnote, as a ``note`` where it is referenced."""
        label = footnote.children[0].astext() if footnote.children else ""
        attrib = {XML_ID: self.links.id(footnote["ids"][0]), "n": label, "place": "foot", "type": "editorial",
                  "resp": self.links.local_ref("editors")}
        if self.note_lang:
            attrib[XML_LANG] = self.note_lang
        note = tei("note", attrib, parent=parent)
        body = [child for child in footnote.children if not isinstance(child, nodes.label)]
        if len(body) == 1 and isinstance(body[0], nodes.paragraph):
            self.inline(note, body[0])
        else:
            for child in body:
                self.block(note, child)
        return note

    def xref(self, parent: etree._Element, node: addnodes.pending_xref) -> None:
        domain, kind, target = node.get("refdomain"), node.get("reftype"), node.get("reftarget", "")
        links = self.links
        if domain == "std" and kind == "term":
            entry = links.terms.get(target.lower())
            self.inline(tei("term", {"ref": links.local_ref(entry) if entry else ""}, parent=parent), node)
        elif domain == "persons":
            self.inline(tei("persName", {"ref": links.local_ref(f"person-{target}")}, parent=parent), node)
        elif domain == "cite":
            self.citation(parent, kind, [key.strip() for key in target.split(",") if key.strip()])
        elif domain == "edition" and kind == "para":
            place = links.paragraphs.get(" ".join(target.split()))
            ref = tei("ref", {"target": links.to(*place) if place else ""}, parent=parent)
            self.inline(ref, node)
        elif domain == "std" and kind == "doc":
            docname = docname_join(node.get("refdoc", ""), target)
            shown = node.astext() if node.get("refexplicit") else links.titles.get(docname, node.astext())
            tei("ref", {"target": links.to(docname)}, shown, parent=parent)
        else:
            self.inline(parent, node)

    def citation(self, parent: etree._Element, kind: str, keys: list[str]) -> None:
        """``{cite:p}`` as "(Taubman 2003)", ``{cite:t}`` as "Taubman (2003)"; each a pointer to the work."""
        if kind == "p":
            append_text(parent, "(")
        for index, key in enumerate(keys):
            if index:
                append_text(parent, "; " if kind == "p" else ", ")
            names, year = self.links.works.get(key, (key, ""))
            ref = tei("ref", {"type": "bibl", "target": self.links.local_ref(f"bib-{key}")}, parent=parent)
            ref.text = f"{names} {year}".strip() if kind == "p" else f"{names} ({year})" if year else names
        if kind == "p":
            append_text(parent, ")")

    # -- blocks -------------------------------------------------------------------

    def block(self, parent: etree._Element, node: nodes.Node) -> None:  # noqa: C901
        """Append *node* as block content (``p``, ``list``, ``table``) to *parent*."""
        if isinstance(node, nodes.Text) or node.tagname in SKIPPED or isinstance(node, addnodes.index):
            return
        if isinstance(node, nodes.paragraph):
            self.inline(tei("p", parent=parent), node)
        elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            rend = "bulleted" if isinstance(node, nodes.bullet_list) else "numbered"
            self.items(tei("list", {"rend": rend}, parent=tei("p", parent=parent)), node)
        elif isinstance(node, nodes.definition_list):
            self.definitions(tei("list", {"type": "gloss"}, parent=tei("p", parent=parent)), node)
        elif isinstance(node, nodes.table):
            self.table(tei("p", parent=parent), node)
        elif isinstance(node, nodes.block_quote):
            quote = tei("quote", parent=tei("p", parent=parent))
            for child in node.children:
                self.block(quote, child)
        elif isinstance(node, (nodes.section, nodes.container, nodes.compound, nodes.Structural)):
            for child in node.children:
                if not isinstance(child, nodes.title):
                    self.block(parent, child)
        elif isinstance(node, nodes.Element):
            self.inline(tei("p", parent=parent), node)

    def items(self, target: etree._Element, node: nodes.Element) -> None:
        for item in node.children:
            element = tei("item", parent=target)
            self.inline_blocks(element, item)

    def definitions(self, target: etree._Element, node: nodes.Element) -> None:
        for item in node.findall(nodes.definition_list_item):
            label = tei("label", parent=target)
            for index, term in enumerate(item.findall(nodes.term)):
                if index:
                    append_text(label, "; ")
                self.inline(label, term)
            for definition in item.findall(nodes.definition):
                self.inline_blocks(tei("item", parent=target), definition)

    def inline_blocks(self, element: etree._Element, node: nodes.Element) -> None:
        """One paragraph inline; more as ``p`` each."""
        children = [c for c in node.children if not isinstance(c, nodes.Invisible)]
        if len(children) == 1 and isinstance(children[0], nodes.paragraph):
            self.inline(element, children[0])
        else:
            for child in children:
                self.block(element, child)

    def table(self, parent: etree._Element, node: nodes.table) -> None:
        table = tei("table", parent=parent)
        for group in node.findall(nodes.tgroup):
            for part in group.children:
                if not isinstance(part, (nodes.thead, nodes.tbody)):
                    continue
                for row in part.children:
                    element = tei("row", {"role": "label" if isinstance(part, nodes.thead) else ""}, parent=table)
                    for entry in row.children:
                        self.inline_blocks(tei("cell", parent=element), entry)


def text_of(node: Any) -> str:
    return " ".join(node.astext().split())
