"""Vietnamese text turned into what indicator matching compares.

:meth:`Forms.form` guarantees of its output:

1. NFC, one tone placement (as :func:`policyparse.normalize.normalize_text`), lower case;
2. every catalogue synonym replaced by its canonical form, whole syllables only,
   longest phrase first (``bhxh`` → ``bảo hiểm xã hội``, ``tỉ lệ`` → ``tỷ lệ``);
3. punctuation other than digit separators turned into single spaces, with one
   space at each end, so that `` term `` containment means whole syllables.

:meth:`Forms.terms` then segments that form into words with underthesea (imported
here, lazily) and drops stop words; the catalogue's ``fixed_words`` stay whole.
"""

from __future__ import annotations

import re

from policyparse.compare.catalogue import Catalogue
from policyparse.normalize import normalize_text

# Punctuation between words; a dot or comma inside a number (10.000, 2,45) is kept.
_PUNCTUATION = re.compile(
    r"""
    (?<!\d)[.,](?!\d)      # a dot or comma that is not a digit separator
    | (?<=\d)[.,](?!\d)    # ... or ends a number
    | [;:()\[\]"“”'‘’/–—\-+*•?!]  # other punctuation
    """,
    re.VERBOSE,
)
_SPACES = re.compile(r"\s+")


class Forms:
    """Match forms and terms under one catalogue, each computed once."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._synonyms = {key.lower(): value.lower() for key, value in catalogue.synonyms.items()}
        alternatives = "|".join(
            re.escape(key) for key in sorted(self._synonyms, key=lambda k: (-len(k), k))
        )
        self._synonym_pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        self._stop = frozenset(w.lower() for w in catalogue.stop_words)
        self._fixed = [w.lower() for w in catalogue.fixed_words]
        self._forms: dict[str, str] = {}
        self._terms: dict[str, tuple[str, ...]] = {}

    def form(self, text: str) -> str:
        """``text`` as matching sees it (guarantees in the module docstring).

        >>> from policyparse.compare.catalogue import load_catalogue
        >>> Forms(load_catalogue()).form("Tỉ lệ tham gia BHXH (tự nguyện).")
        ' tỷ lệ tham gia bảo hiểm xã hội tự nguyện '
        """
        cached = self._forms.get(text)
        if cached is None:
            lowered = normalize_text(text).lower()
            replaced = self._synonym_pattern.sub(lambda m: self._synonyms[m.group(0)], lowered)
            spaced = _PUNCTUATION.sub(" ", replaced)
            cached = self._forms[text] = f" {_SPACES.sub(' ', spaced).strip()} "
        return cached

    def terms(self, text: str) -> tuple[str, ...]:
        """The content words of ``text``: segmented, lower case, stop words dropped, in order."""
        form = self.form(text)
        cached = self._terms.get(form)
        if cached is None:
            cached = self._terms[form] = self._segment(form)
        return cached

    def _segment(self, form: str) -> tuple[str, ...]:
        from underthesea import word_tokenize

        stripped = form.strip()
        if not stripped:
            return ()
        words: list[str] = word_tokenize(
            stripped, use_token_normalize=False, fixed_words=self._fixed
        )
        cleaned = (word.lower().strip() for word in words)
        return tuple(w for w in cleaned if w and w not in self._stop and _is_word(w))


def contains(form: str, phrase: str) -> bool:
    """Whether the match form ``form`` holds ``phrase`` as whole syllables."""
    return f" {phrase.strip().lower()} " in form


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)
