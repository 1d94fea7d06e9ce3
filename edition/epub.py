"""The EPUB: every content document in its language, and a reproducible archive.

Sphinx's EPUB pages declare no language on their root element; e-readers and
screen readers then guess. Each page gets ``lang`` and ``xml:lang``.

Sphinx zips the EPUB with each file's modification time, so two builds of the
same commit differ. After the build, the archive is rewritten with every
entry dated ``SOURCE_DATE_EPOCH`` (the release date, set by the Makefile), in
the same order, ``mimetype`` first and stored, as the EPUB container requires.
Our own fifteen lines: Debian's strip-nondeterminism does the same, but would be
one more system tool for every machine that builds.
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from edition import is_epub

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


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
    app.connect("html-page-context", declare_language)
    app.connect("build-finished", reproducible_epub)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
