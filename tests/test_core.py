"""edition: the languages table, the interface catalog compiled into the build tree."""

import gettext

import pytest

from edition import LOCALE_DIR, compile_catalog
from edition.languages import LANGUAGES, language


@pytest.mark.parametrize(
    ("code", "expected"),
    [("en", "22 June 1957"), ("lv", "1957. gada 22. jūnijā"), ("ru", "22 июня 1957 г.")],
)
def test_dates_follow_each_language(code, expected):
    assert language(code).date("1957-06-22") == expected


def test_an_unknown_language_names_the_known_ones():
    with pytest.raises(ValueError, match="unknown language 'de': the edition knows en, lv, ru"):
        language("de")


def test_latvian_and_russian_sort_in_their_alphabets():
    assert sorted(["Šepilovs", "Sabūrovs", "Čuevs", "Cukurs"], key=LANGUAGES["lv"].collation_key) == [
        "Cukurs", "Čuevs", "Sabūrovs", "Šepilovs"]
    assert sorted(["Ёлкин", "Жуков", "Есенин"], key=LANGUAGES["ru"].collation_key) == ["Есенин", "Ёлкин", "Жуков"]


@pytest.mark.parametrize("code", ["lv", "ru"])
def test_the_interface_catalog_compiles_into_the_given_folder(tmp_path, code):
    mo = tmp_path / code / "LC_MESSAGES" / "edition.mo"
    compile_catalog(LOCALE_DIR / code / "LC_MESSAGES" / "edition.po", mo)
    catalog = gettext.translation("edition", str(tmp_path), [code])
    assert "%s" in catalog.gettext("Paragraph %s") != "Paragraph %s"
    assert not list(LOCALE_DIR.rglob("*.mo"))  # nothing is written into the package


@pytest.mark.sphinx("html", testroot="edited-text", confoverrides={
    "extensions": ["myst_parser", "edition.texts"], "language": "ru", "edition_release_date": "2026-11-22"})
def test_the_release_date_is_localised_in_the_build(app):
    assert app.config.today == "22 ноября 2026 г."
