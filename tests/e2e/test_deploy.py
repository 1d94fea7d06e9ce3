"""The deployment, tested: the built site served by Debian's nginx with ``deploy/nginx.conf``.

nginx runs unprivileged on a free loopback port, from a temporary prefix, with the
shipped configuration (only its ``listen`` and ``root`` lines replaced); Chromium
(``browse.mjs``, playwright-core) then reads every page in one session and reports
what a reader's browser meets: the Content-Security-Policy and any violation of it,
the media type of every download and record, the root's choice of language, and a
missing page's 404 page in the reader's language.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest
from reader import ROOT, languages, manifest_of

from edition.checks import CHROMIUM, NODE_MODULES
from edition.downloads import MEDIA_TYPES

NGINX = "/usr/sbin/nginx"
CONFIG = ROOT / "deploy" / "nginx.conf"
README = ROOT / "README.md"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def nginx_config(prefix: Path, site: Path, port: int) -> Path:
    """The shipped server configuration inside a minimal main one, on loopback."""
    served = CONFIG.read_text(encoding="utf-8")
    served = re.sub(r"^\s*listen 80;.*$", f"    listen 127.0.0.1:{port};", served, count=1, flags=re.M)
    served = re.sub(r"^\s*listen \[::\]:80;.*$", "", served, count=1, flags=re.M)
    served = re.sub(r"^\s*root /srv/\S+;.*$", f"    root {site};", served, count=1, flags=re.M)
    temp = " ".join(f"{name}_temp_path {prefix / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = (f"daemon off;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'} warn;\n"
            f"events {{ worker_connections 64; }}\nhttp {{\n access_log off;\n {temp}\n{served}\n}}\n")
    path = prefix / "nginx.conf"
    path.write_text(main, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    config = nginx_config(prefix, site.resolve(), port)
    subprocess.run([NGINX, "-t", "-q", "-p", str(prefix), "-c", str(config)], check=True)
    server = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(config)], stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def report(site, served) -> dict:
    codes = languages()
    pages = ["index.html"] + [f"{code}/{page['file']}" for code in codes for page in manifest_of(site, code)["pages"]]
    files = [f"{code}/{d['file']}" for code in codes for d in manifest_of(site, code)["downloads"]]
    records = [record["file"] for record in manifest_of(site, codes[0])["records"]]
    files += records + [f"{code}/{record}" for code in codes for record in records]
    job = {
        "base": served, "pages": pages, "files": files,
        "negotiate": ["lv-LV,lv;q=0.9,en;q=0.8", "ru", "de-DE,de;q=0.9,en;q=0.5", "de"],
        "missing": [["lv", "lv/no-such-page.html"], ["ru", "no-such-page.html"],
                    ["de", "en/texts/deep/no-such-page.html"], ["en", f"{codes[-1]}/texts/no-such-page.html"]],
        "nodeModules": str(NODE_MODULES), "chromium": CHROMIUM,
    }
    result = subprocess.run(["node", str(Path(__file__).with_name("browse.mjs"))], input=json.dumps(job),
                            capture_output=True, text=True, check=True, timeout=300)
    return json.loads(result.stdout)


def readme_policy() -> str:
    match = re.search(r"^Content-Security-Policy: (.+)$", README.read_text(encoding="utf-8"), re.M)
    assert match, "the README gives the Content-Security-Policy"
    return match[1].strip()


def test_every_page_is_served_with_the_readme_s_policy_and_violates_none_of_it(report) -> None:
    assert len(report["pages"]) > 30
    for page in report["pages"]:
        assert page["status"] == 200, page["path"]
        assert page["csp"] == readme_policy(), page["path"]
        assert page["violations"] == [], page["path"]
        assert page["console"] == [], page["path"]  # no policy message, no failed load, no script error


def test_every_download_and_record_has_its_media_type(report, site) -> None:
    expected = {f"{code}/{d['file']}": d["media_type"] for code in languages() for d in manifest_of(site, code)["downloads"]}
    kinds = set()
    for file in report["files"]:
        assert file["status"] == 200, file["path"]
        media_type = file["type"].split(";")[0].strip()
        suffix = file["path"].rsplit(".", 1)[-1]
        assert media_type == expected.get(file["path"], MEDIA_TYPES.get(suffix)), file["path"]
        kinds.add(media_type)
    assert kinds == set(MEDIA_TYPES.values())


def test_the_root_sends_a_reader_to_the_first_of_their_languages_the_edition_has(report) -> None:
    chosen = {entry["accept"]: entry["url"] for entry in report["negotiate"]}
    assert chosen == {"lv-LV,lv;q=0.9,en;q=0.8": "/lv/", "ru": "/ru/", "de-DE,de;q=0.9,en;q=0.5": "/en/", "de": "/"}


def test_a_missing_page_gets_a_404_page_in_the_reader_s_language_with_its_styles(report, site) -> None:
    titles = {code: manifest_of(site, code)["pages"] for code in languages()}
    expected = {"lv/no-such-page.html": "lv", "no-such-page.html": "ru", "en/texts/deep/no-such-page.html": "en",
                f"{languages()[-1]}/texts/no-such-page.html": languages()[-1]}
    for missing in report["missing"]:
        assert missing["status"] == 404, missing["path"]
        assert missing["lang"] == expected[missing["path"]], missing["path"]
        [title] = [p["title"] for p in titles[missing["lang"]] if p["docname"] == "404"]
        assert missing["title"].startswith(title), missing["path"]
        assert missing["stylesheets"] >= 1 and missing["violations"] == [], missing["path"]
