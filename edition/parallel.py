"""Original and translation, side by side.

Each numbered paragraph of an edited text becomes a *unit*: the original,
never translated and never replaced, and beside it a translation into the
build's language, which gettext supplies like any other message. The
translation's message id is the original paragraph without its editorial
apparatus (note references, glossary and index links): translators translate
the text, not the edition's markup.

- Where the build's language is the text's own, the unit keeps only the original.
- The gettext builder keeps every translation, so the catalogs of every
  language receive every text; ``python -m edition.catalogs prune`` then drops
  from each catalog the texts already in its language.
- A translation missing from a shipped language's catalog stops the build.

HTML sets original and translation in two aligned columns on wide screens
and one after the other on narrow ones; EPUB sets them one after the other,
the translation marked with its language; the book (``edition.book``) sets
them on facing pages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale
from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from edition import add_latex_preamble, is_epub, visit_nothing
from edition.languages import language
from edition.notes import NOTE_REFERENCE
from edition.texts import edited_text, foreign, language_attributes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

_ = get_translation("edition")
logger = logging.getLogger(__name__)

APPARATUS_ROLE = re.compile(r"\{(?:term|index)\}`(?P<shown>[^`<]*?)\s*(?:<[^`>]*>)?`")


class text_unit(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """One numbered paragraph: its original and, maybe, its translation."""


class translation(nodes.paragraph):  # noqa: N801 (docutils naming)
    """The translation of the original paragraph before it; attribute ``lang``."""


def message_id(rawsource: str) -> str:
    """The original paragraph's source without apparatus: the translator's message."""
    text = NOTE_REFERENCE.sub("", rawsource)
    text = APPARATUS_ROLE.sub(lambda m: m["shown"], text)
    return text.replace("\n", " ").strip()


def _plain_copy(node: nodes.Node) -> list[nodes.Node]:
    """The words of *node* without apparatus; language spans are kept."""
    if isinstance(node, nodes.footnote_reference | addnodes.index):
        return []
    if isinstance(node, nodes.Text):
        return [nodes.Text(str(node))]
    if isinstance(node, foreign):
        return [node.deepcopy()]
    return [child for sub in node.children for child in _plain_copy(sub)]


class PairTranslations(SphinxTransform):
    """Wrap each original paragraph in a unit with a translation beside it."""

    default_priority = 15  # before Sphinx's Locale transform (20) translates the copies

    def apply(self, **kwargs: Any) -> None:
        for text in self.document.findall(edited_text):
            for inner in text.findall(nodes.TextElement):
                inner["translatable"] = False  # the original is evidence
            section = text.parent
            if isinstance(section, nodes.section) and section.children and isinstance(section[0], nodes.title):
                section[0]["translatable"] = False  # the title belongs to the text
            for original in [c for c in text.children if isinstance(c, nodes.paragraph)]:
                unit = text_unit(classes=["text-unit"])
                copy = translation(message_id(original.rawsource), "", *_plain_copy(original),
                                   classes=["translation"])
                copy.source, copy.line = original.source, original.line
                original.replace_self(unit)
                unit += [original, copy]


class KeepOrDropTranslations(SphinxTransform):
    """After gettext: drop translations into the text's own language; demand the others."""

    default_priority = 25  # after Locale (20)

    def apply(self, **kwargs: Any) -> None:
        language = self.config.language
        collecting = self.config.edition_collect_translations
        for text in self.document.findall(edited_text):
            kept = False
            for copy in list(text.findall(translation)):
                if collecting:
                    kept = True
                elif text["lang"] == language:
                    copy.parent.remove(copy)
                else:
                    copy["lang"] = language
                    kept = True
                    if not copy.get("translated"):
                        logger.warning(
                            "a paragraph of %s has no translation into %s (msgid %r): translate it in "
                            "locale/%s/LC_MESSAGES/%s.po (make intl-update adds the entry)",
                            text["siglum"], language, copy.rawsource[:60] + "…", language,
                            self.env.docname, location=copy, type="edition", subtype="translation",
                        )
            if kept:
                text["classes"].append("with-translation")


def write_manifest(app: Sphinx, exception: Exception | None) -> None:
    """For ``edition.catalogs prune``: which messages are texts, in which language."""
    if exception is not None or app.builder.name != "gettext":
        return
    manifest: dict[str, dict[str, Any]] = {}
    for docname in sorted(app.env.found_docs):
        doctree = app.env.get_doctree(docname)
        for text in doctree.findall(edited_text):
            page = manifest.setdefault(docname, {"lang": text["lang"], "msgids": []})
            page["msgids"] += [copy.rawsource for copy in text.findall(translation)]
    path = Path(app.outdir) / ".text-units.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def mark_collecting(app: Sphinx) -> None:
    """The gettext builder collects every translation, whatever the language."""
    app.config.edition_collect_translations = app.builder.name == "gettext"


