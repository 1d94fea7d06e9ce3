"""edition.places: the texts' index entries of places, in the reader's language."""

import pytest


def entries(app) -> list[str]:
    """The names of the page's index entries."""
    return sorted(entry[1] for entry in app.env.domains["index"].entries["index"])


@pytest.mark.sphinx("html", testroot="places", confoverrides={"language": "ru"})
def test_a_place_in_a_text_is_indexed_in_the_readers_language_and_an_unknown_one_is_named(app):
    app.build()
    assert entries(app) == ["Kyiv", "Moscow (city)", "Москва"]
    warnings = app.warning.getvalue()
    assert "index.md:7" in warnings and "'Kyiv' names no place of _data/places.toml: add it there" in warnings


@pytest.mark.sphinx("html", testroot="places", confoverrides={"language": "lv"})
def test_the_latvian_index_has_the_latvian_name(app):
    app.build()
    assert "Maskava" in entries(app)
