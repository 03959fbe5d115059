"""What every encoder offers: a name, a dimension, a "related" cut, and ``encode``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Spec:
    """What matching needs to know of an encoder, known without loading it."""

    name: str
    dim: int
    #: Cosine at or above which two phrases count as related (tuned on the held-out set
    #: in tests/fixtures/interests: see bench/semantic_quality.py).
    related_at: float
    #: True for a model that matches by meaning, False for the lexical fallback.
    semantic: bool


#: The default model, as stored next to its vectors.
MODEL = Spec("minilm-l6-int8", 384, 0.40, True)
MODEL_NAME = MODEL.name


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
