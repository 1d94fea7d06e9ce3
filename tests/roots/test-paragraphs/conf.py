extensions = ["myst_parser", "edition.paragraphs"]
myst_enable_extensions = ["attrs_block", "colon_fence"]
