"""edition.notes: a note reference without a note is reported clearly."""

import pytest


@pytest.mark.sphinx("html", testroot="notes")
def test_a_note_reference_without_a_note_names_file_line_and_fix(app):
    app.build()
    warnings = app.warning.getvalue().strip().splitlines()
    assert len(warnings) == 1, warnings
    assert "index.md:3" in warnings[0]
    assert "note reference [^undefined] has no note" in warnings[0]
    assert "add a definition '[^undefined]: ...'" in warnings[0]
    assert "[^undefined]" in (app.outdir / "index.html").read_text()
