"""CSL-JSON records of the edition and of its pages: the one model of the works.

Pure functions of the settings and of what the build found: no Sphinx here,
so that the tests and other tools can build the same records.

What a record says
==================

The edition, in each language view, is one item: a ``book`` with its editors
(the editorial team, a group: one name, CSL ``literal``), version
(``edition``), release date, publisher, language, licence and address.

Each text, in each language view, is one item: a ``chapter`` of that book.
Not an encyclopedia entry: its container is the edition, a book with editors,
not the encyclopedia it first appeared in; and ``chapter`` is the one type that
every path a reference manager reads maps to the same item (Zotero's
*Book Section*: Highwire ``citation_inbook_title``, RIS ``CHAP``, BibTeX
``@incollection``, CSL ``chapter``). It carries its author, the edition as its
container with the edition's editors, the translator of a translation view
(the editors), the release date, the URL of its page, the view's language and
its first publication: CSL's ``original-*`` variables, which Chicago, MLA and
APA print ("originally published as *Encyclopedia of Russian History*"), and,
for managers that do not read them, the same facts as ``note`` lines
(``original-date: 2004``) that Zotero reads from its Extra field, with a
sentence that names the first publication in full.

In a build of another language than the text's, each paragraph of the text
stands beside the edition's translation into the build's language
(``edition.parallel``): what is cited there is that language version, the
edition's translation. Its ``language`` is the build's and the editors are
its ``translator``; the title stays the article's own, which the edition does
not translate (:func:`for_citeproc` marks it ``<span class="nocase">``, CSL's
rich text, so that no style puts a Latvian title into English title case).

A paragraph is not a work: citing "A 3" cites Text A with the locator
"paragraph 3". A paragraph's record *is* its text's (same id, same URL); the
locator goes into the citation (citeproc-js's ``locator``), and the
paragraph's downloads add it where the format has room (exports).

Dates are written once, ISO 8601: CSL ``raw`` beside the ``date-parts``, so
that a reference manager stores the same string from every path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

#: The settings a work in ``citations_works`` must give, and those it may.
WORK_REQUIRED = ("type", "author", "title", "language", "published_in")
WORK_OPTIONAL = ("license", "copyright_holder", "copyright_year", "bibtex_key")
PUBLISHED_IN_KEYS = ("container-title", "editor", "publisher", "publisher-place", "issued", "URL")


@dataclass(frozen=True)
class Edition:
    """The edition as one build sees it."""

    title: str
    editors: str  # a group: the editorial team
    publisher: str
    version: str
    date: str  # YYYY-MM-DD
    base_url: str  # ends with "/"
    language: str  # the build's language: en, lv, ru
    license: str  # URL of the licence of the editorial matter
    basename: str
    languages: tuple[str, ...] = ("en",)
    link_suffix: str = ".html"
    place: str = ""  # the place of publication, if there is one
    preview: bool = False  # no edition_base_url: a local preview, at its own address

    def url(self, docname: str, anchor: str | None = None, language: str | None = None) -> str:
        """The absolute URL of a page (and paragraph) in *language* (default: this build's)."""
        url = f"{self.base_url}{language or self.language}/{quote(docname)}{self.link_suffix}"
        return f"{url}#{anchor}" if anchor else url

    def file_url(self, path: str, language: str | None = None) -> str:
        """The absolute URL of a file at the root of a language's HTML output."""
        return f"{self.base_url}{language or self.language}/{path}"

    @property
    def date_parts(self) -> list[int]:
        return [int(part) for part in self.date.split("-")]

    @property
    def issued(self) -> dict[str, Any]:
        """The release date as CSL: its parts, and the ISO string every other path writes."""
        return {"date-parts": [self.date_parts], "raw": self.date}

    @property
    def team(self) -> list[dict[str, str]]:
        return [{"literal": self.editors}]


@dataclass
class Citable:
    """Something a reader can cite: the edition, a page or a paragraph.

    A paragraph's ``record`` is its page's (the same item); its ``url`` is the
    paragraph's own address (the page's, with the anchor), its ``locator`` the
    number.
    """

    kind: str  # "edition", "text" (a page with a work), "page" or "paragraph"
    docname: str
    url: str
    record: dict[str, Any]
    ref: str = ""  # "A 3" for a paragraph
    anchor: str = ""  # "p3"
    locator: str = ""  # "3"
    siglum: str = ""
    work: dict[str, Any] | None = None
    translated: bool = False
    #: form name -> what citeproc-js made of it (HTML); filled by the formatter
    strings: dict[str, str] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        """A name for files: ``A3``, ``texts-a``."""
        if self.ref:
            return self.ref.replace(" ", "")
        return re.sub(r"[^A-Za-z0-9]+", "-", self.docname).strip("-") or "index"

    @property
    def key(self) -> str:
        """The item's key in BibTeX and its id in CSL-JSON: the same for a text and its paragraphs."""
        return self.record["id"]


RICH_TEXT = re.compile(r"</?(?:i|b|sup|sub|span)(?:\s[^>]*)?>")
#: CSL's original-* variables that Zotero reads from Extra ("original-date: 2004"), and their sources.
ORIGINAL_VARIABLES = (
    ("container-title", "original-title"),
    ("publisher", "original-publisher"),
    ("publisher-place", "original-publisher-place"),
    ("issued", "original-date"),
)


def display_name(name: dict[str, str]) -> str:
    """A CSL name as it is read: "James R. Millar"; a group's name as it is."""
    return name.get("literal") or " ".join(p for p in (name.get("given"), name.get("family")) if p)


def sort_name(name: dict[str, str]) -> str:
    """A CSL name as it is sorted and cited in records: "Millar, James R."."""
    return name.get("literal") or ", ".join(p for p in (name.get("family"), name.get("given")) if p)


def plain(text: str) -> str:
    """A CSL-JSON string without its rich-text markup: for BibTeX, RIS and metadata."""
    return RICH_TEXT.sub("", text)


def iso_date(value: dict[str, Any]) -> str:
    """A CSL date as ISO 8601: ``2004``, ``2026-11-22``."""
    if "raw" in value:
        return value["raw"]
    return "-".join(f"{int(part):02d}" for part in value["date-parts"][0])


def describe_publication(published_in: dict[str, Any], edited_by: str = "ed. %s") -> str:
    """A work's first publication in words, for notes.

    ``Encyclopedia of Russian History, ed. James R. Millar (New York: Macmillan
    Reference USA, 2004)``; a URL, if any, at the end.
    """
    text = published_in["container-title"]
    editors = [display_name(name) for name in published_in.get("editor", [])]
    if editors:
        text += ", " + edited_by % " and ".join(editors)
    imprint = ": ".join(
        p for p in (published_in.get("publisher-place"), published_in.get("publisher")) if p
    )
    year = iso_date(published_in["issued"])[:4] if "issued" in published_in else ""
    if imprint or year:
        text += " (" + ", ".join(p for p in (imprint, year) if p) + ")"
    if "URL" in published_in:
        text += ", " + published_in["URL"]
    return text


def original_lines(published_in: dict[str, Any]) -> list[str]:
    """The first publication as CSL variables in Zotero's Extra syntax: ``original-date: 2004``."""
    lines = []
    for source, target in ORIGINAL_VARIABLES:
        if source in published_in:
            value = published_in[source]
            lines.append(f"{target}: {iso_date(value) if source == 'issued' else value}")
    return lines


def check_work(siglum: str, work: Any) -> list[str]:
    """What is wrong with one entry of ``citations_works``; empty when nothing."""
    if not isinstance(work, dict):
        return [f"citations_works[{siglum!r}] must be a dict"]
    problems = [
        f"citations_works[{siglum!r}] lacks {key!r}" for key in WORK_REQUIRED if key not in work
    ]
    unknown = set(work) - set(WORK_REQUIRED) - set(WORK_OPTIONAL)
    problems += [
        f"citations_works[{siglum!r}] has an unknown key {key!r}" for key in sorted(unknown)
    ]
    published = work.get("published_in", {})
    unknown = (
        set(published) - set(PUBLISHED_IN_KEYS) if isinstance(published, dict) else {"(not a dict)"}
    )
    problems += [
        f"citations_works[{siglum!r}]['published_in'] has an unknown key {key!r}"
        for key in sorted(unknown)
    ]
    return problems


def _imprint(edition: Edition) -> dict[str, Any]:
    """What every item of the edition says of the book: publisher, place, version, date."""
    imprint: dict[str, Any] = {"publisher": edition.publisher}
    if edition.place:
        imprint["publisher-place"] = edition.place
    imprint["edition"] = edition.version
    imprint["issued"] = edition.issued
    return imprint


def edition_record(edition: Edition, root_doc: str) -> dict[str, Any]:
    """The whole edition, in this build's language: a book, edited by the editorial team.

    Its version is CSL ``edition``, not ``version``: Zotero imports a CSL book
    with a ``version`` as a computer program.
    """
    return {
        "id": f"{edition.basename}-{edition.language}",
        "type": "book",
        "language": edition.language,
        "title": edition.title,
        "editor": edition.team,
        **_imprint(edition),
        "URL": edition.url(root_doc),
        "license": edition.license,
    }


def is_translated(work: dict[str, Any] | None, edition: Edition) -> bool:
    """Whether this build shows *work* in the edition's translation (beside the original)."""
    return work is not None and work["language"] != edition.language


def work_rights(work: dict[str, Any]) -> str:
    """A text's licence (URL) or copyright statement: "© 2004 Macmillan Reference USA"."""
    if work.get("license"):
        return work["license"]
    holder, year = work.get("copyright_holder", ""), work.get("copyright_year", "")
    return " ".join(str(part) for part in ("©", year, holder) if part) if holder else ""


def work_record(
    edition: Edition, work: dict[str, Any], *, record_id: str, url: str, first_published: str = ""
) -> dict[str, Any]:
    """A text of the edition, in this build's language view: a chapter of the edition.

    *first_published* is the sentence that names the first publication
    ("Originally published in ..."), in the build's language; it ends the note.
    """
    translated = is_translated(work, edition)
    record: dict[str, Any] = {
        "id": record_id,
        "type": "chapter",
        "language": edition.language if translated else work["language"],
        "author": [dict(name) for name in work["author"]],
        "title": work["title"],
    }
    if translated:
        record["translator"] = edition.team
    record.update(
        {
            "container-title": edition.title,
            "editor": edition.team,
            **_imprint(edition),
            "URL": url,
        }
    )
    rights = work_rights(work)
    if rights:
        record["license"] = rights
    original = work["published_in"]
    for source, target in ORIGINAL_VARIABLES:
        if source in original:
            record[target] = original[source]
    lines = original_lines(original) + ([first_published] if first_published else [])
    if lines:
        record["note"] = "\n".join(lines)
    return record


def page_record(edition: Edition, *, record_id: str, url: str, title: str) -> dict[str, Any]:
    """An editorial page: the editors' chapter of the edition."""
    return {
        "id": record_id,
        "type": "chapter",
        "language": edition.language,
        "author": edition.team,
        "title": title,
        "container-title": edition.title,
        "editor": edition.team,
        **_imprint(edition),
        "URL": url,
        "license": edition.license,
    }


#: What the styles print of a record that is data for reference managers rather than for them.
NOT_FOR_CITEPROC = ("note", "license", "abstract")


def for_citeproc(record: dict[str, Any]) -> dict[str, Any]:
    """The record as the styles should print it.

    The edition's version is CSL ``version`` ("version 1.0.0", where
    ``edition`` would print a bare "1.0.0"); the title of a translation view is
    kept from title case; the data only reference managers need is left out.
    """
    item = {key: value for key, value in record.items() if key not in NOT_FOR_CITEPROC}
    if "edition" in item:
        item["version"] = item.pop("edition")
    for key, value in item.items():
        if isinstance(value, dict) and "raw" in value and "date-parts" in value:
            item[key] = {"date-parts": value["date-parts"]}
    if "translator" in item:
        item["title"] = f'<span class="nocase">{item["title"]}</span>'
    return item


def collect(
    edition: Edition,
    *,
    works: dict[str, dict[str, Any]],
    paragraphs: dict[str, dict[str, Any]],
    titles: dict[str, str],
    root_doc: str,
    first_published: dict[str, str] | None = None,
) -> tuple[dict[str, Citable], dict[str, Citable]]:
    """Every citable thing of a build: (pages by docname, paragraphs by reference).

    *paragraphs* is the paragraph domain's data (ref -> docname, anchor,
    siglum); *titles* maps every document to its title as built;
    *first_published* maps a siglum to the sentence that names its first
    publication in the build's language.
    """
    prefix = f"{edition.basename}-{edition.language}"
    first_published = first_published or {}
    sigla = {
        entry["docname"]: entry["siglum"]
        for entry in paragraphs.values()
        if entry["siglum"] in works
    }

    pages: dict[str, Citable] = {}
    for docname, title in sorted(titles.items()):
        url = edition.url(docname)
        if docname == root_doc:
            pages[docname] = Citable("edition", docname, url, edition_record(edition, root_doc))
            continue
        siglum = sigla.get(docname)
        page = Citable("page", docname, url, {})
        page.record = page_record(edition, record_id=f"{prefix}-{page.slug}", url=url, title=title)
        if siglum:
            page.kind, page.siglum, page.work = "text", siglum, works[siglum]
            page.translated = is_translated(page.work, edition)
            page.record = work_record(
                edition,
                page.work,
                record_id=f"{prefix}-{siglum}",
                url=url,
                first_published=first_published.get(siglum, ""),
            )
        pages[docname] = page

    cited: dict[str, Citable] = {}
    for ref, entry in sorted(paragraphs.items()):
        docname, anchor, siglum = entry["docname"], entry["anchor"], entry["siglum"]
        page = pages.get(docname)
        if page is None:
            continue
        cited[ref] = Citable(
            "paragraph",
            docname,
            edition.url(docname, anchor),
            page.record,  # the same item: the paragraph is its locator
            ref=ref,
            anchor=anchor,
            locator=ref.split(" ", 1)[1],
            siglum=siglum,
            work=page.work,
            translated=page.translated,
        )
    return pages, cited
