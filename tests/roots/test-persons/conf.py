extensions = ["myst_parser", "edition.persons"]
myst_enable_extensions = ["colon_fence"]
