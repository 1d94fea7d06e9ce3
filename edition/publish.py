"""Publish the built outputs into ``build/site``, safely.

Sphinx writes incrementally into ``build/work/<lang>/<builder>/``; readers get
``build/site/<lang>/``. For each language, this step copies the HTML, with the
downloads its manifest names (``edition.manifest``: the PDF and the EPUB, from
their builders' folders), into a staging folder and swaps it in only when it
is complete, so ``build/site`` always holds the last good site. It then writes
the site's root from the published manifests: the language chooser
(``edition/theme/landing.html``, every word from each language's catalog), with the
edition described as a book for reference managers (the first language's item, as
its home page describes it, and the alternates of every language), and the whole
edition's records.

Run by the Makefile: ``python -m edition.publish --work build/work --site build/site en lv ru``
"""

from __future__ import annotations

import argparse
import fcntl
import shutil
import sys
from contextlib import contextmanager
from html import escape
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from edition import manifest, notfound
from edition.citations import metadata
from edition.theme import META_CSP

THEME = Path(__file__).parent / "theme"
#: What Sphinx leaves in an HTML output that readers do not need.
IGNORED = shutil.ignore_patterns(".buildinfo", ".buildinfo.bak", ".doctrees", "objects.inv.tmp", "_sources")
#: The root page's own files.
ROOT_ASSETS = ("landing.css", "landing.js")


@contextmanager
def locked(site: Path):
    """Serialise publishers: ``make -j`` may run two at once."""
    site.mkdir(parents=True, exist_ok=True)
    with open(site / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def stage_language(work: Path, site: Path, language: str) -> Path | None:
    """Copy one language's outputs into a staging folder; return it, or None if no HTML.

    A download whose builder has not run yet (``make html`` alone) is left out.
    """
    html = work / language / "html"
    if not (html / manifest.NAME).is_file():
        return None
    staging = site / f".{language}.staging"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(html, staging, ignore=IGNORED)
    for download in manifest.load(html)["downloads"]:
        built = work / language / download["builder"] / download["built"]
        if built.is_file():
            target = staging / download["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(built, target)
    return staging


def swap_in(staging: Path, target: Path) -> None:
    """Replace *target* by *staging* with two renames; the old copy is removed last."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def root_metadata(manifests: list[dict[str, Any]]) -> list[str]:
    """The root page's metadata: the edition as a book, in the first language (the page's own),
    as that language's home page describes it, with its alternates in every language."""
    citation = manifests[0].get("citation")
    if not citation:
        return []
    record = citation["record"]
    pdf_url = f"{citation['base_url']}{manifests[0]['language']}/{citation['pdf']}" if citation["pdf"] else ""
    tags = [f'<link rel="canonical" href="{escape(citation["base_url"])}" />']
    if record.get("abstract"):
        tags.append(f'<meta name="description" content="{escape(record["abstract"])}" />')
    tags.append('<meta property="og:type" content="book" />')
    tags += metadata.citation_tags(record, pdf_url=pdf_url)
    for build in manifests:
        home = build.get("citation", {}).get("record", {}).get("URL")
        if home:
            tags.append(f'<link rel="alternate" hreflang="{build["language"]}" href="{escape(home)}" />')
    tags.append(f'<link rel="alternate" hreflang="x-default" href="{escape(citation["base_url"])}" />')
    return tags


def render_root(manifests: list[dict[str, Any]], records: list[str]) -> str:
    """The language chooser: each language's words come from its own build."""
    templates = Environment(loader=FileSystemLoader(THEME), autoescape=select_autoescape(default=True),
                            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return templates.get_template("landing.html").render(
        languages=manifests, records=records, metadata=Markup("\n  ".join(root_metadata(manifests))),
        meta_csp=META_CSP)


def write_root(site: Path, languages: list[str]) -> None:
    """The site's root: the language chooser and the whole edition's records, from the first
    published language (the records do not depend on the language of the build)."""
    manifests = [manifest.load(site / code) for code in languages if (site / code / manifest.NAME).is_file()]
    if not manifests:
        return
    records = []
    for record in manifests[0]["records"]:
        source = site / manifests[0]["language"] / record["file"]
        if source.is_file():
            shutil.copy2(source, site / record["file"])
            records.append(record)
    for asset in ROOT_ASSETS:
        shutil.copy2(THEME / asset, site / asset)
    # the first language's 404 page (absolute links: edition.notfound), where static hosts look for one
    missing = site / manifests[0]["language"] / f"{notfound.PAGENAME}.html"
    if missing.is_file():
        shutil.copy2(missing, site / missing.name)
    tmp = site / "index.html.tmp"
    tmp.write_text(render_root(manifests, records), encoding="utf-8")
    tmp.replace(site / "index.html")


def publish(work: Path, site: Path, languages: list[str]) -> None:
    with locked(site):
        staged = {}
        for language in languages:
            staging = stage_language(work, site, language)
            if staging is not None:
                staged[language] = staging
        for language, staging in staged.items():
            swap_in(staging, site / language)
        write_root(site, languages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="where Sphinx built (build/work)")
    parser.add_argument("--site", type=Path, required=True, help="the published site (build/site)")
    parser.add_argument("languages", nargs="+")
    args = parser.parse_args(argv)
    publish(args.work, args.site, args.languages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
