"""Editorial notes: a clear error for a note reference without a note.

MyST turns ``[^label]`` into a footnote reference even when no
``[^label]: ...`` definition exists; docutils then reports two cryptic
errors. This transform reports one, at the reference's file and line, says
what to add, and leaves the label as plain text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

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


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_transform(CheckNoteReferences)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
