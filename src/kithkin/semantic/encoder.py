"""What every encoder offers: a name, a dimension, a "related" cut, and ``encode``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np


#: The default model's name, as stored next to its vectors (known without loading it).
MODEL_NAME = "minilm-l6-int8"


class Encoder(Protocol):
    """Turns phrases into L2-normalised float32 vectors (one row per phrase)."""

    #: Stored next to each vector, so vectors of different encoders never mix.
    name: str
    dim: int
    #: Cosine at or above which two phrases count as related (tuned on the held-out set).
    related_at: float
    #: True for a model that matches by meaning, False for the lexical fallback.
    semantic: bool

    def encode(self, texts: list[str]) -> np.ndarray: ...


class ModelUnavailable(Exception):
    """The sentence model cannot be used; the message says why, in plain words."""
