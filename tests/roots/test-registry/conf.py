extensions = ["myst_parser", "edition.registry"]
myst_enable_extensions = ["attrs_block", "colon_fence"]
edition_registry = "paragraphs.json"
edition_release_date = "2026-11-22"
