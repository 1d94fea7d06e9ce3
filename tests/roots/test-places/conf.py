extensions = ["myst_parser", "edition.places"]
myst_enable_extensions = ["colon_fence"]
