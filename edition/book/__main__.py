"""``python -m edition.book <latex output folder>``: cut the offprints from the finished book."""

import sys

from edition.book.offprints import main

sys.exit(main(sys.argv[1:]))
