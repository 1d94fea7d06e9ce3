"""Editorial notes: a clear error for a note reference without a note, and
the notes' HTML: a plain number, and a way back that names the paragraph.

MyST turns ``[^label]`` into a footnote reference even when no
``[^label]: ...`` definition exists; docutils then reports two cryptic
errors. This transform reports one, at the reference's file and line, says
what to add, and leaves the label as plain text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)
_ = get_translation("edition")

#: A note reference in MyST source, ``[^label]``: in messages to translate and in paragraph sources.
NOTE_REFERENCE = re.compile(r"\[\^[^\]\s]+\]")


class CheckNoteReferences(SphinxTransform):
    """Every footnote reference must have a footnote."""

    default_priority = 610  # before docutils' Footnotes transform (620)

    def apply(self, **kwargs: Any) -> None:
        defined = {name for footnote in self.document.findall(nodes.footnote) for name in footnote["names"]}
        for reference in list(self.document.findall(nodes.footnote_reference)):
            label = reference.get("refname")
            if label is None or label in defined:
                continue
            logger.warning(
                "note reference [^%s] has no note: add a definition '[^%s]: ...' at the end of the file, "
                "or remove the reference", label, label,
                location=reference, type="edition", subtype="notes",
            )
            self.document.autofootnote_refs[:] = [r for r in self.document.autofootnote_refs if r is not reference]
            self.document.refnames.get(label, []).clear()
            reference.replace_self(nodes.inline(f"[^{label}]", f"[^{label}]", ids=reference["ids"]))


def place_of(reference: nodes.Node | None) -> str:
    """The citable reference ("A 3") of the paragraph that holds *reference*, or ""."""
    while reference is not None:
        if isinstance(reference, nodes.Element) and reference.get("edition_ref"):
            return reference["edition_ref"]
        reference = reference.parent
    return ""


def html_note_label(translator: Any, node: nodes.label) -> None:
    """A note's number, without docutils' brackets (the way back follows the note)."""
    translator.body.append(f'<span class="label">{translator.encode(node.astext())}</span>\n')
    raise nodes.SkipNode


def html_backlinks(translator: Any, footnote: nodes.footnote) -> None:
    """After a note: a link back to each place that refers to it, named by its paragraph."""
    for backref in footnote.get("backrefs", []):
        place = place_of(translator.document.ids.get(backref))
        label = _("Back to %s") % place if place else _("Back to the text")
        translator.body.append(f'<a class="note-back" role="doc-backlink" href="#{backref}">'
                               f'{translator.encode(label)}</a>\n')


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_transform(CheckNoteReferences)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
