"""The TEI, read as a TEI tool would: the text word for word, its numbers, notes,
translations, slips and pointers, in every language view and in the corpus.

What there is comes from the manifests (``downloads`` of kind "tei"); what the TEI
says is read with lxml. Validity against ``tei_all`` is ``make check``'s (jing).
"""

from __future__ import annotations

import hashlib
import tomllib

from lxml import etree
from reader import ROOT, languages, manifest_of, normalise, page

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
POINTERS = ("ref", "target", "corresp", "resp", "source")


def tei_files(site, language):
    return [d for d in manifest_of(site, language)["downloads"] if d["kind"] == "tei"]


def words(element) -> str:
    """The text's own words: no notes, and the witness's reading where a slip is corrected."""
    copy = etree.fromstring(etree.tostring(element))
    for node in copy.xpath(".//tei:note | .//tei:corr", namespaces=NS):
        tail = node.tail
        parent = node.getparent()
        previous = node.getprevious()
        parent.remove(node)
        if tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
    return normalise("".join(copy.itertext()))


def test_every_text_in_every_language_has_its_tei_and_the_corpus_holds_them_all(site) -> None:
    for language in languages():
        files = tei_files(site, language)
        texts = {text["docname"] for text in manifest_of(site, language)["texts"]}
        assert {d["docname"] for d in files if d["docname"]} == texts
        [corpus] = [d for d in files if not d["docname"]]
        root = etree.parse(site / language / corpus["file"]).getroot()
        assert root.tag == "{http://www.tei-c.org/ns/1.0}teiCorpus"
        assert len(root.findall("tei:TEI", NS)) == len(texts)
        assert all(d["media_type"] == "application/tei+xml" for d in files)


def test_each_numbered_paragraph_is_a_p_with_its_anchor_number_words_and_translation(site) -> None:
    for language in languages():
        data = manifest_of(site, language)
        for download in (d for d in tei_files(site, language) if d["docname"]):
            root = etree.parse(site / language / download["file"]).getroot()
            [original] = root.xpath("//tei:div[@type='edition']", namespaces=NS)
            translations = root.xpath("//tei:div[@type='translation']", namespaces=NS)
            paragraphs = [p for p in data["paragraphs"] if p["docname"] == download["docname"]]
            assert paragraphs
            assert len(original.findall("tei:p[@n]", NS)) == len(paragraphs)
            for paragraph in paragraphs:
                [p] = original.xpath(f"tei:p[@xml:id='{paragraph['anchor']}']", namespaces=NS)
                assert p.get("n") == paragraph["number"]
                assert words(p) == normalise(paragraph["text"]), paragraph["ref"]
                if "translation" in paragraph:
                    [translated] = translations[0].xpath(f"tei:p[@corresp='#{paragraph['anchor']}']",
                                                         namespaces=NS)
                    assert translations[0].get("{http://www.w3.org/XML/1998/namespace}lang") == language
                    assert normalise("".join(translated.itertext())) == normalise(paragraph["translation"])
            assert bool(translations) == any("translation" in p for p in paragraphs)


def test_notes_stand_where_they_are_referenced_and_every_pointer_resolves(site) -> None:
    for language in languages():
        data = manifest_of(site, language)
        for download in tei_files(site, language):
            tree = etree.parse(site / language / download["file"])
            ids = set(tree.xpath("//@xml:id"))
            pointers = [value for name in POINTERS for value in tree.xpath(f"//@{name}")]
            local = [value[1:] for value in pointers if value.startswith("#")]
            assert local and not set(local) - ids, download["file"]
            if download["docname"]:
                notes = tree.xpath("//tei:div[@type='edition']//tei:note[@place='foot']", namespaces=NS)
                assert [n.get(XML_ID) for n in notes] == [n["id"] for n in data["notes"][download["docname"]]]
                assert all(note.getparent().tag != "{http://www.tei-c.org/ns/1.0}div" for note in notes)


def test_every_slip_is_a_choice_of_the_witness_s_reading_and_the_correction(site) -> None:
    slips = tomllib.loads((ROOT / "source" / "_data" / "slips.toml").read_text("utf-8"))["slip"]
    for language in languages():
        data = manifest_of(site, language)
        files = {text["siglum"]: text["docname"] for text in data["texts"]}
        for slip in slips:
            root = etree.parse(site / language / (files[slip["siglum"]] + ".tei.xml")).getroot()
            place = (f"tei:p[@n='{slip['place']}']" if slip["place"].isdigit()
                     else f"tei:div[@type='{slip['place']}']")
            choices = root.xpath(f"//tei:div[@type='edition']/{place}//tei:choice", namespaces=NS)
            readings = [(c.findtext("tei:sic", namespaces=NS), c.findtext("tei:corr", namespaces=NS)) for c in choices]
            assert (slip["sic"], slip["corr"]) in readings, slip


def test_the_header_names_the_witness_file_with_its_checksum_and_the_licence(site) -> None:
    for language in languages():
        for download in (d for d in tei_files(site, language) if d["docname"]):
            root = etree.parse(site / language / download["file"]).getroot()
            [name] = root.xpath("//tei:sourceDesc//tei:witness//tei:idno[@type='file']/text()", namespaces=NS)
            [digest] = root.xpath("//tei:sourceDesc//tei:witness//tei:idno[@type='SHA-256']/text()", namespaces=NS)
            assert hashlib.sha256((ROOT / name).read_bytes()).hexdigest() == digest
            assert root.xpath("//tei:availability/tei:licence/@target", namespaces=NS)
            assert root.xpath("//tei:encodingDesc/tei:editorialDecl/tei:correction", namespaces=NS)


def test_each_text_page_links_its_own_tei_and_other_pages_the_corpus(site) -> None:
    for language in languages():
        data = manifest_of(site, language)
        corpus = next(d["file"] for d in tei_files(site, language) if not d["docname"])
        for download in tei_files(site, language):
            if not download["docname"]:
                continue
            html = page(site, language, download["docname"] + ".html")
            hrefs = {a["href"] for a in html.select("a[href$='.tei.xml']")}
            assert hrefs == {download["file"].rsplit("/", 1)[-1]}
        home = page(site, language, "index.html")
        assert {a["href"] for a in home.select("a[href$='.tei.xml']")} == {corpus}
        assert data["edition"]["version"]
