extensions = ["myst_parser", "edition.notes"]
