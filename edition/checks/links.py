"""Links: every internal reference resolves; nothing is loaded from another origin.

For every page (parsed with the standard library's ``html.parser``):

* every internal ``href``, ``src``, ``srcset``, ``poster``, ``data`` and
  ``action`` (relative, or root-relative to the site's root; the query is
  ignored and ``%``-escapes are decoded) names a file that exists inside the
  site, a folder meaning its ``index.html``;
* every ``#fragment`` pointing into an HTML page (the same page included) is the
  ``id`` of an element there, or the ``name`` of an ``<a>``; a bare ``#`` is the
  top of the page;
* no resource the browser loads by itself (script, stylesheet, image, media,
  frame, object, ``<link rel=preload|icon|...>``, ``url()`` or ``@import`` in a
  ``<style>`` or ``style=""``) comes from another origin: ``http:``, ``https:``,
  protocol-relative ``//`` or any scheme other than ``data:``. A hyperlink the
  reader follows (``<a href="https://...">``, ``<link rel=canonical|alternate>``,
  a form's ``action``) may go anywhere.

Every stylesheet (``*.css``) is scanned for ``url(...)`` and ``@import`` the same
way: internal ones must exist, external ones are problems.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from edition.checks import normalise_space, site_files

UNIT = "pages and stylesheets"

#: <link rel=...> values whose target the browser fetches without being asked.
LOADING_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "apple-touch-icon-precomposed",
    "mask-icon",
    "preload",
    "prefetch",
    "modulepreload",
    "prerender",
    "manifest",
    "dns-prefetch",
    "preconnect",
}
#: (tag, attribute) pairs whose URL the browser loads by itself.
LOADING_ATTRS = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("audio", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("source", "src"),
    ("source", "srcset"),
    ("track", "src"),
    ("input", "src"),
    ("image", "href"),
    ("image", "xlink:href"),
    ("use", "href"),
    ("use", "xlink:href"),
    ("feimage", "href"),
}
#: Attributes that hold a URL (any tag), and those holding a srcset list.
URL_ATTRS = {"href", "src", "poster", "data", "action", "xlink:href", "cite"}
SRCSET_ATTRS = {"srcset"}
#: Schemes that are neither internal nor loaded from elsewhere.
HARMLESS_SCHEMES = {"data", "mailto", "tel", "urn", "doi"}

CSS_URL = re.compile(r"""url\(\s*(?P<q>["']?)(?P<url>[^"')]*?)(?P=q)\s*\)""", re.IGNORECASE)
CSS_IMPORT = re.compile(
    r"""@import\s+(?P<q>["'])(?P<url>[^"']*)(?P=q)""", re.IGNORECASE
)  # url() is CSS_URL's
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


@dataclass
class Reference:
    tag: str
    attr: str
    url: str
    line: int
    loads: bool  # the browser fetches it without the reader's asking


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    duplicates: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        line = self.getpos()[0]
        for name in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(name):
                if values[name] in self.page.ids and name == "id":
                    self.page.duplicates.add(values[name])
                self.page.ids.add(values[name])
        rels = set(values.get("rel", "").lower().split())
        for name, value in values.items():
            if name in URL_ATTRS:
                urls = [value.strip()]
            elif name in SRCSET_ATTRS:
                urls = [item.strip().split()[0] for item in value.split(",") if item.strip()]
            else:
                continue
            loads = (tag, name) in LOADING_ATTRS or (
                tag == "link" and name == "href" and bool(rels & LOADING_RELS)
            )
            if tag == "form" and name == "action" and not value.strip():
                continue  # the page itself
            for url in urls:
                self.page.references.append(Reference(tag, name, url, line, loads))
        if values.get("style"):
            for url in css_urls(values["style"]):
                self.page.references.append(Reference(tag, "style", url, line, True))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            for url in css_urls(data):
                self.page.references.append(Reference("style", "url", url, self.getpos()[0], True))


def css_urls(css: str) -> list[str]:
    """The URLs a stylesheet refers to, in ``url(...)`` and ``@import "..."``."""
    css = CSS_COMMENT.sub("", css)
    found = sorted([*CSS_URL.finditer(css), *CSS_IMPORT.finditer(css)], key=lambda m: m.start())
    return [m["url"].strip() for m in found]


@cache
def parse_page(path: Path) -> Page:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    collector.close()
    return collector.page


def is_foreign(url: str) -> bool:
    """Whether *url* points outside the site: another origin or a scheme of its own."""
    if url.startswith("//"):
        return True
    scheme = urlsplit(url).scheme.lower()
    return bool(scheme) and scheme not in HARMLESS_SCHEMES and len(scheme) > 1  # "c:" is no scheme


def resolve(site: Path, source: Path, url: str) -> tuple[Path | None, str | None, str | None]:
    """The file an internal *url* in *source* names, its fragment, or a problem.

    Returns ``(target, fragment, None)``, or ``(None, None, reason)``.
    """
    parts = urlsplit(url)
    path = unquote(parts.path)
    fragment = unquote(parts.fragment) if "#" in url else None
    if not path:
        return source, fragment, None
    base = (
        PurePosixPath("/")
        if path.startswith("/")
        else PurePosixPath("/", *source.parent.relative_to(site).parts)
    )
    # Normalise "..", refusing to climb above the site's root.
    stack: list[str] = []
    for part in (base / path).parts[1:]:
        if part in ("", "."):
            continue
        if part == "..":
            if not stack:
                return None, None, "points above the site's root"
            stack.pop()
        else:
            stack.append(part)
    target = site.joinpath(*stack)
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    if not target.is_file():
        return None, None, f"no such file {target.relative_to(site)}"
    return target, fragment, None


def check_page(site: Path, page_path: Path) -> list[str]:
    page = parse_page(page_path)
    problems = [f"{page_path}: id {i!r} is used more than once" for i in sorted(page.duplicates)]
    for ref in page.references:
        where = f"{page_path}: line {ref.line}: <{ref.tag} {ref.attr}={ref.url!r}>"
        if not ref.url:
            if ref.loads:
                problems.append(f"{where} is empty")
            continue
        if is_foreign(ref.url):
            if ref.loads:
                problems.append(f"{where} loads a resource from another origin")
            continue
        if urlsplit(ref.url).scheme:  # data:, mailto: ...
            continue
        target, fragment, reason = resolve(site, page_path, ref.url)
        if reason:
            problems.append(f"{where} is broken: {reason}")
            continue
        is_page = target is not None and target.suffix in (".html", ".xhtml", ".htm")
        if fragment and is_page and fragment not in parse_page(target).ids:
            problems.append(f"{where} is broken: no id {fragment!r} in {target.relative_to(site)}")
    return problems


def check_stylesheet(site: Path, css_path: Path) -> list[str]:
    problems = []
    text = css_path.read_text(encoding="utf-8", errors="replace")
    for url in css_urls(text):
        where = f"{css_path}: url({url!r})"
        if not url or url.startswith("#"):
            continue
        if is_foreign(url):
            problems.append(f"{where} loads a resource from another origin")
        elif not urlsplit(url).scheme:
            _, _, reason = resolve(site, css_path, url)
            if reason:
                problems.append(f"{where} is broken: {reason}")
    return problems


def targets(site: Path, languages: list[str]) -> list[Path]:
    return site_files(site, languages, "*.html") + site_files(site, languages, "*.css")


def check(site: Path, languages: list[str]) -> list[str]:
    parse_page.cache_clear()
    problems = []
    for path in targets(site, languages):
        found = check_stylesheet(site, path) if path.suffix == ".css" else check_page(site, path)
        problems += [normalise_space(p) for p in found]
    return problems
