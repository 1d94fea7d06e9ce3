"""edition.epub: the EPUB archive is the same bytes whenever it is made."""

import os
import time
import zipfile

from edition.epub import normalise_archive


def archive(path, stamp):
    with zipfile.ZipFile(path, "w") as target:
        for name, data in (("mimetype", b"application/epub+zip"), ("EPUB/a.xhtml", b"<html/>")):
            info = zipfile.ZipInfo(name, date_time=time.gmtime(stamp)[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    os.utime(path, (stamp, stamp))


def test_two_archives_made_at_different_times_become_the_same_bytes(tmp_path):
    one, two = tmp_path / "one.epub", tmp_path / "two.epub"
    archive(one, 1_700_000_000)
    archive(two, 1_800_000_000)
    assert one.read_bytes() != two.read_bytes()
    for path in (one, two):
        normalise_archive(path, 1795046400)
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as result:
        first = result.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert {info.date_time for info in result.infolist()} == {time.gmtime(1795046400)[:6]}
