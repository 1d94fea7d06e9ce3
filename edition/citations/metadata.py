"""Metadata for reference managers, search engines and link previews.

Every page of the HTML for the web (not EPUB) gets, in ``metatags``:

* Highwire Press ``citation_*`` tags (Google Scholar, Zotero),
* Dublin Core ``DC.*`` and ``DCTERMS.*`` tags,
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
from edition.citations.exports import describe_publication
from edition.citations.nodes import cite_panel
from edition.citations.records import display_name, plain, sort_name
from edition.downloads import pdf
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


def _rights(citable: Citable | None, info: Edition) -> tuple[str, str]:
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
    paragraph.
    """
    if doctree is None:
        return ""
    for meta in doctree.findall(nodes.meta):
        if meta.get("name") == "description":
            return meta.get("content", "")
    texts = []
    for paragraph in doctree.findall(nodes.paragraph):
        words = [
            str(text) for text in paragraph.findall(nodes.Text)
            if not any(isinstance(parent, nodes.footnote_reference) for parent in ancestors(text, paragraph))
        ]
        texts.append(" ".join("".join(words).split()))
    text = next((text for text in texts if len(text) >= 60), next((text for text in texts if text), ""))
    if text:
        sentences = SENTENCE_END.split(text)
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
    licence = _rights(citable, info)[0]
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


def tags(info: Edition, built: Built, pagename: str, title: str, description: str, pdf_file: str) -> list[str]:
    """Every metadata tag of a page, in order."""
    citable = built.pages.get(pagename)
    url = info.url(pagename)
    is_edition = citable is not None and citable is built.edition
    record = citable.record if citable is not None else {}
    creators = _creators(citable) if citable is not None else [{"literal": info.editors}]
    title = plain(record.get("title", title))
    language = record.get("language", info.language)
    licence, copyright_statement = _rights(citable, info)
    pdf_url = info.file_url(pdf_file)

    out = [_meta("citation_title", title)]
    out += [_meta("citation_author", sort_name(name)) for name in creators]
    out.append(_meta("citation_publication_date", info.date.replace("-", "/")))
    if not is_edition:
        out.append(_meta("citation_inbook_title", info.title))
    out += [
        _meta("citation_language", language),
        _meta("citation_publisher", info.publisher),
        _meta("citation_pdf_url", pdf_url),
        _meta("citation_public_url", url),
    ]

    out += [
        '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/" />',
        '<link rel="schema.DCTERMS" href="http://purl.org/dc/terms/" />',
        _meta("DC.title", title),
    ]
    out += [_meta("DC.creator", sort_name(name)) for name in creators]
    if citable is not None and citable.translated:
        out.append(_meta("DC.contributor", info.editors))
    out += [
        _meta("DC.date", info.date),
        _meta("DC.language", language),
        _meta("DC.publisher", info.publisher),
        _meta("DC.rights", licence or copyright_statement),
        _meta("DC.identifier", url),
        _meta("DC.type", "Text"),
        _meta("DC.format", "text/html"),
    ]
    if description:
        out.append(_meta("DC.description", description))
    if citable is not None and citable.work is not None:
        out.append(_meta("DC.source", describe_publication(citable.work["published_in"])))
    if not is_edition:
        out.append(_meta("DCTERMS.isPartOf", info.url(built.root_doc)))
    if licence:
        out.append(_meta("DCTERMS.license", licence))

    for lang in info.languages:
        href = escape(info.url(pagename, language=lang))
        out.append(f'<link rel="alternate" hreflang="{lang}" href="{href}" />')
    out.append(f'<link rel="alternate" hreflang="x-default" href="{escape(info.base_url)}" />')

    data = json.dumps(json_ld(info, built, citable, url, title), ensure_ascii=False, indent=1)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    out.append(f'<script type="application/ld+json">\n{data}\n</script>')
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
    page_tags = tags(info, built, pagename, title, context.get("edition_description", ""), pdf(app.config).file)
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
