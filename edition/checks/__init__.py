"""Independent validators of the published site, run by ``make check``.

``python -m edition.checks --site build/site en lv ru`` runs every check on the
landing page and on every language given, prints one line per check, then every
problem as ``file: what is wrong``, and exits 1 if there was any.

Each check is a module of this package with a function
``check(site, languages) -> list[str]`` that returns its problems (an empty
list when all is well); ``CHECKS`` lists them in the order they are reported:

``html``
    the Nu HTML Checker (``vnu.jar``, from npm) on every page: no errors.
``accessibility``
    axe-core in the system's Chromium, on every page, light and dark: no
    violations of WCAG 2.2 A and AA.
``epub``
    EPUBCheck on every EPUB: no errors, no warnings.
``pdf``
    qpdf, pdffonts, pdfinfo and pdftotext on every PDF: a sound file, every font
    embedded, title, author and language set, every numbered paragraph there.
``links``
    every internal link and fragment resolves, and nothing is loaded from
    another origin.

The tools come from Debian (Java, Chromium, epubcheck, poppler-utils, qpdf) and
from npm (``package.json``: vnu-jar, playwright-core, axe-core), all installed by
the Makefile. Nothing here fetches anything from the network.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

#: The repository's root, where ``package.json`` and ``node_modules`` are.
ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = Path(os.environ.get("EDITION_NODE_MODULES", ROOT / "node_modules"))
CHROMIUM = os.environ.get("EDITION_CHROMIUM", "/usr/bin/chromium")
JAVA = os.environ.get("EDITION_JAVA", "java")
#: For short Java runs: the quick compiler only and a simple collector halve vnu's
#: and EPUBCheck's time; the quick compiler needs a deeper stack for vnu's schemas.
JAVA_OPTIONS = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss8m"]

#: A check: (site, languages) -> problems.
Check = Callable[[Path, list[str]], list[str]]

#: The checks, in the order ``python -m edition.checks`` reports them.
CHECKS = ("html", "accessibility", "epub", "pdf", "links")


class ToolError(RuntimeError):
    """A validator could not be run at all (missing tool, unreadable output)."""


def site_files(site: Path, languages: Iterable[str], pattern: str) -> list[Path]:
    """The files matching *pattern* at the site's root and under each language's folder.

    The root holds the language chooser (``index.html``, ``landing.css``), which is
    part of the site whichever languages are checked. Folders starting with a dot
    (a publisher's staging copy) are not part of the site.
    """
    files = sorted(p for p in site.glob(pattern) if p.is_file())
    for language in languages:
        folder = site / language
        if not folder.is_dir():
            continue
        files += sorted(
            p
            for p in folder.rglob(pattern)
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(site).parts)
        )
    return files


def missing_languages(site: Path, languages: Iterable[str]) -> list[str]:
    """A problem for every language that has no published folder."""
    return [
        f"{site / lang}: no published site for language {lang!r}"
        for lang in languages
        if not (site / lang / "index.html").is_file()
    ]


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
