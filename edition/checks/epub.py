"""EPUBCheck on every EPUB the manifests name: no fatal error, no error, no warning.

EPUBCheck (Debian's ``epubcheck``) writes its JSON report to a temporary file;
every message of severity FATAL, ERROR or WARNING is a problem (USAGE and INFO
messages are advice, and are not asked for). The EPUBs are checked side by side,
one Java process each.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from edition.checks import JAVA, JAVA_OPTIONS, ToolError, downloads, missing_files, normalise_space

UNIT = "EPUBs"
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


def check(site: Path, languages: list[str]) -> list[str]:
    epubs = targets(site, languages)
    problems = missing_files(downloads(site, languages, "epub"), "EPUB")
    if not epubs:
        return problems
    jar = epubcheck_jar()
    with ThreadPoolExecutor(max_workers=2) as pool:
        for found in pool.map(lambda e: check_one(e, jar), epubs):
            problems += found
    return problems
