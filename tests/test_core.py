"""edition: settings shared by the extensions, dates and the interface catalog."""

import pytest

from edition import compile_catalog, localised_date, LOCALE_DIR


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "22 June 1957"), ("lv", "1957. gada 22. jūnijā"), ("ru", "22 июня 1957 г.")],
)
def test_dates_follow_each_language(language, expected):
    assert localised_date("1957-06-22", language) == expected


@pytest.mark.parametrize("language", ["lv", "ru"])
def test_the_interface_catalog_compiles_and_translates(language):
    compile_catalog(language)
    from gettext import translation

    catalog = translation("edition", str(LOCALE_DIR), [language])
    assert catalog.gettext("Paragraph %s") not in ("", "Paragraph %s")
    assert "%s" in catalog.gettext("Paragraph %s")


@pytest.mark.sphinx("html", testroot="edited-text", confoverrides={
    "extensions": ["myst_parser", "edition.texts"], "language": "ru", "edition_release_date": "2026-11-22"})
def test_the_release_date_is_localised_in_the_build(app):
    assert app.config.today == "22 ноября 2026 г."
