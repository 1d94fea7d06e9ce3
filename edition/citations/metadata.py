"""Metadata for reference managers, search engines and link previews.

Every page of the HTML for the web (not EPUB) gets, in ``metatags``, the
item its page is (``records``: the edition, a text, an editorial page) as
:func:`citation_tags` writes it, which the site's root page shares
(``edition.publish``):

* Highwire Press ``citation_*`` tags (Google Scholar, Zotero), without
  ``citation_author``: Zotero's Embedded Metadata translator takes the
  creators from the Highwire tags when there are any and then drops every
  other creator (the translator of a translation view, the editors of the
  edition), and splits every name at its last space. So the creators are
  given once, in Dublin Core and Zotero's RDF vocabulary, which it reads
  with their roles: ``DC.creator`` (authors), ``bib.editors``,
  ``z.translators``; each name inverted ("Taubman, William"), a group's
  with an empty given name ("Wikipedia contributors,"), which Zotero keeps
  as one name;
* Dublin Core ``DC.*`` and ``DCTERMS.*`` tags: the abstract is
  ``DCTERMS.abstract``; a text's ``DC.description`` is its first
  publication, as the lines Zotero reads into Extra (``original-date:
  2004``), which it does when ``z.itemType`` is given;
* ``citation_pdf_url`` only where the PDF is the page's own: the edition's
  home page names the whole book (``edition.downloads.pdf_for``);
* one ``description`` (:func:`page_description`), also given to OpenGraph
  and Dublin Core,
* OpenGraph ``og:*`` tags, written by sphinxext-opengraph
  (:func:`configure_opengraph` sets it up for each language),
* ``<link rel="alternate" hreflang>`` for every language of the edition and
  ``x-default`` (the language chooser at the root of the site),
* one schema.org JSON-LD block: a ``Book`` for the edition's front page, an
  ``Article`` that ``isPartOf`` the book for a text, a ``Chapter`` for an
  editorial page; ``isBasedOn`` the first publication, with its licence or
  copyright holder.

The canonical link is the template's own (``pageurl``). Each language's HTML
also gets a ``sitemap.xml`` with the alternates of every page. It is our own:
sphinx-sitemap (2.9) lists only the pages a build wrote, in the order parallel
writers finish them, so an incremental build loses pages and two builds differ;
and it has no ``x-default``.
"""

from __future__ import annotations

import json
import re
from html import escape, unescape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes

from edition import ancestors, is_web
from edition.citations.nodes import cite_panel
from edition.citations.records import describe_publication, display_name, plain, sort_name
from edition.downloads import pdf_for
from edition.languages import language

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from edition.citations.collector import Built
    from edition.citations.records import Citable, Edition

SCRIPT = "edition-cite.js"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
STATIC = Path(__file__).with_name("static")


def _agent(name: dict[str, str]) -> dict[str, str]:
    if "literal" in name:
        return {"@type": "Organization", "name": name["literal"]}
    return {
        "@type": "Person",
        "name": display_name(name),
        "familyName": name["family"],
        "givenName": name.get("given", ""),
    }


def _creators(citable: Citable) -> list[dict[str, str]]:
    return citable.record.get("author") or citable.record.get("editor") or []


def rights(citable: Citable | None, info: Edition) -> tuple[str, str]:
    """(licence URL, copyright statement): one of them is empty."""
    work = citable.work if citable is not None else None
    if work is None:
        return info.license, ""
    if work.get("license"):
        return work["license"], ""
    holder = work.get("copyright_holder", "")
    year = work.get("copyright_year", "")
    return "", " ".join(str(part) for part in ("©", year, holder) if part) if holder else ""


#: Where a sentence ends: after . ! ? (and a closing quotation mark), before a capital or an opening mark.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'»”]?\s+(?=[\"'«„“(]?[A-ZА-ЯЁĀ-Ž0-9])")
DESCRIPTION_LIMIT = 200  # characters: about what search engines show


