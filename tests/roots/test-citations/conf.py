"""A tiny edition: one text (T), one editorial page (E), the examples directive."""

extensions = ["myst_parser", "edition.texts", "edition.citations", "edition.theme"]
html_theme = "edition"
project, author, release = "A Test Edition", "The test editors", "0.1.0"
edition_release_date, edition_basename = "2026-01-02", "test-edition"
edition_base_url, edition_languages = "https://edition.test/test-edition/", ["en", "lv"]
citations_works = {
    "T": {
        "type": "entry-encyclopedia",
        "author": [{"family": "Ozola", "given": "Anna"}],
        "title": "The First Chapter",
        "language": "en",
        "copyright_holder": "Test Press",
        "copyright_year": 1999,
        "published_in": {
            "container-title": "Words & Things",
            "editor": [{"family": "Bērziņš", "given": "Jānis"}],
            "publisher": "Test Press",
            "publisher-place": "Rīga",
            "issued": {"date-parts": [[1999]]},
        },
    }
}
