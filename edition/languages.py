"""The languages the edition knows, and their names in each output format."""

from __future__ import annotations

#: BCP 47 code -> polyglossia language name.
POLYGLOSSIA = {"en": "english", "lv": "latvian", "ru": "russian"}


def polyglossia_name(code: str) -> str:
    """Return the polyglossia name of *code*, or raise a clear error."""
    try:
        return POLYGLOSSIA[code]
    except KeyError:
        known = ", ".join(sorted(POLYGLOSSIA))
        msg = f"unknown language {code!r}: the edition knows {known}"
        raise ValueError(msg) from None

#: BCP 47 code -> the language's name in itself, for language choosers.
NATIVE_NAMES = {"en": "English", "lv": "Latviešu", "ru": "Русский"}

#: BCP 47 code -> an invitation to read the edition, in that language.
INVITATIONS = {
    "en": "Read the edition in English",
    "lv": "Lasīt izdevumu latviski",
    "ru": "Читать издание по-русски",
}

#: Alphabetical order where it differs from the code points (Latvian: ā after a, č after c...).
ALPHABETS = {
    "lv": "aābcčdeēfgģhiījkķlļmnņoprsštuūvzž",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
}


def collation_key(text: str, language: str) -> tuple[int, ...]:
    """Sort *text* in the order of *language*'s alphabet; other characters after it."""
    import unicodedata

    text = unicodedata.normalize("NFC", text.casefold())
    alphabet = ALPHABETS.get(language)
    if alphabet is None:  # English: letters without their accents
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
        return tuple(ord(c) for c in text)
    return tuple(alphabet.index(c) if c in alphabet else 1000 + ord(c) for c in text)