def page_description(doctree: nodes.document | None) -> str:
    """What search engines, link previews and reference managers show of a page.

    The page's own ``description`` (a MyST ``html_meta`` field), or the whole
    sentences of its first real paragraph (60 characters or more; else its
    first paragraph) that fit in :data:`DESCRIPTION_LIMIT`: at least one, never
    a sentence cut short. Note marks and margin numbers are not words of the
    paragraph. A page that shows a text beside the edition's translation into
    the build's language is described by the translation.
    """
    if doctree is None:
        return ""
    for meta in doctree.findall(nodes.meta):
        if meta.get("name") == "description":
            return meta.get("content", "")
    texts = []
    paragraphs = list(doctree.findall(nodes.paragraph))
    # a translation view is described in the build's language: by the edition's translation
    translations = [p for p in paragraphs if "translation" in p["classes"]]
    for paragraph in translations or paragraphs:
        words = [
            str(text) for text in paragraph.findall(nodes.Text)
            if not any(isinstance(parent, nodes.footnote_reference) for parent in ancestors(text, paragraph))
        ]
        texts.append(" ".join("".join(words).split()))
    text = next((text for text in texts if len(text) >= 60), next((text for text in texts if text), ""))
    if text:
        sentences: list[str] = []
        for piece in SENTENCE_END.split(text):
            # a full stop inside parentheses ends an abbreviation, not the sentence: "(рус. ...)"
            if sentences and sentences[-1].count("(") > sentences[-1].count(")"):
                sentences[-1] += " " + piece
            else:
                sentences.append(piece)
        kept = sentences[0]
        for sentence in sentences[1:]:
            if len(kept) + 1 + len(sentence) > DESCRIPTION_LIMIT:
                break
            kept += " " + sentence
        return kept
    return ""


def json_ld(
    info: Edition, built: Built, citable: Citable | None, url: str, title: str
) -> dict[str, Any]:
    """The schema.org description of a page."""
    edition = built.edition
    book: dict[str, Any] = {
        "@type": "Book",
        "@id": info.url(built.root_doc),
        "url": info.url(built.root_doc),
        "name": info.title,
        "editor": _agent({"literal": info.editors}),
        "publisher": _agent({"literal": info.publisher}),
        "datePublished": info.date,
        "version": info.version,
        "bookEdition": info.version,
        "inLanguage": info.language,
        "license": info.license,
    }
    if citable is not None and citable is edition:
        texts = sorted(
            (p for p in built.pages.values() if p.kind == "text"), key=lambda p: p.siglum
        )
        return {
            "@context": "https://schema.org",
            **book,
            "hasPart": [
                {
                    "@type": "Article",
                    "@id": p.url,
                    "name": plain(p.record["title"]),
                    "author": [_agent(n) for n in p.record["author"]],
                }
                for p in texts
            ],
        }
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": title,
        "inLanguage": info.language,
    }
    if citable is not None:
        record = citable.record
        data.update(
            {
                "@type": "Article" if citable.kind == "text" else "Chapter",
                "name": plain(record["title"]),
                "inLanguage": record["language"],
                "author": [_agent(name) for name in _creators(citable)],
                "publisher": _agent({"literal": info.publisher}),
                "datePublished": info.date,
                "version": info.version,
            }
        )
        if citable.kind == "text":
            data["headline"] = plain(record["title"])
    licence = rights(citable, info)[0]
    if licence:
        data["license"] = licence
    work = citable.work if citable is not None else None
    if work is not None:
        if work.get("copyright_holder"):
            data["copyrightHolder"] = {"@type": "Organization", "name": work["copyright_holder"]}
        if work.get("copyright_year"):
            data["copyrightYear"] = work["copyright_year"]
        if citable.translated:
            data["translator"] = _agent({"literal": info.editors})
        data["isBasedOn"] = original_work(work)
    data["isPartOf"] = {key: book[key] for key in ("@type", "@id", "name", "version")}
    return data


def original_work(work: dict[str, Any]) -> dict[str, Any]:
    """The first publication of a text, for JSON-LD."""
    published = work["published_in"]
    container: dict[str, Any] = {
        "@type": "WebSite" if "URL" in published else "Book",
        "name": published["container-title"],
    }
    if published.get("editor"):
        container["editor"] = [_agent(name) for name in published["editor"]]
    if published.get("publisher"):
        container["publisher"] = {"@type": "Organization", "name": published["publisher"]}
    original: dict[str, Any] = {
        "@type": "Article",
        "name": work["title"],
        "inLanguage": work["language"],
        "author": [_agent(name) for name in work["author"]],
        "isPartOf": container,
    }
    if "issued" in published:
        original["datePublished"] = "-".join(
            f"{p:02d}" for p in published["issued"]["date-parts"][0]
        )
    if "URL" in published:
        original["url"] = published["URL"]
    if work.get("license"):
        original["license"] = work["license"]
    return original


