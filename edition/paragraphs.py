"""Permanent paragraph numbers.

Every body paragraph of an edited text (the direct paragraphs of an
``edited-text`` directive) and of a page that asks for it with
``{paragraph-numbers} I`` gets a number, shown in the margin, and an anchor
``#p<n>`` that is the same in every language and format. The canonical
reference is the siglum and the number: ``A 3``.

Numbers are assigned in order. A paragraph may carry an explicit number with
a MyST block attribute, ``{#p3a}``: that is how a split paragraph keeps ``3``
for its first part and adds ``3a``; the count goes on from the last integer.

The ``{para}`A 3``` role links to a paragraph from anywhere.

The numbers are promises. :mod:`edition.registry` holds them to the committed
registry and fails the build when one breaks.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from edition import add_latex_preamble, ancestors
from edition.texts import edited_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("edition")
logger = logging.getLogger(__name__)

NUMBER = re.compile(r"^p(?P<int>[1-9][0-9]*)(?P<letter>[a-z]?)$")
REFERENCE = re.compile(r"^(?P<siglum>[A-Z][A-Za-z]*) (?P<number>[1-9][0-9]*[a-z]?)$")


# -- Nodes ----------------------------------------------------------------------


class paragraph_number(nodes.Inline, nodes.Element):  # noqa: N801 (docutils naming)
    """The margin number of a paragraph; attributes ``number``, ``ref``, ``anchor``."""


class numbering_scope(nodes.Invisible, nodes.Element):  # noqa: N801 (docutils naming)
    """Marks a page whose section paragraphs are numbered; attribute ``siglum``."""


def normalised_text(paragraph: nodes.Element) -> str:
    """The paragraph's words: no notes, no margin number; NFC, single spaces."""
    parts = []
    for node in paragraph.findall(nodes.Text):
        if any(isinstance(p, (nodes.footnote_reference, paragraph_number)) for p in ancestors(node, paragraph)):
            continue
        parts.append(str(node))
    text = unicodedata.normalize("NFC", "".join(parts))
    return " ".join(text.split())


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- Directive ------------------------------------------------------------------


