"""Edited texts.

The ``edited-text`` directive wraps one witness's text::

    :::{edited-text}
    :siglum: B
    :lang: lv

    First paragraph ...
    :::

It marks the text with its language in every output: ``lang`` in HTML and
EPUB, a polyglossia ``otherlanguage`` environment in LaTeX, so that a Latvian
text stays Latvian (hyphenation, screen readers) in a build of any language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from edition import add_latex_preamble, ancestors, is_epub, visit_nothing
from edition.languages import LANGUAGES, language

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.util.typing import ExtensionMetadata


class edited_text(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """A witness's text; attributes ``siglum`` and ``lang``."""


class foreign(nodes.Inline, nodes.TextElement):  # noqa: N801 (docutils naming)
    """A phrase in another language than its surroundings; attribute ``lang``."""


def language_role(code: str):
    """A role that marks its content as being in language *code*: ``{ru}`текст```."""

    def role(name, rawtext, text, lineno, inliner, options=None, content=()):
        return [foreign(rawtext, text, lang=code)], []

    return role


def _language(argument: str) -> str:
    code = directives.unchanged_required(argument).strip()
    language(code)  # raises ValueError, which docutils reports with file and line
    return code


class EditedText(SphinxDirective):
    """The text of one witness, with its siglum and language."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "siglum": directives.unchanged_required,
        "lang": _language,
    }

    def run(self) -> list[nodes.Node]:
        for option in ("siglum", "lang"):
            if option not in self.options:
                raise self.error(f"edited-text needs a :{option}: option")
        node = edited_text(siglum=self.options["siglum"], lang=self.options["lang"])
        node["classes"].append("edited-text")
        self.set_source_info(node)
        node += self.parse_content_to_nodes(allow_section_headings=True)
        return [node]


# -- Writers ------------------------------------------------------------------


def language_attributes(translator: Any, language: str) -> dict[str, str]:
    """``lang``, and in the EPUB's XHTML also ``xml:lang``, for an element in *language*."""
    attributes = {"lang": language}
    if is_epub(translator.builder):
        attributes["xml:lang"] = language
    return attributes


def visit_edited_text_html(self: Any, node: edited_text) -> None:
    attributes = {**language_attributes(self, node["lang"]), "data-siglum": node["siglum"]}
    self.body.append(self.starttag(node, "div", **attributes))


def depart_edited_text_html(self: Any, node: edited_text) -> None:
    self.body.append("</div>\n")


def visit_foreign_html(self: Any, node: foreign) -> None:
    self.body.append(self.starttag(node, "span", "", **language_attributes(self, node["lang"])))


def depart_foreign_html(self: Any, node: foreign) -> None:
    self.body.append("</span>")


def _in_title(node: nodes.Node) -> bool:
    # Running heads upper-case a title, language name included ("LATVIAN"),
    # which polyglossia rejects; a title keeps the surrounding language.
    return any(isinstance(parent, nodes.title) for parent in ancestors(node))


def visit_foreign_latex(self: Any, node: foreign) -> None:
    if not _in_title(node):
        self.body.append(r"\foreignlanguage{%s}{" % language(node["lang"]).polyglossia)


def depart_foreign_latex(self: Any, node: foreign) -> None:
    if not _in_title(node):
        self.body.append("}")


def visit_edited_text_latex(self: Any, node: edited_text) -> None:
    if node["lang"] != self.config.language:
        self.body.append(r"\begin{otherlanguage}{%s}" % language(node["lang"]).polyglossia + "\n")


def depart_edited_text_latex(self: Any, node: edited_text) -> None:
    if node["lang"] != self.config.language:
        self.body.append("\n\\end{otherlanguage}\n")


def declare_latex_languages(app: Sphinx, config: Config) -> None:
    """Let LaTeX switch to every language but the build's own; set the PDF's /Lang,
    which screen readers and validators read."""
    others = [row.polyglossia for code, row in LANGUAGES.items() if code != config.language]
    add_latex_preamble(config, "\\setotherlanguages{%s}\n\\hypersetup{pdflang={%s}}"
                       % (",".join(others), config.language), first=True)  # before conf.py's setup of them
    # Sphinx sets cross-references in italics; in an edited text italics would look
    # like the author's emphasis, so links (persons, terms, paragraphs) stay upright.
    add_latex_preamble(config, "\\renewcommand{\\sphinxcrossref}[1]{#1}\n\\renewcommand{\\sphinxtermref}[1]{#1}")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition")
    app.add_node(
        edited_text,
        html=(visit_edited_text_html, depart_edited_text_html),
        latex=(visit_edited_text_latex, depart_edited_text_latex),
        text=(visit_nothing, visit_nothing),
        man=(visit_nothing, visit_nothing),
        texinfo=(visit_nothing, visit_nothing),
    )
    app.add_node(
        foreign,
        html=(visit_foreign_html, depart_foreign_html),
        latex=(visit_foreign_latex, depart_foreign_latex),
        text=(visit_nothing, visit_nothing),
        man=(visit_nothing, visit_nothing),
        texinfo=(visit_nothing, visit_nothing),
    )
    app.add_directive("edited-text", EditedText)
    for code in LANGUAGES:
        app.add_role(code, language_role(code))
    app.connect("config-inited", declare_latex_languages, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
