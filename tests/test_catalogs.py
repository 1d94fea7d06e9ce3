"""edition.catalogs: catalogs held to their source, and pruned per language."""

import json

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from edition.catalogs import check_catalog, differences, prune


def write(path, entries, fuzzy=()):
    catalog = Catalog(locale="ru")
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr, flags=["fuzzy"] if msgid in fuzzy else [])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)
    return path


@pytest.mark.parametrize(
    ("msgid", "msgstr", "expected"),
    [
        ("A note.[^a-note] See {cite:t}`key2000`.", "Примечание.[^a-note] См. {cite:t}`key2000`.", ""),
        ("A note.[^a-note]", "Примечание.", "drops [^a-note]"),
        ("See {cite:p}`key2000`.", "См. {cite:p}`other1999`.", "drops {cite:p}`key2000`; adds {cite:p}`other1999`"),
        ("The {term}`Presidium`.", "{term}`Президиум <Presidium>`.", ""),
        ("The {term}`Presidium`.", "{term}`Президиум`.", "drops {term}`Presidium`; adds {term}`Президиум`"),
        ("A {lv}`vārds`.", "Слово.", ""),  # a language role is text, not a reference
        ("[licence](https://example.org/a)", "[лицензия](https://example.org/b)",
         "drops ](https://example.org/a); adds ](https://example.org/b)"),
        ("Paragraph %s", "Абзац", "drops %s"),
    ],
)
def test_differences_name_what_a_translation_drops_or_adds(msgid, msgstr, expected):
    assert differences(msgid, msgstr) == expected


def test_check_reports_each_problem_with_file_and_line(tmp_path):
    path = write(tmp_path / "page.po", {
        "Good.[^n]": "Хорошо.[^n]",
        "Untranslated.": "",
        "Fuzzy.": "Нечётко.",
        "Dropped.[^m]": "Потеряно.",
        "In June 1957 it ended.": "1957. gada jūnijā tas beidzās.",
    }, fuzzy=("Fuzzy.",))
    problems = [str(p) for p in check_catalog(path)]
    assert len(problems) == 4
    assert all(p.startswith(f"{path}:") for p in problems)
    assert "'Untranslated.' is untranslated" in problems[0]
    assert "'Fuzzy.' is fuzzy" in problems[1]
    assert "drops [^m]" in problems[2]
    assert "starts like a numbered list item" in problems[3]


def test_a_syntax_error_is_one_problem_at_its_line(tmp_path):
    path = tmp_path / "broken.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "One"\nmsgstr "Один\n')
    [problem] = check_catalog(path)
    assert str(problem) == f"{path}:7: cannot be parsed (end-of-line within string); fix the syntax, then run msgfmt --check"


def test_prune_keeps_what_each_language_translates(tmp_path):
    pot = tmp_path / "gettext"
    pot.mkdir()
    (pot / ".text-units.json").write_text(json.dumps({"texts/b": {"lang": "lv", "msgids": ["Teksts."]}}))
    locale = tmp_path / "locale"
    entries = {"Teksts.": "", "An editorial note.": ""}
    for language in ("en", "lv", "ru"):
        write(locale / language / "LC_MESSAGES" / "texts" / "b.po", entries)
        write(locale / language / "LC_MESSAGES" / "introduction.po", {"An introduction.": ""})
    prune(pot, locale, ["en", "lv", "ru"], "en")

    def ids(language, name):
        path = locale / language / "LC_MESSAGES" / name
        return sorted(m.id for m in read_po(path.open("rb")) if m.id) if path.exists() else None

    assert ids("en", "texts/b.po") == ["Teksts."]  # English translates only the Latvian text
    assert ids("en", "introduction.po") is None  # and nothing written in English
    assert ids("lv", "texts/b.po") == ["An editorial note."]  # Latvian does not translate Latvian
    assert ids("ru", "texts/b.po") == ["An editorial note.", "Teksts."]