class ParagraphNumbers(SphinxDirective):
    """``{paragraph-numbers} I``: number the paragraphs of this page's sections."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        siglum = self.arguments[0]
        if not re.fullmatch(r"[A-Z][A-Za-z]*", siglum):
            raise self.error(f"paragraph-numbers: siglum {siglum!r} must be a capital letter, optionally followed by letters")
        node = numbering_scope(siglum=siglum)
        self.set_source_info(node)
        return [node]


# -- Numbering ------------------------------------------------------------------


def _numbered_candidates(document: nodes.document) -> Iterator[tuple[str, nodes.paragraph]]:
    """Yield (siglum, paragraph) for every paragraph that gets a number."""
    for text in document.findall(edited_text):
        for child in text.children:
            if isinstance(child, nodes.paragraph):
                yield text["siglum"], child
            elif isinstance(child, nodes.Element) and "text-unit" in child["classes"]:
                yield text["siglum"], child[0]  # the original; its translation shares the number
    for scope in list(document.findall(numbering_scope)):
        siglum = scope["siglum"]
        scope.parent.remove(scope)
        for paragraph in document.findall(nodes.paragraph):
            if isinstance(paragraph.parent, nodes.section):
                yield siglum, paragraph


def _translation_text(original: nodes.paragraph) -> str:
    """The words of the translation set beside *original* (``edition.parallel``), if any."""
    following = original.next_node(descend=False, siblings=True)
    if isinstance(following, nodes.paragraph) and "translation" in following["classes"]:
        return normalised_text(following)
    return ""


class NumberParagraphs(SphinxTransform):
    """Give each citable paragraph its number, anchor and margin number."""

    default_priority = 830  # after i18n (20), before Sphinx collects domain data (850)

    def apply(self, **kwargs: Any) -> None:
        domain: ParagraphDomain = self.env.domains["edition"]  # type: ignore[assignment]
        docname = self.env.docname
        last: dict[str, int] = {}
        seen: dict[str, nodes.paragraph] = {}
        for siglum, paragraph in _numbered_candidates(self.document):
            explicit = [i for i in paragraph["ids"] if NUMBER.match(i)]
            if explicit:
                match = NUMBER.match(explicit[0])
                assert match is not None
                number = match["int"] + match["letter"]
                last[siglum] = int(match["int"])
            else:
                last[siglum] = last.get(siglum, 0) + 1
                number = str(last[siglum])
            ref = f"{siglum} {number}"
            anchor = f"p{number}"
            if ref in seen:
                logger.warning(
                    "paragraph number %s is used twice on this page: give one of the paragraphs another number",
                    ref, location=paragraph, type="edition", subtype="paragraph",
                )
                continue
            seen[ref] = paragraph
            paragraph["ids"] = [anchor] + [i for i in paragraph["ids"] if i != anchor and not NUMBER.match(i)]
            paragraph["classes"].append("numbered")
            paragraph["edition_ref"] = ref
            paragraph.insert(0, paragraph_number(number=number, ref=ref, anchor=anchor))
            text = normalised_text(paragraph)
            domain.add_paragraph(
                docname, ref=ref, siglum=siglum, number=number, anchor=anchor, line=paragraph.line or 0,
                sha256=digest(text), translated=bool(paragraph.get("translated")), text=text,
                translation=_translation_text(paragraph),
            )


# -- Domain ---------------------------------------------------------------------


class ParagraphDomain(Domain):
    """Where every numbered paragraph is, for links and for the registry."""

    name = "edition"
    label = "Edition"
    initial_data: ClassVar[dict[str, Any]] = {"paragraphs": {}}  # ref -> record
    data_version = 2  # 2: records hold the number and the plain texts

    @property
    def paragraphs(self) -> dict[str, dict[str, Any]]:
        return self.data["paragraphs"]

    def add_paragraph(self, docname: str, **record: Any) -> None:
        ref = record["ref"]
        other = self.paragraphs.get(ref)
        if other is not None and other["docname"] != docname:
            logger.warning(
                "paragraph %s is numbered on two pages, %s and %s: a siglum belongs to one page",
                ref, other["docname"], docname, location=(docname, record["line"]),
                type="edition", subtype="paragraph",
            )
            return
        self.paragraphs[ref] = {"docname": docname, **record}

    def clear_doc(self, docname: str) -> None:
        for ref, record in list(self.paragraphs.items()):
            if record["docname"] == docname:
                del self.paragraphs[ref]

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for ref, record in otherdata["paragraphs"].items():
            if record["docname"] in docnames:
                self.paragraphs[ref] = record

    def resolve_xref(
        self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str,
        target: str, node: addnodes.pending_xref, contnode: nodes.Element,
    ) -> nodes.reference | None:
        record = self.paragraphs.get(" ".join(target.split()))
        if record is None:
            return None
        return make_refnode(builder, fromdocname, record["docname"], record["anchor"], contnode, record["ref"])

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):  # noqa: ANN001
        found = self.resolve_xref(env, fromdocname, builder, "para", target, node, contnode)
        return [("edition:para", found)] if found is not None else []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for ref, record in self.paragraphs.items():
            yield ref, ref, "paragraph", record["docname"], record["anchor"], 1


def para_role(name, rawtext, text, lineno, inliner, options=None, content=()):  # noqa: ANN001
    """``{para}`A 3```: a link to paragraph 3 of Text A, shown as "A 3"."""
    target = " ".join(text.split())
    if not REFERENCE.match(target):
        message = inliner.reporter.error(
            f"para: {text!r} is not a paragraph reference; write a siglum and a number, e.g. A 3",
            line=lineno,
        )
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    node = addnodes.pending_xref(
        rawtext, refdomain="edition", reftype="para", reftarget=target, refexplicit=False,
        refwarn=True,
    )
    node += nodes.inline(target, target, classes=["xref", "paragraph-ref"])
    return [node], []


# -- Writers --------------------------------------------------------------------


def visit_paragraph_number_html(self: Any, node: paragraph_number) -> None:
    label = _("Paragraph %s") % node["ref"]
    self.body.append(
        f'<a class="parnum" href="#{node["anchor"]}" lang="{self.config.language}" '
        f'aria-label="{self.attval(label)}">{node["number"]}</a> '  # a space: the number is no part of the first word
    )
    raise nodes.SkipNode


def visit_paragraph_number_latex(self: Any, node: paragraph_number) -> None:
    # the label makes {para} links and back-links land on the paragraph in the PDF
    siglum = node["ref"].rpartition(" ")[0]
    self.body.append(self.hypertarget(node["anchor"]) + r"\edparnum{%s}{%s}" % (siglum, node["number"]))
    raise nodes.SkipNode


def visit_paragraph_number_text(self: Any, node: paragraph_number) -> None:
    self.add_text(f"[{node['number']}] ")
    raise nodes.SkipNode


def visit_paragraph_number_skip(self: Any, node: paragraph_number) -> None:
    raise nodes.SkipNode


LATEX_MACROS = r"""
% Paragraph numbers in the margin (edition.paragraphs), unless the book's design
% (edition.book) sets them with the running heads' records.
\providecommand{\edparnum}[2]{\leavevmode\marginpar{\footnotesize #2}}
"""


def add_latex_macros(app: Sphinx, config: Config) -> None:
    add_latex_preamble(config, LATEX_MACROS)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition.texts")
    app.add_domain(ParagraphDomain)
    app.add_node(
        paragraph_number,
        html=(visit_paragraph_number_html, None),
        latex=(visit_paragraph_number_latex, None),
        text=(visit_paragraph_number_text, None),
        man=(visit_paragraph_number_skip, None),
        texinfo=(visit_paragraph_number_skip, None),
    )
    app.add_node(numbering_scope)
    app.add_directive("paragraph-numbers", ParagraphNumbers)
    app.add_role("para", para_role)
    app.add_transform(NumberParagraphs)
    app.connect("config-inited", add_latex_macros, priority=900)
    # env_version 2: paragraph records hold the number and the plain texts (edition.manifest)
    return {"version": "1.0", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
