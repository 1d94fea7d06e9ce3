"""Sphinx extensions of *The Anti-Party Group, 1957*.

One module per feature; each is listed in ``conf.py`` under ``extensions``:

``edition.texts``
    the ``edited-text`` directive: a witness's text, with its siglum and language.
``edition.theme``
    the HTML theme and the page context it needs (downloads, version, languages).
"""

__version__ = "1.0.0"
