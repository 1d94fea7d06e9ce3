"""EPUBCheck and DAISY's Ace on every EPUB the manifests name: nothing reported.

EPUBCheck (Debian's ``epubcheck``) writes its JSON report to a temporary file;
every message of severity FATAL, ERROR or WARNING is a problem (USAGE and INFO
messages are advice, and are not asked for).

Ace by DAISY (npm ``@daisy/ace``, its puppeteer runner) checks the book's
accessibility: axe-core's rules on every content document, in the system's
Chromium (no browser of its own is ever downloaded), and the accessibility
metadata of the package. Every assertion of its JSON report is a problem.

The EPUBs are checked side by side, one Java and one Ace process each.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from edition.checks import (
    CHROMIUM,
    JAVA,
    JAVA_OPTIONS,
    NODE_MODULES,
    ToolError,
    downloads,
    missing_files,
    normalise_space,
)

UNIT = "EPUBs"
#: Ace's command line, with the puppeteer runner (``ace``, the default, would want Electron).
ACE = NODE_MODULES / "@daisy" / "ace" / "bin" / "ace-puppeteer.js"
MAX_NODES = 5  # elements named per Ace assertion
SEVERITIES = ("FATAL", "ERROR", "WARNING")
#: Where Debian's epubcheck package puts its jar.
EPUBCHECK_JARS = (
    [Path(os.environ["EDITION_EPUBCHECK"])]
    if os.environ.get("EDITION_EPUBCHECK")
    else [
        Path("/usr/share/java/epubcheck.jar"),
        *sorted(Path("/usr/share/java").glob("epubcheck*.jar")),
    ]
)


def epubcheck_jar() -> Path:
    for jar in EPUBCHECK_JARS:
        if jar.is_file():
            return jar
    raise ToolError("EPUBCheck is not installed (Debian package epubcheck)")


def targets(site: Path, languages: list[str]) -> list[Path]:
    return [path for paths in downloads(site, languages, "epub").values() for path in paths if path.is_file()]


def check_one(epub: Path, jar: Path) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as tmp:
        report = Path(tmp) / "report.json"
        result = subprocess.run(
            [JAVA, *JAVA_OPTIONS, "-jar", str(jar), "--json", str(report), str(epub)],
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            messages = json.loads(report.read_text(encoding="utf-8"))["messages"]
        except (OSError, json.JSONDecodeError, KeyError) as error:
            raise ToolError(
                f"EPUBCheck gave no report on {epub} (exit {result.returncode}): "
                f"{normalise_space(result.stdout + result.stderr)[:500]}"
            ) from error
    problems = []
    for message in messages:
        severity = message.get("severity", "?")
        if severity not in SEVERITIES:
            continue
        text = f"{severity} {message.get('ID', '')}: {normalise_space(message.get('message', ''))}"
        locations = message.get("locations") or [{}]
        for location in locations[:5]:
            where = location.get("path", "")
            if location.get("line", -1) > 0:
                where += f" line {location['line']}"
            problems.append(f"{epub}: {where + ': ' if where else ''}{text}")
    if result.returncode != 0 and not problems:
        problems.append(f"{epub}: EPUBCheck failed (exit {result.returncode}) without saying why")
    return problems


def run_ace(epub: Path) -> dict:
    """Run Ace on *epub* in the system's Chromium; return its JSON report."""
    node = shutil.which("node")
    if node is None:
        raise ToolError("node is not installed")
    if not ACE.is_file():
        raise ToolError(f"{ACE} is missing: run `make node_modules/.installed` (npm ci)")
    if not Path(CHROMIUM).exists():
        raise ToolError(f"{CHROMIUM} is missing (Debian package chromium)")
    environment = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    with tempfile.TemporaryDirectory(prefix="ace-") as tmp:
        out = Path(tmp) / "report"
        result = subprocess.run(
            [node, str(ACE), "--silent", "--force", "--outdir", str(out), "--tempdir", str(Path(tmp) / "work"),
             str(epub)],
            capture_output=True, text=True, check=False, env=environment, timeout=900,
        )
        try:
            return json.loads((out / "report.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise ToolError(
                f"Ace gave no report on {epub} (exit {result.returncode}): "
                f"{normalise_space(result.stdout + result.stderr)[:500]}"
            ) from error


def ace_problems(epub: Path, report: dict) -> list[str]:
    """Every assertion of Ace's *report*, one problem per document and rule."""
    problems = []
    for document in report.get("assertions", []):
        where = document.get("earl:testSubject", {}).get("url", "")
        found: dict[str, list[str]] = {}
        for assertion in document.get("assertions", []):
            test, result = assertion.get("earl:test", {}), assertion.get("earl:result", {})
            rule = f"{test.get('dct:title', '?')} ({test.get('earl:impact', '?')}): " \
                   f"{normalise_space(result.get('dct:description', '') or test.get('dct:description', ''))}"
            found.setdefault(rule, []).append(normalise_space(result.get("html", ""))[:160])
        for rule, elements in found.items():
            shown = "; ".join(e for e in elements[:MAX_NODES] if e)
            more = f" (+{len(elements) - MAX_NODES} more)" if len(elements) > MAX_NODES else ""
            problems.append(f"{epub}: {where + ': ' if where else ''}Ace {rule}{' [' + shown + more + ']' if shown else ''}")
    if report.get("earl:result", {}).get("earl:outcome") != "pass" and not problems:
        problems.append(f"{epub}: Ace's verdict is {report.get('earl:result')!r} without an assertion saying why")
    return problems


def check_both(epub: Path, jar: Path) -> list[str]:
    return check_one(epub, jar) + ace_problems(epub, run_ace(epub))


def check(site: Path, languages: list[str]) -> list[str]:
    epubs = targets(site, languages)
    problems = missing_files(downloads(site, languages, "epub"), "EPUB")
    if not epubs:
        return problems
    jar = epubcheck_jar()
    with ThreadPoolExecutor(max_workers=2) as pool:
        for found in pool.map(lambda e: check_both(e, jar), epubs):
            problems += found
    return problems
