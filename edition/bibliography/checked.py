"""A clear error for a malformed bibliography file.

sphinxcontrib-bibtex stops the build on a syntax error in a ``.bib`` file with
a crash report that names neither the file nor the entry. This extension
parses each file first, strictly, with pybtex, and logs the error with its
location: the file, the line where the broken entry starts, its key, and what
pybtex found. The build then goes on, as Sphinx does after any error in its
input, with the entries that can be read (a copy beside the doctrees), so a
citation of the broken entry is reported where it stands; the build fails.
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

    def __init__(self, location: str, message: str, key: str = "") -> None:
        super().__init__(f"{location}: {message}")
        self.location = location
        self.message = message
        self.key = key


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
        raise BibliographyError(f"{path}:{start}", msg, key) from None
    finally:
        pybtex.errors.set_strict_mode(strict)


def readable_copy(path: Path, target: Path, broken: str) -> Path:
    """The entries of *path* that pybtex can read, but the *broken* one, written to *target*."""
    with pybtex.errors.capture():  # the errors are reported already; pybtex would print them again
        strict = pybtex.errors.strict
        pybtex.errors.set_strict_mode(False)
        try:
            data = pybtex.database.parse_file(str(path), bib_format="bibtex")
        finally:
            pybtex.errors.set_strict_mode(strict)
    data.entries.pop(broken, None)
    target.parent.mkdir(parents=True, exist_ok=True)
    data.to_file(str(target), bib_format="bibtex")
    return target


def check_bibfiles(app: Sphinx) -> None:
    readable, substitutes = [], []
    for name in app.config.bibtex_bibfiles:
        path = Path(app.confdir) / name
        try:
            if not path.is_file():
                raise BibliographyError(str(path), "bibliography file not found; check bibtex_bibfiles in conf.py")
            check_file(path)
            readable.append(name)
        except BibliographyError as err:
            logger.error(err.message, location=err.location, type="edition", subtype="bibliography")
            if path.is_file():
                copy = str(readable_copy(path, Path(app.doctreedir) / "readable" / path.name, err.key))
                readable.append(copy)
                substitutes.append(copy)
    if readable != list(app.config.bibtex_bibfiles):
        app.config.bibtex_bibfiles = readable
        # sphinxcontrib-bibtex keeps each bibliography's files in the environment; with this
        # 'env' setting changed, the next build, with the file mended, reads every page again
        app.config.edition_substitute_bibfiles = substitutes
