"""Links: linkinator crawls the site, and every internal reference resolves.

linkinator (npm) serves the site on the loopback interface, follows every link
from the root page, and checks each internal hyperlink, stylesheet, script,
image and ``url()`` or ``@import`` in CSS (``--check-css``), and each
``#fragment`` against the ids of its page (``--check-fragments``). Links to
other sites are not followed (there is no network). Every broken link is a
problem, named by its target and by the page linkinator reached it from (for a
fragment, linkinator names the page that led to the target page, which for a
link within a page is not the page itself); so is a page a manifest lists that
no link reaches.

Whether anything *loads* from another origin is the browser's to see: the
``accessibility`` check reports every such request.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from edition import notfound
from edition.checks import NODE_MODULES, ToolError, normalise_space, pages

UNIT = "pages"
LINKINATOR = NODE_MODULES / "linkinator"
#: Everything but the loopback server linkinator starts is another site.
ELSEWHERE = r"^(?!https?://(localhost|127\.0\.0\.1)[:/])"


def targets(site: Path, languages: list[str]) -> list[Path]:
    return pages(site, languages)


def site_addresses(site: Path) -> set[str]:
    """The absolute address the site cites itself at (its manifests' ``citation``): a
    preview's is on the loopback interface too, where nothing serves it during the check;
    the pages it names are checked through their relative links."""
    found = set()
    for path in site.glob("*/manifest.json"):
        base = json.loads(path.read_text(encoding="utf-8")).get("citation", {}).get("base_url")
        if base:
            found.add(base)
    return found


def skip_pattern(site: Path) -> str:
    """What linkinator does not fetch: other sites, and the site's own absolute address."""
    own = "|".join(re.escape(base) for base in sorted(site_addresses(site)))
    return f"{ELSEWHERE}|^({own})" if own else ELSEWHERE


def run_linkinator(site: Path) -> list[dict]:
    """The links linkinator found from the site's root page, with their states."""
    node = shutil.which("node")
    package = LINKINATOR / "package.json"
    if node is None or not package.is_file():
        raise ToolError(f"{LINKINATOR} or node is missing: run `make node_modules/.installed` (npm ci)")
    cli = LINKINATOR / json.loads(package.read_text(encoding="utf-8"))["bin"]["linkinator"]
    command = [node, str(cli), str(site), "--recurse", "--check-css", "--check-fragments",
               "--skip", skip_pattern(site), "--format", "json", "--concurrency", "8"]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    try:
        return json.loads(result.stdout)["links"]
    except (json.JSONDecodeError, KeyError) as error:
        raise ToolError(f"linkinator gave no report (exit {result.returncode}): "
                        f"{normalise_space(result.stderr)[:500]}") from error


def _file(site: Path, url: str) -> Path:
    """The file a URL in linkinator's report names: a path on its server, or the file itself."""
    parts = urlsplit(url)
    path = Path(unquote(parts.path))
    if parts.scheme:  # http://localhost:<port>/en/texts/a.html
        path = site / str(path).lstrip("/")
    return path / "index.html" if path.is_dir() else path


def _target(site: Path, url: str) -> str:
    """A link's target, site-relative: ``/en/texts/a.html#p3``."""
    fragment = unquote(urlsplit(url).fragment)
    return "/" + _file(site, url).relative_to(site).as_posix() + (f"#{fragment}" if fragment else "")


def check(site: Path, languages: list[str]) -> list[str]:
    links = run_linkinator(site)
    problems = set()
    for link in links:
        if link["state"] != "BROKEN":
            continue
        target = _target(site, link["url"])
        why = "no such anchor" if link.get("status") == 200 and "#" in target else f"status {link.get('status')}"
        found = _target(site, link["parent"]) if link.get("parent") else "/"
        problems.add(f"{target}: broken link ({why}), found from {found}")
    reached = {_file(site, link["url"]).resolve() for link in links if link["state"] == "OK"}
    root = site / "index.html"
    missing = f"{notfound.PAGENAME}.html"  # the 404 page: the server shows it, no link leads to it
    problems |= {f"{page}: no link on the site leads to this page"
                 for page in targets(site, languages)
                 if page != root and page.name != missing and page.resolve() not in reached}
    return sorted(problems)
