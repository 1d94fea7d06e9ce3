"""A clear error for a malformed bibliography.

sphinxcontrib-bibtex parses ``bibtex_bibfiles`` leniently and, on a syntax
error, stops the build with a traceback that names neither the file nor the
entry. This extension parses each file first, strictly, with pybtex, and
stops with one line: the file, the line where the broken entry starts, its
key, and what pybtex found.

Sphinx prints a full crash report for any exception raised by an event
handler, so the error is logged with its location and the build exits.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pybtex.database
import pybtex.errors
from pybtex.exceptions import PybtexError
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

ENTRY_START = re.compile(r"^\s*@(?P<type>\w+)\s*[{(]\s*(?P<key>[^,\s]*)")


def entry_before(lines: list[str], lineno: int) -> tuple[int, str]:
    """The line number and key of the last entry that starts at or before *lineno*."""
    for number in range(min(lineno, len(lines)), 0, -1):
        match = ENTRY_START.match(lines[number - 1])
        if match and match["type"].lower() not in {"comment", "preamble", "string"}:
            return number, match["key"]
    return lineno, ""


class BibliographyError(Exception):
    """A bibliography file that cannot be used; ``location`` is ``file:line``."""

    def __init__(self, location: str, message: str) -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message


def check_file(path: Path) -> None:
    """Parse *path* strictly; raise BibliographyError with file, line and key on any error."""
    strict = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        pybtex.database.parse_file(str(path), bib_format="bibtex")
    except PybtexError as err:
        lines = path.read_text(encoding="utf-8").splitlines()
        lineno = getattr(err, "lineno", None) or len(lines)
        start, key = entry_before(lines, lineno)
        entry = f" entry {key!r}" if key else ""
        msg = f"malformed BibTeX{entry} ({err}): check the entry's braces, commas and quotes"
        raise BibliographyError(f"{path}:{start}", msg) from None
    finally:
        pybtex.errors.set_strict_mode(strict)


def check_bibfiles(app: Sphinx) -> None:
    try:
        for name in app.config.bibtex_bibfiles:
            path = Path(app.confdir) / name
            if not path.is_file():
                raise BibliographyError(str(path), "bibliography file not found; check bibtex_bibfiles in conf.py")
            check_file(path)
    except BibliographyError as err:
        logger.error(err.message, location=err.location)
        raise SystemExit(2) from None


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinxcontrib.bibtex")
    app.connect("builder-inited", check_bibfiles, priority=100)  # before sphinxcontrib-bibtex (500)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
