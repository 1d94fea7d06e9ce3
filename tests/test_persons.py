"""edition.persons: the register, and generated links from every mention."""

import re

import pytest
from bs4 import BeautifulSoup

from edition.persons import load_persons


def soup_of(app, name):
    return BeautifulSoup((app.outdir / name).read_text(), "html.parser")


@pytest.mark.sphinx("html", testroot="persons")
def test_a_text_links_the_first_mention_per_paragraph_to_the_register(app):
    app.build()
    assert app.warning.getvalue() == ""
    links = [(a.get_text(), a["href"]) for a in soup_of(app, "index.html").select("div.edited-text a.reference")]
    assert links == [
        ("Ņikitas Hruščova", "register.html#person-khrushchev"),
        ("Stalin", "register.html#person-stalin"),
        ("Khrushchev", "register.html#person-khrushchev"),  # the translator, not the title
    ]


@pytest.mark.sphinx("html", testroot="persons")
def test_the_introduction_links_the_first_mention_per_paragraph(app):
    app.build()
    links = [a.get_text() for a in soup_of(app, "intro.html").select("p#p1 a.reference")]
    assert links == ["Khrushchev", "Serov"]


@pytest.mark.sphinx("html", testroot="persons")
def test_register_entries_have_stable_anchors_and_back_links(app):
    app.build()
    soup = soup_of(app, "register.html")
    entries = soup.select("div.person")
    assert [e.select_one("[id]")["id"] for e in entries] == ["person-khrushchev", "person-serov", "person-stalin"]
    khrushchev = entries[0]
    assert "Хрущёв, Никита Сергеевич" in khrushchev.select_one('span[lang="ru"]').get_text()
    assert "1894–1971" in khrushchev.get_text()
    back = [(a.get_text(), a["href"]) for a in khrushchev.select("p.mentions a")]
    assert back == [("B 1", "index.html#p1"), ("B (works)", "index.html#works"), ("I 1", "intro.html#p1")]
    # named in a title of a work: indexed and listed, not linked
    assert [a.get_text() for a in entries[2].select("p.mentions a")] == ["B 2", "B (works)"]


@pytest.mark.sphinx("html", testroot="persons")
def test_each_mentioning_paragraph_is_in_the_index(app):
    app.build()
    index = soup_of(app, "genindex.html")
    entry = next(li for li in index.select("li") if li.get_text().startswith("Khrushchev"))
    targets = {a["href"] for a in entry.find_all("a")}
    assert {"index.html#p1", "intro.html#p1", "register.html#person-khrushchev"} <= targets


@pytest.mark.sphinx("html", testroot="persons", parallel=2)
def test_back_links_survive_a_parallel_build(app):
    app.build()
    assert app.warning.getvalue() == ""
    back = [a.get_text() for a in soup_of(app, "register.html").select("div.person:has(#person-serov) p.mentions a")]
    assert back == ["I 1"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[person]]\nid = "x"\nname = "X"\n', "missing keys ['forms']"),
        ('[[person]]\nid = "x"\nname = "X"\nforms = ["("]\n', "is not a regular expression"),
        ('[[person]]\nid = "x"\nname = "X"\nforms = ["X"]\nborn = "1900"\n', "unknown keys ['born']"),
        ('[[person]]\nid = "x"\nname = "X"\nforms = ["X"]\n[[person]]\nid = "x"\nname = "Y"\nforms = ["Y"]\n',
         "number 2 (x): id must be unique"),
    ],
)
def test_bad_register_data_names_the_file_and_entry(tmp_path, toml, message):
    path = tmp_path / "persons.toml"
    path.write_text(toml)
    with pytest.raises(Exception, match=re.escape(message)) as raised:
        load_persons(path)
    assert str(path) in str(raised.value)
