"""Reading the built edition as a reader does: pages, texts, witnesses."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "build" / "site"
WITNESSES = ROOT / "source" / "_witnesses"


def languages() -> list[str]:
    """The languages `make` builds: LANGUAGES from the environment or the Makefile."""
    if os.environ.get("LANGUAGES"):
        return os.environ["LANGUAGES"].split()
    makefile = (ROOT / "Makefile").read_text()
    return re.search(r"^LANGUAGES\s*\?=\s*(.+)$", makefile, re.M)[1].split()


def normalise(text: str) -> str:
    """Whitespace normalised only (NBSP and newlines count as spaces)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "div", "section", "aside", "td", "th", "br"]


def reading_text(element) -> str:
    """What a reader reads: no margin numbers, note marks, permalinks or cite boxes."""
    element = BeautifulSoup(str(element), "html.parser")
    apparatus = "a.parnum, a.footnote-reference, a.headerlink, .cite-box, .cite-button, p.translation"
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
