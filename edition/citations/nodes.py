"""The cite box of a paragraph, and the ``citation-examples`` directive.

A numbered paragraph gets a ``cite_button`` after its margin number and a
``cite_panel`` right after it. In HTML the button is a real ``<button>``
that opens and closes the panel (``edition-cite.js``). The page itself holds
only what must work without JavaScript, the paragraph's permalink (a
citation in itself: the page, the paragraph's number): without the script
the button stays hidden and the panel open. The Chicago note, the other
styles and the downloads of all the page's paragraphs are in one file,
``cite/<page>/citations.json``, which the script loads when a box is first
opened; so a page with many paragraphs stays light (issue 12: a Chicago note
under each paragraph was 7 KB of every text page). EPUB (no
scripts), LaTeX and text show nothing: their paragraphs keep their margin
numbers.

``{citation-examples} A 1, B 7, edition`` shows how to cite those
paragraphs (and the whole edition) in every style, as the build made the
strings: the examples are never typed by hand.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, Any

from bs4 import BeautifulSoup, Tag
from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from edition import is_web
from edition.citations.formatting import FORMS
from edition.downloads import RECORD_FORMATS, records
from edition.paragraphs import REFERENCE, paragraph_number

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from edition.citations.records import Citable

_ = get_translation("edition")
logger = logging.getLogger(__name__)

#: Forms shown for a paragraph, and for a page or the edition (no locator, so no in-text form).
PARAGRAPH_FORMS = tuple(form.name for form in FORMS)
WORK_FORMS = ("chicago-note", "chicago-bibliography", "mla", "apa")
#: The form a box shows first; the others are folded under it.
PLAIN_FORM = "chicago-note"
#: The media type of each record format (``edition.downloads.RECORD_FORMATS``).
MIME_TYPES = {
    "bib": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
    "json": "application/vnd.citationstyles.csl+json",
}


#: Builders that show no citations: no strings are made for them, and the examples are dropped
#: (gettext must not collect the strings as messages).
SILENT_BUILDERS = frozenset({"gettext", "dummy", "linkcheck"})


def form_label(name: str) -> str:
    labels = {
        "chicago-note": _("Chicago, note"),
        "chicago-bibliography": _("Chicago, bibliography"),
        "mla": _("MLA, works cited"),
        "mla-in-text": _("MLA, in the text"),
        "apa": _("APA, reference list"),
        "apa-in-text": _("APA, in the text"),
    }
    return labels[name]


# -- Nodes ----------------------------------------------------------------------


class cite_button(nodes.Inline, nodes.Element):  # noqa: N801 (docutils naming)
    """The "Cite" button of a paragraph; attributes ``ref`` and ``panel`` (the panel's id)."""


class cite_panel(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """The citations of a paragraph; attributes ``ref`` and ``panel`` (its id)."""


class citation_examples(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Where ``{citation-examples}`` shows its examples; attribute ``refs``."""


def panel_id(ref: str) -> str:
    return "cite-" + ref.replace(" ", "-")


class AddCiteBoxes(SphinxTransform):
    """Give each numbered paragraph a cite button and a cite panel."""

    default_priority = 860  # after edition.paragraphs numbers them (850)

    def apply(self, **kwargs: Any) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            ref = paragraph.get("edition_ref")
            if not ref or paragraph.parent is None:
                continue
            where = next(
                (
                    i + 1
                    for i, child in enumerate(paragraph.children)
                    if isinstance(child, paragraph_number)
                ),
                0,
            )
            paragraph.insert(where, cite_button(ref=ref, panel=panel_id(ref)))
            # after the paragraph, or after the unit of original and translation it opens
            after = paragraph.parent if "text-unit" in paragraph.parent["classes"] else paragraph
            parent = after.parent
            parent.insert(parent.index(after) + 1, cite_panel(ref=ref, panel=panel_id(ref)))


# -- Directive ------------------------------------------------------------------


class CitationExamples(SphinxDirective):
    """``{citation-examples} A 1, B 7, edition``: those citations in every style."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        refs = [" ".join(part.split()) for part in self.arguments[0].split(",") if part.strip()]
        for ref in refs:
            if ref != "edition" and not REFERENCE.match(ref):
                raise self.error(
                    f"citation-examples: {ref!r} is neither a paragraph reference "
                    f"(e.g. A 1) nor 'edition'"
                )
        node = citation_examples(refs=refs)
        self.set_source_info(node)
        self.env.domains["citations"].note_examples(self.env.docname, refs)
        return [node]


#: citeproc-js's inline HTML -> docutils nodes; anything else becomes an inline.
CITEPROC_TAGS: dict[str, type[nodes.Element]] = {
    "i": nodes.emphasis,
    "em": nodes.emphasis,
    "b": nodes.strong,
    "strong": nodes.strong,
    "sup": nodes.superscript,
    "sub": nodes.subscript,
}
URL = re.compile(r"https?://\S+?(?=[.,;)]?(?:\s|$))")


def _citeproc_children(element: Tag) -> list[nodes.Node]:
    children: list[nodes.Node] = []
    for child in element.children:
        if isinstance(child, Tag):
            if child.name == "div":  # citeproc's wrapper of a bibliography entry
                children += _citeproc_children(child)
                continue
            classes = ["small-caps"] if "small-caps" in child.get("style", "") else []
            node = CITEPROC_TAGS.get(child.name, nodes.inline)(classes=classes)
            node += _citeproc_children(child)
            children.append(node)
        else:
            position = 0
            for match in URL.finditer(child):
                children.append(nodes.Text(child[position : match.start()]))
                children.append(nodes.reference(match[0], match[0], refuri=match[0]))
                position = match.end()
            children.append(nodes.Text(child[position:]))
    return children


def citeproc_nodes(html: str) -> nodes.inline:
    """citeproc-js's HTML (``<i>``, ``<b>``, small caps, ``<sup>``) as docutils nodes."""
    node = nodes.inline(classes=["citation-string"])
    node += _citeproc_children(BeautifulSoup(html.strip(), "html.parser"))
    return node


def resolve_examples(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each ``citation_examples`` with the strings this build made."""
    built = app.env.domains["citations"].built
    for node in list(doctree.findall(citation_examples)):
        if app.builder.name in SILENT_BUILDERS:
            node.replace_self([])
            continue
        result: list[nodes.Node] = []
        for ref in node["refs"]:
            citable = built.edition if ref == "edition" else built.paragraphs.get(ref)
            if citable is None or not citable.strings:
                logger.warning(
                    "citation-examples: there is no paragraph %s to cite",
                    ref,
                    location=node,
                    type="edition",
                    subtype="citations",
                )
                continue
            result.append(_example(app, citable, docname))
        node.replace_self(result)


def _example(app: Sphinx, citable: Citable, docname: str) -> nodes.Element:
    box = nodes.container(classes=["citation-example"])
    heading = _("Paragraph %s") % citable.ref if citable.ref else _("The edition as a whole")
    box += nodes.paragraph("", "", nodes.strong(heading, heading))
    items = nodes.definition_list()
    for name in PARAGRAPH_FORMS if citable.ref else WORK_FORMS:
        item = nodes.definition_list_item()
        item += nodes.term(form_label(name), form_label(name))
        item += nodes.definition("", nodes.paragraph("", "", citeproc_nodes(citable.strings[name])))
        items += item
    box += items
    if citable.kind == "edition":
        downloads = nodes.paragraph("", _("The records of the edition and its texts:") + " ")
        for index, (path, label) in enumerate(records(app.config)):
            if is_web(app.builder):
                uri = relative_uri(app.builder.get_target_uri(docname), path)
            else:
                uri = app.env.domains["citations"].built.info.file_url(path)
            downloads += nodes.Text(", " if index else "")
            downloads += nodes.reference(label, label, refuri=uri)
        box += downloads
    return box


# -- Writers --------------------------------------------------------------------


def _citable(translator: Any, node: nodes.Element) -> Citable | None:
    built = translator.builder.env.domains["citations"].built
    citable = built.paragraphs.get(node["ref"])
    return citable if citable is not None and citable.strings else None


def visit_cite_button_html(self: Any, node: cite_button) -> None:
    # EPUB shares the HTML visitors (a handler registered under "epub" would hide
    # every other extension's "html" ones from it): it has no cite boxes.
    if is_web(self.builder) and _citable(self, node) is not None:
        label = _("Cite")  # outside the f-string, where pybabel can extract it
        self.body.append(
            f'<button type="button" class="cite-button" aria-expanded="false" '
            f'aria-controls="{node["panel"]}">{escape(label)}'
            f'<span class="cite-sr"> {escape(node["ref"])}</span></button> '
        )
    raise nodes.SkipNode


def visit_cite_panel_html(self: Any, node: cite_panel) -> None:
    citable = _citable(self, node) if is_web(self.builder) else None
    if citable is None:
        raise nodes.SkipNode
    panel = node["panel"]
    here = self.builder.get_target_uri(self.builder.current_docname)
    strings = relative_uri(here, page_strings_path(citable.docname))
    label, permalink = _("Citation of %s") % citable.ref, _("Permalink")  # extractable by pybabel
    self.body.append(
        f'<div class="cite-box" id="{panel}" role="group" data-ref="{escape(citable.ref)}" '
        f'data-src="{escape(strings)}" aria-label="{escape(label)}">'
        f'<p class="cite-permalink">{escape(permalink)}: '
        f'<a href="{escape(citable.url)}">{escape(citable.url)}</a></p>{this_version(self, citable)}</div>\n'
    )
    raise nodes.SkipNode


def this_version(translator: Any, citable: Citable) -> str:
    """The paragraph's address in the frozen copy of this version (``edition.archive``), beside the
    permalink, which always shows the latest: what a citation of this version should give."""
    built = translator.builder.env.domains["citations"].built
    base, release = built.info.base_url, translator.config.release
    if not citable.url.startswith(base):
        return ""
    url = f"{base}v/{release}/{citable.url[len(base):]}"
    label = _("This version (%s)") % release
    return f'<p class="cite-version">{escape(label)}: <a href="{escape(url)}">{escape(url)}</a></p>'



def download_path(citable: Citable, suffix: str) -> str:
    """Where a paragraph's record is published in the HTML output: ``cite/texts/a/p3.bib``."""
    return f"cite/{citable.docname}/{citable.anchor}.{suffix}"


def page_strings_path(docname: str) -> str:
    """The page's citations in every form, which the script loads when a box opens."""
    return f"cite/{docname}/citations.json"


def page_strings(citables: list[Citable], download_name: str, preview: bool = False) -> dict[str, Any]:
    """What ``edition-cite.js`` needs to fill the boxes of one page: labels, strings, downloads.

    *download_name* is the name a downloaded file gets, with ``{slug}`` and
    ``{suffix}``. Paths are relative to the JSON file. Each paragraph has its
    locator and its item's key, for the box's advice on citing it from a
    reference manager; *preview* adds the warning that the addresses are a
    local preview's.
    """
    labels = {name: form_label(name) for name in PARAGRAPH_FORMS}
    labels.update(
        copy=_("Copy"),
        copied=_("Copied"),
        download=_("Download"),
        more=_("Other styles and downloads"),
        # Translators: {number} is the paragraph's number; keep the braces
        howto=_("To cite it from Zotero or another reference manager, save this page or "
                "import one of the records below: they are the text's, so a paragraph is "
                "not a new item. Then give the locator: paragraph {number}."),
        bibtex=_("With BibTeX or biblatex:"),
    )
    if preview:
        labels["preview"] = _("This is a local preview of the edition: its addresses are this "
                              "computer's, not the published edition's.")
    paragraphs = {
        citable.ref: {
            "locator": citable.locator,
            "key": citable.key,
            "forms": [
                # the Chicago note first: the box shows it, the others fold under it
                [name, citable.strings[name]] for name in (PLAIN_FORM, *(n for n in PARAGRAPH_FORMS if n != PLAIN_FORM))
            ],
            "downloads": [
                [
                    label,
                    download_path(citable, suffix).rsplit("/", 1)[1],
                    MIME_TYPES[suffix],
                    download_name.format(slug=citable.slug, suffix=suffix),
                ]
                for suffix, label in RECORD_FORMATS
            ],
        }
        for citable in citables
        if citable.strings
    }
    return {"labels": labels, "paragraphs": paragraphs}


def skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    """Register the nodes, with a visitor for every builder the edition ships."""
    for node, html_visitor in (
        (cite_button, visit_cite_button_html),
        (cite_panel, visit_cite_panel_html),
        (citation_examples, skip),
    ):
        app.add_node(
            node,
            html=(html_visitor, None),
            latex=(skip, None),
            text=(skip, None),
            man=(skip, None),
            texinfo=(skip, None),
        )
    app.add_transform(AddCiteBoxes)
    app.add_directive("citation-examples", CitationExamples)
    app.connect("doctree-resolved", resolve_examples)