def _meta(name: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{escape(name)}" content="{escape(content)}" />'


def meta_name(name: dict[str, str]) -> str:
    """A name as Zotero's Embedded Metadata reads it with its parts: "Taubman, William";
    a group's name with an empty given name, "Wikipedia contributors,", so that it stays
    one name (fieldMode 1) instead of being split at its last space."""
    return name["literal"] + "," if "literal" in name else sort_name(name)


#: CSL type -> Zotero's item type (``z.itemType``).
ZOTERO_TYPES = {"book": "book", "chapter": "bookSection"}
SCHEMAS = (
    ("DC", "http://purl.org/dc/elements/1.1/"),
    ("DCTERMS", "http://purl.org/dc/terms/"),
    ("bib", "http://purl.org/net/biblio#"),
    ("z", "http://www.zotero.org/namespaces/export#"),
    ("prism", "http://prismstandard.org/namespaces/1.2/basic/"),
)


def citation_tags(
    record: dict[str, Any],
    *,
    source: str = "",
    part_of: str = "",
    pdf_url: str = "",
) -> list[str]:
    """The Highwire, Dublin Core and Zotero tags of one item (a CSL-JSON record).

    *source* names a text's first publication in words (``DC.source``);
    *part_of* is the address of the book a chapter is in; *pdf_url* the PDF
    that is this item's own full text.
    """
    is_book = record["type"] == "book"
    title = plain(record["title"])
    date = record["issued"].get("raw") or "-".join(
        f"{p:02d}" for p in record["issued"]["date-parts"][0])
    out = [_meta("citation_title", title)]
    if not is_book:
        out.append(_meta("citation_inbook_title", record["container-title"]))
    out += [
        _meta("citation_publication_date", date),
        _meta("citation_language", record["language"]),
        _meta("citation_publisher", record["publisher"]),
    ]
    if pdf_url:
        out.append(_meta("citation_pdf_url", pdf_url))
    out.append(_meta("citation_public_url", record["URL"]))

    out += [f'<link rel="schema.{prefix}" href="{uri}" />' for prefix, uri in SCHEMAS]
    out.append(_meta("z.itemType", ZOTERO_TYPES.get(record["type"], "document")))
    out.append(_meta("DC.title", title))
    out += [_meta("DC.creator", meta_name(name)) for name in record.get("author", [])]
    out += [_meta("DC.contributor", display_name(name)) for name in record.get("translator", [])]
    out += [_meta("bib.editors", meta_name(name)) for name in record.get("editor", [])]
    out += [_meta("z.translators", meta_name(name)) for name in record.get("translator", [])]
    if "edition" in record:
        out.append(_meta("prism.edition", record["edition"]))
    out += [
        _meta("DC.date", date),
        _meta("DC.language", record["language"]),
        _meta("DC.publisher", record["publisher"]),
    ]
    if "publisher-place" in record:
        out.append(_meta("DC.coverage", record["publisher-place"]))
    if record.get("license"):
        out.append(_meta("DC.rights", record["license"]))
    out += [
        _meta("DC.identifier", record["URL"]),
        _meta("DC.type", "Text"),
        _meta("DC.format", "text/html"),
    ]
    if record.get("note"):
        out.append(_meta("DC.description", record["note"]))
    if source:
        out.append(_meta("DC.source", source))
    if record.get("abstract"):
        out.append(_meta("DCTERMS.abstract", record["abstract"]))
    if part_of:
        out.append(_meta("DCTERMS.isPartOf", part_of))
    if record.get("license", "").startswith(("http://", "https://")):
        out.append(_meta("DCTERMS.license", record["license"]))
    return out


def alternates(info: Edition, pagename: str | None) -> list[str]:
    """``<link rel="alternate" hreflang>`` for every language, and the root as ``x-default``;
    *pagename* None: the languages' home pages."""
    out = []
    for lang in info.languages:
        href = info.url(pagename, language=lang) if pagename else f"{info.base_url}{lang}/"
        out.append(f'<link rel="alternate" hreflang="{lang}" href="{escape(href)}" />')
    out.append(f'<link rel="alternate" hreflang="x-default" href="{escape(info.base_url)}" />')
    return out


def json_ld_script(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # compact: every byte is on every page
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'


def tags(info: Edition, built: Built, pagename: str, title: str, pdf_file: str) -> list[str]:
    """Every metadata tag of a page, in order."""
    citable = built.pages.get(pagename)
    url = info.url(pagename)
    if citable is not None:
        record = citable.record
    else:  # a page Sphinx makes (search, index): the editors' page of the edition
        record = {"type": "chapter", "title": title, "author": [{"literal": info.editors}],
                  "container-title": info.title, "editor": [{"literal": info.editors}],
                  "publisher": info.publisher, "issued": info.issued, "language": info.language,
                  "URL": url, "license": info.license}
    is_edition = citable is not None and citable is built.edition
    source = ""
    if citable is not None and citable.work is not None:
        source = describe_publication(citable.work["published_in"])
    out = citation_tags(
        record,
        source=source,
        part_of="" if is_edition else info.url(built.root_doc),
        pdf_url=info.file_url(pdf_file) if pdf_file else "",
    )
    out += alternates(info, pagename)
    out.append(json_ld_script(json_ld(info, built, citable, url, title)))
    return out


def describe_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """One description for ``description``, ``og:description`` and ``DC.description``; the
    page's ``og:type``. Runs before sphinxext-opengraph, which reads both from the page's
    metadata and leaves a ``description`` already there alone."""
    if not is_web(app.builder):
        return
    description = page_description(doctree)
    context["edition_description"] = description
    meta = {**(context.get("meta") or {}), "og:type": "book" if pagename == app.config.root_doc else "article"}
    if not description:
        meta["ogp_description_length"] = "0"  # no description rather than sphinxext-opengraph's own
    else:
        meta["og:description"] = description
        metatags = context.get("metatags", "")
        if 'name="description"' not in metatags:  # else the page gave it, and docutils wrote it
            context["metatags"] = metatags + "\n    " + _meta("description", description)
    context["meta"] = meta


def configure_opengraph(app: Sphinx, config: Config) -> None:
    """sphinxext-opengraph's settings for this language: the address of its pages, its
    locale and those of the other languages; no generated images."""
    config.ogp_site_url = f"{config.edition_base_url.rstrip('/')}/{config.language}/"
    locales = [language(code).csl_locale.replace("-", "_") for code in config.edition_languages]
    own = language(config.language).csl_locale.replace("-", "_")
    config.ogp_custom_meta_tags = [_meta("og:locale", own, "property")] + [
        _meta("og:locale:alternate", other, "property") for other in locales if other != own
    ]
    config.ogp_social_cards = {"enable": False}


def add_page_metadata(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if not is_web(app.builder):
        return
    built: Built = app.env.domains["citations"].built  # type: ignore[attr-defined]
    info = built.info
    if info is None:
        return
    context["pageurl"] = info.url(pagename)  # the template's <link rel="canonical">
    title = unescape(re.sub(r"<[^>]+>", "", context.get("title") or ""))
    page = built.pages.get(pagename)
    own_pdf = pdf_for(app.config, pagename, page.siglum if page is not None and page.kind == "text" else "")
    page_tags = tags(info, built, pagename, title, own_pdf.file if own_pdf else "")
    context["metatags"] = context.get("metatags", "") + "\n    " + "\n    ".join(page_tags)
    if doctree is not None and any(True for _ in doctree.findall(cite_panel)):
        app.add_js_file(SCRIPT)


def copy_script(app: Sphinx) -> None:
    """Ship the cite box script with the HTML for the web (EPUB has no scripts).

    Copied straight into ``_static`` before the pages are written (they link it
    with its checksum), not added to ``html_static_path``: a setting changed by
    an extension makes every later build report a changed configuration.
    """
    if is_web(app.builder):
        target = Path(app.outdir) / "_static" / SCRIPT
        source = (STATIC / SCRIPT).read_bytes()
        if not target.is_file() or target.read_bytes() != source:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source)


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``sitemap.xml`` at the root of this language's HTML: every page, with its alternates."""
    if exception is not None or not is_web(app.builder):
        return
    built: Built = app.env.domains["citations"].built  # type: ignore[attr-defined]
    info = built.info
    if info is None:
        return
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for docname in sorted(app.env.found_docs):
        lines += [
            "  <url>",
            f"    <loc>{escape(info.url(docname))}</loc>",
            f"    <lastmod>{info.date}</lastmod>",
        ]
        for lang in info.languages:
            href = escape(info.url(docname, language=lang))
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" href="{href}"/>')
        lines.append(
            f'    <xhtml:link rel="alternate" hreflang="x-default" href="{escape(info.base_url)}"/>'
        )
        lines.append("  </url>")
    lines.append("</urlset>\n")
    text = "\n".join(lines)
    path = Path(app.outdir) / "sitemap.xml"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
