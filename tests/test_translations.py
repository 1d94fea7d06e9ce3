"""A build in a translated language refuses a catalog that is broken or incomplete, and
says where: the catalog's file and line (edition.catalogs), or the page's (edition.parallel)."""

from __future__ import annotations

import shutil

import pytest
from sphinx.util.console import strip_escape_sequences

CATALOG = "locale/ru/LC_MESSAGES/index.po"


def build(make_app, rootdir, tmp_path, old: str = "", new: str = ""):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-translations", src)
    catalog = src / CATALOG
    text = catalog.read_text(encoding="utf-8")
    assert old in text
    catalog.write_text(text.replace(old, new), encoding="utf-8")
    app = make_app("html", srcdir=src)
    app.build()
    return src, strip_escape_sequences(app.warning.getvalue())


def test_a_complete_catalog_builds_without_a_warning(make_app, rootdir, tmp_path):
    src, warnings = build(make_app, rootdir, tmp_path)
    assert warnings == ""
    html = (src / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Единственный абзац текста." in html and "The text's only paragraph." in html


@pytest.mark.parametrize(
    ("old", "new", "line", "says"),
    [
        ('msgstr "Страница"', 'msgstr "\\q"', 7, "cannot be parsed"),
        ("примечанием.[^claim] См.", "примечанием. См.", 9, "the translation drops [^claim]"),
        ("{para}`T 1`.\"\n\nmsgid \"The note", "{para}`T 2`.\"\n\nmsgid \"The note",
         9, "drops {para}`T 1`; adds {para}`T 2`"),
        ('msgstr "Единственный абзац текста."', 'msgstr ""', 15, "is untranslated: translate it"),
    ],
    ids=["syntax error", "dropped note", "changed role target", "missing translation"],
)
def test_a_broken_catalog_is_an_error_at_its_file_and_line(make_app, rootdir, tmp_path, old, new, line, says):
    src, warnings = build(make_app, rootdir, tmp_path, old, new)
    first = warnings.splitlines()[0]
    assert first.startswith(f"{src / CATALOG}:{line}: ERROR: ") and says in first, warnings


def test_a_text_paragraph_missing_from_the_catalog_is_reported_at_the_page(make_app, rootdir, tmp_path):
    src, warnings = build(make_app, rootdir, tmp_path, 'msgid "The text\'s only paragraph."\nmsgstr "Единственный абзац текста."\n', "")
    assert warnings.splitlines() == [
        f"{src / 'index.md'}:9: WARNING: a paragraph of T has no translation into ru (msgid \"The text's only "
        f"paragraph.…\"): translate it in locale/ru/LC_MESSAGES/index.po (make intl-update adds the entry) "
        f"[edition.translation]"]
