"""The Nu HTML Checker on every page: no errors.

All pages go to one ``java -jar vnu.jar`` run (the JVM's start-up is most of its
time). ``--errors-only`` drops warnings and informational messages; every
remaining message, including a file that could not be read or parsed, is a
problem.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

from edition.checks import JAVA, JAVA_OPTIONS, NODE_MODULES, ToolError, normalise_space, pages

UNIT = "pages"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def targets(site: Path, languages: list[str]) -> list[Path]:
    return pages(site, languages)


def _path_of(url: str, fallback: Path) -> Path:
    """The file a vnu message is about (its ``url`` is a ``file:`` URL)."""
    if url.startswith("file:"):
        return Path(unquote(urlparse(url).path))
    return fallback


def run_vnu(files: list[Path]) -> list[dict]:
    """The messages vnu reports on *files* (errors only)."""
    if not files:
        return []
    if not VNU.is_file():
        raise ToolError(f"{VNU} is missing: run `make node_modules/.installed` (npm ci)")
    command = [
        JAVA,
        *JAVA_OPTIONS,
        "-jar",
        str(VNU),
        "--errors-only",
        "--format",
        "json",
        "--stdout",
        "--exit-zero-always",
        *(str(f.resolve()) for f in files),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    try:
        return json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        raise ToolError(
            f"vnu gave no JSON report (exit {result.returncode}): "
            f"{normalise_space(result.stderr)[:500]}"
        ) from error


def check(site: Path, languages: list[str]) -> list[str]:
    files = targets(site, languages)
    shown = {f.resolve(): f for f in files}
    problems = []
    for message in run_vnu(files):
        if message.get("type") == "info":  # a warning; --errors-only should have dropped it
            continue
        path = _path_of(message.get("url", ""), site)
        where = shown.get(path, path)
        line = message.get("lastLine") or message.get("firstLine")
        at = f" line {line}:" if line else ""
        kind = "" if message.get("type") == "error" else f" [{message.get('type')}]"
        problems.append(f"{where}:{at}{kind} {normalise_space(message.get('message', '?'))}")
    return problems