# -- Writers --------------------------------------------------------------------


def language_name(code: str, reader: str) -> str:
    """The name of the language *code* in the reader's language (CLDR): "Latvian", "latviešu"."""
    return Locale.parse(code).get_display_name(reader) or code


def column_names(text: nodes.Element, reader: str) -> tuple[str, str]:
    """("Original (Latvian)", "Translation (English)") for *text* read in the language *reader*."""
    return (_("Original (%s)") % language_name(text["lang"], reader),
            _("Translation (%s)") % language_name(reader, reader))


def column_labels(self: Any, text: nodes.Element) -> str:
    """Over the two columns of a text: which is the original, which the translation, in which language."""
    original, translated = column_names(text, self.config.language)
    return (f'<div class="column-labels"><p>{self.encode(original)}</p>'
            f'<p>{self.encode(translated)}</p></div>\n')


def visit_text_unit_html(self: Any, node: text_unit) -> None:
    text = node.parent
    if ("with-translation" in text.get("classes", ()) and node is next(iter(text.findall(text_unit)), None)
            and not is_epub(self.builder)):  # the EPUB sets its own legend before the text (edition.epub)
        self.body.append(column_labels(self, text))
    self.body.append(self.starttag(node, "div"))


def depart_text_unit_html(self: Any, node: text_unit) -> None:
    self.body.append("</div>\n")


def visit_translation_html(self: Any, node: translation) -> None:
    self.body.append(self.starttag(node, "p", **language_attributes(self, node["lang"])))


def depart_translation_html(self: Any, node: translation) -> None:
    # the notes of the unit, reachable from the translation too: the original's marks, again
    original = node.parent[0] if isinstance(node.parent, text_unit) else None
    marks = list(original.findall(nodes.footnote_reference)) if original is not None else []
    if marks:
        links = " ".join(f'<a href="#{mark["refid"]}" role="doc-noteref">{self.encode(mark.astext())}</a>'
                         for mark in marks)
        label = _("Notes:")  # outside the f-string, for pybabel
        self.body.append(f' <span class="unit-notes">{self.encode(label)} {links}</span>')
    self.body.append("</p>\n")


def visit_text_unit_latex(self: Any, node: text_unit) -> None:
    self.body.append("\n\\edunit\n")


def depart_text_unit_latex(self: Any, node: text_unit) -> None:
    self.body.append("\n\\edunitend\n")


def visit_translation_latex(self: Any, node: translation) -> None:
    # the book's design (edition.book) sets the pair on facing pages, under one number
    self.body.append("\n\\edtranslationstart\\begin{edtranslation}{%s}{%s}{%s}" % (
        language(node["lang"]).polyglossia, self.encode(node.get("siglum", "")), self.encode(node.get("number", ""))))


def depart_translation_latex(self: Any, node: translation) -> None:
    self.body.append("\\end{edtranslation}\n")


LATEX_MACROS = r"""
% Original and translation (edition.parallel), one after the other, unless the
% book's design (edition.book) sets them on facing pages.
\providecommand{\edunit}{\par}
\providecommand{\edunitend}{\par}
\providecommand{\edtranslationstart}{\par}
\ifdefined\edtranslation\else
  \newenvironment{edtranslation}[3]{\par\begin{otherlanguage}{#1}\edparnum{#2}{#3}}{\par\end{otherlanguage}}
\fi
"""


def add_latex_macros(app: Sphinx, config: Any) -> None:
    add_latex_preamble(config, LATEX_MACROS)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("edition.texts")
    app.add_config_value("edition_collect_translations", False, "", types=frozenset({bool}))
    app.add_node(
        text_unit,
        html=(visit_text_unit_html, depart_text_unit_html),
        latex=(visit_text_unit_latex, depart_text_unit_latex),
        text=(visit_nothing, visit_nothing), man=(visit_nothing, visit_nothing),
        texinfo=(visit_nothing, visit_nothing),
    )
    app.add_node(
        translation,
        html=(visit_translation_html, depart_translation_html),
        latex=(visit_translation_latex, depart_translation_latex),
    )
    app.add_transform(PairTranslations)
    app.connect("config-inited", add_latex_macros, priority=900)
    app.add_transform(KeepOrDropTranslations)
    app.connect("builder-inited", mark_collecting)
    app.connect("build-finished", write_manifest)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
