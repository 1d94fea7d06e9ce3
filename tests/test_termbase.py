"""The termbase: one approved form per language, held by the catalog check."""

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from edition.catalogs import (
    TERMBASE,
    catalogs,
    check_catalog,
    load_termbase,
    main,
    shown_text,
    term_problems,
)

ROOT = Path(__file__).resolve().parents[1]

TERMS = """
[[term]]
id = "central-committee"
source = ["Central Committee", "Centrālkomitej"]
lv = { approved = "Centrālkomiteja", forbidden = ["Centrāl(ā|ās|ajā) komitej", "\\\\bCK\\\\b"] }
ru = { approved = "Центральный комитет", forbidden = ["Центральн\\\\w* Комитет"] }

[[term]]
id = "pravda"
source = ["Pravda"]
ru = { approved = "«Правда»", forbidden = ["\\\\*Правд\\\\w*\\\\*"] }
"""


@pytest.fixture
def termbase(tmp_path):
    path = tmp_path / "termbase.toml"
    path.write_text(TERMS, encoding="utf-8")
    return load_termbase(path)


def write(path, entries):
    catalog = Catalog(locale=path.parts[-3])
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)
    return path


def test_a_forbidden_variant_in_a_translation_is_reported_with_the_approved_form(tmp_path, termbase):
    path = write(tmp_path / "lv" / "LC_MESSAGES" / "page.po",
                 {"The Central Committee met.": "Sanāca Centrālā komiteja."})
    problems = check_catalog(path, termbase)
    assert len(problems) == 1
    assert problems[0].line > 0
    assert "'Centrālā komitej'" in problems[0].message
    assert "'Centrālkomiteja'" in problems[0].message


def test_the_approved_form_passes_in_every_inflection(tmp_path, termbase):
    path = write(tmp_path / "lv" / "LC_MESSAGES" / "page.po", {
        "The Central Committee met.": "Sanāca Centrālkomiteja.",
        "Members of the Central Committee.": "Centrālkomitejas locekļi.",
    })
    assert check_catalog(path, termbase) == []


def test_the_rules_of_one_language_do_not_apply_to_another(tmp_path, termbase):
    path = write(tmp_path / "ru" / "LC_MESSAGES" / "page.po", {"The Central Committee (CK).": "Центральный комитет (CK)."})
    assert check_catalog(path, termbase) == []


def test_an_entry_without_the_term_is_not_held_to_it(tmp_path, termbase):
    path = write(tmp_path / "lv" / "LC_MESSAGES" / "page.po", {"A plenum.": "CK plēnums."})
    assert check_catalog(path, termbase) == []


def test_quotations_and_keys_are_not_checked_but_shown_text_is(termbase):
    msgid = "The Central Committee, {ru}`ЦК`."
    assert term_problems(msgid, "Centrālkomiteja, {lv}`Centrālā komiteja`.", "lv", termbase) == []
    assert term_problems(msgid, "{term}`Centrālkomiteja <Central Committee>`.", "lv", termbase) == []
    assert term_problems(msgid, "{term}`Centrālā komiteja <Central Committee>`.", "lv", termbase) != []
    assert shown_text("{term}`plēnumos <plenum>` {cite:p}`key2000` {ru}`пленум`") == "plēnumos  "


def test_pravda_in_italics_fails_and_in_guillemets_passes(termbase):
    msgid = "Printed in *Pravda* on 4 July 1957."
    assert term_problems(msgid, "Опубликовано в «Правде» 4 июля 1957 г.", "ru", termbase) == []
    assert term_problems(msgid, "Опубликовано *Правдой* 4 июля 1957 г.", "ru", termbase) != []


def test_a_broken_termbase_names_the_file_and_the_entry(tmp_path):
    path = tmp_path / "termbase.toml"
    path.write_text('[[term]]\nid = "x"\nsource = ["("]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"termbase.toml: \[\[term\]\] number 1 \(x\)"):
        load_termbase(path)


def test_the_check_command_fails_on_a_forbidden_variant(tmp_path, capsys):
    locale = tmp_path / "locale"
    write(locale / "lv" / "LC_MESSAGES" / "page.po", {"The Central Committee met.": "Sanāca CK."})
    termbase = tmp_path / "termbase.toml"
    termbase.write_text(TERMS, encoding="utf-8")
    assert main(["check", "--locale", str(locale), "--termbase", str(termbase), "lv"]) == 1
    assert "'central-committee'" in capsys.readouterr().out


def test_the_edition_termbase_loads_and_gives_every_rule_an_approved_form():
    terms = load_termbase(ROOT / "source" / TERMBASE)
    assert len(terms) >= 30
    assert len({term.id for term in terms}) == len(terms)
    for term in terms:
        assert term.source, term.id
        assert set(term.forbidden) <= {"en", "lv", "ru"}, term.id
        assert all(term.approved[language] for language in term.forbidden), term.id


@pytest.mark.parametrize("language", ["en", "lv", "ru"])
def test_the_edition_catalogs_follow_the_termbase(language):
    terms = load_termbase(ROOT / "source" / TERMBASE)
    found = [str(problem) for path in catalogs(ROOT / "locale", language) for problem in check_catalog(path, terms)
             if "the termbase" in problem.message]
    assert found == []
