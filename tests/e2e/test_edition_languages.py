"""The edition in each language, read as a Latvian or Russian reader and as a
translator would: complete catalogs, no English interface, texts beside their
translations, the right scripts in every format."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile

import pytest
from bs4 import BeautifulSoup
from reader import built, download, languages, page, pages

from edition.languages import LANGUAGES

TRANSLATED = [language for language in languages() if language != "en"]
INTERFACE = ["Search", "Contents", "Next", "Previous", "Index", "Bibliography", "Footnotes", "Cite", "Copy",
             "Download"]
TEXT_LANGUAGE = {"texts/a.html": "en", "texts/b.html": "lv"}


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_english_interface_strings_on_translated_pages(site, language):
    for name in pages(site, language):
        soup = page(site, language, name)
        for foreign in soup.select("[lang]"):
            if not foreign.decomposed and foreign.name != "html" and foreign["lang"] != language:
                foreign.decompose()  # the originals and quoted words keep their own language
        for script in soup.select("script, style"):
            script.decompose()
        visible = soup.get_text(" ")
        attributes = " ".join(v for tag in soup.find_all(True) for k, v in tag.attrs.items()
                              if k in ("aria-label", "title", "alt", "placeholder") and isinstance(v, str))
        found = [word for word in INTERFACE if re.search(rf"\b{word}\b", visible + " " + attributes)]
        assert found == [], f"{language}/{name}"


@pytest.mark.parametrize("language", languages())
def test_every_page_has_its_html_lang_and_a_switcher_to_the_same_page(site, language):
    for name in pages(site, language):
        soup = page(site, language, name)
        assert soup.html["lang"] == language, name
        others = {a["hreflang"]: a["href"] for a in soup.select(".language-switcher a[hreflang]")}
        assert set(others) == set(languages()) - {language}, name
        for code, href in others.items():
            assert href.endswith(f"{code}/{name}") or href.endswith(f"{code}/index.html"), (name, href)


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("name", list(TEXT_LANGUAGE))
def test_original_and_translation_pair_up_under_one_number(site, language, name):
    soup = page(site, language, name)
    units = soup.select("div.edited-text > div.text-unit")
    assert units
    numbers = []
    for unit in units:
        originals = unit.select("p.numbered")
        translations = unit.select("p.translation")
        assert len(originals) == 1
        numbers.append(originals[0]["id"])
        if TEXT_LANGUAGE[name] == language:
            assert translations == []
        else:
            assert len(translations) == 1
            assert translations[0]["lang"] == language
            assert translations[0].get_text(strip=True)
    assert numbers == [f"p{n}" for n in range(1, len(units) + 1)]
    # the numbers are the same in every language
    assert numbers == [p["id"] for p in page(site, languages()[0], name).select("div.text-unit p.numbered")]


SCRIPTS = {"latin": r"[A-Za-z]", "cyrillic": r"[А-Яа-яЁё]", "latvian": r"[āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]"}


def pdf_text(site, language):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(download(site, language, "pdf")), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("language", languages())
def test_pdf_and_epub_hold_every_script_of_the_edition(site, language):
    text = pdf_text(site, language)
    for script, pattern in SCRIPTS.items():
        assert len(re.findall(pattern, text)) > 200, script
    with zipfile.ZipFile(download(site, language, "epub")) as archive:
        documents = [archive.read(n).decode() for n in archive.namelist() if n.endswith(".xhtml")]
        opf = BeautifulSoup(archive.read("content.opf").decode(), "xml")
    assert opf.find("dc:language").get_text() == language
    roots = [BeautifulSoup(document, "html.parser").html for document in documents]
    assert roots and all(root["lang"] == root["xml:lang"] == language for root in roots)
    joined = "".join(documents)
    for script, pattern in SCRIPTS.items():
        assert len(re.findall(pattern, joined)) > 200, script


@pytest.mark.parametrize("language", languages())
def test_the_pdf_is_set_in_its_language_with_the_texts_in_theirs(site, language):
    tex = built(site, language, "pdf", ".tex").read_text("utf-8")
    main = LANGUAGES[language].polyglossia
    assert rf"\setmainlanguage{{{main}}}" in tex or rf"\setmainlanguage[]{{{main}}}" in tex
    if language != "lv":
        assert r"\begin{otherlanguage}{latvian}" in tex
    if language != "en":
        assert r"\begin{edtranslation}{%s}" % main in tex


def test_dates_and_quotation_marks_follow_each_language(site):
    if "lv" in languages():
        lv = page(site, "lv", "introduction.html").get_text()
        assert "„" in lv and "1957. gada" in lv
    if "ru" in languages():
        ru = page(site, "ru", "introduction.html").get_text()
        assert "«" in ru and re.search(r"\d+ (июня|июля) 1957 г\.", ru)


def search_terms(site, language):
    index = (site / language / "searchindex.js").read_text("utf-8")
    return json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]


def test_search_stems_russian_and_folds_latvian(site):
    if "ru" in languages():
        import snowballstemmer

        stemmer = snowballstemmer.stemmer("russian")
        terms = search_terms(site, "ru")
        assert stemmer.stemWord("пленума") == stemmer.stemWord("пленумом") in terms
    if "lv" in languages():
        terms = search_terms(site, "lv")
        assert "hruscov" in terms and "hruščov" not in terms
