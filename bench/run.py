"""The edition's benchmark: ``make bench``.

Measures, in one run, on this machine:

- a clean full build (every language and format, as ``make`` runs it) and each
  builder per language on its own;
- an incremental HTML rebuild after touching one text page;
- the weight of each text page: the HTML plus every same-origin stylesheet,
  script, font and image it loads, following CSS imports;
- the size of each PDF (book and offprints, with their page counts) and EPUB;
- the same HTML figures for the same source built with sphinx-book-theme
  (the Jupyter Book look), with the ratios;
- Lighthouse scores of a text page, mobile and desktop, served on loopback;
- a synthetic edition of 10, 25 and 50 texts x 40 paragraphs x 3 languages:
  time and peak memory, to show that cost grows linearly.

It prints a table, writes the figures to ``build/bench/results.json``, and
puts the table in README.md between the bench markers.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from pypdf import PdfReader

from edition import manifest

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
OUT = ROOT / "build" / "bench"
LIGHTHOUSE = "13.5.0"
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --no-first-run")
BUDGETS = {"page_kb": 100, "incremental_s": 2.0, "clean_s": 60.0, "lighthouse": 100}


def timed(command: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def sphinx(language: str, builder: str, out: Path, *extra: str, strict: bool = True) -> list[str]:
    options = ["-W", "--keep-going", "-n"] if strict else []
    return [str(BIN / "sphinx-build"), "-q", "-c", ".", "-D", f"language={language}", *options, "-j", "auto",
            "-b", builder, "-d", str(out / f"doctrees-{builder}"), *extra, "source", str(out / builder)]


# -- Page weight ------------------------------------------------------------------


def assets(page: Path) -> list[str]:
    """What a page makes the browser load: stylesheets, icons, preloads, scripts, images, frames."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    loaded = [link["href"] for link in soup.select("link[href]")
              if {"stylesheet", "icon", "preload", "modulepreload"} & set(link.get("rel") or [])]
    return loaded + [tag["src"] for tag in soup.select("script[src], img[src], source[src], iframe[src]")]


CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)|url\(\s*["']?([^"')]+)["']?\s*\)""")


def local(base: Path, reference: str) -> Path | None:
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or reference.startswith("data:") or not parts.path:
        return None
    return (base.parent / parts.path).resolve()


def page_weight(page: Path) -> tuple[int, dict[str, int]]:
    """Bytes of *page* and of every same-origin file it loads, each counted once."""
    files: dict[Path, int] = {page: page.stat().st_size}
    queue = [p for p in (local(page, ref) for ref in assets(page)) if p]
    while queue:
        path = queue.pop()
        if path in files or not path.is_file():
            continue
        files[path] = path.stat().st_size
        if path.suffix == ".css":
            for match in CSS_URL.finditer(path.read_text(encoding="utf-8", errors="replace")):
                target = local(path, match[1] or match[2])
                if target:
                    queue.append(target)
    return sum(files.values()), {p.name: size for p, size in files.items()}


# -- Lighthouse -------------------------------------------------------------------


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *args: None  # type: ignore[assignment]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def lighthouse(site: Path, page: str) -> dict[str, dict[str, int]]:
    node = OUT / "node"
    cli = node / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists():
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(node),
                        f"lighthouse@{LIGHTHOUSE}"], check=True)
    server, port = serve(site)
    scores = {}
    try:
        for form in ("mobile", "desktop"):
            report = OUT / f"lighthouse-{form}.json"
            preset = ["--preset=desktop"] if form == "desktop" else []
            subprocess.run(["node", str(cli), f"http://127.0.0.1:{port}/{page}", "--quiet", "--output=json",
                            f"--output-path={report}", f"--chrome-flags={CHROME_FLAGS}",
                            "--only-categories=performance,accessibility,best-practices,seo", *preset],
                           check=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
            categories = json.loads(report.read_text())["categories"]
            scores[form] = {name: round(100 * c["score"]) for name, c in categories.items()}
    finally:
        server.shutdown()
    return scores


# -- Synthetic edition ------------------------------------------------------------

SYNTHETIC_CONF = '''
extensions = ["myst_parser", "edition.catalogs", "edition.texts", "edition.parallel",
              "edition.paragraphs", "edition.theme"]
myst_enable_extensions = ["attrs_block", "colon_fence"]
html_theme = "edition"
locale_dirs = ["locale"]
gettext_compact = False
edition_languages = ["en", "lv", "ru"]
edition_basename = "synthetic"
'''


def synthetic(root: Path, texts: int, paragraphs: int = 40) -> None:
    """*texts* pages of *paragraphs* paragraphs, alternately English and Latvian,
    with complete catalogs for en, lv and ru."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    shutil.rmtree(root, ignore_errors=True)
    (root / "texts").mkdir(parents=True)
    (root / "conf.py").write_text(SYNTHETIC_CONF)
    names = [f"texts/t{n:03}" for n in range(texts)]
    (root / "index.md").write_text("# Synthetic\n\n```{toctree}\n" + "\n".join(names) + "\n```\n")
    for n, name in enumerate(names):
        lang = "en" if n % 2 == 0 else "lv"
        body = [f"Paragraph {p} of text {n}, written to be measured, with words enough to weigh "
                f"something like a paragraph of the real texts, and a note.[^n{p}]" for p in range(paragraphs)]
        notes = [f"[^n{p}]: Note {p} of text {n}." for p in range(paragraphs)]
        (root / f"{name}.md").write_text(
            f"# Text {n}\n\n:::{{edited-text}}\n:siglum: T{n}\n:lang: {lang}\n\n" + "\n\n".join(body) +
            "\n:::\n\n" + "\n\n".join(notes) + "\n")
        for language in ("en", "lv", "ru"):
            catalog = Catalog(locale=language)
            if language != lang:
                for p in range(paragraphs):
                    source = body[p].replace(f"[^n{p}]", "")
                    catalog.add(source, f"[{language}] {source}")
            if language != "en":
                catalog.add(f"Text {n}", f"[{language}] Text {n}")
                for p in range(paragraphs):
                    catalog.add(f"Note {p} of text {n}.", f"[{language}] Note {p} of text {n}.")
            if len(catalog):
                path = root / "locale" / language / "LC_MESSAGES" / f"{name}.po"
                path.parent.mkdir(parents=True, exist_ok=True)
                with path.open("wb") as handle:
                    write_po(handle, catalog)


