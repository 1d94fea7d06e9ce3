"""Reading the built edition as a reader does: pages, texts, witnesses.

What there is to read (languages, pages, paragraphs, downloads) comes from the
manifests the build publishes (``edition.manifest``); what a page *says* is read
from the page itself, with Beautiful Soup.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

from bs4 import BeautifulSoup

from edition import manifest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "build" / "site"
WITNESSES = ROOT / "source" / "_witnesses"


@cache
def languages() -> list[str]:
    """The languages ``make`` builds (its LANGUAGES, which the environment may set)."""
    made = subprocess.run(["make", "-s", "--no-print-directory", "print-LANGUAGES"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return made.stdout.split()


def manifest_of(site: Path, language: str) -> dict:
    return manifest.load(site / language)


def download(site: Path, language: str, kind: str) -> Path:
    """The published file of *kind* ("pdf", "epub") of *language*, as its manifest names it."""
    [found] = [d["file"] for d in manifest_of(site, language)["downloads"] if d["kind"] == kind]
    return site / language / found


def built(site: Path, language: str, kind: str, suffix: str) -> Path:
    """A file of the build behind a download, e.g. the ``.tex`` of the PDF."""
    [found] = [d for d in manifest_of(site, language)["downloads"] if d["kind"] == kind]
    return site.parent / "work" / language / found["builder"] / Path(found["built"]).with_suffix(suffix).name


def pages(site: Path, language: str) -> list[str]:
    """The files of every page of *language*, relative to its folder."""
    return [p["file"] for p in manifest_of(site, language)["pages"]]


def normalise(text: str) -> str:
    """Whitespace normalised only (NBSP and newlines count as spaces)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "div", "section", "aside", "td", "th", "br"]


def reading_text(element) -> str:
    """What a reader reads: no margin numbers, note marks, permalinks, cite boxes or column labels."""
    element = BeautifulSoup(str(element), "html.parser")
    apparatus = ("a.parnum, a.footnote-reference, a.headerlink, .cite-box, .cite-button, p.translation, "
                 ".column-labels")
    for node in element.select(apparatus):
        node.decompose()
    for block in element.find_all(BLOCKS):
        block.append(" ")  # blocks are separated; inline elements are not
    return normalise(element.get_text(""))


def page(site: Path, language: str, name: str) -> BeautifulSoup:
    return BeautifulSoup((site / language / name).read_text(encoding="utf-8"), "html.parser")


def witness_a() -> tuple[str, list[str]]:
    """Text A as supplied, from its title to its signature: (title, lines)."""
    lines = [normalise(line) for line in (WITNESSES / "taubman-erh-en.txt").read_text("utf-8").splitlines()]
    lines = [line for line in lines if line]
    start, end = lines.index("Anti-Party Group"), lines.index("William Taubman")
    return lines[start], lines[start + 1 : end + 1]


def witness_b() -> str:
    return normalise((WITNESSES / "lvwiki-antipartijiska-grupa.txt").read_text("utf-8"))


SENTENCE_END = re.compile(r"(?<=[.?!»])\s+(?=[\"«A-ZĀČĒĢĪĶĻŅŠŪŽА-Я0-9])")


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if len(s) >= 20]  # not a date or a name alone
