extensions = ["myst_parser", "edition.catalogs", "edition.parallel", "edition.paragraphs"]
myst_enable_extensions = ["colon_fence"]
locale_dirs, gettext_compact, language = ["locale"], False, "ru"
smartquotes = False
