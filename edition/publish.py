"""Publish the built outputs into ``build/site``, safely.

Sphinx writes incrementally into ``build/work/<lang>/``; readers get
``build/site/<lang>/``. This step copies the HTML of a language, with its PDF
and EPUB under ``downloads/``, into a staging folder and swaps it in only when
it is complete, so ``build/site`` always holds the last good site. It also
writes the language chooser, ``build/site/index.html``.

Run by the Makefile: ``python -m edition.publish --work build/work --site build/site en lv ru``
"""

from __future__ import annotations

import argparse
import fcntl
import html
import re
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

from edition.languages import INVITATIONS, NATIVE_NAMES
from edition.theme import download_name

BASENAME = "anti-party-group-1957"
#: What Sphinx leaves in an HTML output that readers do not need.
IGNORED = shutil.ignore_patterns(".buildinfo", ".buildinfo.bak", ".doctrees", "objects.inv.tmp", "_sources")
#: The records of the whole edition, which the site's root offers too.
RECORDS = (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))


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
    """Copy one language's outputs into a staging folder; return it, or None if no HTML."""
    html_dir = work / language / "html"
    if not (html_dir / "index.html").is_file():
        return None
    staging = site / f".{language}.staging"
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(html_dir, staging, ignore=IGNORED)
    downloads = staging / "downloads"
    downloads.mkdir(exist_ok=True)
    for built in (work / language / "latex" / f"{BASENAME}.pdf", work / language / "epub" / f"{BASENAME}.epub"):
        if built.is_file():
            shutil.copy2(built, downloads / download_name(BASENAME, language, built.suffix[1:]))
    (staging / ".published").touch()
    return staging


SWITCH = re.compile(r'<a href="(?P<href>[^"#]+)" hreflang="(?P<lang>[a-z-]+)"(?P<rest>[^>]*data-switch-lang=)')


def point_switchers_at_existing_pages(staged: dict[str, Path], site: Path) -> None:
    """A language switcher links to the same page in each language, or, where that
    page does not exist, to that language's home page."""
    for language, root in staged.items():
        for page in root.rglob("*.html"):
            html_text = page.read_text(encoding="utf-8")

            def fallback(match: re.Match[str], page: Path = page, root: Path = root) -> str:
                relative = page.parent.relative_to(root)
                target_root = staged.get(match["lang"], site / match["lang"])
                target = (root / relative / match["href"]).resolve()
                try:
                    inside = target.relative_to((root.parent / match["lang"]).resolve())
                except ValueError:
                    return match.group()
                if (target_root / inside).is_file():
                    return match.group()
                home = "../" * (len(relative.parts) + 1) + f"{match['lang']}/index.html"
                return f'<a href="{home}" hreflang="{match["lang"]}"{match["rest"]}'

            fixed = SWITCH.sub(fallback, html_text)
            if fixed != html_text:
                page.write_text(fixed, encoding="utf-8")


def swap_in(staging: Path, target: Path) -> None:
    """Replace *target* by *staging* with two renames; the old copy is removed last."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def write_landing_page(site: Path, languages: list[str]) -> None:
    """The language chooser at the root of the site."""
    items = "\n".join(
        f'    <li lang="{code}"><a href="{code}/index.html" hreflang="{code}">'
        f"{html.escape(NATIVE_NAMES[code])}</a> <span>{html.escape(INVITATIONS[code])}</span></li>"
        for code in languages
        if (site / code / "index.html").is_file()
    )
    source = next((site / code for code in languages if (site / code / f"{BASENAME}.bib").is_file()), None)
    records = []
    for suffix, label in RECORDS:
        if source is not None and (source / f"{BASENAME}.{suffix}").is_file():
            shutil.copy2(source / f"{BASENAME}.{suffix}", site / f"{BASENAME}.{suffix}")
            records.append(f'<a href="{BASENAME}.{suffix}" download>{label}</a>')
    cite = (f"    <p>The whole edition, for reference managers: {', '.join(records)}.</p>\n"
            if records else "")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>The Anti-Party Group, 1957</title>
  <link rel="stylesheet" href="landing.css">
  <script src="landing.js" defer></script>
</head>
<body>
  <main>
    <h1>The Anti-Party Group, 1957</h1>
    <p>An annotated, multilingual edition of two encyclopedia articles. Choose a language:</p>
    <ul class="languages">
{items}
    </ul>
{cite}  </main>
</body>
</html>
"""
    tmp = site / "index.html.tmp"
    tmp.write_text(page, encoding="utf-8")
    for asset in ("landing.css", "landing.js"):
        shutil.copy2(Path(__file__).parent / "theme" / asset, site / asset)
    tmp.replace(site / "index.html")


def publish(work: Path, site: Path, languages: list[str]) -> None:
    with locked(site):
        staged = {}
        for language in languages:
            staging = stage_language(work, site, language)
            if staging is not None:
                staged[language] = staging
        point_switchers_at_existing_pages(staged, site)
        for language, staging in staged.items():
            swap_in(staging, site / language)
        write_landing_page(site, languages)


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
