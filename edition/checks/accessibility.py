"""axe-core on every page, in the light and the dark colour scheme: no violations.

The site is served from a static server on the loopback interface (a thread of
this process, on a free port) and ``axe.mjs`` (beside this file) visits every
page in the system's Chromium through playwright-core, injects axe-core and runs
the WCAG 2.0, 2.1 and 2.2 A and AA rules (:data:`TAGS`) in the light scheme, and
the rules that colours can break (contrast, links told apart from text) again in
the dark one: the others read the same document either way.
A page with a cite button (``button.cite-button``) is checked again with the
first cite box open. Every violation is a problem, listed once per page, scheme
and state with the elements it concerns; so is a script error on a page, a
resource that fails to load, and any request to another origin (which the
browser is not allowed to make).

On each language's search page, a search for a word of its first paragraph
(in Latvian without its diacritics, which the search folds) must list that
paragraph among the paragraphs found, each result linked to a ``#pN`` that the
page holds, its words visibly marked, and Sphinx's page snippets must not glue
a note's number to a word ("group.2").
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from edition.checks import CHROMIUM, NODE_MODULES, ToolError, manifests, normalise_space, pages
from edition.search import fold

UNIT = "pages x 2 schemes"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = ["light", "dark"]
SCRIPT = Path(__file__).with_name("axe.mjs")
MAX_NODES = 5  # elements named per violation; the count says how many there are


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve *directory* on 127.0.0.1 at a free port; yield its base URL."""
    handler = partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="edition-checks-server",
        daemon=True,
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def targets(site: Path, languages: list[str]) -> list[Path]:
    return pages(site, languages)


def search_query(data: dict) -> dict[str, str] | None:
    """A word of the first numbered paragraph to search for, and that paragraph's reference."""
    if not data.get("paragraphs"):
        return None
    first = data["paragraphs"][0]
    words = sorted(re.findall(r"\b[^\W\d_]{5,}\b", first["text"]), key=lambda w: (not re.search(r"[^a-zA-Z]", w), -len(w)))
    if not words:
        return None
    word = fold(words[0]) if data["language"] == "lv" else words[0]  # Latvian: found without diacritics
    return {"query": word, "ref": first["ref"]}


def searches(site: Path, pages: list[Path]) -> dict[str, dict[str, str]]:
    """For each search page among *pages*, what to search for (:func:`search_query`)."""
    found = {}
    for page in pages:
        if page.name == "search.html" and page.parent != site:
            data = manifests(site, [page.parent.name]).get(page.parent.name)
            if data and (query := search_query(data)):
                found[page.relative_to(site).as_posix()] = query
    return found


def run_axe(site: Path, pages: list[Path]) -> dict:
    """Run ``axe.mjs`` on *pages* (files under *site*); return its report."""
    node = shutil.which("node")
    if node is None:
        raise ToolError("node is not installed")
    for needed in ("playwright-core", "axe-core"):
        if not (NODE_MODULES / needed / "package.json").is_file():
            raise ToolError(
                f"{NODE_MODULES / needed} is missing: run `make node_modules/.installed` (npm ci)"
            )
    if not Path(CHROMIUM).exists():
        raise ToolError(f"{CHROMIUM} is missing (Debian package chromium)")
    with serve(site) as base:
        job = {
            "base": base,
            "pages": [page.relative_to(site).as_posix() for page in pages],
            "nodeModules": str(NODE_MODULES.resolve()),
            "chromium": CHROMIUM,
            "schemes": SCHEMES,
            "tags": TAGS,
            "searches": searches(site, pages),
        }
        result = subprocess.run(
            [node, str(SCRIPT)],
            input=json.dumps(job),
            capture_output=True,
            text=True,
            check=False,
            timeout=1800,
        )
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise ToolError(
            f"axe.mjs gave no report (exit {result.returncode}): "
            f"{normalise_space(result.stderr)[:500]}"
        ) from error


def _page_path(site: Path, page: str) -> Path | str:
    if page.startswith("http://127.0.0.1"):
        page = unquote(urlsplit(page).path).lstrip("/")
    return site / page if page else site


def check(site: Path, languages: list[str]) -> list[str]:
    pages = targets(site, languages)
    if not pages:
        return []
    report = run_axe(site, pages)
    problems = []
    for result in report["results"]:
        where = f"{site / result['page']}: [{result['scheme']}"
        where += f", {result['state']}]" if result["state"] != "as loaded" else "]"
        for violation in result["violations"]:
            nodes = violation["nodes"]
            targets_ = ", ".join(n["target"] for n in nodes[:MAX_NODES])
            more = f" and {len(nodes) - MAX_NODES} more" if len(nodes) > MAX_NODES else ""
            problems.append(
                normalise_space(
                    f"{where} {violation['id']} ({violation['impact']}): {violation['help']}: "
                    f"{targets_}{more}"
                )
            )
    for error in report["errors"]:
        scheme = f" [{error['scheme']}]" if error.get("scheme") else ""
        problems.append(
            normalise_space(f"{_page_path(site, error['page'])}:{scheme} {error['message']}")
        )
    return problems
