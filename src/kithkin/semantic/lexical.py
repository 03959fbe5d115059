"""The fallback encoder: phrases as hashed bags of word stems and character trigrams.

It matches "sustainable packaging" with "packaging design" (a shared word) and
"watercolour" with "watercolor" (shared trigrams), but not "rock climbing" with
"bouldering": that takes a model. Pure Python plus numpy, no data to load.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

import numpy as np

from kithkin.semantic.encoder import Spec

#: Width of the hashed feature space.
DIM = 1024
#: Weight of a whole-word (stem) feature against one character trigram.
WORD_WEIGHT = 3.0
_WORD = re.compile(r"\w+", re.UNICODE)
_SUFFIXES = ("ings", "ing", "ers", "er", "ies", "es", "s", "ed", "al")
STOP_WORDS = frozenset(
    {
        *("a", "an", "and", "the", "of", "for", "in", "on", "to", "with", "about", "at"),
        *("by", "from", "or", "my", "your", "their", "our", "its"),
    }
)


def stem(word: str) -> str:
    """A crude English stem: enough to meet "painting" with "paint"."""
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def features(text: str) -> list[tuple[str, float]]:
    """(feature, weight) pairs of a phrase: its word stems and their trigrams."""
    words = [w for w in _WORD.findall(text.casefold()) if w not in STOP_WORDS]
    out: list[tuple[str, float]] = []
    for w in words:
        s = stem(w)
        out.append(("w:" + s, WORD_WEIGHT))
        padded = f"<{s}>"
        out.extend(("t:" + padded[i : i + 3], 1.0) for i in range(len(padded) - 2))
    return out


@lru_cache(maxsize=65536)
def _slot(feature: str) -> int:
    return zlib.crc32(feature.encode()) % DIM


#: The fallback, as matching sees it.
LEXICAL = Spec("lexical-1", DIM, 0.32, False)


class LexicalEncoder:
    """Hashed stems and trigrams, L2-normalised."""

    name = LEXICAL.name
    dim = LEXICAL.dim
    related_at = LEXICAL.related_at
    semantic = False

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit vector per text (all zeros for a text with no words)."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature, weight in features(text):
                out[row, _slot(feature)] += weight
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out