def measured(command: list[str]) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB) of *command* and its children."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL); "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    result = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    seconds, peak = result.stdout.split()
    return float(seconds), int(peak)


def scale(sizes: list[int]) -> list[dict[str, float]]:
    rows = []
    for texts in sizes:
        root = OUT / f"synthetic-{texts}"
        synthetic(root / "src", texts)
        seconds, peak = 0.0, 0
        for language in ("en", "lv", "ru"):
            took, memory = measured([str(BIN / "sphinx-build"), "-q", "-W", "-j", "auto", "-b", "html",
                                     "-D", f"language={language}", "-d", str(root / f"doctrees-{language}"),
                                     str(root / "src"), str(root / f"html-{language}")])
            seconds, peak = seconds + took, max(peak, memory)
        rows.append({"texts": texts, "paragraphs": texts * 40 * 3, "seconds": round(seconds, 2),
                     "ms_per_paragraph": round(1000 * seconds / (texts * 40 * 3), 2),
                     "peak_mib": round(peak / 1024, 1)})
    return rows


# -- The run ----------------------------------------------------------------------


def kib(size: int) -> str:
    return f"{size / 1024:.1f} KiB"


def run(languages: list[str], quick: bool) -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    results: dict = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                     "machine": f"{platform.node()}: {platform.machine()}, {os.cpu_count()} cores, "
                                f"Python {platform.python_version()}", "languages": languages}
    clean = OUT / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    results["clean_make_s"] = round(timed(["make", "-s", "site", f"BUILDDIR={clean}",
                                           f"LANGUAGES={' '.join(languages)}"]), 2)
    per_output: dict[str, dict[str, float]] = {}
    for language in languages:
        work = OUT / "single" / language
        shutil.rmtree(work, ignore_errors=True)
        row = {"html": timed(sphinx(language, "html", work)), "epub": timed(sphinx(language, "epub", work))}
        start = time.perf_counter()
        subprocess.run(sphinx(language, "latex", work), check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        xindy = (work / "latex" / "xindy-options.txt").read_text("utf-8").strip()
        subprocess.run(["make", "-C", str(work / "latex"), "all-pdf", "LATEXMKOPTS=-quiet", f"XINDYOPTS={xindy}"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([str(BIN / "python"), "-m", "edition.book", str(work / "latex")], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        row["pdf"] = time.perf_counter() - start  # the book and its offprints
        per_output[language] = {k: round(v, 2) for k, v in row.items()}
    results["per_output_s"] = per_output
    work = OUT / "single" / languages[0]
    site = clean / "site"
    first_doc = manifest.load(site / languages[0])["texts"][0]["docname"]
    (ROOT / "source" / f"{first_doc}.md").touch()
    results["incremental_html_s"] = round(timed(sphinx(languages[0], "html", work)), 2)

    weights, sizes = {}, {}
    for language in languages:
        built = manifest.load(site / language)
        files_of = {page["docname"]: page["file"] for page in built["pages"]}
        for text in built["texts"]:  # the heaviest pages: a text, its notes, its translation
            page = files_of[text["docname"]]
            total, files = page_weight(site / language / page)
            weights[f"{language}/{page}"] = {"bytes": total, "files": files}
        for download in built["downloads"]:
            path = site / language / download["file"]
            pages = len(PdfReader(path).pages) if path.suffix == ".pdf" else 0
            sizes[f"{language}/{download['file']}"] = {"bytes": path.stat().st_size, "pages": pages}
    results["page_weight"] = weights
    results["download_size"] = sizes

    book = OUT / "book"
    shutil.rmtree(book, ignore_errors=True)
    subprocess.run([str(BIN / "python"), "-m", "pip", "install", "--quiet", "sphinx-book-theme>=1.1,<2"], check=True)
    book_html = timed(sphinx(languages[0], "html", book, "-D", "html_theme=sphinx_book_theme", strict=False))
    first_text = next(iter(weights))  # e.g. en/texts/a.html
    book_weight, _ = page_weight(book / "html" / first_text.split("/", 1)[1])
    ours = weights[first_text]["bytes"]
    results["sphinx_book_theme"] = {
        "page": first_text.split("/", 1)[1],
        "html_s": round(book_html, 2), "html_s_ours": per_output[languages[0]]["html"],
        "html_time_ratio": round(book_html / per_output[languages[0]]["html"], 2),
        "page_bytes": book_weight, "page_bytes_ours": ours, "page_weight_ratio": round(book_weight / ours, 1),
    }
    if not quick:
        results["lighthouse"] = lighthouse(site, first_text)
        results["scale"] = scale([10, 25, 50])
    return results


def table(r: dict) -> str:
    lines = [f"Measured {r['date']} on {r['machine']} (`make bench`).", "",
             "| figure | value | budget |", "|---|---|---|",
             f"| clean build, every language and format (`make`, {', '.join(r['languages'])}) | "
             f"{r['clean_make_s']} s | ≤ {BUDGETS['clean_s']:.0f} s |",
             f"| incremental HTML rebuild after touching one text page | {r['incremental_html_s']} s | "
             f"≤ {BUDGETS['incremental_s']} s |"]
    for language, row in r["per_output_s"].items():
        lines.append(f"| {language}: HTML / PDF / EPUB alone | {row['html']} / {row['pdf']} / {row['epub']} s | |")
    for page, weight in r["page_weight"].items():
        lines.append(f"| weight of {page} with its CSS, JS, fonts, images | {kib(weight['bytes'])} | "
                     f"≤ {BUDGETS['page_kb']} KB |")
    for name, size in r["download_size"].items():
        pages = f", {size['pages']} pages" if size["pages"] else ""
        lines.append(f"| {name} | {kib(size['bytes'])}{pages} | |")
    book = r["sphinx_book_theme"]
    lines.append(f"| sphinx-book-theme, same source: HTML build | {book['html_s']} s "
                 f"({book['html_time_ratio']}× ours) | |")
    lines.append(f"| sphinx-book-theme, same source: weight of {book['page']} | {kib(book['page_bytes'])} "
                 f"({book['page_weight_ratio']}× ours) | |")
    for form, scores in r.get("lighthouse", {}).items():
        lines.append(f"| Lighthouse, {form} (performance / accessibility / best practices / SEO) | "
                     f"{' / '.join(str(scores[k]) for k in ('performance', 'accessibility', 'best-practices', 'seo'))}"
                     f" | 100 each |")
    for row in r.get("scale", []):
        lines.append(f"| synthetic: {row['texts']} texts × 40 paragraphs × 3 languages (HTML) | "
                     f"{row['seconds']} s, {row['ms_per_paragraph']} ms/paragraph, peak {row['peak_mib']} MiB | linear |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("languages", nargs="+")
    parser.add_argument("--quick", action="store_true", help="skip Lighthouse and the synthetic edition")
    args = parser.parse_args()
    results = run(args.languages, args.quick)
    (OUT / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    text = table(results)
    print(text)
    readme = ROOT / "README.md"
    content = readme.read_text(encoding="utf-8")
    content = re.sub(r"(<!-- bench:start -->\n).*?(\n<!-- bench:end -->)", lambda m: m[1] + text + m[2],
                     content, flags=re.S)
    readme.write_text(content, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
