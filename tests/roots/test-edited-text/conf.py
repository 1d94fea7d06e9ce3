extensions = ["myst_parser", "edition.texts"]
myst_enable_extensions = ["colon_fence"]
