"""CSL-JSON records of the edition, its pages and its numbered paragraphs.

Pure functions of the settings and of what the build found: no Sphinx here,
so that the tests and other tools can build the same records.

What a record says
==================

A paragraph of a text is cited *in this edition*: the item is the article
(its original author and title) as an entry in the edition, which is the
container, with the edition's editors, publisher, version, release date and
URL. The first publication goes into CSL's ``original-*`` variables, which
all three styles print: Chicago "originally published as *Encyclopedia of
Russian History* (Macmillan Reference USA, 2004)", MLA "Originally published
as ...", APA "(Original work published ... 2004 ...)" and "2004/2026" in the
text. ``original-title`` therefore carries the title of the publication the
entry first appeared in: CSL 1.0.2 has no "original container title", and
the other way round (the encyclopedia as container, the edition in
``collection-title``) makes APA drop the edition altogether and Chicago
credit the edition's version to the encyclopedia.

Both texts are typed ``entry-encyclopedia``: Text B too, for it is an
encyclopedia article (APA 7 cites a Wikipedia article as an entry in a
reference work, CMOS 18 with *s.v.*), and "webpage" would describe the
edition's page rather than the article.

In a build of another language than the text's, each paragraph of the text
stands beside the edition's translation into the build's language
(``edition.parallel``): what is cited there is that language version, the
edition's translation. Its ``language`` is the build's and the editors are
its ``translator``; the title stays the article's own, which the edition
does not translate, marked ``<span class="nocase">`` (CSL's rich text) so
that no style puts a Latvian title into English title case.

The paragraph itself is not in the record: it is the citation's locator
(``paragraph``, the number), as CSL wants, and the URL ends in its anchor.
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
    def team(self) -> list[dict[str, str]]:
        return [{"literal": self.editors}]


@dataclass
class Citable:
    """Something a reader can cite: the edition, a page or a paragraph."""

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
        """A name for files and BibTeX keys: ``A3``, ``texts-a``."""
        if self.ref:
            return self.ref.replace(" ", "")
        return re.sub(r"[^A-Za-z0-9]+", "-", self.docname).strip("-") or "index"


RICH_TEXT = re.compile(r"</?(?:i|b|sup|sub|span)(?:\s[^>]*)?>")


def display_name(name: dict[str, str]) -> str:
    """A CSL name as it is read: "James R. Millar"; a group's name as it is."""
    return name.get("literal") or " ".join(p for p in (name.get("given"), name.get("family")) if p)


def sort_name(name: dict[str, str]) -> str:
    """A CSL name as it is sorted and cited in records: "Millar, James R."."""
    return name.get("literal") or ", ".join(p for p in (name.get("family"), name.get("given")) if p)


def plain(text: str) -> str:
    """A CSL-JSON string without its rich-text markup: for BibTeX, RIS and metadata."""
    return RICH_TEXT.sub("", text)


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


def edition_record(edition: Edition, root_doc: str) -> dict[str, Any]:
    """The whole edition, in this build's language."""
    return {
        "id": f"{edition.basename}-{edition.language}",
        "type": "book",
        "language": edition.language,
        "title": edition.title,
        "editor": edition.team,
        "publisher": edition.publisher,
        "issued": {"date-parts": [edition.date_parts]},
        "version": edition.version,
        "URL": edition.url(root_doc),
    }


def is_translated(work: dict[str, Any] | None, edition: Edition) -> bool:
    """Whether this build shows *work* in the edition's translation (beside the original)."""
    return work is not None and work["language"] != edition.language


def work_record(
    edition: Edition, work: dict[str, Any], *, record_id: str, url: str
) -> dict[str, Any]:
    """A text of the edition (or one of its paragraphs) as an entry in the edition."""
    translated = is_translated(work, edition)
    record: dict[str, Any] = {
        "id": record_id,
        "type": work["type"],
        "language": edition.language if translated else work["language"],
        "author": [dict(name) for name in work["author"]],
        "title": f'<span class="nocase">{work["title"]}</span>' if translated else work["title"],
    }
    if translated:
        record["translator"] = edition.team
    record.update(
        {
            "container-title": edition.title,
            "editor": edition.team,
            "publisher": edition.publisher,
            "issued": {"date-parts": [edition.date_parts]},
            "version": edition.version,
            "URL": url,
        }
    )
    original = work["published_in"]
    for source, target in (
        ("container-title", "original-title"),
        ("publisher", "original-publisher"),
        ("publisher-place", "original-publisher-place"),
        ("issued", "original-date"),
    ):
        if source in original:
            record[target] = original[source]
    return record


def page_record(edition: Edition, *, record_id: str, url: str, title: str) -> dict[str, Any]:
    """An editorial page (or one of its paragraphs): the editors' chapter of the edition."""
    return {
        "id": record_id,
        "type": "chapter",
        "language": edition.language,
        "author": edition.team,
        "title": title,
        "container-title": edition.title,
        "publisher": edition.publisher,
        "issued": {"date-parts": [edition.date_parts]},
        "version": edition.version,
        "URL": url,
    }


def collect(
    edition: Edition,
    *,
    works: dict[str, dict[str, Any]],
    paragraphs: dict[str, dict[str, Any]],
    titles: dict[str, str],
    root_doc: str,
) -> tuple[dict[str, Citable], dict[str, Citable]]:
    """Every citable thing of a build: (pages by docname, paragraphs by reference).

    *paragraphs* is the paragraph domain's data (ref -> docname, anchor,
    siglum); *titles* maps every document to its title as built.
    """
    prefix = f"{edition.basename}-{edition.language}"
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
            page.record = work_record(edition, page.work, record_id=f"{prefix}-{siglum}", url=url)
        pages[docname] = page

    cited: dict[str, Citable] = {}
    for ref, entry in sorted(paragraphs.items()):
        docname, anchor, siglum = entry["docname"], entry["anchor"], entry["siglum"]
        url = edition.url(docname, anchor)
        number = ref.split(" ", 1)[1]
        title = titles.get(docname, "")
        paragraph = Citable(
            "paragraph",
            docname,
            url,
            {},
            ref=ref,
            anchor=anchor,
            locator=number,
            siglum=siglum,
            work=works.get(siglum),
        )
        paragraph.translated = is_translated(paragraph.work, edition)
        record_id = f"{prefix}-{paragraph.slug}"
        if paragraph.work is not None:
            paragraph.record = work_record(edition, paragraph.work, record_id=record_id, url=url)
        else:
            paragraph.record = page_record(edition, record_id=record_id, url=url, title=title)
        cited[ref] = paragraph
    return pages, cited
