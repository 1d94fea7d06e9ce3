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
    EPUBCheck and DAISY's Ace (in the system's Chromium) on every EPUB: nothing reported.
``pdf``
    qpdf, pdffonts, pdfinfo and pdftotext on every PDF: a sound file, every font
    embedded, title, author and language set, every numbered paragraph there.
``tei``
    jing on every TEI file: valid against TEI P5's ``tei_all`` RELAX NG schema.
``links``
    linkinator: every internal link, stylesheet reference and fragment
    resolves. (Nothing may load from another origin: the browser of the
    ``accessibility`` check reports any such request.)

What there is to check (pages, PDFs, EPUBs, paragraphs) comes from each
language's published manifest (``edition.manifest``). The tools come from
Debian (Java, Chromium, epubcheck, jing, poppler-utils, qpdf) and from npm
(``package.json``: vnu-jar, playwright-core, axe-core, linkinator, @daisy/ace), all
installed by the Makefile. Nothing here fetches anything from the network.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from edition import manifest

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
CHECKS = ("html", "accessibility", "epub", "pdf", "tei", "links")


class ToolError(RuntimeError):
    """A validator could not be run at all (missing tool, unreadable output)."""


def manifests(site: Path, languages: Iterable[str]) -> dict[str, dict]:
    """The published manifest of each language that has one (``edition.manifest``)."""
    return {lang: manifest.load(site / lang) for lang in languages if (site / lang / manifest.NAME).is_file()}


def pages(site: Path, languages: Iterable[str]) -> list[Path]:
    """Every HTML page: the site's root (the language chooser) and each language's, as its
    manifest lists them."""
    found = [site / "index.html"] if (site / "index.html").is_file() else []
    for lang, data in manifests(site, languages).items():
        found += [site / lang / page["file"] for page in data["pages"]]
    return found


def downloads(site: Path, languages: Iterable[str], kind: str) -> dict[str, list[Path]]:
    """Each language's published files of *kind* ("pdf", "epub", "tei"), as its manifest names them."""
    return {
        lang: [site / lang / d["file"] for d in data["downloads"] if d["kind"] == kind]
        for lang, data in manifests(site, languages).items()
    }


def missing_languages(site: Path, languages: Iterable[str]) -> list[str]:
    """A problem for every language that has no published folder and manifest."""
    return [
        f"{site / lang}: no published site for language {lang!r} (no {manifest.NAME})"
        for lang in languages
        if not (site / lang / manifest.NAME).is_file()
    ]


def missing_files(files: dict[str, list[Path]], what: str) -> list[str]:
    """A problem for each file a manifest names that is not there."""
    return [f"{path}: no {what}, though the {lang} manifest names it"
            for lang, paths in files.items() for path in paths if not path.is_file()]


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
