"""edition.registry: published paragraph numbers are promises the build keeps."""

import json

import pytest
from bs4 import BeautifulSoup

from edition.paragraphs import digest

RELEASE = {"edition_registry_update": "1.0.0", "edition_registry_reason": "First edition."}


def register(make_app, srcdir, **overrides):
    """Build once in update mode: what `make registry` does."""
    app = make_app("dummy", srcdir=srcdir, confoverrides={**RELEASE, **overrides}, freshenv=True)
    app.build()
    app.cleanup()  # several apps in one test: restore docutils' registries between them
    return json.loads((srcdir / "paragraphs.json").read_text())


@pytest.fixture
def registered(make_app, app_params):
    _, kwargs = app_params
    srcdir = kwargs["srcdir"]
    (srcdir / "paragraphs.json").unlink(missing_ok=True)
    register(make_app, srcdir)
    return srcdir


def build(make_app, srcdir):
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    app.cleanup()
    return app


def edit(srcdir, old, new):
    page = srcdir / "index.md"
    page.write_text(page.read_text().replace(old, new))


@pytest.mark.sphinx("dummy", testroot="registry", srcdir="registry-release")
def test_update_mode_records_reference_page_anchor_hash_and_version(registered):
    data = json.loads((registered / "paragraphs.json").read_text())
    assert data["paragraphs"][0] == {
        "ref": "A 1", "page": "index", "anchor": "p1",
        "sha256": digest("Alpha paragraph."), "introduced": "1.0.0",
    }
    assert [p["ref"] for p in data["paragraphs"]] == ["A 1", "A 2", "A 3"]
    assert data["changes"] == [{
        "version": "1.0.0", "date": "2026-11-22", "reason": "First edition.",
        "added": ["A 1", "A 2", "A 3"], "changed": [], "withdrawn": [],
    }]


@pytest.mark.sphinx("dummy", testroot="registry", srcdir="registry-clean")
def test_an_unchanged_edition_builds_without_warnings(make_app, registered):
    app = build(make_app, registered)
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert "Version 1.0.0 (22 November 2026)" in soup.get_text()
    assert "Paragraphs added: A 1, A 2, A 3" in soup.get_text()


@pytest.mark.sphinx("dummy", testroot="registry", srcdir="registry-deleted")
def test_deleting_a_paragraph_fails_with_its_reference(make_app, registered):
    edit(registered, "Gamma paragraph.\n", "")
    warnings = build(make_app, registered).warning.getvalue()
    assert "registered paragraph A 3 (index#p3) has disappeared" in warnings
    assert "make registry VERSION=" in warnings


@pytest.mark.sphinx("dummy", testroot="registry", srcdir="registry-edited")
def test_editing_a_paragraph_fails_at_its_file_and_line(make_app, registered):
    edit(registered, "Beta paragraph.", "Beta paragraph, revised.")
    warnings = build(make_app, registered).warning.getvalue()
    assert "index.md:9" in warnings
    assert "the text of paragraph A 2 differs from the registry" in warnings


@pytest.mark.sphinx("dummy", testroot="registry", srcdir="registry-renumbered")
def test_renumbering_by_deleting_a_middle_paragraph_fails(make_app, registered):
    edit(registered, "Beta paragraph.\n\n", "")
    warnings = build(make_app, registered).warning.getvalue()
    # Gamma now sits at number 2, which belonged to Beta: the number was reused
    assert "the text of paragraph A 2 differs from the registry" in warnings
    assert "registered paragraph A 3 (index#p3) has disappeared" in warnings


@pytest.mark.sphinx("dummy", testroot="registry", srcdir="registry-split")
def test_a_split_paragraph_is_registered_as_a_lettered_addition(make_app, registered):
    edit(registered, "Beta paragraph.", "Beta paragraph.\n\n{#p2a}\nBeta's second half.")
    warnings = build(make_app, registered).warning.getvalue()
    assert "paragraph A 2a is new and not in the registry" in warnings
    data = register(make_app, registered, edition_registry_update="1.1.0",
                    edition_registry_reason="A 2 split.")
    assert data["changes"][-1]["added"] == ["A 2a"]
    assert [p["ref"] for p in data["paragraphs"]] == ["A 1", "A 2", "A 2a", "A 3"]
    assert build(make_app, registered).warning.getvalue() == ""


@pytest.mark.sphinx("dummy", testroot="registry", srcdir="registry-withdrawn")
def test_a_withdrawn_number_can_never_return(make_app, registered):
    edit(registered, "Gamma paragraph.\n", "")
    data = register(make_app, registered, edition_registry_update="1.1.0",
                    edition_registry_reason="A 3 removed.")
    assert data["paragraphs"][-1]["withdrawn"] == "1.1.0"
    edit(registered, "Beta paragraph.", "Beta paragraph.\n\nA new paragraph.")
    warnings = build(make_app, registered).warning.getvalue()
    assert "paragraph A 3 was withdrawn in 1.1.0" in warnings


@pytest.mark.sphinx("dummy", testroot="registry", srcdir="registry-malformed")
def test_a_malformed_registry_names_the_file_and_line(make_app, registered):
    (registered / "paragraphs.json").write_text('{"paragraphs": [\n  {"ref": "A 1",,}\n]}')
    with pytest.raises(Exception, match=r"paragraphs.json:2: the paragraph registry is not valid JSON"):
        build(make_app, registered)
