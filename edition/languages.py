"""The languages the edition knows: one table, read by every module and output.

Each row gives what the outputs need to name or handle a language: its name in
itself (language choosers), its polyglossia name (LaTeX, and biblatex's
``langid``), its CSL locale (citeproc-js), its alphabetical order (registers
and indexes) and how it writes a date in running text. A language's words for
readers are not here: they are in the message catalogs.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date


@dataclass(frozen=True)
class Language:
    code: str  #: BCP 47
    native_name: str  #: for language choosers
    polyglossia: str  #: polyglossia's and biblatex's name
    csl_locale: str  #: the CSL locale citeproc-js formats with
    alphabet: str = ""  #: the alphabet's order, where it differs from the code points
    script: str = "Latn"  #: ISO 15924: the script of its words (xindy's rules, the index)
    #: the month names in the case a date in running text needs, where CLDR lacks it
    months: tuple[str, ...] = ()

    def date(self, iso: str) -> str:
        """*iso* (YYYY-MM-DD) as this language writes a date in running text."""
        day = date.fromisoformat(iso)
        if self.code == "lv":  # "1957. gada 22. jūnijā": the month in the locative
            return f"{day.year}. gada {day.day}. {self.months[day.month - 1]}"
        if self.code == "ru":
            return format_date(day, "d MMMM y 'г.'", locale="ru")
        return format_date(day, "d MMMM y", locale=self.code)

    @property
    def cyrillic(self) -> bool:
        return self.script == "Cyrl"

    def collation_key(self, text: str) -> tuple[int, ...]:
        """Sort *text* in this language's alphabetical order; other characters after it."""
        text = unicodedata.normalize("NFC", text.casefold())
        if not self.alphabet:  # letters without their accents
            text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
            return tuple(ord(c) for c in text)
        return tuple(self.alphabet.index(c) if c in self.alphabet else 1000 + ord(c) for c in text)


LANGUAGES = {
    language.code: language
    for language in (
        Language("en", "English", "english", "en-US"),
        Language(
            "lv", "Latviešu", "latvian", "lv-LV",
            alphabet="aābcčdeēfgģhiījkķlļmnņoprsštuūvzž",
            months=("janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā",
                    "septembrī", "oktobrī", "novembrī", "decembrī"),
        ),
        Language("ru", "Русский", "russian", "ru-RU", alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюя", script="Cyrl"),
    )
}


def language(code: str) -> Language:
    """The row of *code*, or a clear error naming the languages the edition knows."""
    try:
        return LANGUAGES[code]
    except KeyError:
        known = ", ".join(sorted(LANGUAGES))
        msg = f"unknown language {code!r}: the edition knows {known} (edition/languages.py)"
        raise ValueError(msg) from None
