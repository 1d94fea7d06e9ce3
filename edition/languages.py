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
